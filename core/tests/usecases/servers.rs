use chat_core::events::{Audience, EventKind};
use chat_core::role::Role;
use chat_core::servers::{Description, ServerChanges, ServerName};

use crate::common::{code, TestApp};

#[tokio::test]
async fn creating_a_server_makes_the_caller_owner_with_a_general_channel() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    let desc = Some(Description::parse("about us").unwrap());
    let s = app
        .chat
        .create_server(&alice, ServerName::parse("Home").unwrap(), desc)
        .await
        .unwrap();
    assert_eq!(s.view.server.owner_id, alice.user_id);
    assert_eq!(s.view.my_role, Role::Owner);
    assert_eq!(s.view.member_count, 1);
    assert_eq!(s.view.server.description.as_str(), "about us");
    assert_eq!(s.channels.len(), 1);
    assert_eq!(s.channels[0].name.as_str(), "general");
}

#[tokio::test]
async fn list_shows_only_the_callers_servers_with_their_role() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    app.server(&outsider, "Other").await;
    let mine = app.chat.list_servers(&c.admin).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].my_role, Role::Admin);
    assert_eq!(mine[0].member_count, 3);
}

#[tokio::test]
async fn non_members_get_not_found() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    assert_eq!(
        code(app.chat.get_server(&outsider, c.server).await),
        "not_found"
    );
    let changes = ServerChanges {
        name: Some(ServerName::parse("x").unwrap()),
        description: None,
    };
    assert_eq!(
        code(app.chat.update_server(&outsider, c.server, changes).await),
        "not_found"
    );
    assert_eq!(
        code(app.chat.delete_server(&outsider, c.server).await),
        "not_found"
    );
}

#[tokio::test]
async fn admins_update_members_may_not() {
    let app = TestApp::new();
    let c = app.community().await;
    let changes = || ServerChanges {
        name: Some(ServerName::parse("Renamed").unwrap()),
        description: None,
    };
    assert_eq!(
        code(app.chat.update_server(&c.member, c.server, changes()).await),
        "forbidden"
    );
    app.take_events();
    let s = app
        .chat
        .update_server(&c.admin, c.server, changes())
        .await
        .unwrap();
    assert_eq!(s.view.server.name.as_str(), "Renamed");
    // One copy per role, each to the members holding it, with their `my_role`.
    let copies: Vec<(Audience, Role)> = app
        .take_events()
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::ServerUpdated { view } => Some((e.audience, view.my_role)),
            _ => None,
        })
        .collect();
    let to = |actor: &chat_core::auth::Actor| Audience::Users(vec![actor.user_id]);
    assert_eq!(
        copies,
        vec![
            (to(&c.owner), Role::Owner),
            (to(&c.admin), Role::Admin),
            (to(&c.member), Role::Member)
        ]
    );
}

#[tokio::test]
async fn only_the_owner_deletes_and_everything_goes() {
    let app = TestApp::new();
    let c = app.community().await;
    assert_eq!(
        code(app.chat.delete_server(&c.admin, c.server).await),
        "forbidden"
    );
    app.take_events();
    app.chat.delete_server(&c.owner, c.server).await.unwrap();
    assert_eq!(
        code(app.chat.get_server(&c.owner, c.server).await),
        "not_found"
    );
    assert_eq!(
        code(app.chat.get_channel(&c.owner, c.general).await),
        "not_found"
    );
    assert!(app.chat.list_servers(&c.member).await.unwrap().is_empty());
    let events = app.take_events();
    assert_eq!(events[0].audience, Audience::Server(c.server));
    assert_eq!(
        events[0].kind,
        EventKind::ServerDeleted {
            server_id: c.server
        }
    );
}

#[tokio::test]
async fn transfer_makes_the_old_owner_admin_and_keeps_one_owner() {
    let app = TestApp::new();
    let c = app.community().await;
    let s = app
        .chat
        .transfer_ownership(&c.owner, c.server, c.member.user_id)
        .await
        .unwrap();
    assert_eq!(s.view.server.owner_id, c.member.user_id);
    assert_eq!(s.view.my_role, Role::Admin);
    let members = app.chat.list_members(&c.owner, c.server).await.unwrap();
    let owners: Vec<_> = members.iter().filter(|m| m.role == Role::Owner).collect();
    assert_eq!(owners.len(), 1);
    assert_eq!(owners[0].user_id, c.member.user_id);
    // The old owner may now leave; the new one may not.
    app.chat.leave_server(&c.owner, c.server).await.unwrap();
    assert_eq!(
        code(app.chat.leave_server(&c.member, c.server).await),
        "owner_cannot_leave"
    );
}

#[tokio::test]
async fn only_the_owner_transfers_and_only_to_a_member() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    let r = app
        .chat
        .transfer_ownership(&c.admin, c.server, c.member.user_id)
        .await;
    assert_eq!(code(r), "forbidden");
    let r = app
        .chat
        .transfer_ownership(&c.owner, c.server, outsider.user_id)
        .await;
    assert_eq!(code(r), "not_found");
    let r = app
        .chat
        .transfer_ownership(&c.owner, c.server, c.owner.user_id)
        .await;
    assert_eq!(code(r), "conflict");
}

#[tokio::test]
async fn transfer_is_announced_live() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    app.chat
        .transfer_ownership(&c.owner, c.server, c.admin.user_id)
        .await
        .unwrap();
    let kinds = app.take_kinds();
    let roles: Vec<Role> = kinds
        .iter()
        .filter_map(|k| match k {
            EventKind::MemberUpdated { member, .. } => Some(member.role),
            _ => None,
        })
        .collect();
    assert_eq!(roles, vec![Role::Admin, Role::Owner]);
    assert!(kinds
        .iter()
        .any(|k| matches!(k, EventKind::ServerUpdated { .. })));
}
