//! `ready` lists the user's DMs and groups, the most recent activity
//! first, and identify costs the same number of store calls whatever
//! their number.

mod common;

use common::{TestApp, User};
use serde_json::Value;

/// Opens a DM between `a` and `b`; returns its id.
async fn dm(app: &TestApp, a: &User, b: &User) -> chat_core::ids::ChannelId {
    let (view, _) = app
        .chat
        .open_direct(&a.actor, vec![b.actor.user_id], None)
        .await
        .expect("open a DM");
    view.channel.id
}

/// Identifies `user`; the `ready` frame and how many store calls it took.
/// The socket stays open (its closing would call the store meanwhile).
async fn ready_of(app: &TestApp, user: &User) -> (Value, u64, common::Client) {
    let before = app.store.calls();
    let (client, ready) = app.identify(user).await;
    (ready, app.store.calls() - before, client)
}

fn direct_ids(ready: &Value) -> Vec<String> {
    ready["data"]["direct_channels"]
        .as_array()
        .expect("direct_channels is a list")
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn ready_lists_dms_recent_first_in_a_fixed_number_of_store_calls() {
    let app = TestApp::start().await;
    let alice = app.user("alice").await;
    let owner = app.user("owner").await;
    let server = app.server(&owner, "Shared").await.view.server.id;
    app.join(&owner, &alice, server).await;
    let first = dm(&app, &alice, &owner).await;
    app.send(&owner, first, "hello").await;
    // Already online on another socket: no presence change to count.
    let (_, _, _online) = ready_of(&app, &alice).await;
    let (ready, one, _first) = ready_of(&app, &alice).await;
    assert_eq!(direct_ids(&ready), vec![first.to_string()]);
    let dm_of_alice = &ready["data"]["direct_channels"][0];
    assert_eq!(dm_of_alice["kind"], "dm");
    assert_eq!(dm_of_alice["recipients"].as_array().unwrap().len(), 2);
    assert!(dm_of_alice["last_message_id"].is_string());

    for i in 0..6 {
        let friend = app.user(&format!("friend{i}")).await;
        app.join(&owner, &friend, server).await;
        let id = dm(&app, &alice, &friend).await;
        app.send(&friend, id, "hi").await;
    }
    app.send(&owner, first, "again").await;
    let (ready, seven, _second) = ready_of(&app, &alice).await;
    let listed = direct_ids(&ready);
    assert_eq!(listed.len(), 7);
    // The same list, in the same order, as `GET /me/channels`.
    let expected: Vec<Value> = app
        .chat
        .direct_channels(&alice.actor)
        .await
        .unwrap()
        .iter()
        .map(|v| serde_json::to_value(chat_wire::DirectChannelDto::from(v)).unwrap())
        .collect();
    assert_eq!(ready["data"]["direct_channels"], Value::Array(expected));
    assert_eq!(
        one, seven,
        "identify's store calls do not grow with the number of DMs"
    );
    let nobody = app.user("nobody").await;
    let (ready, _, _nobody) = ready_of(&app, &nobody).await;
    assert!(direct_ids(&ready).is_empty());
}
