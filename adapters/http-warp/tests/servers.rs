//! `/servers`: create, list, read (and the `/server/{id}` alias), update,
//! delete, transfer ownership.

mod common;

use common::{nobody, TestApp};
use serde_json::json;

#[tokio::test]
async fn create_makes_the_caller_owner_with_a_general_channel() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let a = app
        .post(
            "/servers",
            &alice,
            json!({"name": " Rust ", "description": "crabs"}),
        )
        .await;
    a.expect(201, "");
    assert_eq!(a.body["name"], "Rust");
    assert_eq!(a.body["description"], "crabs");
    assert_eq!(a.body["owner_id"], alice.id.as_str());
    assert_eq!(a.body["member_count"], 1);
    assert_eq!(a.body["my_role"], "owner");
    assert_eq!(a.body["channels"][0]["name"], "general");
    assert!(a.body["created_at"].is_string());
}

#[tokio::test]
async fn create_validates_the_name() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let a = app.post("/servers", &alice, json!({"name": "  "})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "name");
    let a = app
        .post(
            "/servers",
            &alice,
            json!({"name": "ok", "description": "d".repeat(1001)}),
        )
        .await;
    assert_eq!(a.field(), "description");
}

#[tokio::test]
async fn list_shows_only_the_callers_servers() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    app.create_server(&alice, "A").await;
    app.create_server(&bob, "B").await;
    let a = app.get("/servers", &alice).await;
    a.expect(200, "");
    let names: Vec<_> = a
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].clone())
        .collect();
    assert_eq!(names, vec![json!("A")]);
    assert_eq!(a.body[0]["my_role"], "owner");
}

#[tokio::test]
async fn get_shows_channels_to_members_and_404_to_others() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (id, _) = app.server_with_channel(&alice).await;
    for path in [format!("/servers/{id}"), format!("/server/{id}")] {
        let a = app.get(&path, &alice).await;
        a.expect(200, "");
        assert_eq!(a.body["channels"].as_array().unwrap().len(), 1);
        app.get(&path, &bob).await.expect(404, "not_found");
    }
    app.get(&format!("/servers/{}", nobody()), &alice)
        .await
        .expect(404, "not_found");
}

#[tokio::test]
async fn update_needs_admin() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (id, _) = app.server_with_channel(&alice).await;
    app.join(&alice, &id, &bob).await;
    let path = format!("/servers/{id}");
    app.put(&path, &bob, json!({"name": "Mine"}))
        .await
        .expect(403, "forbidden");
    let a = app.put(&path, &alice, json!({"name": "Renamed"})).await;
    a.expect(200, "");
    assert_eq!(a.body["name"], "Renamed");
    assert_eq!(a.body["member_count"], 2);
    let a = app.put(&path, &alice, json!({"name": ""})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "name");
}

#[tokio::test]
async fn delete_needs_the_owner_and_removes_everything() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (id, channel) = app.server_with_channel(&alice).await;
    app.join(&alice, &id, &bob).await;
    let path = format!("/servers/{id}");
    app.delete(&path, &bob).await.expect(403, "forbidden");
    app.delete(&path, &alice).await.expect(204, "");
    app.get(&path, &alice).await.expect(404, "not_found");
    app.get(&format!("/channels/{channel}"), &alice)
        .await
        .expect(404, "not_found");
}

#[tokio::test]
async fn transfer_ownership_keeps_exactly_one_owner() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let carol = app.signup("carol").await;
    let (id, _) = app.server_with_channel(&alice).await;
    app.join(&alice, &id, &bob).await;
    let path = format!("/servers/{id}/transfer-ownership");
    app.post(&path, &bob, json!({"user_id": alice.id}))
        .await
        .expect(403, "forbidden");
    app.post(&path, &alice, json!({"user_id": carol.id}))
        .await
        .expect(404, "not_found");
    let a = app.post(&path, &alice, json!({"user_id": "nope"})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "user_id");
    let a = app.post(&path, &alice, json!({"user_id": bob.id})).await;
    a.expect(200, "");
    assert_eq!(a.body["owner_id"], bob.id.as_str());
    assert_eq!(a.body["my_role"], "admin");
    let members = app.get(&format!("/servers/{id}/members"), &alice).await;
    let owners = members
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "owner")
        .count();
    assert_eq!(owners, 1);
}
