//! `/auth/*`: sign-up, login, refresh rotation and reuse, logout, throttling.

mod common;

use std::time::Duration;

use chat_http::HttpConfig;
use common::{TestApp, PASSWORD};
use serde_json::json;

#[tokio::test]
async fn signup_answers_201_with_the_user_and_a_token_pair() {
    let app = TestApp::new();
    let body = json!({"username": "alice", "password": PASSWORD, "display_name": " Alice "});
    let a = app.call("POST", "/auth/signup", None, Some(body)).await;
    a.expect(201, "");
    assert_eq!(a.body["user"]["username"], "alice");
    assert_eq!(a.body["user"]["display_name"], "Alice");
    assert_eq!(a.body["user"]["bio"], "");
    assert_eq!(a.body["expires_in"], 900);
    assert!(a.body["access_token"].as_str().unwrap().len() > 20);
    assert!(a.body["refresh_token"].as_str().unwrap().len() >= 43);
    for key in ["id", "status", "created_at"] {
        assert!(a.body["user"][key].is_string(), "{key}");
    }
}

#[tokio::test]
async fn signup_refuses_a_taken_username_in_any_case() {
    let app = TestApp::new();
    app.signup("alice").await;
    let body = json!({"username": "ALICE", "password": PASSWORD});
    app.call("POST", "/auth/signup", None, Some(body))
        .await
        .expect(409, "username_taken");
}

#[tokio::test]
async fn signup_names_the_field_that_breaks_a_rule() {
    let app = TestApp::new();
    let cases = [
        (json!({"username": "a b", "password": PASSWORD}), "username"),
        (
            json!({"username": "alice", "password": "short"}),
            "password",
        ),
        (
            json!({"username": "alice", "password": PASSWORD, "display_name": " "}),
            "display_name",
        ),
    ];
    for (body, field) in cases {
        let a = app.call("POST", "/auth/signup", None, Some(body)).await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), field);
    }
}

#[tokio::test]
async fn signup_with_the_wrong_shape_is_a_bad_request() {
    let app = TestApp::new();
    for body in [
        json!({"username": "alice"}),
        json!({"username": 5, "password": PASSWORD}),
        json!([1]),
    ] {
        app.call("POST", "/auth/signup", None, Some(body))
            .await
            .expect(400, "bad_request");
    }
}

#[tokio::test]
async fn login_answers_the_same_shape_and_any_case_of_the_name() {
    let app = TestApp::new();
    app.signup("alice").await;
    let body = json!({"username": "Alice", "password": PASSWORD});
    let a = app.call("POST", "/auth/login", None, Some(body)).await;
    a.expect(200, "");
    assert_eq!(a.body["user"]["username"], "alice");
    assert!(a.body["access_token"].is_string() && a.body["refresh_token"].is_string());
}

#[tokio::test]
async fn wrong_credentials_are_401() {
    let app = TestApp::new();
    app.signup("alice").await;
    for (user, password) in [
        ("alice", "wrong password"),
        ("nobody", PASSWORD),
        ("x", "y"),
    ] {
        let body = json!({"username": user, "password": password});
        app.call("POST", "/auth/login", None, Some(body))
            .await
            .expect(401, "unauthenticated");
    }
}

#[tokio::test]
async fn a_missing_bad_or_expired_token_is_401() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    app.call("GET", "/me", None, None)
        .await
        .expect(401, "unauthenticated");
    app.call("GET", "/me", Some("garbage"), None)
        .await
        .expect(401, "unauthenticated");
    let basic = warp::test::request()
        .path("/me")
        .header("authorization", "Basic YWxpY2U6eA==");
    app.send(basic).await.expect(401, "unauthenticated");
    app.get("/me", &alice).await.expect(200, "");
    app.advance(Duration::from_secs(16 * 60));
    app.get("/me", &alice).await.expect(401, "unauthenticated");
}

#[tokio::test]
async fn refresh_rotates_and_a_spent_token_revokes_the_session() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let refresh = |t: &str| json!({"refresh_token": t});
    let first = app
        .call(
            "POST",
            "/auth/refresh",
            None,
            Some(refresh(&alice.refresh_token)),
        )
        .await;
    first.expect(200, "");
    assert_eq!(first.body["user"]["username"], "alice");
    let next_refresh = first.body["refresh_token"].as_str().unwrap().to_owned();
    let next_access = first.body["access_token"].as_str().unwrap().to_owned();
    assert_ne!(next_refresh, alice.refresh_token);

    // Replaying the spent token ends the whole session.
    app.call(
        "POST",
        "/auth/refresh",
        None,
        Some(refresh(&alice.refresh_token)),
    )
    .await
    .expect(401, "unauthenticated");
    app.call("POST", "/auth/refresh", None, Some(refresh(&next_refresh)))
        .await
        .expect(401, "unauthenticated");
    app.call("GET", "/me", Some(&next_access), None)
        .await
        .expect(401, "unauthenticated");
}

#[tokio::test]
async fn an_unknown_refresh_token_is_401() {
    let app = TestApp::new();
    app.call(
        "POST",
        "/auth/refresh",
        None,
        Some(json!({"refresh_token": "nope"})),
    )
    .await
    .expect(401, "unauthenticated");
}

#[tokio::test]
async fn logout_kills_the_sessions_access_and_refresh_tokens_only() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let other = app.login("alice").await;
    app.call("POST", "/auth/logout", Some(&alice.token), None)
        .await
        .expect(204, "");
    app.get("/me", &alice).await.expect(401, "unauthenticated");
    let body = json!({"refresh_token": alice.refresh_token});
    app.call("POST", "/auth/refresh", None, Some(body))
        .await
        .expect(401, "unauthenticated");
    app.get("/me", &other).await.expect(200, "");
}

#[tokio::test]
async fn logout_takes_an_empty_body_or_an_empty_object() {
    let app = TestApp::new();
    let a = app.signup("alice").await;
    let b = app.login("alice").await;
    app.post("/auth/logout", &a, json!({}))
        .await
        .expect(204, "");
    let empty = warp::test::request()
        .method("POST")
        .path("/auth/logout")
        .header("authorization", format!("Bearer {}", b.token))
        .header("content-type", "application/json")
        .header("content-length", "0");
    app.send(empty).await.expect(204, "");
    app.call("POST", "/auth/logout", None, None)
        .await
        .expect(401, "unauthenticated");
}

fn limited() -> TestApp {
    TestApp::with_config(HttpConfig {
        rate_limits: true,
        ..HttpConfig::default()
    })
}

#[tokio::test]
async fn repeated_failed_logins_for_a_username_are_refused_with_retry_after() {
    let app = limited();
    app.signup("alice").await;
    let wrong = json!({"username": "alice", "password": "wrong password"});
    for _ in 0..5 {
        app.call("POST", "/auth/login", None, Some(wrong.clone()))
            .await
            .expect(401, "unauthenticated");
    }
    let right = json!({"username": "ALICE", "password": PASSWORD});
    let a = app
        .call("POST", "/auth/login", None, Some(right.clone()))
        .await;
    a.expect(429, "rate_limited");
    let wait: u64 = a.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&wait), "{wait}");

    app.advance(Duration::from_secs(15 * 60));
    app.call("POST", "/auth/login", None, Some(right))
        .await
        .expect(200, "");
}

#[tokio::test]
async fn a_successful_login_resets_the_usernames_failures() {
    let app = limited();
    app.signup("alice").await;
    let wrong = json!({"username": "alice", "password": "wrong password"});
    for _ in 0..4 {
        app.call("POST", "/auth/login", None, Some(wrong.clone()))
            .await;
    }
    app.login("alice").await;
    for _ in 0..4 {
        app.call("POST", "/auth/login", None, Some(wrong.clone()))
            .await
            .expect(401, "unauthenticated");
    }
}

#[tokio::test]
async fn many_failures_from_one_address_are_refused() {
    let app = limited();
    for i in 0..20 {
        let body = json!({"username": format!("user{i}"), "password": "wrong password"});
        app.call("POST", "/auth/login", None, Some(body))
            .await
            .expect(401, "");
    }
    let body = json!({"username": "someone", "password": "wrong password"});
    app.call("POST", "/auth/login", None, Some(body))
        .await
        .expect(429, "rate_limited");
}

#[tokio::test]
async fn signups_from_one_address_are_limited() {
    // 30 sign-ups per address per hour (a household or office behind one
    // address still gets in; a script does not).
    let app = limited();
    for i in 0..30 {
        app.signup(&format!("user{i}")).await;
    }
    let body = json!({"username": "user30", "password": PASSWORD});
    let a = app.call("POST", "/auth/signup", None, Some(body)).await;
    a.expect(429, "rate_limited");
    assert!(a.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn with_rate_limits_off_nothing_is_throttled() {
    let app = TestApp::new();
    app.signup("alice").await;
    let wrong = json!({"username": "alice", "password": "wrong password"});
    for _ in 0..30 {
        app.call("POST", "/auth/login", None, Some(wrong.clone()))
            .await
            .expect(401, "unauthenticated");
    }
    app.login("alice").await;
    for i in 0..15 {
        app.signup(&format!("user{i}")).await;
    }
}

#[tokio::test]
async fn forwarded_for_is_used_only_when_trusted() {
    let app = TestApp::with_config(HttpConfig {
        rate_limits: true,
        trust_forwarded_for: true,
        ..HttpConfig::default()
    });
    let signup = |name: String, ip: &str| {
        warp::test::request()
            .method("POST")
            .path("/auth/signup")
            .header("x-forwarded-for", ip)
            .json(&json!({"username": name, "password": PASSWORD}))
    };
    for i in 0..30 {
        app.send(signup(format!("aaa{i}"), "192.0.2.1"))
            .await
            .expect(201, "");
    }
    app.send(signup("aaa30".into(), "192.0.2.1"))
        .await
        .expect(429, "rate_limited");
    app.send(signup("bbb0".into(), "192.0.2.2"))
        .await
        .expect(201, "");
}

#[tokio::test]
async fn token_answers_are_never_cached() {
    let app = TestApp::new();
    let body = json!({"username": "alice", "password": PASSWORD});
    let signup = app
        .call("POST", "/auth/signup", None, Some(body.clone()))
        .await;
    signup.expect(201, "");
    assert_eq!(signup.headers["cache-control"], "no-store");
    let login = app.call("POST", "/auth/login", None, Some(body)).await;
    assert_eq!(login.headers["cache-control"], "no-store");
    let refresh_token = login.body["refresh_token"].as_str().unwrap();
    let refresh = app
        .call(
            "POST",
            "/auth/refresh",
            None,
            Some(json!({"refresh_token": refresh_token})),
        )
        .await;
    refresh.expect(200, "");
    assert_eq!(refresh.headers["cache-control"], "no-store");
}

#[tokio::test]
async fn a_login_password_over_1_kib_is_refused_without_hashing() {
    let app = limited();
    let body = json!({"username": "alice", "password": "x".repeat(1025)});
    let a = app.call("POST", "/auth/login", None, Some(body)).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "password");
}
