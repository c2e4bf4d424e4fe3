//! Channels: create, list by position, read, update, delete.

mod common;

use common::{nobody, TestApp};
use serde_json::json;

#[tokio::test]
async fn admins_create_channels_and_members_list_them_by_position() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (id, _) = app.server_with_channel(&alice).await;
    app.join(&alice, &id, &bob).await;
    let path = format!("/servers/{id}/channels");
    let a = app
        .post(
            &path,
            &alice,
            json!({"name": "random", "topic": "anything"}),
        )
        .await;
    a.expect(201, "");
    assert_eq!(a.body["name"], "random");
    assert_eq!(a.body["topic"], "anything");
    assert_eq!(a.body["server_id"], id.as_str());
    assert_eq!(a.body["position"], 1);
    assert!(a.body["created_at"].is_string());
    app.post(&path, &bob, json!({"name": "mine"}))
        .await
        .expect(403, "forbidden");
    let list = app.get(&path, &bob).await;
    list.expect(200, "");
    let names: Vec<_> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].clone())
        .collect();
    assert_eq!(names, vec![json!("general"), json!("random")]);
}

#[tokio::test]
async fn channel_names_are_unique_ignoring_case_and_validated() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let (id, _) = app.server_with_channel(&alice).await;
    let path = format!("/servers/{id}/channels");
    let a = app.post(&path, &alice, json!({"name": "GENERAL"})).await;
    assert_eq!(a.status, 409, "{}", a.body);
    let a = app.post(&path, &alice, json!({"name": ""})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "name");
    let a = app
        .post(
            &path,
            &alice,
            json!({"name": "ok", "topic": "t".repeat(1001)}),
        )
        .await;
    assert_eq!(a.field(), "topic");
}

#[tokio::test]
async fn non_members_learn_nothing() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let eve = app.signup("eve").await;
    let (id, channel) = app.server_with_channel(&alice).await;
    app.get(&format!("/servers/{id}/channels"), &eve)
        .await
        .expect(404, "not_found");
    app.get(&format!("/channels/{channel}"), &eve)
        .await
        .expect(404, "not_found");
    app.put(&format!("/channels/{channel}"), &eve, json!({"name": "x"}))
        .await
        .expect(404, "not_found");
    app.delete(&format!("/channels/{channel}"), &eve)
        .await
        .expect(404, "not_found");
    app.get(&format!("/channels/{}", nobody()), &alice)
        .await
        .expect(404, "not_found");
}

#[tokio::test]
async fn admins_update_and_delete_channels() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (id, channel) = app.server_with_channel(&alice).await;
    app.join(&alice, &id, &bob).await;
    let path = format!("/channels/{channel}");
    let a = app.get(&path, &bob).await;
    a.expect(200, "");
    assert_eq!(a.body["id"], channel.as_str());
    app.put(&path, &bob, json!({"topic": "x"}))
        .await
        .expect(403, "forbidden");
    let a = app
        .put(
            &path,
            &alice,
            json!({"name": "lobby", "topic": "hello", "position": 7}),
        )
        .await;
    a.expect(200, "");
    assert_eq!(
        (a.body["name"].as_str(), a.body["position"].as_i64()),
        (Some("lobby"), Some(7))
    );
    app.put(&path, &alice, json!({"position": "first"}))
        .await
        .expect(400, "bad_request");
    app.delete(&path, &bob).await.expect(403, "forbidden");
    app.delete(&path, &alice).await.expect(204, "");
    app.get(&path, &alice).await.expect(404, "not_found");
}
