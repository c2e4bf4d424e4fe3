//! Timeouts: set and lifted by an admin who outranks the member; a
//! timed-out member reads but cannot send or type.

use chat_core::events::EventKind;
use chat_core::messages::MessageContent;
use chat_core::moderation::MAX_TIMEOUT_SECONDS;
use chat_core::{Error, Timestamp};

use crate::common::{code, field, Community, TestApp};

fn now(app: &TestApp) -> Timestamp {
    app.chat.deps().clock.now()
}

async fn send(app: &TestApp, c: &Community, who: &chat_core::auth::Actor) -> Result<(), Error> {
    let content = MessageContent::parse("hello").unwrap();
    app.chat
        .send_message(who, c.general, content, None)
        .await
        .map(drop)
}

#[tokio::test]
async fn a_timed_out_member_reads_but_cannot_send_or_type_until_it_ends() {
    let app = TestApp::new();
    let c = app.community().await;
    let until = now(&app).plus_seconds(600);
    let view = app
        .chat
        .set_timeout(&c.admin, c.server, c.member.user_id, until)
        .await
        .unwrap();
    assert_eq!(view.timed_out_until, Some(until));
    match send(&app, &c, &c.member).await {
        Err(Error::TimedOut { until: u }) => assert_eq!(u, until),
        other => panic!("expected timed_out, got {other:?}"),
    }
    assert_eq!(
        code(app.chat.start_typing(&c.member, c.general).await),
        "timed_out"
    );
    app.chat
        .history(&c.member, c.general, None, None)
        .await
        .expect("reading still works");
    let members = app.chat.list_members(&c.owner, c.server).await.unwrap();
    let m = members
        .iter()
        .find(|m| m.user_id == c.member.user_id)
        .unwrap();
    assert_eq!(m.timed_out_until, Some(until));
    app.advance(600);
    send(&app, &c, &c.member).await.expect("the timeout ended");
    let members = app.chat.list_members(&c.owner, c.server).await.unwrap();
    assert!(members.iter().all(|m| m.timed_out_until.is_none()));
}

#[tokio::test]
async fn setting_and_lifting_tell_the_server_with_member_updated() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    let until = now(&app).plus_seconds(60);
    app.chat
        .set_timeout(&c.admin, c.server, c.member.user_id, until)
        .await
        .unwrap();
    let kinds = app.take_kinds();
    assert!(matches!(
        kinds.as_slice(),
        [EventKind::MemberUpdated { member, .. }] if member.timed_out_until == Some(until)
    ));
    app.chat
        .lift_timeout(&c.admin, c.server, c.member.user_id)
        .await
        .unwrap();
    let kinds = app.take_kinds();
    assert!(matches!(
        kinds.as_slice(),
        [EventKind::MemberUpdated { member, .. }] if member.timed_out_until.is_none()
    ));
    send(&app, &c, &c.member).await.expect("lifted");
    app.take_events();
    // Lifting again is harmless and says nothing.
    app.chat
        .lift_timeout(&c.admin, c.server, c.member.user_id)
        .await
        .unwrap();
    assert!(app.take_kinds().is_empty());
}

#[tokio::test]
async fn until_must_be_in_the_future_and_at_most_28_days_ahead() {
    let app = TestApp::new();
    let c = app.community().await;
    let t = now(&app);
    let set = |until| {
        app.chat
            .set_timeout(&c.admin, c.server, c.member.user_id, until)
    };
    assert_eq!(field(set(t).await), "until");
    assert_eq!(field(set(t.plus_seconds(-5)).await), "until");
    assert_eq!(
        field(set(t.plus_seconds(MAX_TIMEOUT_SECONDS + 1)).await),
        "until"
    );
    set(t.plus_seconds(MAX_TIMEOUT_SECONDS)).await.unwrap();
}

#[tokio::test]
async fn timeouts_follow_the_outranking_rules_of_kick() {
    let app = TestApp::new();
    let c = app.community().await;
    let stranger = app.user("stranger").await;
    let until = now(&app).plus_seconds(60);
    let chat = &app.chat;
    assert_eq!(
        code(
            chat.set_timeout(&c.member, c.server, c.admin.user_id, until)
                .await
        ),
        "forbidden"
    );
    assert_eq!(
        code(
            chat.set_timeout(&c.admin, c.server, c.owner.user_id, until)
                .await
        ),
        "forbidden"
    );
    assert_eq!(
        code(
            chat.set_timeout(&c.admin, c.server, c.admin.user_id, until)
                .await
        ),
        "forbidden"
    );
    assert_eq!(
        code(
            chat.set_timeout(&stranger, c.server, c.member.user_id, until)
                .await
        ),
        "not_found"
    );
    assert_eq!(
        code(
            chat.set_timeout(&c.admin, c.server, stranger.user_id, until)
                .await
        ),
        "not_found"
    );
    assert_eq!(
        code(
            chat.lift_timeout(&c.member, c.server, c.admin.user_id)
                .await
        ),
        "forbidden"
    );
    // The owner outranks admins: an admin can be timed out, and then
    // cannot write either.
    chat.set_timeout(&c.owner, c.server, c.admin.user_id, until)
        .await
        .unwrap();
    assert_eq!(code(send(&app, &c, &c.admin).await), "timed_out");
}

#[tokio::test]
async fn leaving_and_rejoining_does_not_end_a_timeout() {
    let app = TestApp::new();
    let c = app.community().await;
    let until = now(&app).plus_seconds(60);
    app.chat
        .set_timeout(&c.admin, c.server, c.member.user_id, until)
        .await
        .unwrap();
    app.chat.leave_server(&c.member, c.server).await.unwrap();
    app.join(&c.owner, &c.member, c.server).await;
    assert_eq!(code(send(&app, &c, &c.member).await), "timed_out");
}
