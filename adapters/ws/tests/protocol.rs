//! The socket protocol's edges: origin, authentication, bad frames,
//! heartbeats, floods and error frames.

mod common;

use std::time::Duration;

use chat_ws::GatewayConfig;
use common::{config, TestApp};
use futures::SinkExt;
use serde_json::json;
use tokio_tungstenite::tungstenite::Message;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_from_another_origin_is_refused_before_upgrading() {
    let cfg = GatewayConfig {
        allowed_origins: chat_http::AllowedOrigins::parse(["http://app.example"]).unwrap(),
        ..config()
    };
    let app = TestApp::with(cfg).await;
    assert_eq!(app.upgrade_status("http://evil.example").await, 403);
    assert_eq!(app.upgrade_status("http://app.example").await, 101);
    let own = format!("http://{}", app.addr);
    assert_eq!(app.upgrade_status(&own).await, 101);
}

/// The raw HTTP answer to `request` (which must ask to close).
async fn raw_answer(app: &TestApp, request: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_is_not_a_websocket_handshake_gets_400() {
    let app = TestApp::start().await;
    let plain = "GET /ws HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n";
    let answer = raw_answer(&app, plain).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains(r#""code":"bad_request""#), "{answer}");
    let old_version = "GET /ws HTTP/1.1\r\nhost: x\r\nconnection: upgrade, close\r\n\
        upgrade: websocket\r\nsec-websocket-version: 8\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    let answer = raw_answer(&app, old_version).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_identify_in_time_closes_with_4001() {
    let cfg = GatewayConfig {
        identify_timeout: Duration::from_millis(200),
        ..config()
    };
    let app = TestApp::with(cfg).await;
    let mut c = app.connect().await;
    assert_eq!(c.expect_close().await, 4001);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_token_closes_with_4001() {
    let app = TestApp::start().await;
    let mut c = app.connect().await;
    c.send(json!({"type": "identify", "data": {"token": "nope"}}))
        .await;
    assert_eq!(c.expect_close().await, 4001);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anything_but_identify_before_authentication_closes_with_4001() {
    let app = TestApp::start().await;
    let mut c = app.connect().await;
    c.send(json!({"type": "presence.set", "data": {"status": "away"}}))
        .await;
    assert_eq!(c.expect_close().await, 4001);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_that_is_not_json_closes_with_4002() {
    let app = TestApp::start().await;
    let alice = app.user("alice").await;
    let mut before = app.connect().await;
    before.send_raw("{not json").await;
    assert_eq!(before.expect_close().await, 4002);
    let (mut after, _) = app.identify(&alice).await;
    after.send_raw("nope").await;
    assert_eq!(after.expect_close().await, 4002);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_frame_over_the_size_limit_closes_with_4002() {
    let app = TestApp::start().await;
    let alice = app.user("alice").await;
    let (mut a, _) = app.identify(&alice).await;
    let big = "x".repeat(17 * 1024);
    a.send(json!({"type": "heartbeat", "data": {"padding": big}}))
        .await;
    assert_eq!(a.expect_close().await, 4002);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_types_and_bad_data_get_error_frames_and_the_socket_stays() {
    let app = TestApp::start().await;
    let (alice, bob) = (app.user("alice").await, app.user("bob").await);
    let secret = app.server(&bob, "Secret").await;
    let (mut a, _) = app.identify(&alice).await;
    a.drain().await;

    a.send(json!({"type": "dance", "data": {}})).await;
    let error = a.recv().await;
    assert_eq!(error["type"], "error");
    assert_eq!(error["data"]["code"], "bad_request");
    assert!(error.get("seq").is_none());

    a.send(json!({"type": "typing.start", "data": {"channel_id": "x"}}))
        .await;
    let error = a.recv().await;
    assert_eq!(error["data"]["code"], "validation_failed");
    assert_eq!(error["data"]["details"]["field"], "channel_id");

    a.send(json!({"type": "presence.set", "data": {"status": "offline"}}))
        .await;
    assert_eq!(a.recv().await["data"]["code"], "validation_failed");

    // A channel she cannot see does not exist for her.
    let hidden = secret.channels[0].id.to_string();
    a.send(json!({"type": "typing.start", "data": {"channel_id": hidden}}))
        .await;
    assert_eq!(a.recv().await["data"]["code"], "not_found");

    a.send(json!({"type": "heartbeat", "data": {}})).await;
    assert_eq!(a.recv().await["type"], "heartbeat_ack");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn heartbeats_are_acknowledged_and_silence_closes_with_4009() {
    let cfg = GatewayConfig {
        heartbeat_interval: Duration::from_millis(300),
        ..config()
    };
    let app = TestApp::with(cfg).await;
    let alice = app.user("alice").await;
    let (mut a, _) = app.identify(&alice).await;
    a.drain().await;
    // Beating at the interval keeps the socket open well past 1.5 intervals.
    for _ in 0..4 {
        a.send(json!({"type": "heartbeat"})).await;
        let ack = a.recv().await;
        assert_eq!(ack, json!({"type": "heartbeat_ack", "data": {}}));
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(a.expect_close().await, 4009);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_frames_closes_with_4008() {
    let cfg = GatewayConfig {
        flood_limit: 10,
        ..config()
    };
    let app = TestApp::with(cfg).await;
    let alice = app.user("alice").await;
    let (mut a, _) = app.identify(&alice).await;
    for _ in 0..20 {
        a.send(json!({"type": "heartbeat"})).await;
    }
    assert_eq!(a.expect_close().await, 4008);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_frame_is_refused_without_buffering_it() {
    let app = TestApp::start().await;
    let alice = app.user("alice").await;
    let (mut a, _) = app.identify(&alice).await;
    let huge = "x".repeat(1024 * 1024);
    // The server may stop reading before the whole frame is written.
    let _ = a.ws.send(Message::text(huge)).await;
    assert_eq!(a.expect_close().await, 4002);
}
