//! Gateway sessions: `seq`, resume with replay, and how sessions end.

mod common;

use std::sync::Arc;
use std::time::Duration;

use chat_core::events::{Audience, Event, EventKind, EventPublisher};
use chat_core::ids::ServerId;
use chat_ws::GatewayConfig;
use common::{config, Client, TestApp, User};
use serde_json::{json, Value};
use uuid::Uuid;

fn resume(user: &User, session_id: &str, seq: u64) -> Value {
    json!({"type": "resume", "data": {"token": user.token, "session_id": session_id, "seq": seq}})
}

fn session_id(ready: &Value) -> String {
    ready["data"]["session_id"].as_str().unwrap().to_owned()
}

/// Drops the TCP connection without a close handshake.
fn drop_abruptly(client: Client) {
    drop(client);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seq_starts_at_one_after_ready_and_has_no_gaps() {
    let app = TestApp::start().await;
    let alice = app.user("alice").await;
    let home = app.server(&alice, "Home").await;
    let (mut a, _) = app.identify(&alice).await;
    // The first event after ready (her own presence) is 1.
    let first = a.expect("presence.updated").await;
    assert_eq!(first["seq"], 1);
    for i in 0..5 {
        app.send(&alice, home.channels[0].id, &format!("m{i}"))
            .await;
    }
    for _ in 0..5 {
        a.expect("message.created").await;
    }
    assert_eq!(a.last_seq, 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resume_after_a_drop_replays_missed_events_in_order_then_resumed() {
    let app = TestApp::start().await;
    let (alice, bob) = (app.user("alice").await, app.user("bob").await);
    let home = app.server(&alice, "Home").await;
    let general = home.channels[0].id;
    app.join(&alice, &bob, home.view.server.id).await;
    let (mut b, ready) = app.identify(&bob).await;
    b.drain().await;
    let seen = b.last_seq;
    drop_abruptly(b);

    for i in 0..3 {
        app.send(&alice, general, &format!("missed {i}")).await;
    }
    let mut b = app.connect().await;
    b.last_seq = seen;
    b.send(resume(&bob, &session_id(&ready), seen)).await;
    for i in 0..3 {
        let event = b.expect("message.created").await;
        assert_eq!(event["data"]["content"], format!("missed {i}"));
    }
    let resumed = b.recv().await;
    assert_eq!(resumed["type"], "resumed");
    assert!(resumed.get("seq").is_none());

    app.send(&alice, general, "live").await;
    let live = b.expect("message.created").await;
    assert_eq!(live["seq"], seen + 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resume_of_an_unknown_session_or_a_lost_seq_is_an_invalid_session() {
    let cfg = GatewayConfig {
        replay_capacity: 2,
        ..config()
    };
    let app = TestApp::with(cfg).await;
    let alice = app.user("alice").await;
    let home = app.server(&alice, "Home").await;
    let (mut a, ready) = app.identify(&alice).await;
    a.drain().await;
    drop_abruptly(a);

    let mut c = app.connect().await;
    c.send(resume(&alice, &Uuid::new_v4().to_string(), 0)).await;
    assert_eq!(c.recv().await["type"], "invalid_session");
    // A session id that is not one: still a session that cannot be resumed.
    c.send(resume(&alice, "bogus", 0)).await;
    assert_eq!(c.recv().await["type"], "invalid_session");

    for i in 0..5 {
        app.send(&alice, home.channels[0].id, &format!("m{i}"))
            .await;
    }
    c.send(resume(&alice, &session_id(&ready), 1)).await;
    assert_eq!(c.recv().await["type"], "invalid_session");

    // The same socket may identify after an invalid session.
    let ready = c.identify(&alice).await;
    assert_ne!(session_id(&ready), "");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_users_session_cannot_be_resumed() {
    let app = TestApp::start().await;
    let (alice, mallory) = (app.user("alice").await, app.user("mallory").await);
    let (a, ready) = app.identify(&alice).await;
    drop_abruptly(a);
    let mut m = app.connect().await;
    m.send(resume(&mallory, &session_id(&ready), 0)).await;
    assert_eq!(m.recv().await["type"], "invalid_session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_normal_client_close_ends_the_session() {
    let app = TestApp::start().await;
    let alice = app.user("alice").await;
    let (a, ready) = app.identify(&alice).await;
    a.close(1000).await;
    let mut c = app.connect().await;
    c.send(resume(&alice, &session_id(&ready), 0)).await;
    assert_eq!(c.recv().await["type"], "invalid_session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_closes_with_4003_and_ends_the_session() {
    let app = TestApp::start().await;
    let alice = app.user("alice").await;
    let (mut a, ready) = app.identify(&alice).await;
    let (mut other, _) = app.identify(&app_login(&app, "alice").await).await;
    app.chat.logout(&alice.actor).await.unwrap();
    assert_eq!(a.expect_close().await, 4003);

    // The other login's socket lives on, and cannot take over the ended session.
    other.drain().await;
    let again = app_login(&app, "alice").await;
    let mut c = app.connect().await;
    c.send(resume(&again, &session_id(&ready), 0)).await;
    assert_eq!(c.recv().await["type"], "invalid_session");
    other.send(json!({"type": "heartbeat"})).await;
    assert_eq!(other.recv().await["type"], "heartbeat_ack");
}

async fn app_login(app: &TestApp, name: &str) -> User {
    let tokens = app
        .chat
        .login(chat_core::auth::Credentials {
            username: name.to_owned(),
            password: chat_core::users::Password::for_login("correct horse battery"),
        })
        .await
        .unwrap();
    let actor = app.chat.authenticate(&tokens.access.token).await.unwrap();
    User {
        actor,
        token: tokens.access.token,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_socket_that_cannot_keep_up_is_dropped_and_its_session_resumes() {
    let cfg = GatewayConfig {
        send_queue: 1,
        ..config()
    };
    let app = TestApp::with(cfg).await;
    let alice = app.user("alice").await;
    let (mut a, ready) = app.identify(&alice).await;
    a.drain().await;
    let seen = a.last_seq;

    // A burst far faster than one socket's queue of 1 can drain.
    let server_id = ServerId::from_uuid(Uuid::now_v7());
    for _ in 0..200 {
        app.hub.publish(Event {
            audience: Audience::User(alice.actor.user_id),
            kind: EventKind::ServerDeleted { server_id },
        });
    }
    assert_eq!(a.expect_close().await, 1013);

    let mut b = app.connect().await;
    b.last_seq = seen;
    b.send(resume(&alice, &session_id(&ready), seen)).await;
    for _ in 0..200 {
        b.expect("server.deleted").await;
    }
    assert_eq!(b.recv().await["type"], "resumed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_closes_every_socket_with_1001() {
    let app = TestApp::start().await;
    let alice = app.user("alice").await;
    let (mut a, _) = app.identify(&alice).await;
    let mut waiting = app.connect().await;
    let hub = Arc::clone(&app.hub);
    let shutdown = tokio::spawn(async move { hub.shutdown().await });
    assert_eq!(a.expect_close().await, 1001);
    assert_eq!(waiting.expect_close().await, 1001);
    tokio::time::timeout(Duration::from_secs(3), shutdown)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(app.hub.open_sockets(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_socket_shows_offline_after_the_grace_and_online_again_on_resume() {
    let app = TestApp::start().await;
    let (alice, bob) = (app.user("alice").await, app.user("bob").await);
    let home = app.server(&alice, "Home").await;
    app.join(&alice, &bob, home.view.server.id).await;
    let (mut a, _) = app.identify(&alice).await;
    let (mut b, ready) = app.identify(&bob).await;
    a.drain().await;
    b.drain().await;

    // Gone without a close frame: the session stays resumable, but bob is
    // no longer connected, so he shows offline once the grace has passed.
    let seen = b.last_seq;
    drop_abruptly(b);
    let offline = a.expect("presence.updated").await;
    assert_eq!(offline["data"]["status"], "offline");

    let mut b = app.connect().await;
    b.last_seq = seen;
    b.send(resume(&bob, &session_id(&ready), seen)).await;
    let online = a.expect("presence.updated").await;
    assert_eq!(online["data"]["status"], "online");
}
