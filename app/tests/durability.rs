//! SQLite keeps every acknowledged write: send messages, receive their
//! 201s, SIGKILL the process, start it again on the same file, and find
//! every message, user, server, membership and role intact.

mod common;

use common::{token, Store, TestServer};
use serde_json::json;

#[tokio::test]
async fn acknowledged_writes_survive_sigkill() {
    let mut app = TestServer::start(Store::Sqlite).await;
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (a, b) = (token(&alice), token(&bob));
    let (server_id, general) = app.create_server(&a, "Durable").await;
    app.invite_and_join(&a, &server_id, &b).await;
    let bob_id = bob["user"]["id"].as_str().unwrap();
    let (status, _) = app
        .call(
            "PUT",
            &format!("/servers/{server_id}/members/{bob_id}"),
            Some(&a),
            Some(json!({"role": "admin"})),
        )
        .await;
    assert_eq!(status, 200);
    let path = format!("/channels/{general}/messages");
    let mut acknowledged = Vec::new();
    for i in 0..200 {
        let (status, m) = app
            .call(
                "POST",
                &path,
                Some(&b),
                Some(json!({"content": format!("message {i}")})),
            )
            .await;
        assert_eq!(status, 201);
        acknowledged.push(m["id"].as_str().unwrap().to_owned());
    }

    app.restart(); // SIGKILL, then start again on the same data folder

    let login = app.login("alice").await; // the user survived
    let a = token(&login);
    let (status, members) = app
        .call(
            "GET",
            &format!("/servers/{server_id}/members"),
            Some(&a),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let roles: Vec<(String, String)> = members
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["username"].as_str().unwrap().to_owned(),
                m["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        vec![
            ("alice".into(), "owner".into()),
            ("bob".into(), "admin".into())
        ]
    );
    let mut found = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let query = match &before {
            Some(id) => format!("{path}?limit=100&before={id}"),
            None => format!("{path}?limit=100"),
        };
        let (status, page) = app.call("GET", &query, Some(&a), None).await;
        assert_eq!(status, 200);
        let page = page.as_array().unwrap().clone();
        if page.is_empty() {
            break;
        }
        before = page[0]["id"].as_str().map(str::to_owned);
        let ids = page.iter().map(|m| m["id"].as_str().unwrap().to_owned());
        found.splice(0..0, ids);
    }
    assert_eq!(found, acknowledged);
    // The signing secret was kept: a token from before the crash still works.
    let (status, _) = app.call("GET", "/me", Some(&token(&alice)), None).await;
    assert_eq!(status, 200);
}
