//! Messages: send (nonce idempotency), history pages, edit, delete.

mod common;

use common::{nobody, TestApp};
use serde_json::json;

#[tokio::test]
async fn sending_answers_201_with_the_message_and_mentions() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (id, channel) = app.server_with_channel(&alice).await;
    app.join(&alice, &id, &bob).await;
    let a = app
        .post(
            &format!("/channels/{channel}/messages"),
            &alice,
            json!({"content": "  hi @BOB 👋  ", "nonce": "n-1"}),
        )
        .await;
    a.expect(201, "");
    assert_eq!(a.body["content"], "hi @BOB 👋");
    assert_eq!(a.body["channel_id"], channel.as_str());
    assert_eq!(a.body["server_id"], id.as_str());
    assert_eq!(a.body["author"]["id"], alice.id.as_str());
    assert_eq!(a.body["author"]["username"], "alice");
    assert!(a.body["author"]["display_name"].is_string());
    assert_eq!(a.body["mentions"], json!([bob.id]));
    assert_eq!(a.body["nonce"], "n-1");
    assert!(a.body["edited_at"].is_null() && a.body["created_at"].is_string());
}

#[tokio::test]
async fn the_same_nonce_again_answers_200_with_the_first_message() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let (_, channel) = app.server_with_channel(&alice).await;
    let path = format!("/channels/{channel}/messages");
    let first = app
        .post(&path, &alice, json!({"content": "once", "nonce": "abc"}))
        .await;
    first.expect(201, "");
    let again = app
        .post(&path, &alice, json!({"content": "twice", "nonce": "abc"}))
        .await;
    again.expect(200, "");
    assert_eq!(again.body["id"], first.body["id"]);
    assert_eq!(again.body["content"], "once");
    let history = app.get(&path, &alice).await;
    assert_eq!(history.body.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn content_is_validated_and_non_members_get_404() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let eve = app.signup("eve").await;
    let (_, channel) = app.server_with_channel(&alice).await;
    let path = format!("/channels/{channel}/messages");
    for body in [
        json!({"content": "   "}),
        json!({"content": "x".repeat(4001)}),
    ] {
        let a = app.post(&path, &alice, body).await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), "content");
    }
    app.post(&path, &alice, json!({"text": "hi"}))
        .await
        .expect(400, "bad_request");
    app.post(&path, &eve, json!({"content": "hi"}))
        .await
        .expect(404, "not_found");
    app.get(&path, &eve).await.expect(404, "not_found");
    app.post(
        &format!("/channels/{}/messages", nobody()),
        &alice,
        json!({"content": "hi"}),
    )
    .await
    .expect(404, "not_found");
}

#[tokio::test]
async fn history_pages_oldest_first_before_a_message() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let (_, channel) = app.server_with_channel(&alice).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(
            app.say(&alice, &channel, &format!("m{i}")).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let path = format!("/channels/{channel}/messages");
    let newest = app.get(&format!("{path}?limit=2"), &alice).await;
    newest.expect(200, "");
    let contents: Vec<_> = newest
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["content"].clone())
        .collect();
    assert_eq!(contents, vec![json!("m3"), json!("m4")]);
    // An integer written as a float is the same integer, as in bodies.
    let same = app.get(&format!("{path}?limit=2.0"), &alice).await;
    same.expect(200, "");
    assert_eq!(same.body, newest.body);
    let older = app
        .get(&format!("{path}?limit=2&before={}", ids[3]), &alice)
        .await;
    let contents: Vec<_> = older
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["content"].clone())
        .collect();
    assert_eq!(contents, vec![json!("m1"), json!("m2")]);
    // Above 100 clamps, however many digits (even beyond 64 bits).
    for huge in ["1000", "18446744073709551616", "99999999999999999999999"] {
        let all = app.get(&format!("{path}?limit={huge}"), &alice).await;
        all.expect(200, "");
        assert_eq!(all.body.as_array().unwrap().len(), 5);
    }
}

#[tokio::test]
async fn history_refuses_a_bad_limit_and_an_unknown_before() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let (id, channel) = app.server_with_channel(&alice).await;
    let path = format!("/channels/{channel}/messages");
    for limit in ["0", "-1", "ten", "1.5", "", "-99999999999999999999999"] {
        let a = app.get(&format!("{path}?limit={limit}"), &alice).await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), "limit");
    }
    app.get(&format!("{path}?before={}", nobody()), &alice)
        .await
        .expect(404, "not_found");
    app.get(&format!("{path}?before=not-an-id"), &alice)
        .await
        .expect(404, "not_found");
    // A message of another channel is not a message of this one.
    let other = app
        .post(
            &format!("/servers/{id}/channels"),
            &alice,
            json!({"name": "other"}),
        )
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let elsewhere = app.say(&alice, &other, "elsewhere").await;
    app.get(
        &format!("{path}?before={}", elsewhere["id"].as_str().unwrap()),
        &alice,
    )
    .await
    .expect(404, "not_found");
}

#[tokio::test]
async fn authors_edit_their_messages() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (id, channel) = app.server_with_channel(&alice).await;
    app.join(&alice, &id, &bob).await;
    let m = app.say(&bob, &channel, "hello").await;
    let path = format!("/messages/{}", m["id"].as_str().unwrap());
    app.patch(&path, &alice, json!({"content": "mine now"}))
        .await
        .expect(403, "forbidden");
    let a = app.patch(&path, &bob, json!({"content": " edited "})).await;
    a.expect(200, "");
    assert_eq!(a.body["content"], "edited");
    assert!(a.body["edited_at"].is_string());
    let a = app.patch(&path, &bob, json!({"content": ""})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "content");
    app.patch(
        &format!("/messages/{}", nobody()),
        &bob,
        json!({"content": "x"}),
    )
    .await
    .expect(404, "not_found");
}

#[tokio::test]
async fn authors_and_outranking_admins_delete_messages() {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let carol = app.signup("carol").await;
    let (id, channel) = app.server_with_channel(&alice).await;
    app.join(&alice, &id, &bob).await;
    app.join(&alice, &id, &carol).await;
    let by_bob = app.say(&bob, &channel, "bob's").await;
    let by_alice = app.say(&alice, &channel, "alice's").await;
    let path = |m: &serde_json::Value| format!("/messages/{}", m["id"].as_str().unwrap());
    app.delete(&path(&by_bob), &carol)
        .await
        .expect(403, "forbidden");
    app.delete(&path(&by_alice), &bob)
        .await
        .expect(403, "forbidden");
    app.delete(&path(&by_bob), &alice).await.expect(204, "");
    app.delete(&path(&by_alice), &alice).await.expect(204, "");
    app.delete(&path(&by_alice), &alice)
        .await
        .expect(404, "not_found");
    let history = app
        .get(&format!("/channels/{channel}/messages"), &alice)
        .await;
    assert_eq!(history.body, json!([]));
}
