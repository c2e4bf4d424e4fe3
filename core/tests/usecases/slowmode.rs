//! Slow mode: members wait `slowmode_seconds` between their messages in
//! a channel; admins and the owner do not.

use std::time::Duration;

use chat_core::channels::{ChannelChanges, ChannelName, Slowmode};
use chat_core::ids::ChannelId;
use chat_core::messages::{MessageContent, Nonce};
use chat_core::Error;

use crate::common::{Community, TestApp};

async fn slow_channel(app: &TestApp, c: &Community, seconds: i64) -> ChannelId {
    app.chat
        .create_channel_with(
            &c.admin,
            c.server,
            ChannelName::parse("slow").unwrap(),
            None,
            Some(Slowmode::parse(seconds).unwrap()),
        )
        .await
        .unwrap()
        .id
}

async fn send(
    app: &TestApp,
    who: &chat_core::auth::Actor,
    channel: ChannelId,
    nonce: Option<&str>,
) -> Result<bool, Error> {
    let content = MessageContent::parse("hello").unwrap();
    let nonce = nonce.map(|n| Nonce::parse(n).unwrap());
    app.chat
        .send_message(who, channel, content, nonce)
        .await
        .map(|(_, new)| new)
}

fn retry_after(r: Result<bool, Error>) -> Duration {
    match r {
        Err(Error::RateLimited { retry_after }) => retry_after,
        other => panic!("expected rate_limited, got {other:?}"),
    }
}

#[tokio::test]
async fn a_member_waits_the_slow_mode_between_messages() {
    let app = TestApp::new();
    let c = app.community().await;
    let ch = slow_channel(&app, &c, 10).await;
    assert!(send(&app, &c.member, ch, None).await.unwrap());
    app.advance(4);
    assert_eq!(
        retry_after(send(&app, &c.member, ch, None).await),
        Duration::from_secs(6)
    );
    // Other channels are not slowed.
    assert!(send(&app, &c.member, c.general, None).await.unwrap());
    app.advance(6);
    assert!(send(&app, &c.member, ch, None).await.unwrap());
}

#[tokio::test]
async fn admins_and_the_owner_are_exempt() {
    let app = TestApp::new();
    let c = app.community().await;
    let ch = slow_channel(&app, &c, 60).await;
    for who in [&c.admin, &c.owner] {
        assert!(send(&app, who, ch, None).await.unwrap());
        assert!(send(&app, who, ch, None).await.unwrap());
    }
}

#[tokio::test]
async fn a_retry_with_the_same_nonce_answers_the_first_message() {
    let app = TestApp::new();
    let c = app.community().await;
    let ch = slow_channel(&app, &c, 60).await;
    assert!(send(&app, &c.member, ch, Some("n1")).await.unwrap());
    assert!(!send(&app, &c.member, ch, Some("n1")).await.unwrap());
    retry_after(send(&app, &c.member, ch, Some("n2")).await);
}

#[tokio::test]
async fn turning_slow_mode_off_lifts_the_wait() {
    let app = TestApp::new();
    let c = app.community().await;
    let ch = slow_channel(&app, &c, 60).await;
    send(&app, &c.member, ch, None).await.unwrap();
    let off = ChannelChanges {
        slowmode: Some(Slowmode::OFF),
        ..Default::default()
    };
    let updated = app.chat.update_channel(&c.admin, ch, off).await.unwrap();
    assert_eq!(updated.slowmode, Slowmode::OFF);
    assert!(send(&app, &c.member, ch, None).await.unwrap());
}
