//! Fan-out: every event reaches exactly the connections API.md names.

mod common;

use chat_core::channels::{ChannelChanges, Topic};
use chat_core::messages::MessageContent;
use chat_core::moderation::BanRequest;
use chat_core::presence::Status;
use chat_core::role::Role;
use chat_core::servers::{Description, ServerChanges};
use common::{server_ids, Client, TestApp};
use futures::future::join_all;
use serde_json::{json, Value};

async fn drain_all(clients: &mut [&mut Client]) {
    join_all(clients.iter_mut().map(|c| c.drain())).await;
}

/// Each client's next frame is an event of type `kind`; returns their data.
async fn all_get(clients: &mut [&mut Client], kind: &str) -> Vec<Value> {
    let mut data = Vec::new();
    for c in clients.iter_mut() {
        data.push(c.expect(kind).await["data"].clone());
    }
    data
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_event_reaches_every_member_connection_and_no_one_else() {
    let app = TestApp::start().await;
    let (alice, bob, carol, eve) = (
        app.user("alice").await,
        app.user("bob").await,
        app.user("carol").await,
        app.user("eve").await,
    );
    let home = app.server(&alice, "Home").await;
    let sid = home.view.server.id;
    let general = home.channels[0].id;
    app.join(&alice, &bob, sid).await;

    let (mut a1, ready) = app.identify(&alice).await;
    assert_eq!(server_ids(&ready), vec![sid.to_string()]);
    assert_eq!(
        ready["data"]["servers"][0]["channels"][0]["name"],
        "general"
    );
    assert_eq!(ready["data"]["user"]["username"], "alice");
    assert_eq!(ready["data"]["user"]["status"], "online");
    let (mut a2, _) = app.identify(&alice).await;
    let (mut b, _) = app.identify(&bob).await;
    let (mut e, ready) = app.identify(&eve).await;
    assert!(server_ids(&ready).is_empty());
    drain_all(&mut [&mut a1, &mut a2, &mut b, &mut e]).await;
    let mut members = [&mut a1, &mut a2, &mut b];

    // Messages: created (the author's own socket too), updated, deleted.
    let content = MessageContent::parse("hello 👋").unwrap();
    let (sent, _) = app
        .chat
        .send_message(&bob.actor, general, content, None)
        .await
        .unwrap();
    for data in all_get(&mut members, "message.created").await {
        assert_eq!(data["content"], "hello 👋");
        assert_eq!(data["author"]["id"], bob.actor.user_id.to_string());
    }
    let id = sent.message.id;
    let edited = MessageContent::parse("hello, edited").unwrap();
    app.chat.edit_message(&bob.actor, id, edited).await.unwrap();
    for data in all_get(&mut members, "message.updated").await {
        assert!(data["edited_at"].is_string());
    }
    app.chat.delete_message(&bob.actor, id).await.unwrap();
    let expected = json!({"id": id.to_string(), "channel_id": general.to_string(), "server_id": sid.to_string()});
    for data in all_get(&mut members, "message.deleted").await {
        assert_eq!(data, expected);
    }

    // Channels.
    let random = app.channel(&alice, sid, "random").await;
    for data in all_get(&mut members, "channel.created").await {
        assert_eq!(data["name"], "random");
    }
    let changes = ChannelChanges {
        topic: Some(Topic::parse("anything goes").unwrap()),
        ..ChannelChanges::default()
    };
    app.chat
        .update_channel(&alice.actor, random, changes)
        .await
        .unwrap();
    for data in all_get(&mut members, "channel.updated").await {
        assert_eq!(data["topic"], "anything goes");
    }
    app.chat.delete_channel(&alice.actor, random).await.unwrap();
    for data in all_get(&mut members, "channel.deleted").await {
        assert_eq!(data["id"], random.to_string());
    }

    // The server and its members.
    let changes = ServerChanges {
        description: Some(Description::parse("our place").unwrap()),
        ..ServerChanges::default()
    };
    app.chat
        .update_server(&alice.actor, sid, changes)
        .await
        .unwrap();
    let updates = all_get(&mut members, "server.updated").await;
    for data in &updates {
        assert_eq!(data["description"], "our place");
    }
    // Each member's copy carries their own role (alice twice: two sockets).
    let roles: Vec<_> = updates.iter().map(|d| d["my_role"].clone()).collect();
    assert_eq!(roles, [json!("owner"), json!("owner"), json!("member")]);
    app.chat
        .set_role(&alice.actor, sid, bob.actor.user_id, Role::Admin)
        .await
        .unwrap();
    for data in all_get(&mut members, "member.updated").await {
        assert_eq!(data["member"]["role"], "admin");
    }

    // Typing: everyone but the typist.
    app.chat.start_typing(&bob.actor, general).await.unwrap();
    for data in all_get(&mut [&mut a1, &mut a2], "typing.started").await {
        assert_eq!(data["user_id"], bob.actor.user_id.to_string());
        assert!(data["expires_at"].is_string());
    }
    let mut members = [&mut a1, &mut a2, &mut b];

    // Presence: co-members and the user themself.
    app.chat
        .set_status(bob.actor.user_id, Status::Away)
        .await
        .unwrap();
    for data in all_get(&mut members, "presence.updated").await {
        assert_eq!(
            data,
            json!({"user_id": bob.actor.user_id.to_string(), "status": "away"})
        );
    }

    // Someone (not connected) joins and leaves.
    app.join(&alice, &carol, sid).await;
    for data in all_get(&mut members, "member.joined").await {
        assert_eq!(data["member"]["username"], "carol");
    }
    app.chat.leave_server(&carol.actor, sid).await.unwrap();
    for data in all_get(&mut members, "member.left").await {
        assert_eq!(data["reason"], "left");
    }

    app.chat.delete_server(&alice.actor, sid).await.unwrap();
    for data in all_get(&mut members, "server.deleted").await {
        assert_eq!(data, json!({"server_id": sid.to_string()}));
    }

    // Eve heard none of it; her own new server is hers alone.
    e.expect_nothing().await;
    let own = app.server(&eve, "Eve's").await;
    let joined = e.expect("member.joined").await;
    assert_eq!(joined["data"]["member"]["role"], "owner");
    app.send(&eve, own.channels[0].id, "mine").await;
    e.expect("message.created").await;
    for c in [&mut a1, &mut a2, &mut b] {
        c.expect_nothing().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joining_through_an_invite_starts_delivery_without_reconnecting() {
    let app = TestApp::start().await;
    let (alice, carol) = (app.user("alice").await, app.user("carol").await);
    let home = app.server(&alice, "Home").await;
    let (mut c, ready) = app.identify(&carol).await;
    assert!(server_ids(&ready).is_empty());
    c.drain().await;

    app.join(&alice, &carol, home.view.server.id).await;
    let joined = c.expect("member.joined").await;
    assert_eq!(
        joined["data"]["member"]["user_id"],
        carol.actor.user_id.to_string()
    );
    app.send(&alice, home.channels[0].id, "welcome").await;
    assert_eq!(
        c.expect("message.created").await["data"]["content"],
        "welcome"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kicked_and_banned_members_hear_about_themselves_then_nothing() {
    let app = TestApp::start().await;
    let (alice, bob, carol) = (
        app.user("alice").await,
        app.user("bob").await,
        app.user("carol").await,
    );
    let home = app.server(&alice, "Home").await;
    let (sid, general) = (home.view.server.id, home.channels[0].id);
    app.join(&alice, &bob, sid).await;
    app.join(&alice, &carol, sid).await;
    let (mut a, _) = app.identify(&alice).await;
    let (mut b, _) = app.identify(&bob).await;
    let (mut c, _) = app.identify(&carol).await;
    drain_all(&mut [&mut a, &mut b, &mut c]).await;

    app.chat
        .kick(&alice.actor, sid, bob.actor.user_id)
        .await
        .unwrap();
    for data in all_get(&mut [&mut a, &mut b, &mut c], "member.left").await {
        assert_eq!(data["user_id"], bob.actor.user_id.to_string());
        assert_eq!(data["reason"], "kicked");
    }
    let ban = BanRequest {
        user_id: carol.actor.user_id,
        reason: None,
        duration_seconds: None,
    };
    app.chat.ban(&alice.actor, sid, ban).await.unwrap();
    for data in all_get(&mut [&mut a, &mut c], "member.left").await {
        assert_eq!(data["reason"], "banned");
    }

    app.send(&alice, general, "only me now").await;
    a.expect("message.created").await;
    b.expect_nothing().await;
    c.expect_nothing().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sender_gets_their_own_message_but_not_their_own_typing() {
    let app = TestApp::start().await;
    let (alice, bob) = (app.user("alice").await, app.user("bob").await);
    let home = app.server(&alice, "Home").await;
    let general = home.channels[0].id;
    app.join(&alice, &bob, home.view.server.id).await;
    let (mut a, _) = app.identify(&alice).await;
    let (mut b, _) = app.identify(&bob).await;
    drain_all(&mut [&mut a, &mut b]).await;

    a.send(json!({"type": "typing.start", "data": {"channel_id": general.to_string()}}))
        .await;
    let typing = b.expect("typing.started").await;
    assert_eq!(typing["data"]["user_id"], alice.actor.user_id.to_string());
    app.send(&alice, general, "hi").await;
    a.expect("message.created").await;
    b.expect("message.created").await;
    a.expect_nothing().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invisible_looks_offline_to_others_and_invisible_to_oneself() {
    let app = TestApp::start().await;
    let (alice, bob) = (app.user("alice").await, app.user("bob").await);
    let home = app.server(&alice, "Home").await;
    app.join(&alice, &bob, home.view.server.id).await;
    let (mut a, _) = app.identify(&alice).await;
    let (mut b, _) = app.identify(&bob).await;
    drain_all(&mut [&mut a, &mut b]).await;

    b.send(json!({"type": "presence.set", "data": {"status": "invisible"}}))
        .await;
    let seen = a.expect("presence.updated").await;
    assert_eq!(seen["data"]["user_id"], bob.actor.user_id.to_string());
    assert_eq!(seen["data"]["status"], "offline");
    assert_eq!(
        b.expect("presence.updated").await["data"]["status"],
        "invisible"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presence_follows_sessions_with_a_grace_for_quick_reconnects() {
    let app = TestApp::start().await;
    let (alice, bob) = (app.user("alice").await, app.user("bob").await);
    let home = app.server(&alice, "Home").await;
    app.join(&alice, &bob, home.view.server.id).await;
    let (mut a, _) = app.identify(&alice).await;
    a.drain().await;

    let (b, ready) = app.identify(&bob).await;
    assert_eq!(ready["data"]["user"]["status"], "online");
    let online = a.expect("presence.updated").await;
    assert_eq!(online["data"]["status"], "online");

    // A quick reconnect (within the grace) shows no offline blip.
    b.close(1000).await;
    let (b, _) = app.identify(&bob).await;
    a.expect_nothing().await;

    b.close(1000).await;
    let offline = a.expect("presence.updated").await;
    assert_eq!(offline["data"]["user_id"], bob.actor.user_id.to_string());
    assert_eq!(offline["data"]["status"], "offline");
}
