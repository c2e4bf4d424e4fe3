use chat_core::events::EventKind;
use chat_core::invites::InviteOptions;
use chat_core::moderation::BanRequest;

use crate::common::{code, field, TestApp};

#[tokio::test]
async fn admins_create_and_list_invites_members_may_not() {
    let app = TestApp::new();
    let c = app.community().await;
    let opts = InviteOptions {
        max_uses: Some(5),
        expires_in_seconds: Some(3600),
    };
    let invite = app
        .chat
        .create_invite(&c.admin, c.server, opts)
        .await
        .unwrap();
    assert_eq!(invite.max_uses, Some(5));
    assert_eq!(invite.uses, 0);
    assert_eq!(
        invite.expires_at,
        Some(invite.created_at.plus_seconds(3600))
    );
    let r = app
        .chat
        .create_invite(&c.member, c.server, InviteOptions::default())
        .await;
    assert_eq!(code(r), "forbidden");
    assert_eq!(
        code(app.chat.list_invites(&c.member, c.server).await),
        "forbidden"
    );
    let listed = app.chat.list_invites(&c.admin, c.server).await.unwrap();
    assert!(listed.iter().any(|i| i.code == invite.code));
}

#[tokio::test]
async fn invite_limits_are_validated() {
    let app = TestApp::new();
    let c = app.community().await;
    let r = app
        .chat
        .create_invite(
            &c.owner,
            c.server,
            InviteOptions {
                max_uses: Some(0),
                ..Default::default()
            },
        )
        .await;
    assert_eq!(field(r), "max_uses");
    let opts = InviteOptions {
        expires_in_seconds: Some(-5),
        ..Default::default()
    };
    assert_eq!(
        field(app.chat.create_invite(&c.owner, c.server, opts).await),
        "expires_in_seconds"
    );
}

#[tokio::test]
async fn preview_shows_the_server() {
    let app = TestApp::new();
    let c = app.community().await;
    let code_ = app.invite(&c.owner, c.server).await;
    let p = app.chat.preview_invite(&code_, None).await.unwrap();
    assert_eq!(p.server_id, c.server);
    assert_eq!(p.server_name.as_str(), "Community");
    assert_eq!(p.member_count, 3);
}

#[tokio::test]
async fn joining_counts_a_use_and_is_announced() {
    let app = TestApp::new();
    let c = app.community().await;
    let newcomer = app.user("newcomer").await;
    let code_ = app.invite(&c.owner, c.server).await;
    app.take_events();
    let s = app
        .chat
        .join_via_invite(&newcomer, &code_, None)
        .await
        .unwrap();
    assert_eq!(s.view.member_count, 4);
    assert!(
        matches!(&app.take_kinds()[..], [EventKind::MemberJoined { member, .. }] if member.user_id == newcomer.user_id)
    );
    let invites = app.chat.list_invites(&c.owner, c.server).await.unwrap();
    assert_eq!(invites.iter().find(|i| i.code == code_).unwrap().uses, 1);
}

#[tokio::test]
async fn joining_twice_is_harmless_and_uses_nothing() {
    let app = TestApp::new();
    let c = app.community().await;
    let code_ = app.invite(&c.owner, c.server).await;
    app.take_events();
    let s = app
        .chat
        .join_via_invite(&c.member, &code_, None)
        .await
        .unwrap();
    assert_eq!(s.view.member_count, 3);
    assert!(app.take_events().is_empty());
    let invites = app.chat.list_invites(&c.owner, c.server).await.unwrap();
    assert_eq!(invites.iter().find(|i| i.code == code_).unwrap().uses, 0);
}

#[tokio::test]
async fn a_used_up_invite_is_expired() {
    let app = TestApp::new();
    let c = app.community().await;
    let (a, b) = (app.user("aaa").await, app.user("bbb").await);
    let opts = InviteOptions {
        max_uses: Some(1),
        ..Default::default()
    };
    let invite = app
        .chat
        .create_invite(&c.owner, c.server, opts)
        .await
        .unwrap();
    app.chat
        .join_via_invite(&a, &invite.code, None)
        .await
        .unwrap();
    assert_eq!(
        code(app.chat.join_via_invite(&b, &invite.code, None).await),
        "invite_expired"
    );
    assert_eq!(
        code(app.chat.preview_invite(&invite.code, None).await),
        "invite_expired"
    );
}

#[tokio::test]
async fn an_invite_past_its_expiry_is_expired() {
    let app = TestApp::new();
    let c = app.community().await;
    let newcomer = app.user("newcomer").await;
    let opts = InviteOptions {
        expires_in_seconds: Some(60),
        ..Default::default()
    };
    let invite = app
        .chat
        .create_invite(&c.owner, c.server, opts)
        .await
        .unwrap();
    app.advance(61);
    assert_eq!(
        code(app.chat.preview_invite(&invite.code, None).await),
        "invite_expired"
    );
    assert_eq!(
        code(
            app.chat
                .join_via_invite(&newcomer, &invite.code, None)
                .await
        ),
        "invite_expired"
    );
}

#[tokio::test]
async fn an_invite_used_with_another_servers_id_is_not_found() {
    let app = TestApp::new();
    let c = app.community().await;
    let other = app.server(&c.owner, "Other").await.view.server.id;
    let newcomer = app.user("newcomer").await;
    let code_ = app.invite(&c.owner, c.server).await;
    assert_eq!(
        code(
            app.chat
                .join_via_invite(&newcomer, &code_, Some(other))
                .await
        ),
        "not_found"
    );
    app.chat
        .join_via_invite(&newcomer, &code_, Some(c.server))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_banned_user_cannot_join() {
    let app = TestApp::new();
    let c = app.community().await;
    let req = BanRequest {
        user_id: c.member.user_id,
        reason: None,
        duration_seconds: None,
    };
    app.chat.ban(&c.admin, c.server, req).await.unwrap();
    let code_ = app.invite(&c.owner, c.server).await;
    assert_eq!(
        code(app.chat.join_via_invite(&c.member, &code_, None).await),
        "banned"
    );
}

#[tokio::test]
async fn unknown_codes_are_not_found() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    let nope = chat_core::ids::InviteCode::parse("doesnotexist").unwrap();
    assert_eq!(
        code(app.chat.preview_invite(&nope, None).await),
        "not_found"
    );
    assert_eq!(
        code(app.chat.join_via_invite(&alice, &nope, None).await),
        "not_found"
    );
}

#[tokio::test]
async fn admins_revoke_invites() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    let code_ = app.invite(&c.owner, c.server).await;
    assert_eq!(
        code(app.chat.revoke_invite(&c.member, &code_).await),
        "forbidden"
    );
    assert_eq!(
        code(app.chat.revoke_invite(&outsider, &code_).await),
        "not_found"
    );
    app.chat.revoke_invite(&c.admin, &code_).await.unwrap();
    assert_eq!(
        code(app.chat.preview_invite(&code_, None).await),
        "not_found"
    );
}
