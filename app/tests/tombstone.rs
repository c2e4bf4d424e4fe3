//! Account deletion keeps what others wrote to and with the person: two
//! users share a server and a DM, one deletes their account, and the other
//! still reads both conversations with the author shown as "Deleted user"
//! (decisions.md, "Account deletion keeps messages"). Driven over HTTP
//! against the real binary.

mod common;

use common::{token, Store, TestServer};
use serde_json::{json, Value};

async fn send(app: &TestServer, who: &str, channel: &str, text: &str) {
    let path = format!("/channels/{channel}/messages");
    let (status, body) = app
        .call("POST", &path, Some(who), Some(json!({ "content": text })))
        .await;
    assert_eq!(status, 201, "{body}");
}

/// The messages of `channel` as `who` reads them, oldest first.
async fn history(app: &TestServer, who: &str, channel: &str) -> Vec<Value> {
    let path = format!("/channels/{channel}/messages");
    let (status, body) = app.call("GET", &path, Some(who), None).await;
    assert_eq!(status, 200, "{body}");
    body.as_array().cloned().unwrap_or_default()
}

/// The author names (display, user) of a history, in order.
fn authors(messages: &[Value]) -> Vec<(String, String)> {
    messages
        .iter()
        .map(|m| {
            let name = |f: &str| m["author"][f].as_str().unwrap_or_default().to_owned();
            (name("display_name"), name("username"))
        })
        .collect()
}

#[tokio::test]
async fn a_deleted_account_leaves_its_messages_readable_as_deleted_user() {
    let app = TestServer::start(Store::Sqlite).await;
    let a = token(&app.signup("alice").await);
    let bob = app.signup("bob").await;
    let b = token(&bob);
    let bob_id = bob["user"]["id"].as_str().unwrap().to_owned();
    let (server, general) = app.create_server(&a, "Shared").await;
    app.invite_and_join(&a, &server, &b).await;
    let (status, dm) = app
        .call(
            "POST",
            "/me/channels",
            Some(&a),
            Some(json!({ "recipients": [bob_id] })),
        )
        .await;
    assert_eq!(status, 201, "{dm}");
    let dm = dm["id"].as_str().unwrap().to_owned();
    for channel in [&general, &dm] {
        send(&app, &a, channel, "hello bob").await;
        send(&app, &b, channel, "hello alice").await;
    }

    let (status, body) = app
        .call(
            "DELETE",
            "/me",
            Some(&b),
            Some(json!({ "password": "correct horse battery" })),
        )
        .await;
    assert_eq!(status, 204, "{body}");

    for channel in [&general, &dm] {
        let messages = history(&app, &a, channel).await;
        let names = authors(&messages);
        assert_eq!(names.len(), 2, "both messages stay: {messages:?}");
        assert_eq!(names[0].0, "alice");
        assert_eq!(names[1].0, "Deleted user");
        assert_ne!(names[1].1, "bob", "the old username is not shown");
        assert_eq!(messages[1]["author"]["id"], bob_id.as_str());
    }
    let (status, _) = app.call("GET", "/me", Some(&b), None).await;
    assert_eq!(status, 401, "the old token is dead");
    let (status, _) = app
        .call("GET", &format!("/users/{bob_id}"), Some(&a), None)
        .await;
    assert_eq!(status, 404, "a deleted account has no profile");
    let (status, members) = app
        .call("GET", &format!("/servers/{server}/members"), Some(&a), None)
        .await;
    assert_eq!(status, 200, "{members}");
    assert!(!members.to_string().contains(&bob_id), "{members}");
    let (status, refused) = app
        .call(
            "POST",
            &format!("/channels/{dm}/messages"),
            Some(&a),
            Some(json!({ "content": "are you there?" })),
        )
        .await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["error"]["code"], "dm_not_allowed");

    let login = json!({"username": "bob", "password": "correct horse battery"});
    let (status, _) = app.call("POST", "/auth/login", None, Some(login)).await;
    assert_eq!(status, 401, "the deleted account cannot log in");
    let again = app.signup("bob").await;
    assert_ne!(again["user"]["id"], bob_id.as_str(), "a new account");
}
