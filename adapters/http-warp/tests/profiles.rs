//! The usability issue's API: profile cards (`GET /users/{id}`), the
//! public invite preview with counts and the viewer's ban, and the custom
//! status text (`PATCH /me`).

mod common;

use std::time::Duration;

use chat_core::ids::UserId;
use chat_http::HttpConfig;
use common::{nobody, TestApp, TestUser};
use serde_json::json;

/// alice owns "Rustaceans"; bob and carol are members.
async fn three_members(app: &TestApp) -> (TestUser, TestUser, TestUser, String) {
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let carol = app.signup("carol").await;
    let (server, _) = app.server_with_channel(&alice).await;
    app.join(&alice, &server, &bob).await;
    app.join(&alice, &server, &carol).await;
    (alice, bob, carol, server)
}

#[tokio::test]
async fn a_profile_is_shown_to_people_who_share_a_server_and_to_oneself_only() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let carol = app.signup("carol").await;
    let (server, channel) = app.server_with_channel(&alice).await;
    app.join(&alice, &server, &bob).await;
    app.patch("/me", &bob, json!({"bio": "I like trains"}))
        .await
        .expect(200, "");

    let a = app.get(&format!("/users/{}", bob.id), &alice).await;
    a.expect(200, "");
    assert_eq!(a.body["id"], bob.id.as_str());
    assert_eq!(a.body["username"], "bob");
    assert_eq!(a.body["display_name"], "bob");
    assert_eq!(a.body["bio"], "I like trains");
    assert_eq!(a.body["status"], "offline");
    assert!(a.body["created_at"].is_string());
    assert!(a.body["custom_status"].is_null());
    assert!(a.body.get("message_count").is_none(), "{}", a.body);

    // Not sharing a server, or no such user: the same 404.
    app.get(&format!("/users/{}", bob.id), &carol)
        .await
        .expect(404, "not_found");
    app.get(&format!("/users/{}", nobody()), &alice)
        .await
        .expect(404, "not_found");
    app.get("/users/not-a-uuid", &alice)
        .await
        .expect(404, "not_found");
    app.call("GET", &format!("/users/{}", bob.id), None, None)
        .await
        .expect(401, "unauthenticated");

    // Oneself: with the number of messages one wrote.
    app.say(&bob, &channel, "one").await;
    app.say(&bob, &channel, "two").await;
    let a = app.get(&format!("/users/{}", bob.id), &bob).await;
    a.expect(200, "");
    assert_eq!(a.body["message_count"], 2);
    let a = app.get(&format!("/users/{}", carol.id), &carol).await;
    assert_eq!(a.body["message_count"], 0);
}

#[tokio::test]
async fn an_invisible_user_shows_as_offline_on_their_card_to_others() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (server, _) = app.server_with_channel(&alice).await;
    app.join(&alice, &server, &bob).await;
    let bob_id = UserId::parse(&bob.id, "user").unwrap();
    app.chat.connection_opened(bob_id).await.unwrap();
    let path = format!("/users/{}", bob.id);
    let card = |viewer| app.get(&path, viewer);
    assert_eq!(card(&alice).await.body["status"], "online");
    app.patch("/me", &bob, json!({"status": "invisible"}))
        .await
        .expect(200, "");
    assert_eq!(card(&alice).await.body["status"], "offline");
    assert_eq!(card(&bob).await.body["status"], "invisible");
}

#[tokio::test]
async fn custom_status_is_set_trimmed_cleared_and_bounded() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (server, _) = app.server_with_channel(&alice).await;
    app.join(&alice, &server, &bob).await;

    let a = app
        .patch("/me", &bob, json!({"custom_status": "  In a meeting 📅 "}))
        .await;
    a.expect(200, "");
    assert_eq!(a.body["custom_status"], "In a meeting 📅");
    let card = app.get(&format!("/users/{}", bob.id), &alice).await;
    assert_eq!(card.body["custom_status"], "In a meeting 📅");
    assert_eq!(
        app.get("/me", &bob).await.body["custom_status"],
        "In a meeting 📅"
    );

    // Other fields leave it alone; null and "" clear it.
    let a = app.patch("/me", &bob, json!({"bio": "x"})).await;
    assert_eq!(a.body["custom_status"], "In a meeting 📅");
    let a = app.patch("/me", &bob, json!({"custom_status": null})).await;
    a.expect(200, "");
    assert!(a.body["custom_status"].is_null());
    app.patch("/me", &bob, json!({"custom_status": "back"}))
        .await
        .expect(200, "");
    let a = app.patch("/me", &bob, json!({"custom_status": ""})).await;
    assert!(a.body["custom_status"].is_null());

    let a = app
        .patch("/me", &bob, json!({"custom_status": "é".repeat(129)}))
        .await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "custom_status");
    assert!(app.get("/me", &bob).await.body["custom_status"].is_null());
    app.patch("/me", &bob, json!({"custom_status": 5}))
        .await
        .expect(400, "bad_request");
}

#[tokio::test]
async fn anyone_previews_an_invite_with_member_and_online_counts() {
    let app = TestApp::new();
    let (alice, bob, carol, server) = three_members(&app).await;
    for user in [&alice, &bob, &carol] {
        let id = UserId::parse(&user.id, "user").unwrap();
        app.chat.connection_opened(id).await.unwrap();
    }
    // Invisible counts as offline.
    app.patch("/me", &carol, json!({"status": "invisible"}))
        .await
        .expect(200, "");
    let code = app.invite(&alice, &server).await;
    let a = app
        .call("GET", &format!("/invites/{code}"), None, None)
        .await;
    a.expect(200, "");
    assert_eq!(a.body["code"], code.as_str());
    assert_eq!(a.body["server"]["id"], server.as_str());
    assert_eq!(a.body["server"]["name"], "Rustaceans");
    assert_eq!(a.body["server"]["member_count"], 3);
    assert_eq!(a.body["server"]["online_count"], 2);
    assert!(a.body["server"]["icon_url"].is_null(), "no icon yet");
    assert!(a.body["expires_at"].is_null());
    assert!(a.body.get("ban").is_none());
    // Only those fields.
    let keys: Vec<&String> = a.body["server"].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 5, "{keys:?}");

    // A stale token reads as none.
    let a = app
        .call(
            "GET",
            &format!("/invites/{code}"),
            Some("not-a-token"),
            None,
        )
        .await;
    a.expect(200, "");

    app.call("GET", "/invites/NoSuchCode1", None, None)
        .await
        .expect(404, "not_found");
}

#[tokio::test]
async fn an_expired_or_used_up_invite_preview_is_410_without_a_token() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let (server, _) = app.server_with_channel(&alice).await;
    let path = format!("/servers/{server}/invites");
    let a = app
        .post(&path, &alice, json!({"expires_in_seconds": 60}))
        .await;
    let code = a.body["code"].as_str().unwrap().to_owned();
    app.advance(Duration::from_secs(61));
    app.call("GET", &format!("/invites/{code}"), None, None)
        .await
        .expect(410, "invite_expired");
}

#[tokio::test]
async fn a_banned_viewer_sees_their_ban_in_the_preview_and_nobody_else_does() {
    let app = TestApp::new();
    let (alice, bob, carol, server) = three_members(&app).await;
    let bans = format!("/servers/{server}/bans");
    app.post(
        &bans,
        &alice,
        json!({"user_id": bob.id, "duration_seconds": 3600}),
    )
    .await
    .expect(201, "");
    app.post(&bans, &alice, json!({"user_id": carol.id}))
        .await
        .expect(201, "");
    let code = app.invite(&alice, &server).await;
    let preview = format!("/invites/{code}");

    let a = app.get(&preview, &bob).await;
    a.expect(200, "");
    let until = a.body["ban"]["expires_at"].as_str().unwrap();
    assert!(until.starts_with('2'), "{until}");
    let a = app.get(&preview, &carol).await;
    a.expect(200, "");
    assert!(a.body["ban"].is_object());
    assert!(
        a.body["ban"]["expires_at"].is_null(),
        "permanent: {}",
        a.body
    );
    assert!(app.get(&preview, &alice).await.body.get("ban").is_none());
    let anonymous = app.call("GET", &preview, None, None).await;
    assert!(anonymous.body.get("ban").is_none());

    // Once the ban ends, it is no longer mentioned.
    app.advance(Duration::from_secs(3601));
    assert!(app.get(&preview, &bob).await.body.get("ban").is_none());
}

#[tokio::test]
async fn invite_previews_are_rate_limited_per_address() {
    let app = TestApp::with_config(HttpConfig {
        rate_limits: true,
        ..HttpConfig::default()
    });
    let mut last = 0;
    for _ in 0..61 {
        last = app
            .call("GET", "/invites/NoSuchCode1", None, None)
            .await
            .status;
    }
    assert_eq!(last, 429);
}
