//! `chat-server admin reset-password | disable-user | enable-user`, run as
//! the real binary against the store of a real running server (SQLite,
//! PostgreSQL, MongoDB): sessions end, the live socket closes with 4003
//! (the server's session check, every second here), a disabled user's
//! login answers 403 `account_disabled`.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use common::{store_args, token, Store, TestServer};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

const PASSWORD: &str = "correct horse battery";

fn admin(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chat-server"))
        .arg("admin")
        .args(args)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chat-server runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A server on `store` checking sessions every second, and the store URL
/// the operator commands take.
async fn server_on(store: Store) -> (TestServer, String) {
    let data_dir = tempfile::tempdir().unwrap();
    let mut args = store_args(store, &data_dir).await;
    let url = match store {
        Store::Sqlite => format!("sqlite:{}", args[3]),
        _ => args[3].clone(),
    };
    args.extend(["--rate-limits", "off", "--session-recheck-seconds", "1"].map(String::from));
    (TestServer::start_with(data_dir, args), url)
}

async fn login(app: &TestServer, name: &str, password: &str) -> (u16, Value) {
    let body = json!({"username": name, "password": password});
    app.call("POST", "/auth/login", None, Some(body)).await
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn identified(app: &TestServer, access: &str) -> Socket {
    let (mut ws, _) = tokio_tungstenite::connect_async(app.ws_url())
        .await
        .unwrap();
    let identify = json!({"type": "identify", "data": {"token": access}});
    ws.send(Message::text(identify.to_string())).await.unwrap();
    loop {
        let frame = next(&mut ws).await;
        if let Message::Text(t) = frame {
            let v: Value = serde_json::from_str(t.as_str()).unwrap();
            if v["type"] == "ready" {
                return ws;
            }
            assert_ne!(v["type"], "error", "{v}");
        }
    }
}

async fn next(ws: &mut Socket) -> Message {
    tokio::time::timeout(Duration::from_secs(10), ws.next())
        .await
        .expect("a frame in time")
        .expect("socket open")
        .expect("frame ok")
}

/// Reads frames until the close; its code.
async fn close_code(ws: &mut Socket) -> u16 {
    loop {
        if let Message::Close(frame) = next(ws).await {
            return frame.map_or(1005, |f| f.code.into());
        }
    }
}

async fn disable_and_enable(store: Store) {
    let (app, url) = server_on(store).await;
    let alice = token(&app.signup("alice").await);
    let bob = token(&app.signup("bob").await);
    let mut socket = identified(&app, &alice).await;

    let out = admin(&["disable-user", "Alice", "--from", &url], None);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("alice is disabled"));
    assert_eq!(close_code(&mut socket).await, 4003, "{store:?}");
    let (status, _) = app.call("GET", "/me", Some(&alice), None).await;
    assert_eq!(status, 401, "{store:?}: the session ended");
    let (status, body) = login(&app, "alice", PASSWORD).await;
    assert_eq!(status, 403, "{store:?}: {body}");
    assert_eq!(body["error"]["code"], "account_disabled");
    let (status, body) = login(&app, "alice", "not her password").await;
    assert_eq!(
        status, 401,
        "{store:?}: a wrong password learns nothing: {body}"
    );
    let (status, _) = app.call("GET", "/me", Some(&bob), None).await;
    assert_eq!(status, 200, "{store:?}: others are untouched");

    ok(&admin(&["enable-user", "alice", "--from", &url], None));
    let (status, body) = login(&app, "alice", PASSWORD).await;
    assert_eq!(status, 200, "{store:?}: {body}");
}

#[tokio::test]
async fn disable_user_ends_sessions_closes_sockets_and_refuses_login_until_enabled_sqlite() {
    disable_and_enable(Store::Sqlite).await;
}

#[tokio::test]
async fn disable_user_ends_sessions_closes_sockets_and_refuses_login_until_enabled_postgres() {
    disable_and_enable(Store::Postgres).await;
}

#[tokio::test]
async fn disable_user_ends_sessions_closes_sockets_and_refuses_login_until_enabled_mongo() {
    disable_and_enable(Store::Mongo).await;
}

#[tokio::test]
async fn reset_password_prints_a_temporary_password_or_reads_one_and_ends_sessions() {
    let (app, url) = server_on(Store::Sqlite).await;
    let alice = token(&app.signup("alice").await);
    let mut socket = identified(&app, &alice).await;

    let printed = ok(&admin(&["reset-password", "alice", "--from", &url], None));
    let temporary = printed.trim();
    assert_eq!(printed.lines().count(), 1, "only the password: {printed:?}");
    assert!(temporary.len() >= 16, "{temporary:?}");
    assert_eq!(close_code(&mut socket).await, 4003);
    let (status, _) = app.call("GET", "/me", Some(&alice), None).await;
    assert_eq!(status, 401);
    assert_eq!(login(&app, "alice", PASSWORD).await.0, 401);
    let (status, body) = login(&app, "alice", temporary).await;
    assert_eq!(status, 200, "{body}");

    let chosen = "a password from stdin";
    let out = admin(
        &[
            "reset-password",
            "alice",
            "--password-stdin",
            "--from",
            &url,
        ],
        Some(&format!("{chosen}\n")),
    );
    assert_eq!(ok(&out), "", "nothing printed when the operator chose it");
    assert_eq!(login(&app, "alice", temporary).await.0, 401);
    assert_eq!(login(&app, "alice", chosen).await.0, 200);
}

#[tokio::test]
async fn admin_commands_refuse_unknown_users_and_short_passwords_clearly() {
    let (app, url) = server_on(Store::Sqlite).await;
    app.signup("alice").await;
    for args in [
        vec!["reset-password", "nobody", "--from", &url],
        vec!["disable-user", "nobody", "--from", &url],
        vec!["enable-user", "nobody", "--from", &url],
    ] {
        let out = admin(&args, None);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no such user"), "{args:?}: {err}");
    }
    let out = admin(
        &[
            "reset-password",
            "alice",
            "--password-stdin",
            "--from",
            &url,
        ],
        Some("short\n"),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("password"));
    assert_eq!(login(&app, "alice", PASSWORD).await.0, 200, "unchanged");
}
