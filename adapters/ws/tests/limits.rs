//! The gateway's caps: sessions per user (live and resumable count),
//! handshakes per address, and no frame limit with limits off.

mod common;

use std::time::Duration;

use chat_ws::GatewayConfig;
use common::{config, TestApp};
use futures::StreamExt;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_user_cannot_hold_more_than_their_sessions_live_or_resumable() {
    let app = TestApp::with(GatewayConfig {
        max_sessions_per_user: 3,
        ..config()
    })
    .await;
    let alice = app.user("alice").await;
    let mut live = Vec::new();
    for _ in 0..2 {
        live.push(app.identify(&alice).await.0);
    }
    // A dropped socket leaves a resumable session, which still counts.
    let (dropped, _) = app.identify(&alice).await;
    drop(dropped);
    let mut one_more = app.connect().await;
    one_more
        .send(json!({"type": "identify", "data": {"token": alice.token}}))
        .await;
    assert_eq!(one_more.expect_close().await, 4008);
    // Others are not affected.
    let bob = app.user("bob").await;
    app.identify(&bob).await;
}

/// The cap is one step with opening the session: identifies of one user
/// racing each other never end with more sessions than it allows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_identifies_of_one_user_never_exceed_the_session_cap() {
    const CAP: usize = 2;
    let app = TestApp::with(GatewayConfig {
        max_sessions_per_user: CAP,
        handshakes_per_address: u32::MAX,
        ..config()
    })
    .await;
    for round in 0..10 {
        let alice = app.user(&format!("alice{round}")).await;
        let mut sockets = Vec::new();
        for _ in 0..16 {
            sockets.push(app.connect().await);
        }
        // Every identify is on the wire before any answer is read.
        let frame = json!({"type": "identify", "data": {"token": alice.token}});
        for socket in &mut sockets {
            socket.send(frame.clone()).await;
        }
        let answers = futures::future::join_all(sockets.into_iter().map(|mut s| async move {
            match s.ws.next().await {
                Some(Ok(tokio_tungstenite::tungstenite::Message::Text(t))) => {
                    let frame: serde_json::Value = serde_json::from_str(t.as_str()).unwrap();
                    assert_eq!(frame["type"], "ready", "{frame}");
                    Ok(s)
                }
                Some(Ok(tokio_tungstenite::tungstenite::Message::Close(Some(c)))) => {
                    Err(u16::from(c.code))
                }
                other => panic!("round {round}: {other:?}"),
            }
        }))
        .await;
        let ready: Vec<_> = answers.iter().filter(|a| a.is_ok()).collect();
        let refused = answers.iter().filter(|a| matches!(a, Err(4008))).count();
        assert_eq!((ready.len(), refused), (CAP, 16 - CAP), "round {round}");
        assert_eq!(app.hub.session_counts(), (CAP, 0), "round {round}");
        for socket in answers.into_iter().flatten() {
            socket.close(1000).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_that_opens_too_many_handshakes_gets_429() {
    let app = TestApp::with(GatewayConfig {
        handshakes_per_address: 3,
        handshake_window: Duration::from_secs(60),
        ..config()
    })
    .await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let same_origin = format!("http://{}", app.addr);
        statuses.push(app.upgrade_status(&same_origin).await);
    }
    assert_eq!(statuses, vec![101, 101, 101, 429, 429]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_limits_a_fast_client_is_not_cut_off() {
    let app = TestApp::with(
        GatewayConfig {
            flood_limit: 5,
            ..config()
        }
        .without_limits(),
    )
    .await;
    let alice = app.user("alice").await;
    let (mut client, _) = app.identify(&alice).await;
    for _ in 0..50 {
        client.send(json!({"type": "heartbeat"})).await;
    }
    let mut acks = 0;
    while acks < 50 {
        let frame = client.recv().await;
        assert_ne!(frame["type"], "error", "{frame}");
        if frame["type"] == "heartbeat_ack" {
            acks += 1;
        }
    }
}
