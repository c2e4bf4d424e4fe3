//! Paths, methods and bodies: 404 for unknown paths, 405 for a known path
//! with another method, 400/413 for bad bodies, all in the envelope, on
//! the API alone and on the filter composed as the binary composes it.

mod common;

use common::{nobody, TestApp};
use serde_json::json;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

#[tokio::test]
async fn an_unknown_path_is_404_whatever_the_method() {
    let app = TestApp::new();
    for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
        for path in ["/nope", "/servers/x/y/z/w", "/auth", "/me/too", "/channels"] {
            app.call(method, path, None, None)
                .await
                .expect(404, "not_found");
        }
    }
}

#[tokio::test]
async fn a_known_path_with_another_method_is_405() {
    let app = TestApp::new();
    let cases = [
        ("GET", "/auth/login"),
        ("PUT", "/me"),
        ("PATCH", "/servers"),
        ("POST", "/servers/0190a000-0000-7000-8000-000000000000"),
        ("GET", "/invites/abcdefgh/join"),
        ("POST", "/channels/x/y"),
        ("PUT", "/messages/abc"),
        ("POST", "/healthz"),
    ];
    for (method, path) in cases {
        let a = app.call(method, path, None, None).await;
        if path == "/channels/x/y" {
            a.expect(404, "not_found");
        } else {
            a.expect(405, "method_not_allowed");
        }
    }
}

#[tokio::test]
async fn a_path_id_that_is_not_a_uuid_is_404() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    for path in [
        "/servers/nope",
        "/server/nope",
        "/channels/nope",
        "/channels/nope/messages",
        "/invites/!!",
    ] {
        app.get(path, &alice).await.expect(404, "not_found");
    }
    app.delete("/messages/nope", &alice)
        .await
        .expect(404, "not_found");
}

#[tokio::test]
async fn the_token_is_checked_before_the_body() {
    let app = TestApp::new();
    let req = warp::test::request()
        .method("POST")
        .path("/servers")
        .body("not json");
    app.send(req).await.expect(401, "unauthenticated");
}

#[tokio::test]
async fn a_body_that_is_not_json_or_has_the_wrong_shape_is_400() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let auth = format!("Bearer {}", alice.token);
    let bodies = [
        ("application/json", "{not json"),
        ("application/json", "{\"name\": 42}"),
        ("application/json", "[]"),
        ("application/json", ""),
        ("application/x-www-form-urlencoded", "name=x"),
    ];
    for (ctype, body) in bodies {
        let req = warp::test::request()
            .method("POST")
            .path("/servers")
            .header("authorization", &auth)
            .header("content-type", ctype)
            .body(body);
        app.send(req).await.expect(400, "bad_request");
    }
}

#[tokio::test]
async fn json_is_understood_whatever_the_declared_content_type() {
    // `curl -d` declares form encoding; the JSON inside is still read.
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let req = warp::test::request()
        .method("POST")
        .path("/servers")
        .header("authorization", format!("Bearer {}", alice.token))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("{\"name\": \"x\"}");
    app.send(req).await.expect(201, "");
}

#[tokio::test]
async fn a_body_over_one_mebibyte_is_413() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let big = json!({"name": "x".repeat(1 << 20)}).to_string();
    let req = warp::test::request()
        .method("POST")
        .path("/servers")
        .header("authorization", format!("Bearer {}", alice.token))
        .header("content-type", "application/json")
        .body(big);
    app.send(req).await.expect(413, "payload_too_large");
    let req = warp::test::request()
        .method("POST")
        .path("/auth/signup")
        .header("content-type", "application/json")
        .body(vec![b' '; (1 << 20) + 1]);
    app.send(req).await.expect(413, "payload_too_large");
}

#[tokio::test]
async fn a_body_just_under_the_limit_is_read() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let mut body = json!({"name": "ok"}).to_string();
    body.push_str(&" ".repeat((1 << 20) - body.len()));
    let req = warp::test::request()
        .method("POST")
        .path("/servers")
        .header("authorization", format!("Bearer {}", alice.token))
        .header("content-type", "application/json")
        .body(body);
    app.send(req).await.expect(201, "");
}

#[tokio::test]
async fn healthz_answers_ok() {
    let app = TestApp::new();
    let a = app.call("GET", "/healthz", None, None).await;
    a.expect(200, "");
    assert_eq!(a.body, json!({"status": "ok"}));
}

/// The filter as the binary composes it, with a stand-in for the socket route.
fn composed(app: &TestApp, web_dir: &std::path::Path) -> BoxedFilter<(Box<dyn Reply>,)> {
    let ws = warp::path!("ws")
        .and(warp::get())
        .map(|| Box::new("socket") as Box<dyn Reply>);
    let api = chat_http::api(app.chat.clone(), chat_http::HttpConfig::default());
    let web = chat_http::web_app(web_dir.to_path_buf());
    let all = ws
        .or(api)
        .unify()
        .or(web)
        .unify()
        .recover(chat_http::handle_rejection)
        .unify()
        .with(chat_http::cors(&["http://localhost:8080".to_owned()]))
        .recover(chat_http::handle_rejection);
    chat_http::with_request_log(all)
}

#[tokio::test]
async fn the_composed_filter_keeps_404_and_405_apart() {
    let app = TestApp::new();
    let dir = tempfile::tempdir().unwrap();
    let filter = composed(&app, dir.path());
    let status = |method: &'static str, path: &'static str| {
        let filter = filter.clone();
        async move {
            let res = warp::test::request()
                .method(method)
                .path(path)
                .reply(&filter)
                .await;
            let body: serde_json::Value = serde_json::from_slice(res.body()).unwrap_or_default();
            (
                res.status().as_u16(),
                body["error"]["code"].as_str().unwrap_or("").to_owned(),
            )
        }
    };
    assert_eq!(status("GET", "/nope").await, (404, "not_found".into()));
    assert_eq!(status("POST", "/nope").await, (404, "not_found".into()));
    assert_eq!(status("DELETE", "/a/b/c").await, (404, "not_found".into()));
    assert_eq!(
        status("PUT", "/me").await,
        (405, "method_not_allowed".into())
    );
    assert_eq!(
        status("POST", "/ws").await,
        (405, "method_not_allowed".into())
    );
    assert_eq!(status("GET", "/me").await, (401, "unauthenticated".into()));
    assert_eq!(status("GET", "/healthz").await.0, 200);
    assert_eq!(status("GET", "/ws").await.0, 200);
}

#[tokio::test]
async fn the_composed_filter_answers_cors_and_refuses_other_origins_in_the_envelope() {
    let app = TestApp::new();
    let dir = tempfile::tempdir().unwrap();
    let filter = composed(&app, dir.path());
    let preflight = warp::test::request()
        .method("OPTIONS")
        .path("/servers")
        .header("origin", "http://localhost:8080")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .reply(&filter)
        .await;
    assert_eq!(preflight.status(), 200);
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "http://localhost:8080"
    );
    let allowed = warp::test::request()
        .path("/nope")
        .header("origin", "http://localhost:8080")
        .reply(&filter)
        .await;
    assert_eq!(allowed.status(), 404);
    assert!(allowed
        .headers()
        .contains_key("access-control-allow-origin"));
    let foreign = warp::test::request()
        .path("/healthz")
        .header("origin", "http://evil.example")
        .reply(&filter)
        .await;
    assert_eq!(foreign.status(), 403);
    let body: serde_json::Value = serde_json::from_slice(foreign.body()).unwrap();
    assert_eq!(body["error"]["code"], "forbidden");
}

#[tokio::test]
async fn errors_from_a_store_never_show_internals() {
    // A message id that is a UUID but names nothing: a plain 404, and the
    // envelope has exactly code and message.
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let a = app.delete(&format!("/messages/{}", nobody()), &alice).await;
    a.expect(404, "not_found");
    let keys: Vec<_> = a.body["error"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, vec!["code", "message"]);
}

#[tokio::test]
async fn the_request_log_also_wraps_a_filter_that_can_reject() {
    let app = TestApp::new();
    let api = chat_http::api(app.chat.clone(), chat_http::HttpConfig::default());
    let filter = chat_http::with_request_log(api);
    let res = warp::test::request()
        .path("/healthz")
        .header("x-request-id", "abc")
        .reply(&filter)
        .await;
    assert_eq!(res.status(), 200);
}
