use chat_core::events::EventKind;
use chat_core::members::LeaveReason;
use chat_core::moderation::{BanReason, BanRequest};

use crate::common::{code, field, TestApp};

fn ban_of(user: chat_core::ids::UserId, seconds: Option<i64>) -> BanRequest {
    BanRequest {
        user_id: user,
        reason: Some(BanReason::parse("spam").unwrap()),
        duration_seconds: seconds,
    }
}

#[tokio::test]
async fn an_admin_kicks_a_member_who_may_rejoin() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    app.chat
        .kick(&c.admin, c.server, c.member.user_id)
        .await
        .unwrap();
    assert_eq!(
        app.take_kinds(),
        vec![EventKind::MemberLeft {
            server_id: c.server,
            user_id: c.member.user_id,
            reason: LeaveReason::Kicked
        }]
    );
    assert_eq!(
        code(app.chat.get_server(&c.member, c.server).await),
        "not_found"
    );
    app.join(&c.owner, &c.member, c.server).await;
}

#[tokio::test]
async fn kicking_needs_to_outrank_the_target() {
    let app = TestApp::new();
    let c = app.community().await;
    let other_admin = app.user("admin2").await;
    app.join(&c.owner, &other_admin, c.server).await;
    app.chat
        .set_role(
            &c.owner,
            c.server,
            other_admin.user_id,
            chat_core::role::Role::Admin,
        )
        .await
        .unwrap();
    assert_eq!(
        code(app.chat.kick(&c.member, c.server, c.admin.user_id).await),
        "forbidden"
    );
    assert_eq!(
        code(app.chat.kick(&c.admin, c.server, other_admin.user_id).await),
        "forbidden"
    );
    assert_eq!(
        code(app.chat.kick(&c.admin, c.server, c.owner.user_id).await),
        "forbidden"
    );
    app.chat
        .kick(&c.owner, c.server, c.admin.user_id)
        .await
        .unwrap();
}

#[tokio::test]
async fn kicking_a_non_member_is_not_found() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    assert_eq!(
        code(app.chat.kick(&c.admin, c.server, outsider.user_id).await),
        "not_found"
    );
    assert_eq!(
        code(app.chat.kick(&outsider, c.server, c.member.user_id).await),
        "not_found"
    );
}

#[tokio::test]
async fn a_ban_removes_the_member_and_keeps_them_out_for_good() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    let ban = app
        .chat
        .ban(&c.admin, c.server, ban_of(c.member.user_id, None))
        .await
        .unwrap();
    assert_eq!(ban.ban.expires_at, None);
    assert_eq!(ban.ban.banned_by, c.admin.user_id);
    assert_eq!(ban.user.id, c.member.user_id);
    assert!(app.take_kinds().contains(&EventKind::MemberLeft {
        server_id: c.server,
        user_id: c.member.user_id,
        reason: LeaveReason::Banned
    }));
    app.advance(10 * 365 * 24 * 3600);
    let invite = app.invite(&c.owner, c.server).await;
    assert_eq!(
        code(app.chat.join_via_invite(&c.member, &invite, None).await),
        "banned"
    );
}

#[tokio::test]
async fn a_timed_ban_ends_by_itself() {
    let app = TestApp::new();
    let c = app.community().await;
    app.chat
        .ban(&c.admin, c.server, ban_of(c.member.user_id, Some(3600)))
        .await
        .unwrap();
    let invite = app.invite(&c.owner, c.server).await;
    assert_eq!(
        code(app.chat.join_via_invite(&c.member, &invite, None).await),
        "banned"
    );
    app.advance(3601);
    app.chat
        .join_via_invite(&c.member, &invite, None)
        .await
        .unwrap();
    assert!(app
        .chat
        .list_bans(&c.admin, c.server)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn banning_needs_to_outrank_the_target() {
    let app = TestApp::new();
    let c = app.community().await;
    let r = app
        .chat
        .ban(&c.admin, c.server, ban_of(c.owner.user_id, None))
        .await;
    assert_eq!(code(r), "forbidden");
    let r = app
        .chat
        .ban(&c.member, c.server, ban_of(c.admin.user_id, None))
        .await;
    assert_eq!(code(r), "forbidden");
    let r = app
        .chat
        .ban(&c.admin, c.server, ban_of(c.admin.user_id, None))
        .await;
    assert_eq!(code(r), "forbidden", "nobody outranks themself");
}

#[tokio::test]
async fn ban_duration_must_be_positive() {
    let app = TestApp::new();
    let c = app.community().await;
    let r = app
        .chat
        .ban(&c.admin, c.server, ban_of(c.member.user_id, Some(0)))
        .await;
    assert_eq!(field(r), "duration_seconds");
    assert!(
        app.chat.get_server(&c.member, c.server).await.is_ok(),
        "nothing changed"
    );
}

#[tokio::test]
async fn a_non_member_can_be_banned_but_an_unknown_user_cannot() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    app.chat
        .ban(&c.admin, c.server, ban_of(outsider.user_id, None))
        .await
        .unwrap();
    let ghost = chat_core::ids::UserId::from_uuid(uuid::Uuid::now_v7());
    assert_eq!(
        code(app.chat.ban(&c.admin, c.server, ban_of(ghost, None)).await),
        "not_found"
    );
}

#[tokio::test]
async fn admins_list_and_lift_bans() {
    let app = TestApp::new();
    let c = app.community().await;
    app.chat
        .ban(&c.admin, c.server, ban_of(c.member.user_id, None))
        .await
        .unwrap();
    let bans = app.chat.list_bans(&c.admin, c.server).await.unwrap();
    assert_eq!(bans.len(), 1);
    assert_eq!(bans[0].ban.reason.as_ref().unwrap().as_str(), "spam");
    // Shown with the banned user's names, so admins know whom it bans.
    let member = app.chat.me(&c.member).await.unwrap().user;
    assert_eq!(bans[0].user.id, c.member.user_id);
    assert_eq!(bans[0].user.username, member.username.as_str());
    assert_eq!(bans[0].user.display_name, member.display_name.as_str());
    app.chat
        .unban(&c.admin, c.server, c.member.user_id)
        .await
        .unwrap();
    app.join(&c.owner, &c.member, c.server).await;
    assert_eq!(
        code(app.chat.unban(&c.admin, c.server, c.member.user_id).await),
        "not_found"
    );
}

#[tokio::test]
async fn members_cannot_see_or_lift_bans() {
    let app = TestApp::new();
    let c = app.community().await;
    assert_eq!(
        code(app.chat.list_bans(&c.member, c.server).await),
        "forbidden"
    );
    assert_eq!(
        code(app.chat.unban(&c.member, c.server, c.admin.user_id).await),
        "forbidden"
    );
}
