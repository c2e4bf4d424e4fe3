use chat_core::events::{Audience, EventKind};
use chat_core::members::LeaveReason;
use chat_core::presence::{ShownStatus, Status};
use chat_core::role::Role;

use crate::common::{code, field, TestApp};

#[tokio::test]
async fn members_see_the_member_list_in_join_order_with_roles() {
    let app = TestApp::new();
    let c = app.community().await;
    let members = app.chat.list_members(&c.member, c.server).await.unwrap();
    let seen: Vec<(&str, Role)> = members
        .iter()
        .map(|m| (m.username.as_str(), m.role))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("owner", Role::Owner),
            ("admin", Role::Admin),
            ("member", Role::Member)
        ]
    );
}

#[tokio::test]
async fn non_members_cannot_list_members() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    assert_eq!(
        code(app.chat.list_members(&outsider, c.server).await),
        "not_found"
    );
}

#[tokio::test]
async fn a_member_leaves_and_is_announced() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    app.chat.leave_server(&c.member, c.server).await.unwrap();
    assert_eq!(
        code(app.chat.get_server(&c.member, c.server).await),
        "not_found"
    );
    assert_eq!(
        app.take_kinds(),
        vec![EventKind::MemberLeft {
            server_id: c.server,
            user_id: c.member.user_id,
            reason: LeaveReason::Left
        }]
    );
}

#[tokio::test]
async fn the_owner_cannot_leave() {
    let app = TestApp::new();
    let c = app.community().await;
    assert_eq!(
        code(app.chat.leave_server(&c.owner, c.server).await),
        "owner_cannot_leave"
    );
}

#[tokio::test]
async fn leaving_a_server_one_is_not_in_is_not_found() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    assert_eq!(
        code(app.chat.leave_server(&outsider, c.server).await),
        "not_found"
    );
}

#[tokio::test]
async fn the_owner_promotes_and_demotes() {
    let app = TestApp::new();
    let c = app.community().await;
    let m = app
        .chat
        .set_role(&c.owner, c.server, c.member.user_id, Role::Admin)
        .await
        .unwrap();
    assert_eq!(m.role, Role::Admin);
    let m = app
        .chat
        .set_role(&c.owner, c.server, c.member.user_id, Role::Member)
        .await
        .unwrap();
    assert_eq!(m.role, Role::Member);
}

#[tokio::test]
async fn admins_cannot_change_roles() {
    let app = TestApp::new();
    let c = app.community().await;
    let r = app
        .chat
        .set_role(&c.admin, c.server, c.member.user_id, Role::Admin)
        .await;
    assert_eq!(code(r), "forbidden");
}

#[tokio::test]
async fn owner_role_is_a_validation_error_on_role() {
    let app = TestApp::new();
    let c = app.community().await;
    let r = app
        .chat
        .set_role(&c.owner, c.server, c.member.user_id, Role::Owner)
        .await;
    assert_eq!(field(r), "role");
}

#[tokio::test]
async fn role_change_of_a_non_member_is_not_found() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    let r = app
        .chat
        .set_role(&c.owner, c.server, outsider.user_id, Role::Admin)
        .await;
    assert_eq!(code(r), "not_found");
}

#[tokio::test]
async fn the_owners_own_role_changes_only_by_transfer() {
    let app = TestApp::new();
    let c = app.community().await;
    let r = app
        .chat
        .set_role(&c.owner, c.server, c.owner.user_id, Role::Member)
        .await;
    assert_eq!(code(r), "conflict");
}

#[tokio::test]
async fn role_changes_are_announced() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    app.chat
        .set_role(&c.owner, c.server, c.member.user_id, Role::Admin)
        .await
        .unwrap();
    assert!(
        matches!(&app.take_kinds()[..], [EventKind::MemberUpdated { member, .. }] if member.role == Role::Admin)
    );
}

#[tokio::test]
async fn an_invisible_member_sees_themself_invisible_in_member_events() {
    let app = TestApp::new();
    let c = app.community().await;
    app.chat.connection_opened(c.member.user_id).await.unwrap();
    app.chat
        .set_status(c.member.user_id, Status::Invisible)
        .await
        .unwrap();
    app.take_events();
    app.chat
        .set_role(&c.owner, c.server, c.member.user_id, Role::Admin)
        .await
        .unwrap();
    let shown: Vec<(Audience, ShownStatus)> = app
        .take_events()
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::MemberUpdated { member, .. } => Some((e.audience, member.status)),
            _ => None,
        })
        .collect();
    let others = Audience::CoMembers {
        servers: vec![c.server],
        except: c.member.user_id,
    };
    let to_self = Audience::User(c.member.user_id);
    assert_eq!(
        shown,
        vec![
            (others, ShownStatus::Offline),
            (to_self, ShownStatus::Invisible)
        ]
    );
}
