//! `/me`: read, update (incl. the `status` extension), delete.

mod common;

use common::{TestApp, PASSWORD};
use serde_json::json;

#[tokio::test]
async fn me_shows_the_caller() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let a = app.get("/me", &alice).await;
    a.expect(200, "");
    assert_eq!(a.body["id"], alice.id.as_str());
    assert_eq!(a.body["username"], "alice");
    for key in ["display_name", "bio", "status", "created_at"] {
        assert!(a.body[key].is_string(), "{key}");
    }
}

#[tokio::test]
async fn patch_me_changes_display_name_and_bio() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let a = app
        .patch(
            "/me",
            &alice,
            json!({"display_name": "Alice 🦀", "bio": "hi"}),
        )
        .await;
    a.expect(200, "");
    assert_eq!(a.body["display_name"], "Alice 🦀");
    assert_eq!(a.body["bio"], "hi");
    let again = app.patch("/me", &alice, json!({})).await;
    again.expect(200, "");
    assert_eq!(again.body["bio"], "hi");
}

#[tokio::test]
async fn patch_me_validates_each_field() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let cases = [
        (json!({"display_name": ""}), "display_name"),
        (json!({"bio": "b".repeat(501)}), "bio"),
        (json!({"status": "sleepy"}), "status"),
    ];
    for (body, field) in cases {
        let a = app.patch("/me", &alice, body).await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), field);
    }
    app.patch("/me", &alice, json!({"bio": 5}))
        .await
        .expect(400, "bad_request");
}

#[tokio::test]
async fn patch_me_sets_the_status_and_invisible_shows_to_self() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let a = app
        .patch("/me", &alice, json!({"status": "invisible"}))
        .await;
    a.expect(200, "");
    assert_eq!(a.body["status"], "invisible");
    assert_eq!(app.get("/me", &alice).await.body["status"], "invisible");
}

#[tokio::test]
async fn delete_me_ends_the_account() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let token = Some(alice.token.as_str());
    for body in [json!({}), json!({"password": "not my password"})] {
        let wrong = app.call("DELETE", "/me", token, Some(body)).await;
        wrong.expect(422, "validation_failed");
        assert_eq!(wrong.body["error"]["details"]["field"], "password");
    }
    app.get("/me", &alice).await.expect(200, "");
    let right = json!({"password": PASSWORD});
    app.call("DELETE", "/me", token, Some(right))
        .await
        .expect(204, "");
    app.get("/me", &alice).await.expect(401, "unauthenticated");
    let body = json!({"username": "alice", "password": PASSWORD});
    app.call("POST", "/auth/login", None, Some(body))
        .await
        .expect(401, "unauthenticated");
}

#[tokio::test]
async fn delete_me_is_refused_while_owning_a_server() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    app.create_server(&alice, "Mine").await;
    let body = json!({"password": PASSWORD});
    app.call("DELETE", "/me", Some(alice.token.as_str()), Some(body))
        .await
        .expect(409, "owns_servers");
}
