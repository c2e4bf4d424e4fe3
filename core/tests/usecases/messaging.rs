//! Replies, reactions, pins and jumping to a message.

use chat_core::auth::Actor;
use chat_core::events::{Audience, EventKind};
use chat_core::ids::{ChannelId, MessageId};
use chat_core::messages::{Emoji, HistoryAnchor, MessageContent, MessageView, ReplyPreview};

use crate::common::{code, field, TestApp};

fn text(t: &str) -> MessageContent {
    MessageContent::parse(t).unwrap()
}

fn emoji(e: &str) -> Emoji {
    Emoji::parse(e).unwrap()
}

async fn send(app: &TestApp, who: &Actor, channel: ChannelId, t: &str) -> MessageView {
    app.chat
        .send_message(who, channel, text(t), None)
        .await
        .unwrap()
        .0
}

async fn reply(
    app: &TestApp,
    who: &Actor,
    channel: ChannelId,
    to: MessageId,
    t: &str,
) -> MessageView {
    app.chat
        .send_message_replying(who, channel, text(t), None, Some(to))
        .await
        .unwrap()
        .0
}

#[tokio::test]
async fn a_reply_carries_the_replied_message_author_and_first_100_characters() {
    let app = TestApp::new();
    let c = app.community().await;
    let long = "é".repeat(150);
    let original = send(&app, &c.owner, c.general, &long).await;
    let answer = reply(&app, &c.member, c.general, original.message.id, "yes").await;
    match &answer.reply_to {
        Some(ReplyPreview::Message {
            id,
            author,
            content,
        }) => {
            assert_eq!(*id, original.message.id);
            assert_eq!(author.username, "owner");
            assert_eq!(content.chars().count(), 100);
        }
        other => panic!("expected a preview, got {other:?}"),
    }
    assert_eq!(original.reply_to, None);
    let page = app
        .chat
        .history(&c.member, c.general, None, None)
        .await
        .unwrap();
    assert_eq!(page[1].reply_to, answer.reply_to);
}

#[tokio::test]
async fn a_reply_to_a_deleted_message_shows_it_as_deleted() {
    let app = TestApp::new();
    let c = app.community().await;
    let original = send(&app, &c.owner, c.general, "soon gone").await;
    let answer = reply(&app, &c.member, c.general, original.message.id, "ok").await;
    app.chat
        .delete_message(&c.owner, original.message.id)
        .await
        .unwrap();
    let page = app
        .chat
        .history(&c.member, c.general, None, None)
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].message.id, answer.message.id);
    assert_eq!(
        page[0].reply_to,
        Some(ReplyPreview::Deleted {
            id: original.message.id
        })
    );
}

#[tokio::test]
async fn a_reply_to_another_channel_or_an_unknown_message_is_invalid_on_reply_to() {
    let app = TestApp::new();
    let c = app.community().await;
    let other = app
        .chat
        .create_channel(
            &c.owner,
            c.server,
            chat_core::channels::ChannelName::parse("other").unwrap(),
            None,
        )
        .await
        .unwrap();
    let elsewhere = send(&app, &c.owner, other.id, "elsewhere").await;
    let r = app
        .chat
        .send_message_replying(
            &c.member,
            c.general,
            text("hi"),
            None,
            Some(elsewhere.message.id),
        )
        .await;
    assert_eq!(field(r), "reply_to");
    let unknown = MessageId::from_uuid(uuid::Uuid::now_v7());
    let r = app
        .chat
        .send_message_replying(&c.member, c.general, text("hi"), None, Some(unknown))
        .await;
    assert_eq!(field(r), "reply_to");
    let page = app
        .chat
        .history(&c.member, c.general, None, None)
        .await
        .unwrap();
    assert!(page.is_empty(), "nothing was stored");
}

#[tokio::test]
async fn reactions_count_per_emoji_with_me_for_the_viewer_and_are_announced() {
    let app = TestApp::new();
    let c = app.community().await;
    let m = send(&app, &c.owner, c.general, "vote").await.message.id;
    app.take_events();
    app.chat
        .add_reaction(&c.member, m, emoji("👍"))
        .await
        .unwrap();
    app.chat
        .add_reaction(&c.member, m, emoji("👍"))
        .await
        .unwrap();
    app.chat
        .add_reaction(&c.admin, m, emoji("🎉"))
        .await
        .unwrap();
    app.chat
        .add_reaction(&c.admin, m, emoji("👍"))
        .await
        .unwrap();
    let events = app.take_events();
    assert_eq!(events.len(), 3, "the repeated reaction is not announced");
    assert_eq!(events[0].audience, Audience::Server(c.server));
    assert!(matches!(
        &events[0].kind,
        EventKind::ReactionAdded { message_id, emoji: e, user_id, .. }
            if *message_id == m && e.as_str() == "👍" && *user_id == c.member.user_id
    ));
    let page = app
        .chat
        .history(&c.member, c.general, None, None)
        .await
        .unwrap();
    let summary: Vec<(&str, u64, bool)> = page[0]
        .reactions
        .iter()
        .map(|r| (r.emoji.as_str(), r.count, r.me))
        .collect();
    assert_eq!(summary, vec![("👍", 2, true), ("🎉", 1, false)]);
    let page = app
        .chat
        .history(&c.owner, c.general, None, None)
        .await
        .unwrap();
    assert!(page[0].reactions.iter().all(|r| !r.me));

    app.chat
        .remove_reaction(&c.member, m, emoji("👍"))
        .await
        .unwrap();
    app.chat
        .remove_reaction(&c.member, m, emoji("👍"))
        .await
        .unwrap();
    let events = app.take_kinds();
    assert_eq!(events.len(), 1, "removing nothing is not announced");
    assert!(
        matches!(&events[0], EventKind::ReactionRemoved { user_id, .. } if *user_id == c.member.user_id)
    );
}

#[tokio::test]
async fn at_most_20_distinct_emoji_per_message() {
    let app = TestApp::new();
    let c = app.community().await;
    let m = send(&app, &c.owner, c.general, "many").await.message.id;
    let faces: Vec<char> = ('😀'..).take(21).collect();
    for f in &faces[..20] {
        app.chat
            .add_reaction(&c.member, m, emoji(&f.to_string()))
            .await
            .unwrap();
    }
    let r = app
        .chat
        .add_reaction(&c.member, m, emoji(&faces[20].to_string()))
        .await;
    assert_eq!(code(r), "too_many_reactions");
    // An emoji already there still takes more people.
    app.chat
        .add_reaction(&c.admin, m, emoji(&faces[0].to_string()))
        .await
        .unwrap();
}

#[tokio::test]
async fn reactors_are_listed_by_user_id_in_pages() {
    let app = TestApp::new();
    let c = app.community().await;
    let m = send(&app, &c.owner, c.general, "who?").await.message.id;
    for who in [&c.owner, &c.admin, &c.member] {
        app.chat.add_reaction(who, m, emoji("❤️")).await.unwrap();
    }
    let mut ids = [c.owner.user_id, c.admin.user_id, c.member.user_id];
    ids.sort();
    let first = app
        .chat
        .reactors(&c.member, m, emoji("❤️"), None, Some(2))
        .await
        .unwrap();
    assert_eq!(
        first.iter().map(|u| u.user.id).collect::<Vec<_>>(),
        ids[..2]
    );
    let rest = app
        .chat
        .reactors(&c.member, m, emoji("❤️"), Some(ids[1]), Some(2))
        .await
        .unwrap();
    assert_eq!(rest.iter().map(|u| u.user.id).collect::<Vec<_>>(), ids[2..]);
    assert_eq!(
        field(
            app.chat
                .reactors(&c.member, m, emoji("❤️"), None, Some(0))
                .await
        ),
        "limit"
    );
}

#[tokio::test]
async fn non_members_get_not_found_for_every_reaction_and_pin_action() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    let m = send(&app, &c.owner, c.general, "private").await.message.id;
    assert_eq!(
        code(app.chat.add_reaction(&outsider, m, emoji("👍")).await),
        "not_found"
    );
    assert_eq!(
        code(app.chat.remove_reaction(&outsider, m, emoji("👍")).await),
        "not_found"
    );
    assert_eq!(
        code(
            app.chat
                .reactors(&outsider, m, emoji("👍"), None, None)
                .await
        ),
        "not_found"
    );
    assert_eq!(
        code(app.chat.clear_reactions(&outsider, m).await),
        "not_found"
    );
    assert_eq!(
        code(app.chat.pin_message(&outsider, c.general, m).await),
        "not_found"
    );
    assert_eq!(
        code(app.chat.unpin_message(&outsider, c.general, m).await),
        "not_found"
    );
    assert_eq!(code(app.chat.pins(&outsider, c.general).await), "not_found");
    let around = HistoryAnchor::Around(m);
    assert_eq!(
        code(
            app.chat
                .history_page(&outsider, c.general, around, None)
                .await
        ),
        "not_found"
    );
}

#[tokio::test]
async fn only_admins_and_the_owner_clear_reactions_and_everyone_hears_it() {
    let app = TestApp::new();
    let c = app.community().await;
    let m = send(&app, &c.member, c.general, "clear me")
        .await
        .message
        .id;
    app.chat
        .add_reaction(&c.member, m, emoji("👍"))
        .await
        .unwrap();
    assert_eq!(
        code(app.chat.clear_reactions(&c.member, m).await),
        "forbidden"
    );
    app.take_events();
    app.chat.clear_reactions(&c.admin, m).await.unwrap();
    let events = app.take_events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].audience, Audience::Server(c.server));
    assert!(
        matches!(&events[0].kind, EventKind::ReactionsCleared { message_id, .. } if *message_id == m)
    );
    let page = app
        .chat
        .history(&c.member, c.general, None, None)
        .await
        .unwrap();
    assert!(page[0].reactions.is_empty());
}

#[tokio::test]
async fn admins_pin_and_unpin_members_list_pins_newest_first() {
    let app = TestApp::new();
    let c = app.community().await;
    let a = send(&app, &c.member, c.general, "a").await.message.id;
    let b = send(&app, &c.member, c.general, "b").await.message.id;
    assert_eq!(
        code(app.chat.pin_message(&c.member, c.general, a).await),
        "forbidden"
    );
    assert_eq!(
        code(app.chat.unpin_message(&c.member, c.general, a).await),
        "forbidden"
    );
    app.take_events();
    app.chat.pin_message(&c.admin, c.general, a).await.unwrap();
    let kinds = app.take_kinds();
    assert!(
        kinds.iter().any(|k| matches!(k, EventKind::MessageUpdated(v) if v.message.id == a && v.message.pinned_at.is_some())),
        "{kinds:?}"
    );
    assert!(matches!(
        kinds.last(),
        Some(EventKind::ChannelPinsUpdated { channel_id, server_id })
            if *channel_id == c.general && *server_id == c.server
    ));
    app.chat.pin_message(&c.admin, c.general, a).await.unwrap();
    assert!(app.take_kinds().is_empty(), "pinning again changes nothing");
    app.advance(1);
    app.chat.pin_message(&c.owner, c.general, b).await.unwrap();
    let pins = app.chat.pins(&c.member, c.general).await.unwrap();
    assert_eq!(
        pins.iter().map(|v| v.message.id).collect::<Vec<_>>(),
        vec![b, a]
    );
    app.chat
        .unpin_message(&c.owner, c.general, b)
        .await
        .unwrap();
    app.chat
        .unpin_message(&c.owner, c.general, b)
        .await
        .unwrap();
    let pins = app.chat.pins(&c.member, c.general).await.unwrap();
    assert_eq!(
        pins.iter().map(|v| v.message.id).collect::<Vec<_>>(),
        vec![a]
    );
}

#[tokio::test]
async fn pinning_a_message_of_another_channel_or_an_unknown_one_is_not_found() {
    let app = TestApp::new();
    let c = app.community().await;
    let other = app
        .chat
        .create_channel(
            &c.owner,
            c.server,
            chat_core::channels::ChannelName::parse("other").unwrap(),
            None,
        )
        .await
        .unwrap();
    let elsewhere = send(&app, &c.owner, other.id, "x").await.message.id;
    assert_eq!(
        code(app.chat.pin_message(&c.owner, c.general, elsewhere).await),
        "not_found"
    );
    assert_eq!(
        code(app.chat.unpin_message(&c.owner, c.general, elsewhere).await),
        "not_found"
    );
    let unknown = MessageId::from_uuid(uuid::Uuid::now_v7());
    assert_eq!(
        code(app.chat.pin_message(&c.owner, c.general, unknown).await),
        "not_found"
    );
}

#[tokio::test]
async fn at_most_50_pins_per_channel() {
    let app = TestApp::new();
    let c = app.community().await;
    for i in 0..50 {
        let m = send(&app, &c.owner, c.general, &format!("m{i}"))
            .await
            .message
            .id;
        app.chat.pin_message(&c.owner, c.general, m).await.unwrap();
    }
    let m = send(&app, &c.owner, c.general, "one too many")
        .await
        .message
        .id;
    assert_eq!(
        code(app.chat.pin_message(&c.owner, c.general, m).await),
        "too_many_pins"
    );
}

#[tokio::test]
async fn message_updated_marks_me_per_receiving_member() {
    let app = TestApp::new();
    let c = app.community().await;
    let m = send(&app, &c.member, c.general, "edit me").await.message.id;
    app.chat
        .add_reaction(&c.member, m, emoji("👍"))
        .await
        .unwrap();
    app.chat
        .add_reaction(&c.admin, m, emoji("🎉"))
        .await
        .unwrap();
    app.take_events();
    app.chat
        .edit_message(&c.member, m, text("edited"))
        .await
        .unwrap();
    let events = app.take_events();
    let mine = |who: &Actor| -> Vec<(String, bool)> {
        let event = events
            .iter()
            .find(|e| matches!(&e.audience, Audience::Users(us) if us.contains(&who.user_id)))
            .unwrap_or_else(|| panic!("no copy for {:?}", who.user_id));
        match &event.kind {
            EventKind::MessageUpdated(v) => v
                .reactions
                .iter()
                .map(|r| (r.emoji.as_str().to_owned(), r.me))
                .collect(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        mine(&c.member),
        vec![("👍".into(), true), ("🎉".into(), false)]
    );
    assert_eq!(
        mine(&c.admin),
        vec![("👍".into(), false), ("🎉".into(), true)]
    );
    assert_eq!(
        mine(&c.owner),
        vec![("👍".into(), false), ("🎉".into(), false)]
    );
    assert_eq!(events.len(), 3, "one copy per view");
}

#[tokio::test]
async fn around_returns_the_page_centred_on_the_message_and_after_pages_forward() {
    let app = TestApp::new();
    let c = app.community().await;
    let mut ids = Vec::new();
    for i in 0..20 {
        ids.push(
            send(&app, &c.owner, c.general, &format!("m{i}"))
                .await
                .message
                .id,
        );
    }
    let page = app
        .chat
        .history_page(
            &c.member,
            c.general,
            HistoryAnchor::Around(ids[10]),
            Some(6),
        )
        .await
        .unwrap();
    let got: Vec<MessageId> = page.iter().map(|v| v.message.id).collect();
    assert_eq!(got, ids[7..13].to_vec());
    let page = app
        .chat
        .history_page(
            &c.member,
            c.general,
            HistoryAnchor::Around(ids[1]),
            Some(50),
        )
        .await
        .unwrap();
    assert_eq!(page.len(), 20, "the whole channel fits");
    let page = app
        .chat
        .history_page(&c.member, c.general, HistoryAnchor::After(ids[15]), Some(3))
        .await
        .unwrap();
    let got: Vec<MessageId> = page.iter().map(|v| v.message.id).collect();
    assert_eq!(got, ids[16..19].to_vec());
    let unknown = MessageId::from_uuid(uuid::Uuid::now_v7());
    for anchor in [
        HistoryAnchor::Around(unknown),
        HistoryAnchor::After(unknown),
    ] {
        assert_eq!(
            code(
                app.chat
                    .history_page(&c.member, c.general, anchor, None)
                    .await
            ),
            "not_found"
        );
    }
}
