//! Read state and notification settings over REST: acks (204, never
//! back, 422 on a foreign message, 404 for non-members), coalesced writes
//! that reads still see, counts (capped at 100, mentions, deletions), and
//! per-server/per-channel notification settings.

mod common;

use std::time::Duration;

use chat_core::events::{Audience, EventKind};
use common::{nobody, TestApp, TestUser};
use serde_json::{json, Value};

async fn states(app: &TestApp, user: &TestUser) -> Vec<Value> {
    let a = app.get("/me/read-states", user).await;
    a.expect(200, "");
    a.body.as_array().unwrap().clone()
}

async fn state_of(app: &TestApp, user: &TestUser, channel: &str) -> Value {
    states(app, user)
        .await
        .into_iter()
        .find(|s| s["channel_id"] == channel)
        .unwrap_or_else(|| panic!("no read state for {channel}"))
}

async fn ack(app: &TestApp, user: &TestUser, channel: &str, message: &Value) -> u16 {
    app.put(
        &format!("/channels/{channel}/read"),
        user,
        json!({"message_id": message["id"]}),
    )
    .await
    .status
}

/// alice owns a server with `general`; bob is a member.
async fn pair(app: &TestApp) -> (TestUser, TestUser, String, String) {
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (server, general) = app.server_with_channel(&alice).await;
    app.join(&alice, &server, &bob).await;
    (alice, bob, server, general)
}

#[tokio::test]
async fn messages_sent_while_away_are_unread_and_mentions_counted() {
    let app = TestApp::new();
    let (alice, bob, server, general) = pair(&app).await;
    app.say(&alice, &general, "hello").await;
    app.say(&alice, &general, "hi @bob").await;
    let last = app.say(&alice, &general, "anyone?").await;
    let s = state_of(&app, &bob, &general).await;
    assert_eq!(s["unread_count"], 3);
    assert_eq!(s["unread_capped"], false);
    assert_eq!(s["mention_count"], 1);
    assert_eq!(s["last_read_message_id"], Value::Null);
    assert_eq!(s["last_message_id"], last["id"]);
    assert_eq!(s["server_id"], server.as_str());
    // The sender has read up to their own message.
    let mine = state_of(&app, &alice, &general).await;
    assert_eq!(mine["unread_count"], 0);
    assert_eq!(mine["last_read_message_id"], last["id"]);
}

#[tokio::test]
async fn an_ack_clears_the_channel_and_never_moves_back() {
    let app = TestApp::new();
    let (alice, bob, _, general) = pair(&app).await;
    let first = app.say(&alice, &general, "one").await;
    let second = app.say(&alice, &general, "two @bob").await;
    app.say(&alice, &general, "three").await;
    assert_eq!(ack(&app, &bob, &general, &second).await, 204);
    let s = state_of(&app, &bob, &general).await;
    assert_eq!(
        (s["unread_count"].clone(), s["mention_count"].clone()),
        (json!(1), json!(0))
    );
    assert_eq!(s["last_read_message_id"], second["id"]);
    // An older message is accepted and changes nothing.
    assert_eq!(ack(&app, &bob, &general, &first).await, 204);
    let s = state_of(&app, &bob, &general).await;
    assert_eq!(s["last_read_message_id"], second["id"]);
    assert_eq!(s["unread_count"], 1);
}

#[tokio::test]
async fn coalesced_acks_are_seen_at_once_and_written_by_the_flush() {
    let app = TestApp::new();
    let (alice, bob, _, general) = pair(&app).await;
    let mut sent = Vec::new();
    for i in 0..5 {
        sent.push(app.say(&alice, &general, &format!("m{i}")).await);
    }
    for m in &sent {
        assert_eq!(ack(&app, &bob, &general, m).await, 204);
    }
    // The first ack was written; the next four wait, the newest winning.
    assert!(app.chat.pending_read_markers() >= 1);
    let s = state_of(&app, &bob, &general).await;
    assert_eq!(s["unread_count"], 0);
    assert_eq!(s["last_read_message_id"], sent[4]["id"]);
    app.say(&alice, &general, "more").await;
    ack(&app, &bob, &general, &sent[4]).await;
    app.advance(Duration::from_secs(5));
    assert!(app.chat.flush_read_markers(false).await.unwrap() >= 1);
    assert_eq!(app.chat.pending_read_markers(), 0);
    assert_eq!(state_of(&app, &bob, &general).await["unread_count"], 1);
}

#[tokio::test]
async fn an_ack_tells_all_my_connections_with_the_new_counts() {
    let app = TestApp::new();
    let (alice, bob, _, general) = pair(&app).await;
    let m = app.say(&alice, &general, "hi @bob").await;
    app.say(&alice, &general, "again @bob").await;
    app.events.take();
    assert_eq!(ack(&app, &bob, &general, &m).await, 204);
    let events = app.events.take();
    let (audience, state) = events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::ReadStateUpdated { state, .. } => Some((e.audience.clone(), *state)),
            _ => None,
        })
        .expect("a read_state.updated event");
    assert_eq!(audience, Audience::User(state_user(&bob)));
    assert_eq!((state.unread_count, state.mention_count), (1, 1));
    assert_eq!(
        state.last_read.unwrap().to_string(),
        m["id"].as_str().unwrap()
    );
}

fn state_user(user: &TestUser) -> chat_core::ids::UserId {
    chat_core::ids::UserId::parse(&user.id, "id").unwrap()
}

#[tokio::test]
async fn acking_a_message_of_another_channel_or_no_message_is_422_on_message_id() {
    let app = TestApp::new();
    let (alice, bob, server, general) = pair(&app).await;
    let random = app
        .post(
            &format!("/servers/{server}/channels"),
            &alice,
            json!({"name": "random"}),
        )
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let elsewhere = app.say(&alice, &random, "over here").await;
    let path = format!("/channels/{general}/read");
    for body in [
        json!({"message_id": elsewhere["id"]}),
        json!({"message_id": nobody()}),
        json!({"message_id": "not-an-id"}),
    ] {
        let a = app.put(&path, &bob, body).await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), "message_id");
    }
    app.put(&path, &bob, json!({}))
        .await
        .expect(400, "bad_request");
}

#[tokio::test]
async fn strangers_get_404_and_see_no_read_states_of_other_servers() {
    let app = TestApp::new();
    let (alice, _, _, general) = pair(&app).await;
    let carol = app.signup("carol").await;
    let m = app.say(&alice, &general, "private").await;
    let a = app
        .put(
            &format!("/channels/{general}/read"),
            &carol,
            json!({"message_id": m["id"]}),
        )
        .await;
    a.expect(404, "not_found");
    app.put(
        &format!("/channels/{}/read", nobody()),
        &carol,
        json!({"message_id": m["id"]}),
    )
    .await
    .expect(404, "not_found");
    assert!(states(&app, &carol).await.is_empty());
    let a = app.call("GET", "/me/read-states", None, None).await;
    a.expect(401, "unauthenticated");
}

#[tokio::test]
async fn unread_counts_stop_at_100_and_deleted_messages_leave_them_right() {
    let app = TestApp::new();
    let (alice, bob, _, general) = pair(&app).await;
    let mut sent = Vec::new();
    for i in 0..105 {
        sent.push(app.say(&alice, &general, &format!("m{i}")).await);
    }
    let s = state_of(&app, &bob, &general).await;
    assert_eq!(
        (s["unread_count"].clone(), s["unread_capped"].clone()),
        (json!(100), json!(true))
    );
    ack(&app, &bob, &general, &sent[9]).await;
    let s = state_of(&app, &bob, &general).await;
    assert_eq!(
        (s["unread_count"].clone(), s["unread_capped"].clone()),
        (json!(95), json!(false))
    );
    let id = sent[50]["id"].as_str().unwrap();
    app.delete(&format!("/messages/{id}"), &alice)
        .await
        .expect(204, "");
    assert_eq!(state_of(&app, &bob, &general).await["unread_count"], 94);
}

#[tokio::test]
async fn notification_settings_are_stored_merged_and_listed() {
    let app = TestApp::new();
    let (alice, bob, server, general) = pair(&app).await;
    let a = app
        .put(
            &format!("/servers/{server}/notifications"),
            &bob,
            json!({"level": "mentions", "muted_until": "2030-01-01T00:00:00Z", "suppress_everyone": true}),
        )
        .await;
    a.expect(200, "");
    assert_eq!(
        a.body,
        json!({"server_id": server, "level": "mentions", "muted_until": "2030-01-01T00:00:00.000Z", "suppress_everyone": true})
    );
    // Absent fields stay; null unmutes.
    let a = app
        .put(
            &format!("/servers/{server}/notifications"),
            &bob,
            json!({"muted_until": null}),
        )
        .await;
    a.expect(200, "");
    assert_eq!(
        (a.body["level"].clone(), a.body["muted_until"].clone()),
        (json!("mentions"), Value::Null)
    );
    let a = app
        .put(
            &format!("/channels/{general}/notifications"),
            &bob,
            json!({"level": "none"}),
        )
        .await;
    a.expect(200, "");
    assert_eq!(
        a.body,
        json!({"channel_id": general, "server_id": server, "level": "none", "muted_until": null})
    );
    let a = app.get("/me/notification-settings", &bob).await;
    a.expect(200, "");
    assert_eq!(a.body["servers"].as_array().unwrap().len(), 1);
    assert_eq!(a.body["channels"][0]["level"], "none");
    let mine = app.get("/me/notification-settings", &alice).await;
    assert_eq!(mine.body, json!({"servers": [], "channels": []}));
}

#[tokio::test]
async fn notification_settings_are_validated_and_private_to_members() {
    let app = TestApp::new();
    let (_, bob, server, general) = pair(&app).await;
    let carol = app.signup("carol").await;
    let path = format!("/servers/{server}/notifications");
    let a = app.put(&path, &bob, json!({"level": "default"})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "level");
    let a = app
        .put(&path, &bob, json!({"muted_until": "tomorrow"}))
        .await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "muted_until");
    let a = app
        .put(
            &format!("/channels/{general}/notifications"),
            &bob,
            json!({"level": "loud"}),
        )
        .await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "level");
    app.put(&path, &carol, json!({"level": "all"}))
        .await
        .expect(404, "not_found");
    app.put(
        &format!("/channels/{general}/notifications"),
        &carol,
        json!({"level": "all"}),
    )
    .await
    .expect(404, "not_found");
}

#[tokio::test]
async fn changed_settings_reach_my_connections() {
    let app = TestApp::new();
    let (_, bob, server, _) = pair(&app).await;
    app.events.take();
    app.put(
        &format!("/servers/{server}/notifications"),
        &bob,
        json!({"level": "none"}),
    )
    .await
    .expect(200, "");
    let events = app.events.take();
    assert!(events.iter().any(|e| e.audience == Audience::User(state_user(&bob))
        && matches!(&e.kind, EventKind::NotificationSettingsUpdated { settings, .. } if settings.servers.len() == 1)));
}

/// A DM has a read state for each participant (the nil server id), where
/// every message of the other person counts as a mention; acking it
/// clears it and tells the acker's connections.
#[tokio::test]
async fn a_dm_has_read_states_where_every_message_of_the_other_is_a_mention() {
    let app = TestApp::new();
    let (alice, bob, _, _) = pair(&app).await;
    let dm = app
        .post("/me/channels", &alice, json!({"recipients": [bob.id]}))
        .await;
    dm.expect(201, "");
    let dm = dm.body["id"].as_str().unwrap().to_owned();
    let empty = state_of(&app, &bob, &dm).await;
    assert_eq!(empty["server_id"], "00000000-0000-0000-0000-000000000000");
    assert_eq!(
        (
            empty["unread_count"].clone(),
            empty["mention_count"].clone()
        ),
        (json!(0), json!(0))
    );
    let first = app.say(&alice, &dm, "hello").await;
    app.say(&alice, &dm, "are you there?").await;
    let s = state_of(&app, &bob, &dm).await;
    assert_eq!(
        (s["unread_count"].clone(), s["mention_count"].clone()),
        (json!(2), json!(2))
    );
    let mine = state_of(&app, &alice, &dm).await;
    assert_eq!(
        (mine["unread_count"].clone(), mine["mention_count"].clone()),
        (json!(0), json!(0))
    );
    app.events.take();
    assert_eq!(ack(&app, &bob, &dm, &first).await, 204);
    let state = app
        .events
        .take()
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::ReadStateUpdated { state, .. } => Some(*state),
            _ => None,
        })
        .expect("a read_state.updated event");
    assert_eq!((state.unread_count, state.mention_count), (1, 1));
    assert_eq!(state.channel_id.to_string(), dm);
    let s = state_of(&app, &bob, &dm).await;
    assert_eq!(s["last_read_message_id"], first["id"]);
    assert_eq!(s["mention_count"], 1);
    let carol = app.signup("carol").await;
    assert!(states(&app, &carol).await.is_empty());
    assert_eq!(ack(&app, &carol, &dm, &first).await, 404);
}
