//! Direct messages over HTTP: `/me/channels`, recipients, blocks,
//! `dm_policy`, and the message routes on DM channels.

mod common;

use chat_core::events::{Audience, EventKind};
use chat_core::ids::UserId;
use common::{TestApp, TestUser};
use serde_json::json;

/// alice owns a server bob joined; carol shares nothing with them.
async fn people(app: &TestApp) -> (TestUser, TestUser, TestUser) {
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let carol = app.signup("carol").await;
    let (server, _) = app.server_with_channel(&alice).await;
    app.join(&alice, &server, &bob).await;
    (alice, bob, carol)
}

fn uid(u: &TestUser) -> UserId {
    UserId::parse(&u.id, "id").unwrap()
}

#[tokio::test]
async fn a_dm_is_opened_once_per_pair_201_then_200() {
    let app = TestApp::new();
    let (alice, bob, _) = people(&app).await;
    app.events.take();
    let first = app
        .post("/me/channels", &alice, json!({"recipients": [bob.id]}))
        .await;
    first.expect(201, "");
    assert_eq!(first.body["kind"], "dm");
    assert!(first.body["server_id"].is_null());
    let ids: Vec<&str> = first.body["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&alice.id.as_str()) && ids.contains(&bob.id.as_str()));
    assert!(first.body["recipients"][0]["username"].is_string());
    assert!(first.body["recipients"][0]["status"].is_string());
    let created: Vec<_> = app
        .events
        .take()
        .into_iter()
        .filter(|e| matches!(e.kind, EventKind::DirectChannelCreated(_)))
        .collect();
    assert_eq!(created.len(), 1);
    assert!(matches!(&created[0].audience, Audience::Users(u) if u.len() == 2));

    let again = app
        .post("/me/channels", &bob, json!({"recipients": [alice.id]}))
        .await;
    again.expect(200, "");
    assert_eq!(again.body["id"], first.body["id"]);
    let mine = app.get("/me/channels", &bob).await;
    mine.expect(200, "");
    assert_eq!(mine.body.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn bad_recipients_are_422() {
    let app = TestApp::new();
    let (alice, bob, _) = people(&app).await;
    let unknown = common::nobody();
    for body in [
        json!({"recipients": []}),
        json!({"recipients": [alice.id]}),
        json!({"recipients": [unknown]}),
        json!({"recipients": ["not-a-uuid"]}),
        json!({}),
    ] {
        app.post("/me/channels", &alice, body.clone())
            .await
            .expect(422, "validation_failed");
    }
    let mut many = vec![bob.id.clone()];
    for i in 0..9 {
        many.push(app.signup(&format!("extra{i}")).await.id);
    }
    app.post("/me/channels", &alice, json!({"recipients": many}))
        .await
        .expect(422, "validation_failed");
    assert!(app
        .get("/me/channels", &alice)
        .await
        .body
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn dm_policy_decides_who_may_open_a_dm() {
    let app = TestApp::new();
    let (alice, bob, carol) = people(&app).await;
    // Default: server members only; carol shares no server with alice.
    let me = app.get("/me", &alice).await;
    assert_eq!(me.body["dm_policy"], "server_members");
    app.post("/me/channels", &carol, json!({"recipients": [alice.id]}))
        .await
        .expect(403, "dm_not_allowed");
    app.patch("/me", &alice, json!({"dm_policy": "everyone"}))
        .await
        .expect(200, "");
    app.post("/me/channels", &carol, json!({"recipients": [alice.id]}))
        .await
        .expect(201, "");
    let changed = app.patch("/me", &bob, json!({"dm_policy": "nobody"})).await;
    assert_eq!(changed.body["dm_policy"], "nobody");
    app.post("/me/channels", &alice, json!({"recipients": [bob.id]}))
        .await
        .expect(403, "dm_not_allowed");
    app.patch("/me", &bob, json!({"dm_policy": "friends"}))
        .await
        .expect(422, "validation_failed");
    assert_eq!(app.get("/me", &bob).await.body["dm_policy"], "nobody");
}

#[tokio::test]
async fn messages_in_a_dm_reach_its_recipients_only() {
    let app = TestApp::new();
    let (alice, bob, carol) = people(&app).await;
    let dm = app
        .post("/me/channels", &alice, json!({"recipients": [bob.id]}))
        .await;
    let channel = dm.body["id"].as_str().unwrap().to_owned();
    app.events.take();
    let sent = app.say(&alice, &channel, "hi bob").await;
    let events = app.events.take();
    let created = events
        .iter()
        .find(|e| matches!(e.kind, EventKind::MessageCreated(_)))
        .expect("message.created");
    match &created.audience {
        Audience::Users(users) => {
            assert_eq!(users.len(), 2);
            assert!(users.contains(&uid(&alice)) && users.contains(&uid(&bob)));
        }
        other => panic!("to the recipients only, got {other:?}"),
    }
    let history = app
        .get(&format!("/channels/{channel}/messages"), &bob)
        .await;
    history.expect(200, "");
    assert_eq!(history.body[0]["content"], "hi bob");
    // Reply, reaction, edit, typing, delete work for recipients.
    let id = sent["id"].as_str().unwrap();
    app.post(
        &format!("/channels/{channel}/messages"),
        &bob,
        json!({"content": "hello", "reply_to": id}),
    )
    .await
    .expect(201, "");
    app.put(
        &format!("/messages/{id}/reactions/%F0%9F%91%8D"),
        &bob,
        json!({}),
    )
    .await
    .expect(204, "");
    app.patch(
        &format!("/messages/{id}"),
        &alice,
        json!({"content": "hi bob!"}),
    )
    .await
    .expect(200, "");
    app.patch(&format!("/messages/{id}"), &bob, json!({"content": "nope"}))
        .await
        .expect(403, "forbidden");
    // Everyone else: 404.
    app.get(&format!("/channels/{channel}/messages"), &carol)
        .await
        .expect(404, "not_found");
    app.post(
        &format!("/channels/{channel}/messages"),
        &carol,
        json!({"content": "let me in"}),
    )
    .await
    .expect(404, "not_found");
    app.get(&format!("/channels/{channel}"), &carol)
        .await
        .expect(404, "not_found");
    app.delete(&format!("/messages/{id}"), &carol)
        .await
        .expect(404, "not_found");
    app.delete(&format!("/messages/{id}"), &alice)
        .await
        .expect(204, "");
}

#[tokio::test]
async fn a_block_makes_the_dm_read_only_and_stops_new_ones() {
    let app = TestApp::new();
    let (alice, bob, _) = people(&app).await;
    let dm = app
        .post("/me/channels", &alice, json!({"recipients": [bob.id]}))
        .await;
    let channel = dm.body["id"].as_str().unwrap().to_owned();
    app.say(&bob, &channel, "before").await;
    app.put(&format!("/me/blocks/{}", bob.id), &alice, json!({}))
        .await
        .expect(204, "");
    let blocks = app.get("/me/blocks", &alice).await;
    blocks.expect(200, "");
    assert_eq!(blocks.body[0]["user_id"], bob.id.as_str());
    assert_eq!(blocks.body[0]["username"], "bob");
    assert!(app
        .get("/me/blocks", &bob)
        .await
        .body
        .as_array()
        .unwrap()
        .is_empty());
    for who in [&alice, &bob] {
        app.post(
            &format!("/channels/{channel}/messages"),
            who,
            json!({"content": "after"}),
        )
        .await
        .expect(403, "blocked");
        // History stays readable.
        app.get(&format!("/channels/{channel}/messages"), who)
            .await
            .expect(200, "");
    }
    app.post("/me/channels", &bob, json!({"recipients": [alice.id]}))
        .await
        .expect(403, "dm_not_allowed");
    app.put(&format!("/me/blocks/{}", alice.id), &alice, json!({}))
        .await
        .expect(422, "validation_failed");
    app.delete(&format!("/me/blocks/{}", bob.id), &alice)
        .await
        .expect(204, "");
    app.say(&bob, &channel, "after the unblock").await;
}

#[tokio::test]
async fn groups_have_an_owner_who_manages_them_and_ownership_passes_on_leave() {
    let app = TestApp::new();
    let (alice, bob, carol) = people(&app).await;
    app.patch("/me", &carol, json!({"dm_policy": "everyone"}))
        .await
        .expect(200, "");
    let dave = app.signup("dave").await;
    app.patch("/me", &dave, json!({"dm_policy": "everyone"}))
        .await
        .expect(200, "");
    let g = app
        .post(
            "/me/channels",
            &alice,
            json!({"recipients": [bob.id, carol.id], "name": "plans"}),
        )
        .await;
    g.expect(201, "");
    assert_eq!(g.body["kind"], "group");
    assert_eq!(g.body["name"], "plans");
    assert_eq!(g.body["owner_id"], alice.id.as_str());
    let id = g.body["id"].as_str().unwrap().to_owned();
    // Only the owner adds, removes and renames.
    app.put(
        &format!("/channels/{id}/recipients/{}", dave.id),
        &bob,
        json!({}),
    )
    .await
    .expect(403, "forbidden");
    app.put(
        &format!("/channels/{id}/recipients/{}", dave.id),
        &alice,
        json!({}),
    )
    .await
    .expect(204, "");
    app.put(&format!("/channels/{id}"), &bob, json!({"name": "mine"}))
        .await
        .expect(403, "forbidden");
    app.put(
        &format!("/channels/{id}"),
        &alice,
        json!({"name": "new plans"}),
    )
    .await
    .expect(200, "");
    app.delete(&format!("/channels/{id}/recipients/{}", dave.id), &alice)
        .await
        .expect(204, "");
    app.get(&format!("/channels/{id}/messages"), &dave)
        .await
        .expect(404, "not_found");
    // The owner leaves: bob (longest present after alice) owns it.
    app.delete(&format!("/channels/{id}/recipients/@me"), &alice)
        .await
        .expect(204, "");
    let list = app.get("/me/channels", &bob).await;
    assert_eq!(list.body[0]["owner_id"], bob.id.as_str());
    assert_eq!(list.body[0]["name"], "new plans");
    assert_eq!(list.body[0]["recipients"].as_array().unwrap().len(), 2);
    // The last one out deletes it.
    app.delete(&format!("/channels/{id}/recipients/@me"), &carol)
        .await
        .expect(204, "");
    app.delete(&format!("/channels/{id}/recipients/@me"), &bob)
        .await
        .expect(204, "");
    app.get(&format!("/channels/{id}"), &bob)
        .await
        .expect(404, "not_found");
}
