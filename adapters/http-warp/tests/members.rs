//! Members and moderation: list, leave, roles, kick, ban, unban.

mod common;

use std::time::Duration;

use common::{nobody, TestApp, TestUser};
use serde_json::json;

/// alice owns a server where bob is admin and carol member.
async fn trio(app: &TestApp) -> (TestUser, TestUser, TestUser, String) {
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let carol = app.signup("carol").await;
    let (id, _) = app.server_with_channel(&alice).await;
    app.join(&alice, &id, &bob).await;
    app.join(&alice, &id, &carol).await;
    app.put(
        &format!("/servers/{id}/members/{}", bob.id),
        &alice,
        json!({"role": "admin"}),
    )
    .await
    .expect(200, "");
    (alice, bob, carol, id)
}

#[tokio::test]
async fn members_see_the_member_list_and_others_get_404() {
    let app = TestApp::new();
    let (alice, _, _, id) = trio(&app).await;
    let dave = app.signup("dave").await;
    let a = app.get(&format!("/servers/{id}/members"), &alice).await;
    a.expect(200, "");
    let members = a.body.as_array().unwrap();
    assert_eq!(members.len(), 3);
    for key in [
        "user_id",
        "username",
        "display_name",
        "role",
        "status",
        "joined_at",
    ] {
        assert!(members[0][key].is_string(), "{key}");
    }
    app.get(&format!("/servers/{id}/members"), &dave)
        .await
        .expect(404, "not_found");
}

#[tokio::test]
async fn members_leave_but_the_owner_cannot() {
    let app = TestApp::new();
    let (alice, _, carol, id) = trio(&app).await;
    let leave = format!("/servers/{id}/leave");
    app.delete(&leave, &alice)
        .await
        .expect(409, "owner_cannot_leave");
    app.delete(&leave, &carol).await.expect(204, "");
    app.get(&format!("/servers/{id}"), &carol)
        .await
        .expect(404, "not_found");
    app.delete(&leave, &carol).await.expect(404, "not_found");
}

#[tokio::test]
async fn only_the_owner_changes_roles_and_never_to_owner() {
    let app = TestApp::new();
    let (alice, bob, carol, id) = trio(&app).await;
    let carol_path = format!("/servers/{id}/members/{}", carol.id);
    app.put(&carol_path, &bob, json!({"role": "admin"}))
        .await
        .expect(403, "forbidden");
    let a = app.put(&carol_path, &alice, json!({"role": "owner"})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "role");
    let a = app.put(&carol_path, &alice, json!({"role": "king"})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "role");
    let a = app.put(&carol_path, &alice, json!({"role": "admin"})).await;
    a.expect(200, "");
    assert_eq!(a.body["role"], "admin");
    assert_eq!(a.body["user_id"], carol.id.as_str());
    let stranger = format!("/servers/{id}/members/{}", nobody());
    app.put(&stranger, &alice, json!({"role": "admin"}))
        .await
        .expect(404, "not_found");
    app.put(&carol_path, &alice, json!({"role": 1}))
        .await
        .expect(400, "bad_request");
}

#[tokio::test]
async fn kick_needs_an_admin_who_outranks_the_target() {
    let app = TestApp::new();
    let (alice, bob, carol, id) = trio(&app).await;
    let kick = |u: &TestUser| format!("/servers/{id}/members/{}", u.id);
    app.delete(&kick(&bob), &carol)
        .await
        .expect(403, "forbidden");
    app.delete(&kick(&alice), &bob)
        .await
        .expect(403, "forbidden");
    app.delete(&kick(&carol), &bob).await.expect(204, "");
    app.get(&format!("/servers/{id}"), &carol)
        .await
        .expect(404, "not_found");
    // Kicked users may come back with an invite.
    app.join(&alice, &id, &carol).await;
}

#[tokio::test]
async fn a_ban_removes_the_user_and_keeps_them_out_until_it_ends() {
    let app = TestApp::new();
    let (alice, bob, carol, id) = trio(&app).await;
    let bans = format!("/servers/{id}/bans");
    let a = app
        .post(
            &bans,
            &bob,
            json!({"user_id": carol.id, "reason": "spam", "duration_seconds": 60}),
        )
        .await;
    a.expect(201, "");
    assert_eq!(a.body["user_id"], carol.id.as_str());
    assert_eq!(a.body["server_id"], id.as_str());
    assert_eq!(a.body["banned_by"], bob.id.as_str());
    assert_eq!(a.body["reason"], "spam");
    assert!(a.body["expires_at"].is_string() && a.body["created_at"].is_string());

    app.get(&format!("/servers/{id}"), &carol)
        .await
        .expect(404, "not_found");
    let code = app.invite(&alice, &id).await;
    app.call(
        "POST",
        &format!("/invites/{code}/join"),
        Some(&carol.token),
        None,
    )
    .await
    .expect(409, "banned");
    let list = app.get(&bans, &bob).await;
    list.expect(200, "");
    assert_eq!(list.body.as_array().unwrap().len(), 1);
    assert_eq!(list.body[0]["user"]["id"], carol.id.as_str());
    assert_eq!(list.body[0]["user"]["username"], "carol");

    app.advance(Duration::from_secs(61));
    let carol = app.login("carol").await;
    app.call(
        "POST",
        &format!("/invites/{code}/join"),
        Some(&carol.token),
        None,
    )
    .await
    .expect(200, "");
}

#[tokio::test]
async fn a_permanent_ban_lasts_until_unbanned() {
    let app = TestApp::new();
    let (alice, bob, carol, id) = trio(&app).await;
    let bans = format!("/servers/{id}/bans");
    let a = app.post(&bans, &alice, json!({"user_id": carol.id})).await;
    a.expect(201, "");
    assert!(a.body["expires_at"].is_null());
    let unban = format!("/servers/{id}/bans/{}", carol.id);
    app.delete(&unban, &carol).await.expect(404, "not_found");
    app.delete(&unban, &bob).await.expect(204, "");
    app.delete(&unban, &bob).await.expect(404, "not_found");
    app.join(&alice, &id, &carol).await;
}

#[tokio::test]
async fn bans_need_an_admin_who_outranks_the_target() {
    let app = TestApp::new();
    let (alice, bob, carol, id) = trio(&app).await;
    let bans = format!("/servers/{id}/bans");
    app.post(&bans, &carol, json!({"user_id": bob.id}))
        .await
        .expect(403, "forbidden");
    app.post(&bans, &bob, json!({"user_id": alice.id}))
        .await
        .expect(403, "forbidden");
    app.get(&bans, &carol).await.expect(403, "forbidden");
    let a = app
        .post(
            &bans,
            &alice,
            json!({"user_id": carol.id, "duration_seconds": 0}),
        )
        .await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "duration_seconds");
    app.post(&bans, &alice, json!({"reason": "no user"}))
        .await
        .expect(400, "bad_request");
}
