//! The socket, end to end against the real binary: identify, live events
//! caused by REST calls, gap-free `seq`, logout closing with 4003, and
//! shutdown closing with 1001.

mod common;

use std::time::Duration;

use common::{next_json, token, Socket, Store, TestServer};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

async fn connect(app: &TestServer, access: &str) -> (Socket, Value) {
    let (mut ws, _) = tokio_tungstenite::connect_async(app.ws_url())
        .await
        .unwrap();
    let hello = next_json(&mut ws).await;
    assert_eq!(hello["type"], "hello");
    assert!(hello["data"]["heartbeat_interval_ms"].as_u64().is_some());
    let identify = json!({"type": "identify", "data": {"token": access}});
    ws.send(Message::text(identify.to_string())).await.unwrap();
    let ready = next_json(&mut ws).await;
    assert_eq!(ready["type"], "ready", "{ready}");
    (ws, ready)
}

/// The next event of `kind`, skipping presence noise.
async fn next_event(ws: &mut Socket, kind: &str) -> Value {
    loop {
        let v = next_json(ws).await;
        if v["type"] == kind {
            return v;
        }
    }
}

async fn close_code(ws: &mut Socket) -> u16 {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("a close in time");
        match frame {
            Some(Ok(Message::Close(Some(f)))) => return f.code.into(),
            Some(Ok(_)) => continue,
            other => panic!("expected a close frame, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn rest_actions_reach_sockets_live_with_gap_free_seq() {
    let app = TestServer::start(Store::Sqlite).await;
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (a, b) = (token(&alice), token(&bob));
    let (server_id, general) = app.create_server(&a, "Live").await;

    let (mut ws_a, ready) = connect(&app, &a).await;
    assert_eq!(ready["data"]["servers"][0]["id"], server_id.as_str());
    let (mut ws_b, ready_b) = connect(&app, &b).await;
    assert!(ready_b["data"]["servers"].as_array().unwrap().is_empty());

    // Bob joins through an invite: his open socket starts receiving at once.
    app.invite_and_join(&a, &server_id, &b).await;
    let joined = next_event(&mut ws_a, "member.joined").await;
    assert_eq!(joined["data"]["member"]["username"], "bob");

    let path = format!("/channels/{general}/messages");
    app.call("POST", &path, Some(&a), Some(json!({"content": "one"})))
        .await;
    app.call("POST", &path, Some(&a), Some(json!({"content": "two"})))
        .await;
    let first = next_event(&mut ws_b, "message.created").await;
    let second = next_event(&mut ws_b, "message.created").await;
    assert_eq!(
        (
            first["data"]["content"].as_str(),
            second["data"]["content"].as_str()
        ),
        (Some("one"), Some("two"))
    );
    let (s1, s2) = (
        first["seq"].as_u64().unwrap(),
        second["seq"].as_u64().unwrap(),
    );
    assert_eq!(s2, s1 + 1, "no gaps");
    let own = next_event(&mut ws_a, "message.created").await;
    assert_eq!(
        own["data"]["content"], "one",
        "the sender's own socket hears it too"
    );

    // Logout closes that session's socket with 4003.
    app.call("POST", "/auth/logout", Some(&b), None).await;
    assert_eq!(close_code(&mut ws_b).await, 4003);
}

#[tokio::test]
async fn a_socket_that_never_identifies_learns_nothing() {
    let app = TestServer::start(Store::Memory).await;
    let (mut ws, _) = tokio_tungstenite::connect_async(app.ws_url())
        .await
        .unwrap();
    assert_eq!(next_json(&mut ws).await["type"], "hello");
    ws.send(Message::text(
        json!({"type": "identify", "data": {"token": "forged"}}).to_string(),
    ))
    .await
    .unwrap();
    assert_eq!(close_code(&mut ws).await, 4001);
}

#[tokio::test]
async fn shutdown_closes_sockets_with_1001() {
    let mut app = TestServer::start(Store::Memory).await;
    let alice = app.signup("alice").await;
    let (mut ws, _) = connect(&app, &token(&alice)).await;
    let status = app.terminate();
    assert!(status.success());
    assert_eq!(close_code(&mut ws).await, 1001);
}

/// The id of the session behind an access token.
async fn session_id(app: &TestServer, access: &str) -> String {
    let (status, list) = app.call("GET", "/me/sessions", Some(access), None).await;
    assert_eq!(status, 200, "{list}");
    let current = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == true);
    current.unwrap()["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn ending_a_session_or_changing_the_password_closes_other_sockets_with_4003() {
    let app = TestServer::start(Store::Sqlite).await;
    let here = token(&app.signup("alice").await);
    let phone = token(&app.login("alice").await);
    let laptop = token(&app.login("alice").await);
    let (mut ws_here, _) = connect(&app, &here).await;
    let (mut ws_phone, _) = connect(&app, &phone).await;
    let (mut ws_laptop, _) = connect(&app, &laptop).await;

    let phone_id = session_id(&app, &phone).await;
    let path = format!("/me/sessions/{phone_id}");
    let (status, _) = app.call("DELETE", &path, Some(&here), None).await;
    assert_eq!(status, 204);
    assert_eq!(close_code(&mut ws_phone).await, 4003);

    let body =
        json!({"current_password": "correct horse battery", "new_password": "a new password"});
    let (status, _) = app
        .call("PUT", "/me/password", Some(&here), Some(body))
        .await;
    assert_eq!(status, 204);
    assert_eq!(close_code(&mut ws_laptop).await, 4003);

    // The session that made the changes keeps its socket.
    let heartbeat = json!({"type": "heartbeat", "data": {}});
    ws_here
        .send(Message::text(heartbeat.to_string()))
        .await
        .unwrap();
    assert_eq!(
        next_event(&mut ws_here, "heartbeat_ack").await["type"],
        "heartbeat_ack"
    );
}

/// Direct messages over the real gateway: `channel.created` and the DM's
/// `message.created` reach its two people and nobody else.
#[tokio::test]
async fn dm_events_reach_the_recipients_only() {
    let app = TestServer::start(Store::Sqlite).await;
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let carol = app.signup("carol").await;
    let (a, b, c) = (token(&alice), token(&bob), token(&carol));
    let (server_id, general) = app.create_server(&a, "Shared").await;
    app.invite_and_join(&a, &server_id, &b).await;
    app.invite_and_join(&a, &server_id, &c).await;
    let (mut ws_b, _) = connect(&app, &b).await;
    let (mut ws_c, _) = connect(&app, &c).await;

    let bob_id = bob["user"]["id"].as_str().unwrap().to_owned();
    let (status, dm) = app
        .call(
            "POST",
            "/me/channels",
            Some(&a),
            Some(json!({"recipients": [bob_id]})),
        )
        .await;
    assert_eq!(status, 201, "{dm}");
    let dm_id = dm["id"].as_str().unwrap().to_owned();
    let created = next_event(&mut ws_b, "channel.created").await;
    assert_eq!(created["data"]["id"], dm_id.as_str());
    assert_eq!(created["data"]["kind"], "dm");
    assert!(created["data"]["server_id"].is_null());

    let (status, _) = app
        .call(
            "POST",
            &format!("/channels/{dm_id}/messages"),
            Some(&a),
            Some(json!({"content": "just for bob"})),
        )
        .await;
    assert_eq!(status, 201);
    let heard = next_event(&mut ws_b, "message.created").await;
    assert_eq!(heard["data"]["content"], "just for bob");
    assert_eq!(heard["data"]["channel_id"], dm_id.as_str());

    // Carol's next message is the server one, sent after the DM: the DM
    // and its channel never reached her socket.
    app.call(
        "POST",
        &format!("/channels/{general}/messages"),
        Some(&a),
        Some(json!({"content": "for everyone"})),
    )
    .await;
    loop {
        let v = next_json(&mut ws_c).await;
        assert_ne!(v["type"], "channel.created", "carol hears no DM: {v}");
        if v["type"] == "message.created" {
            assert_eq!(v["data"]["content"], "for everyone", "{v}");
            break;
        }
    }
}
