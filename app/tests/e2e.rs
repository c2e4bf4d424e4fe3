//! The product's main flow, driven over HTTP against the real binary, once
//! per store: signup → login → create server → invite → a second user
//! joins → messages → logout kills both tokens → refresh reuse revokes the
//! session.

mod common;

use common::{token, Store, TestServer};
use serde_json::json;

async fn main_flow(store: Store) {
    let app = TestServer::start(store).await;
    let (status, health) = app.call("GET", "/healthz", None, None).await;
    assert_eq!((status, health["status"].as_str()), (200, Some("ok")));
    // Health checkers often ask with HEAD: the same answer, no body.
    let (status, body) = app.call("HEAD", "/healthz", None, None).await;
    assert_eq!((status, body), (200, serde_json::Value::Null));

    let alice = app.signup("alice").await;
    assert_eq!(alice["user"]["username"], "alice");
    let login = app.login("ALICE").await;
    let a = token(&login);

    let (status, server) = app
        .call("POST", "/servers", Some(&a), Some(json!({"name": "Rust"})))
        .await;
    assert_eq!(status, 201, "{server}");
    assert_eq!(server["my_role"], "owner");
    let server_id = server["id"].as_str().unwrap().to_owned();
    let (_, details) = app
        .call("GET", &format!("/servers/{server_id}"), Some(&a), None)
        .await;
    let general = details["channels"][0]["id"].as_str().unwrap().to_owned();

    let (status, invite) = app
        .call(
            "POST",
            &format!("/servers/{server_id}/invites"),
            Some(&a),
            Some(json!({"max_uses": 5})),
        )
        .await;
    assert_eq!(status, 201, "{invite}");
    let code = invite["code"].as_str().unwrap();

    let bob = app.signup("bob").await;
    let b = token(&bob);
    let (status, _) = app
        .call("GET", &format!("/servers/{server_id}"), Some(&b), None)
        .await;
    assert_eq!(status, 404, "non-members learn nothing");
    let (status, preview) = app
        .call("GET", &format!("/invites/{code}"), Some(&b), None)
        .await;
    assert_eq!(
        (status, preview["server"]["name"].as_str()),
        (200, Some("Rust"))
    );
    let (status, joined) = app
        .call("POST", &format!("/invites/{code}/join"), Some(&b), None)
        .await;
    assert_eq!(
        (status, joined["my_role"].as_str()),
        (200, Some("member")),
        "{joined}"
    );

    let path = format!("/channels/{general}/messages");
    let body = json!({"content": "  hi @alice 🎉 ", "nonce": "n1"});
    let (status, sent) = app.call("POST", &path, Some(&b), Some(body.clone())).await;
    assert_eq!(status, 201, "{sent}");
    assert_eq!(sent["content"], "hi @alice 🎉");
    assert_eq!(sent["mentions"], json!([alice["user"]["id"]]));
    let (status, again) = app.call("POST", &path, Some(&b), Some(body)).await;
    assert_eq!((status, &again["id"]), (200, &sent["id"]));
    app.call("POST", &path, Some(&a), Some(json!({"content": "welcome"})))
        .await;
    let (status, history) = app
        .call("GET", &format!("{path}?limit=50"), Some(&a), None)
        .await;
    assert_eq!(status, 200);
    let contents: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["content"].as_str().unwrap())
        .collect();
    assert_eq!(contents, vec!["hi @alice 🎉", "welcome"]);

    let (status, members) = app
        .call(
            "GET",
            &format!("/servers/{server_id}/members"),
            Some(&a),
            None,
        )
        .await;
    assert_eq!((status, members.as_array().map(Vec::len)), (200, Some(2)));

    let (status, _) = app.call("POST", "/auth/logout", Some(&b), None).await;
    assert_eq!(status, 204);
    let (status, err) = app.call("GET", "/me", Some(&b), None).await;
    assert_eq!(
        (status, err["error"]["code"].as_str()),
        (401, Some("unauthenticated"))
    );
    let refresh = json!({"refresh_token": bob["refresh_token"]});
    let (status, _) = app.call("POST", "/auth/refresh", None, Some(refresh)).await;
    assert_eq!(status, 401, "logout kills the refresh token too");

    let first = json!({"refresh_token": login["refresh_token"]});
    let (status, rotated) = app
        .call("POST", "/auth/refresh", None, Some(first.clone()))
        .await;
    assert_eq!(status, 200, "{rotated}");
    let (status, _) = app.call("POST", "/auth/refresh", None, Some(first)).await;
    assert_eq!(status, 401, "a spent refresh token is refused");
    let (status, _) = app.call("GET", "/me", Some(&token(&rotated)), None).await;
    assert_eq!(status, 401, "and its whole session is revoked");
    let (status, _) = app.call("GET", "/me", Some(&token(&alice)), None).await;
    assert_eq!(status, 200, "the sign-up session lives on");
}

#[tokio::test]
async fn main_flow_on_memory() {
    main_flow(Store::Memory).await;
}

#[tokio::test]
async fn main_flow_on_sqlite() {
    main_flow(Store::Sqlite).await;
}

#[tokio::test]
async fn main_flow_on_postgres() {
    main_flow(Store::Postgres).await;
}

#[tokio::test]
async fn main_flow_on_mongo() {
    main_flow(Store::Mongo).await;
}

#[tokio::test]
async fn errors_leave_in_the_envelope() {
    let app = TestServer::start(Store::Memory).await;
    let (status, body) = app.call("GET", "/no/such/path", None, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
    let res = app
        .http
        .delete(app.url("/auth/signup"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 405);
    assert_eq!(
        res.headers()["allow"],
        "POST",
        "RFC 9110: 405 lists the methods"
    );
    let (status, body) = app.call("PATCH", "/servers", None, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (405, Some("method_not_allowed"))
    );
    let (status, body) = app.call("GET", "/me", None, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("unauthenticated"))
    );
    let res = app
        .http
        .post(app.url("/auth/signup"))
        .header("content-type", "application/json")
        .body("{nope")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let big = "x".repeat(1 << 21);
    let res = app
        .http
        .post(app.url("/auth/signup"))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 413);
    // The body was left unread: the server closes this connection and says
    // so, so the client opens a new one for the next request.
    assert_eq!(
        res.headers().get("connection").map(|v| v.as_bytes()),
        Some(&b"close"[..])
    );
    let (status, body) = app
        .call(
            "POST",
            "/auth/signup",
            None,
            Some(json!({"username": "x", "password": "correct horse battery"})),
        )
        .await;
    assert_eq!(
        (status, body["error"]["details"]["field"].as_str()),
        (422, Some("username"))
    );
}

#[tokio::test]
async fn serves_its_openapi_document() {
    let app = TestServer::start(Store::Memory).await;
    let (status, doc) = app.call("GET", "/openapi.json", None, None).await;
    assert_eq!(status, 200);
    assert!(doc["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.1")));
    assert!(doc["paths"]["/channels/{id}/messages"].is_object());
}

#[tokio::test]
async fn sigterm_shuts_down_cleanly() {
    let mut app = TestServer::start(Store::Sqlite).await;
    app.signup("alice").await;
    let status = app.terminate();
    assert!(status.success(), "exit status {status:?}");
}

#[tokio::test]
async fn pages_of_this_server_pass_whatever_origins_are_listed() {
    let data_dir = tempfile::tempdir().unwrap();
    let args = [
        "--storage",
        "memory",
        "--allowed-origins",
        "https://app.example",
    ];
    let app = TestServer::start_with(data_dir, args.map(String::from).to_vec());
    let own = app.url("");
    let signup = |origin: &str, name: &str| {
        app.http
            .post(app.url("/auth/signup"))
            .header("origin", origin)
            .json(&json!({"username": name, "password": "correct horse battery"}))
            .send()
    };
    // The web app served here sends its own origin (Host is this server).
    assert_eq!(signup(&own, "from_here").await.unwrap().status(), 201);
    let listed = signup("https://app.example", "from_app").await.unwrap();
    assert_eq!(listed.status(), 201);
    assert_eq!(
        listed.headers()["access-control-allow-origin"],
        "https://app.example"
    );
    let foreign = signup("https://evil.example", "from_evil").await.unwrap();
    assert_eq!(foreign.status(), 403);
}

/// The operations the schema fuzzer leaves out because they end its own
/// session (scripts/lib/schemathesis.sh): held to the document here.
#[tokio::test]
async fn session_ending_operations_keep_to_the_document() {
    let app = TestServer::start(Store::Sqlite).await;
    let alice = app.signup("alice").await;
    let access = token(&alice);
    // Wrong shapes are 400 and change nothing.
    for body in [
        json!({"refresh_token": null}),
        json!({"refresh_token": 5}),
        json!([]),
    ] {
        let (status, answer) = app.call("POST", "/auth/refresh", None, Some(body)).await;
        assert_eq!(status, 400, "{answer}");
    }
    let (status, _) = app
        .call("POST", "/auth/logout", Some(&access), Some(json!(["x"])))
        .await;
    assert_eq!(status, 400);
    let (status, _) = app.call("GET", "/me", Some(&access), None).await;
    assert_eq!(status, 200, "a refused logout leaves the session alone");
    // Refresh: a new pair in the login shape; unknown fields are ignored.
    let body = json!({"refresh_token": alice["refresh_token"], "extra": null});
    let (status, pair) = app.call("POST", "/auth/refresh", None, Some(body)).await;
    assert_eq!(status, 200, "{pair}");
    assert!(pair["access_token"].is_string() && pair["user"]["id"].is_string());
    // Logout takes `{}` as well as no body.
    let access = token(&pair);
    let (status, _) = app
        .call("POST", "/auth/logout", Some(&access), Some(json!({})))
        .await;
    assert_eq!(status, 204);
    let (status, _) = app.call("GET", "/me", Some(&access), None).await;
    assert_eq!(status, 401);
    // Deleting the account ends every session and frees nothing to log in with.
    let bob = app.signup("bob").await;
    let bob_access = token(&bob);
    let (status, _) = app
        .call(
            "DELETE",
            "/me",
            Some(&bob_access),
            Some(json!({"password": "correct horse battery"})),
        )
        .await;
    assert_eq!(status, 204);
    let (status, _) = app.call("GET", "/me", Some(&bob_access), None).await;
    assert_eq!(status, 401);
    let login = json!({"username": "bob", "password": "correct horse battery"});
    let (status, _) = app.call("POST", "/auth/login", None, Some(login)).await;
    assert_eq!(status, 401);
}
