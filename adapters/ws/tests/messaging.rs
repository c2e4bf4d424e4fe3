//! Reactions and pins over the socket: who hears `reaction.added`,
//! `reaction.removed`, `reaction.removed_all`, `message.updated` (with
//! `pinned` and each receiver's own `me`) and `channel.pins_updated`.

mod common;

use chat_core::messages::{Emoji, MessageContent};
use chat_core::role::Role;
use common::TestApp;

fn emoji(e: &str) -> Emoji {
    Emoji::parse(e).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reactions_reach_every_member_and_no_outsider() {
    let app = TestApp::start().await;
    let (alice, bob, eve) = (
        app.user("alice").await,
        app.user("bob").await,
        app.user("eve").await,
    );
    let home = app.server(&alice, "Home").await;
    let sid = home.view.server.id;
    let general = home.channels[0].id;
    app.join(&alice, &bob, sid).await;
    let content = MessageContent::parse("react").unwrap();
    let (m, _) = app
        .chat
        .send_message(&alice.actor, general, content, None)
        .await
        .unwrap();
    let mid = m.message.id;
    let (mut a, _) = app.identify(&alice).await;
    let (mut b, _) = app.identify(&bob).await;
    let (mut e, _) = app.identify(&eve).await;
    for c in [&mut a, &mut b, &mut e] {
        c.drain().await;
    }

    app.chat
        .add_reaction(&bob.actor, mid, emoji("👍"))
        .await
        .unwrap();
    for c in [&mut a, &mut b] {
        let data = c.expect("reaction.added").await["data"].clone();
        assert_eq!(data["message_id"], mid.to_string());
        assert_eq!(data["channel_id"], general.to_string());
        assert_eq!(data["server_id"], sid.to_string());
        assert_eq!(data["emoji"], "👍");
        assert_eq!(data["user_id"], bob.actor.user_id.to_string());
    }
    app.chat
        .remove_reaction(&bob.actor, mid, emoji("👍"))
        .await
        .unwrap();
    for c in [&mut a, &mut b] {
        let data = c.expect("reaction.removed").await["data"].clone();
        assert_eq!(data["emoji"], "👍");
        assert_eq!(data["user_id"], bob.actor.user_id.to_string());
    }
    app.chat
        .add_reaction(&bob.actor, mid, emoji("🎉"))
        .await
        .unwrap();
    app.chat.clear_reactions(&alice.actor, mid).await.unwrap();
    for c in [&mut a, &mut b] {
        c.expect("reaction.added").await;
        let data = c.expect("reaction.removed_all").await["data"].clone();
        assert_eq!(data["message_id"], mid.to_string());
        assert_eq!(data["channel_id"], general.to_string());
        assert_eq!(data["server_id"], sid.to_string());
    }
    e.expect_nothing().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_sends_message_updated_with_each_receivers_me_then_pins_updated() {
    let app = TestApp::start().await;
    let (alice, bob, carol) = (
        app.user("alice").await,
        app.user("bob").await,
        app.user("carol").await,
    );
    let home = app.server(&alice, "Home").await;
    let sid = home.view.server.id;
    let general = home.channels[0].id;
    app.join(&alice, &bob, sid).await;
    app.join(&alice, &carol, sid).await;
    app.chat
        .set_role(&alice.actor, sid, carol.actor.user_id, Role::Admin)
        .await
        .unwrap();
    let content = MessageContent::parse("pin me").unwrap();
    let (m, _) = app
        .chat
        .send_message(&bob.actor, general, content, None)
        .await
        .unwrap();
    let mid = m.message.id;
    app.chat
        .add_reaction(&bob.actor, mid, emoji("👍"))
        .await
        .unwrap();
    let (mut a, _) = app.identify(&alice).await;
    let (mut b, _) = app.identify(&bob).await;
    for c in [&mut a, &mut b] {
        c.drain().await;
    }

    app.chat
        .pin_message(&carol.actor, general, mid)
        .await
        .unwrap();
    for (c, me) in [(&mut a, false), (&mut b, true)] {
        let data = c.expect("message.updated").await["data"].clone();
        assert_eq!(data["id"], mid.to_string());
        assert_eq!(data["pinned"], true);
        assert_eq!(data["reactions"][0]["emoji"], "👍");
        assert_eq!(data["reactions"][0]["count"], 1);
        assert_eq!(data["reactions"][0]["me"], me);
        let pins = c.expect("channel.pins_updated").await["data"].clone();
        assert_eq!(pins["channel_id"], general.to_string());
        assert_eq!(pins["server_id"], sid.to_string());
    }
    app.chat
        .unpin_message(&carol.actor, general, mid)
        .await
        .unwrap();
    for c in [&mut a, &mut b] {
        let data = c.expect("message.updated").await["data"].clone();
        assert_eq!(data["pinned"], false);
        c.expect("channel.pins_updated").await;
    }
}
