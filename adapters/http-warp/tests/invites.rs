//! Invites: create, list, preview, join (both ways), revoke, expiry.

mod common;

use std::time::Duration;

use common::TestApp;
use serde_json::json;

#[tokio::test]
async fn admins_create_and_list_invites() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (id, _) = app.server_with_channel(&alice).await;
    let path = format!("/servers/{id}/invites");
    let a = app
        .post(
            &path,
            &alice,
            json!({"max_uses": 5, "expires_in_seconds": 3600}),
        )
        .await;
    a.expect(201, "");
    assert_eq!(a.body["server_id"], id.as_str());
    assert_eq!(a.body["created_by"], alice.id.as_str());
    assert_eq!(a.body["max_uses"], 5);
    assert_eq!(a.body["uses"], 0);
    assert!(a.body["expires_at"].is_string());
    let empty = app.call("POST", &path, Some(&alice.token), None).await;
    empty.expect(201, "");
    assert!(empty.body["expires_at"].is_null() && empty.body["max_uses"].is_null());
    let list = app.get(&path, &alice).await;
    list.expect(200, "");
    assert_eq!(list.body.as_array().unwrap().len(), 2);

    app.get(&path, &bob).await.expect(404, "not_found");
    app.join(&alice, &id, &bob).await;
    app.get(&path, &bob).await.expect(403, "forbidden");
    app.post(&path, &bob, json!({}))
        .await
        .expect(403, "forbidden");
    let a = app.post(&path, &alice, json!({"max_uses": 0})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "max_uses");
}

#[tokio::test]
async fn preview_shows_the_server_and_join_returns_it() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (id, _) = app.server_with_channel(&alice).await;
    let code = app.invite(&alice, &id).await;
    let a = app.get(&format!("/invites/{code}"), &bob).await;
    a.expect(200, "");
    assert_eq!(a.body["code"], code.as_str());
    assert_eq!(a.body["server"]["id"], id.as_str());
    assert_eq!(a.body["server"]["name"], "Rustaceans");
    assert_eq!(a.body["server"]["member_count"], 1);
    assert!(a.body["expires_at"].is_null());

    let join = format!("/invites/{code}/join");
    let a = app.call("POST", &join, Some(&bob.token), None).await;
    a.expect(200, "");
    assert_eq!(a.body["id"], id.as_str());
    assert_eq!(a.body["my_role"], "member");
    assert!(a.body["channels"].is_array());
    // Twice is harmless, with `{}` too.
    app.post(&join, &bob, json!({})).await.expect(200, "");
    assert_eq!(
        app.get(&format!("/servers/{id}"), &bob).await.body["member_count"],
        2
    );
    // Anyone may preview, without a token.
    let a = app
        .call("GET", &format!("/invites/{code}"), None, None)
        .await;
    a.expect(200, "");
    assert_eq!(a.body["server"]["member_count"], 2);
}

#[tokio::test]
async fn join_by_server_checks_the_code_belongs_to_it() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (id, _) = app.server_with_channel(&alice).await;
    let (other, _) = app.server_with_channel(&alice).await;
    let code = app.invite(&alice, &id).await;
    app.post(
        &format!("/servers/{other}/join"),
        &bob,
        json!({"invite_code": code}),
    )
    .await
    .expect(404, "not_found");
    let a = app
        .post(
            &format!("/servers/{id}/join"),
            &bob,
            json!({"invite_code": code}),
        )
        .await;
    a.expect(200, "");
    assert_eq!(a.body["id"], id.as_str());
    app.post(&format!("/servers/{id}/join"), &bob, json!({}))
        .await
        .expect(400, "bad_request");
}

#[tokio::test]
async fn an_expired_or_used_up_invite_is_410() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let carol = app.signup("carol").await;
    let (id, _) = app.server_with_channel(&alice).await;
    let path = format!("/servers/{id}/invites");
    let once = app.post(&path, &alice, json!({"max_uses": 1})).await.body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    app.call(
        "POST",
        &format!("/invites/{once}/join"),
        Some(&bob.token),
        None,
    )
    .await
    .expect(200, "");
    app.call(
        "POST",
        &format!("/invites/{once}/join"),
        Some(&carol.token),
        None,
    )
    .await
    .expect(410, "invite_expired");
    app.get(&format!("/invites/{once}"), &carol)
        .await
        .expect(410, "invite_expired");

    let brief = app
        .post(&path, &alice, json!({"expires_in_seconds": 60}))
        .await
        .body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    app.advance(Duration::from_secs(61));
    let carol = app.login("carol").await;
    app.get(&format!("/invites/{brief}"), &carol)
        .await
        .expect(410, "invite_expired");
}

#[tokio::test]
async fn revoke_needs_admin_and_unknown_codes_are_404() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (id, _) = app.server_with_channel(&alice).await;
    let code = app.invite(&alice, &id).await;
    app.delete(&format!("/invites/{code}"), &bob)
        .await
        .expect(404, "not_found");
    app.join(&alice, &id, &bob).await;
    app.delete(&format!("/invites/{code}"), &bob)
        .await
        .expect(403, "forbidden");
    app.delete(&format!("/invites/{code}"), &alice)
        .await
        .expect(204, "");
    app.get(&format!("/invites/{code}"), &bob)
        .await
        .expect(404, "not_found");
    app.get("/invites/NoSuchCode123", &bob)
        .await
        .expect(404, "not_found");
}
