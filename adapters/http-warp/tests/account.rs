//! Account security over HTTP: every route and every error of two-factor
//! sign-in, password change and the sessions list.

mod common;

use chat_core::account::{base32_decode, totp_step};
use chat_http::HttpConfig;
use common::{nobody, Answer, TestApp, TestUser, PASSWORD};
use serde_json::{json, Value};

/// The code an authenticator shows now (`steps` away) for `secret`.
fn totp(app: &TestApp, secret: &str, steps: i64) -> String {
    let step = totp_step(app.chat.deps().clock.now()) + steps;
    let key = base32_decode(secret).unwrap();
    format!("{:06}", chat_auth::hotp(&key, step as u64))
}

/// Turns two-factor sign-in on for `user`: the secret and recovery codes.
async fn enable(app: &TestApp, user: &TestUser) -> (String, Vec<String>) {
    let setup = app
        .post("/me/mfa/totp/setup", user, json!({"password": PASSWORD}))
        .await;
    setup.expect(200, "");
    let secret = setup.body["secret"].as_str().unwrap().to_owned();
    let code = totp(app, &secret, 0);
    let a = app
        .post("/me/mfa/totp/enable", user, json!({"code": code}))
        .await;
    a.expect(200, "");
    let codes = a.body["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    // Later codes come from later steps (this one is spent).
    app.advance(std::time::Duration::from_secs(30));
    (secret, codes)
}

async fn login(app: &TestApp, username: &str, password: &str) -> Answer {
    let body = json!({"username": username, "password": password});
    app.call("POST", "/auth/login", None, Some(body)).await
}

async fn ticket(app: &TestApp, username: &str) -> String {
    let a = login(app, username, PASSWORD).await;
    a.expect(200, "");
    assert_eq!(a.body["mfa_required"], json!(true), "{}", a.body);
    assert!(a.body.get("access_token").is_none(), "no tokens yet");
    a.body["ticket"].as_str().unwrap().to_owned()
}

async fn mfa(app: &TestApp, body: Value) -> Answer {
    app.call("POST", "/auth/mfa", None, Some(body)).await
}

#[tokio::test]
async fn setup_answers_a_secret_and_uri_and_refuses_a_wrong_password_with_422() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let a = app
        .post(
            "/me/mfa/totp/setup",
            &alice,
            json!({"password": "wrong password"}),
        )
        .await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "password");
    let a = app.post("/me/mfa/totp/setup", &alice, json!({})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "password");
    let a = app
        .post("/me/mfa/totp/setup", &alice, json!({"password": PASSWORD}))
        .await;
    a.expect(200, "");
    let secret = a.body["secret"].as_str().unwrap();
    assert_eq!(base32_decode(secret).unwrap().len(), 20);
    let uri = a.body["otpauth_uri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/"), "{uri}");
    assert!(uri.contains(&format!("secret={secret}")), "{uri}");
    // Not confirmed: login is as before.
    login(&app, "alice", PASSWORD).await.expect(200, "");
    let a = app
        .call(
            "POST",
            "/me/mfa/totp/setup",
            None,
            Some(json!({"password": PASSWORD})),
        )
        .await;
    a.expect(401, "unauthenticated");
}

#[tokio::test]
async fn enable_refuses_a_wrong_code_with_422_on_code() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let off = app.get("/me/mfa", &alice).await;
    assert_eq!(
        off.body,
        json!({"enabled": false, "recovery_codes_left": 0})
    );
    let a = app
        .post("/me/mfa/totp/enable", &alice, json!({"code": "123456"}))
        .await;
    a.expect(409, "conflict");
    let setup = app
        .post("/me/mfa/totp/setup", &alice, json!({"password": PASSWORD}))
        .await;
    let secret = setup.body["secret"].as_str().unwrap().to_owned();
    let wrong = totp(&app, &secret, 7);
    let a = app
        .post("/me/mfa/totp/enable", &alice, json!({"code": wrong}))
        .await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "code");
    let a = app.post("/me/mfa/totp/enable", &alice, json!({})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "code");
    let a = app
        .post(
            "/me/mfa/totp/enable",
            &alice,
            json!({"code": totp(&app, &secret, 0)}),
        )
        .await;
    a.expect(200, "");
    assert_eq!(a.body["recovery_codes"].as_array().unwrap().len(), 10);
    // The session that enabled it lives on.
    app.get("/me", &alice).await.expect(200, "");
}

#[tokio::test]
async fn login_with_mfa_takes_a_ticket_and_a_code() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let (secret, _) = enable(&app, &alice).await;
    let t = ticket(&app, "alice").await;
    let wrong = mfa(&app, json!({"ticket": t, "code": totp(&app, &secret, 5)})).await;
    wrong.expect(401, "invalid_code");
    assert_eq!(
        wrong.body["error"]["details"]["ticket_expired"],
        json!(false)
    );
    let code = totp(&app, &secret, 0);
    let a = mfa(&app, json!({"ticket": t, "code": code})).await;
    a.expect(200, "");
    assert_eq!(a.body["user"]["username"], json!("alice"));
    let token = a.body["access_token"].as_str().unwrap().to_owned();
    let r = app.call("GET", "/me", Some(&token), None).await;
    r.expect(200, "");
    // Replayed within its window: refused, even with a fresh ticket.
    let t2 = ticket(&app, "alice").await;
    mfa(&app, json!({"ticket": t2, "code": code}))
        .await
        .expect(401, "invalid_code");
    // The used ticket is gone.
    let a = mfa(&app, json!({"ticket": t, "code": totp(&app, &secret, 1)})).await;
    a.expect(401, "invalid_code");
    assert_eq!(a.body["error"]["details"]["ticket_expired"], json!(true));
}

#[tokio::test]
async fn the_second_step_refuses_bad_bodies() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    enable(&app, &alice).await;
    let t = ticket(&app, "alice").await;
    let a = mfa(&app, json!({"ticket": t})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "code");
    let a = mfa(
        &app,
        json!({"ticket": t, "code": "1", "recovery_code": "2"}),
    )
    .await;
    a.expect(422, "validation_failed");
    mfa(&app, json!({"code": "123456"}))
        .await
        .expect(400, "bad_request");
    mfa(&app, json!({"ticket": "made-up", "code": "123456"}))
        .await
        .expect(401, "invalid_code");
    let a = app.call("GET", "/auth/mfa", None, None).await;
    a.expect(405, "method_not_allowed");
}

#[tokio::test]
async fn a_ticket_dies_after_five_wrong_codes_and_after_five_minutes() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let (secret, _) = enable(&app, &alice).await;
    let t = ticket(&app, "alice").await;
    for _ in 0..5 {
        mfa(&app, json!({"ticket": t, "code": "000000"}))
            .await
            .expect(401, "invalid_code");
    }
    let right = totp(&app, &secret, 0);
    mfa(&app, json!({"ticket": t, "code": right}))
        .await
        .expect(401, "invalid_code");
    let t = ticket(&app, "alice").await;
    app.advance(std::time::Duration::from_secs(5 * 60 + 1));
    let right = totp(&app, &secret, 0);
    mfa(&app, json!({"ticket": t, "code": right}))
        .await
        .expect(401, "invalid_code");
}

#[tokio::test]
async fn a_recovery_code_logs_in_once() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let (_, codes) = enable(&app, &alice).await;
    let status = app.get("/me/mfa", &alice).await;
    status.expect(200, "");
    assert_eq!(
        status.body,
        json!({"enabled": true, "recovery_codes_left": 10})
    );
    let t = ticket(&app, "alice").await;
    mfa(&app, json!({"ticket": t, "recovery_code": codes[0]}))
        .await
        .expect(200, "");
    let left = app.get("/me/mfa", &alice).await.body["recovery_codes_left"].clone();
    assert_eq!(left, json!(9));
    let t = ticket(&app, "alice").await;
    mfa(&app, json!({"ticket": t, "recovery_code": codes[0]}))
        .await
        .expect(401, "invalid_code");
}

#[tokio::test]
async fn login_throttling_covers_the_second_factor() {
    let app = TestApp::with_config(HttpConfig {
        rate_limits: true,
        ..HttpConfig::default()
    });
    let alice = app.signup("alice").await;
    enable(&app, &alice).await;
    let t = ticket(&app, "alice").await;
    for _ in 0..5 {
        mfa(&app, json!({"ticket": t, "code": "000000"}))
            .await
            .expect(401, "invalid_code");
    }
    // Alice's username has failed five times: both steps now wait.
    let t2_answer = login(&app, "alice", PASSWORD).await;
    t2_answer.expect(429, "rate_limited");
    assert!(t2_answer.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn disable_and_new_recovery_codes_need_the_password_and_a_code() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let (secret, old) = enable(&app, &alice).await;
    for path in ["/me/mfa/disable", "/me/mfa/recovery-codes"] {
        let code = totp(&app, &secret, 0);
        let a = app
            .post(
                path,
                &alice,
                json!({"password": "wrong password", "code": code}),
            )
            .await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), "password", "{path}");
        let a = app
            .post(
                path,
                &alice,
                json!({"password": PASSWORD, "code": "000000"}),
            )
            .await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), "code", "{path}");
        let a = app.post(path, &alice, json!({"password": PASSWORD})).await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), "code", "{path}");
    }
    let code = totp(&app, &secret, 0);
    let a = app
        .post(
            "/me/mfa/recovery-codes",
            &alice,
            json!({"password": PASSWORD, "code": code}),
        )
        .await;
    a.expect(200, "");
    let fresh: Vec<String> = a.body["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fresh.len(), 10);
    let a = app
        .post(
            "/me/mfa/disable",
            &alice,
            json!({"password": PASSWORD, "code": old[0]}),
        )
        .await;
    a.expect(422, "validation_failed");
    let a = app
        .post(
            "/me/mfa/disable",
            &alice,
            json!({"password": PASSWORD, "code": fresh[0]}),
        )
        .await;
    a.expect(204, "");
    login(&app, "alice", PASSWORD).await.expect(200, "");
    let a = app
        .post(
            "/me/mfa/disable",
            &alice,
            json!({"password": PASSWORD, "code": fresh[1]}),
        )
        .await;
    a.expect(409, "conflict");
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_only() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let other = app.login("alice").await;
    let a = app
        .put(
            "/me/password",
            &alice,
            json!({"current_password": "wrong password", "new_password": "a new password"}),
        )
        .await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "password");
    let a = app
        .put(
            "/me/password",
            &alice,
            json!({"current_password": PASSWORD, "new_password": "short"}),
        )
        .await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "new_password");
    let a = app
        .put(
            "/me/password",
            &alice,
            json!({"current_password": PASSWORD}),
        )
        .await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "new_password");
    app.get("/me", &other).await.expect(200, "");
    let a = app
        .put(
            "/me/password",
            &alice,
            json!({"current_password": PASSWORD, "new_password": "a new password"}),
        )
        .await;
    a.expect(204, "");
    app.get("/me", &other).await.expect(401, "unauthenticated");
    app.get("/me", &alice).await.expect(200, "");
    login(&app, "alice", PASSWORD)
        .await
        .expect(401, "unauthenticated");
    login(&app, "alice", "a new password").await.expect(200, "");
}

#[tokio::test]
async fn sessions_are_listed_with_the_current_one_marked() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let req = warp::test::request()
        .method("POST")
        .path("/auth/login")
        .remote_addr("198.51.100.23:4000".parse().unwrap())
        .header("user-agent", "Mozilla/5.0 (iPhone) Mobile Safari")
        .header("content-type", "application/json")
        .body(json!({"username": "alice", "password": PASSWORD}).to_string());
    app.send(req).await.expect(200, "");
    let a = app.get("/me/sessions", &alice).await;
    a.expect(200, "");
    let list = a.body.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["current"], json!(true));
    assert_eq!(list[1]["current"], json!(false));
    for s in list {
        for key in ["id", "created_at", "last_used_at", "user_agent", "ip_hint"] {
            assert!(s.get(key).is_some(), "{key} in {s}");
        }
    }
    assert_eq!(
        list[1]["user_agent"],
        json!("Mozilla/5.0 (iPhone) Mobile Safari")
    );
    assert_eq!(list[1]["ip_hint"], json!("198.51.100.0/24"));
    assert_eq!(list[0]["ip_hint"], json!("10.1.2.0/24"));
    app.call("GET", "/me/sessions", None, None)
        .await
        .expect(401, "unauthenticated");
}

#[tokio::test]
async fn ending_a_session_stops_its_token_at_once() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let phone = app.login("alice").await;
    let bob = app.signup("bob").await;
    let sessions = app.get("/me/sessions", &alice).await.body.clone();
    let phone_id = sessions[1]["id"].as_str().unwrap().to_owned();
    let path = format!("/me/sessions/{phone_id}");
    app.delete(&path, &bob).await.expect(404, "not_found");
    let unknown = format!("/me/sessions/{}", nobody());
    app.delete(&unknown, &alice).await.expect(404, "not_found");
    app.delete("/me/sessions/not-an-id", &alice)
        .await
        .expect(404, "not_found");
    app.get("/me", &phone).await.expect(200, "");
    app.delete(&path, &alice).await.expect(204, "");
    app.get("/me", &phone).await.expect(401, "unauthenticated");
    let body = json!({"refresh_token": phone.refresh_token});
    app.call("POST", "/auth/refresh", None, Some(body))
        .await
        .expect(401, "unauthenticated");
    app.delete(&path, &alice).await.expect(404, "not_found");
    assert_eq!(
        app.get("/me/sessions", &alice)
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn ending_all_other_sessions_keeps_the_current_one() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let b = app.login("alice").await;
    let c = app.login("alice").await;
    let bob = app.signup("bob").await;
    app.delete("/me/sessions", &alice).await.expect(204, "");
    app.get("/me", &b).await.expect(401, "unauthenticated");
    app.get("/me", &c).await.expect(401, "unauthenticated");
    app.get("/me", &alice).await.expect(200, "");
    app.get("/me", &bob).await.expect(200, "");
    let list = app.get("/me/sessions", &alice).await;
    assert_eq!(list.body.as_array().unwrap().len(), 1);
    app.call("PUT", "/me/sessions", Some(&alice.token), None)
        .await
        .expect(405, "method_not_allowed");
}
