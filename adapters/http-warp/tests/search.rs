//! `GET /servers/{id}/messages/search` over HTTP: the response shape,
//! filters, paging, edits and deletes, and every error status.

mod common;

use common::{nobody, TestApp, TestUser};
use serde_json::{json, Value};

/// Percent-encodes a query parameter value.
fn enc(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

struct Scene {
    app: TestApp,
    alice: TestUser,
    bob: TestUser,
    eve: TestUser,
    server: String,
    general: String,
    random: String,
}

async fn scene() -> Scene {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let eve = app.signup("eve").await;
    let (server, general) = app.server_with_channel(&alice).await;
    app.join(&alice, &server, &bob).await;
    let random = app
        .post(
            &format!("/servers/{server}/channels"),
            &alice,
            json!({"name": "random"}),
        )
        .await;
    random.expect(201, "");
    let random = random.body["id"].as_str().unwrap().to_owned();
    Scene {
        app,
        alice,
        bob,
        eve,
        server,
        general,
        random,
    }
}

impl Scene {
    async fn search(&self, who: &TestUser, params: &str) -> common::Answer {
        self.app
            .get(
                &format!("/servers/{}/messages/search?{params}", self.server),
                who,
            )
            .await
    }

    /// The contents found for `params`, newest first.
    async fn found(&self, who: &TestUser, params: &str) -> Vec<String> {
        let a = self.search(who, params).await;
        a.expect(200, "");
        a.body["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["content"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn results_are_messages_with_highlights_newest_first() {
    let s = scene().await;
    s.app.say(&s.alice, &s.general, "The Café is open").await;
    let second = s
        .app
        .say(&s.bob, &s.random, "🎉 meet at the cafe, @alice")
        .await;
    s.app.say(&s.alice, &s.general, "nothing here").await;
    let a = s.search(&s.alice, &format!("q={}", enc("CAFE"))).await;
    a.expect(200, "");
    assert_eq!(a.body["total_estimate"], 2);
    assert_eq!(a.body["next_cursor"], Value::Null);
    let hits = a.body["messages"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0]["id"], second["id"]);
    assert_eq!(hits[0]["author"]["username"], "bob");
    assert_eq!(hits[0]["mentions"][0], json!(s.alice.id));
    assert_eq!(
        hits[0]["highlight"]["context"],
        "🎉 meet at the cafe, @alice"
    );
    // 🎉 is two UTF-16 code units.
    assert_eq!(
        hits[0]["highlight"]["offsets"],
        json!([{"start": 15, "end": 19}])
    );
    assert_eq!(hits[1]["content"], "The Café is open");
    assert_eq!(
        hits[1]["highlight"]["offsets"],
        json!([{"start": 4, "end": 8}])
    );
}

#[tokio::test]
async fn phrases_exclusions_and_prefixes() {
    let s = scene().await;
    s.app
        .say(&s.alice, &s.general, "release candidate ready")
        .await;
    s.app
        .say(&s.alice, &s.general, "candidate for release")
        .await;
    s.app
        .say(&s.alice, &s.general, "dry run of the release")
        .await;
    assert_eq!(
        s.found(&s.alice, &format!("q={}", enc("\"release candidate\"")))
            .await,
        vec!["release candidate ready"]
    );
    assert_eq!(
        s.found(&s.alice, &format!("q={}", enc("release -dry")))
            .await,
        vec!["candidate for release", "release candidate ready"]
    );
    assert_eq!(
        s.found(&s.alice, &format!("q={}", enc("release cand")))
            .await,
        vec!["candidate for release", "release candidate ready"]
    );
    assert!(s
        .found(&s.alice, &format!("q={}", enc("rel cand")))
        .await
        .is_empty());
}

#[tokio::test]
async fn filters_narrow_the_results() {
    let s = scene().await;
    let old = s.app.say(&s.alice, &s.general, "deploy one").await;
    s.app
        .say(&s.bob, &s.random, "deploy two https://example.com @alice")
        .await;
    let q = "q=deploy";
    assert_eq!(
        s.found(&s.alice, &format!("{q}&author_id={}", s.bob.id))
            .await,
        vec!["deploy two https://example.com @alice"]
    );
    assert_eq!(
        s.found(&s.alice, &format!("{q}&channel_id={}", s.general))
            .await,
        vec!["deploy one"]
    );
    assert_eq!(
        s.found(&s.alice, &format!("{q}&mentions={}", s.alice.id))
            .await,
        vec!["deploy two https://example.com @alice"]
    );
    assert_eq!(
        s.found(&s.alice, &format!("{q}&has=link")).await,
        vec!["deploy two https://example.com @alice"]
    );
    assert!(s.found(&s.alice, &format!("{q}&has=file")).await.is_empty());
    assert_eq!(
        s.found(&s.alice, &format!("{q}&before=2000-01-01"))
            .await
            .len(),
        0
    );
    assert_eq!(
        s.found(&s.alice, &format!("{q}&after=2000-01-01"))
            .await
            .len(),
        2
    );
    let created = old["created_at"].as_str().unwrap();
    assert_eq!(
        s.found(&s.alice, &format!("{q}&before={}", enc(created)))
            .await
            .len(),
        0
    );
}

#[tokio::test]
async fn pages_follow_the_cursor() {
    let s = scene().await;
    for i in 0..5 {
        s.app.say(&s.alice, &s.general, &format!("page {i}")).await;
    }
    let first = s.search(&s.alice, "q=page&limit=2").await;
    first.expect(200, "");
    assert_eq!(first.body["total_estimate"], 5);
    let mut seen: Vec<String> = Vec::new();
    let mut cursor = String::new();
    loop {
        let params = if cursor.is_empty() {
            "q=page&limit=2".to_owned()
        } else {
            format!("q=page&limit=2&cursor={cursor}")
        };
        let a = s.search(&s.alice, &params).await;
        a.expect(200, "");
        for m in a.body["messages"].as_array().unwrap() {
            seen.push(m["content"].as_str().unwrap().to_owned());
        }
        match a.body["next_cursor"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen, vec!["page 4", "page 3", "page 2", "page 1", "page 0"]);
}

#[tokio::test]
async fn edits_are_found_by_their_new_words_and_deletes_vanish() {
    let s = scene().await;
    let m = s.app.say(&s.alice, &s.general, "typo here").await;
    s.app
        .patch(
            &format!("/messages/{}", id(&m)),
            &s.alice,
            json!({"content": "fixed wording"}),
        )
        .await
        .expect(200, "");
    assert!(s.found(&s.alice, "q=typo").await.is_empty());
    assert_eq!(s.found(&s.alice, "q=fixed").await, vec!["fixed wording"]);
    s.app
        .delete(&format!("/messages/{}", id(&m)), &s.alice)
        .await
        .expect(204, "");
    assert!(s.found(&s.alice, "q=fixed").await.is_empty());
}

#[tokio::test]
async fn bad_queries_are_422_naming_the_field() {
    let s = scene().await;
    let long = "a".repeat(201);
    let cases = [
        ("q=", "q"),
        ("", "q"),
        ("q=%21%21", "q"),
        ("q=-alone", "q"),
        (&format!("q={long}") as &str, "q"),
        ("q=x&author_id=nope", "author_id"),
        ("q=x&mentions=nope", "mentions"),
        ("q=x&channel_id=nope", "channel_id"),
        ("q=x&before=yesterday", "before"),
        ("q=x&after=2026-13-45", "after"),
        ("q=x&before=2020-01-01&after=2021-01-01", "before"),
        ("q=x&has=image", "has"),
        ("q=x&limit=0", "limit"),
        ("q=x&cursor=nope", "cursor"),
    ];
    for (params, field) in cases {
        let a = s.search(&s.alice, params).await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), field, "{params}");
        assert!(!a.body["error"]["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn outsiders_unknown_servers_and_foreign_channels_are_404() {
    let s = scene().await;
    s.app.say(&s.alice, &s.general, "secret plans").await;
    s.search(&s.eve, "q=secret").await.expect(404, "not_found");
    s.app
        .get(
            &format!("/servers/{}/messages/search?q=secret", nobody()),
            &s.alice,
        )
        .await
        .expect(404, "not_found");
    let (_, elsewhere) = s.app.server_with_channel(&s.eve).await;
    s.search(&s.alice, &format!("q=secret&channel_id={elsewhere}"))
        .await
        .expect(404, "not_found");
    s.app
        .call(
            "GET",
            &format!("/servers/{}/messages/search?q=secret", s.server),
            None,
            None,
        )
        .await
        .expect(401, "");
    assert_eq!(s.found(&s.bob, "q=secret").await, vec!["secret plans"]);
}

/// `GET /me/channels/search` searches my DMs and groups only, with the
/// same shape and rules; a `channel_id` not mine is 404, as is anyone
/// else's search of my DM.
#[tokio::test]
async fn direct_messages_are_searched_by_their_recipients_only() {
    let s = scene().await;
    let dm = s
        .app
        .post("/me/channels", &s.alice, json!({"recipients": [s.bob.id]}))
        .await;
    dm.expect(201, "");
    let dm = id(&dm.body);
    let said = s.app.say(&s.bob, &dm, "the secret launch date").await;
    s.app.say(&s.alice, &dm, "no words in common").await;
    s.app
        .say(&s.alice, &s.general, "launch in the server")
        .await;
    let search = |who: &TestUser, params: String| {
        let path = format!("/me/channels/search?{params}");
        let app = &s.app;
        let who = who.clone();
        async move { app.get(&path, &who).await }
    };
    let a = search(&s.alice, format!("q={}", enc("launch"))).await;
    a.expect(200, "");
    assert_eq!(a.body["total_estimate"], 1);
    assert_eq!(a.body["next_cursor"], Value::Null);
    let hits = a.body["messages"].as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["id"], said["id"]);
    assert_eq!(
        hits[0]["highlight"]["offsets"],
        json!([{"start": 11, "end": 17}])
    );
    let by_bob = search(
        &s.bob,
        format!("q=launch&channel_id={dm}&author_id={}", s.bob.id),
    )
    .await;
    by_bob.expect(200, "");
    assert_eq!(by_bob.body["messages"][0]["id"], said["id"]);
    let theirs = search(&s.eve, "q=launch".into()).await;
    theirs.expect(200, "");
    assert_eq!(theirs.body["total_estimate"], 0);
    search(&s.eve, format!("q=launch&channel_id={dm}"))
        .await
        .expect(404, "not_found");
    search(&s.alice, format!("q=launch&channel_id={}", s.general))
        .await
        .expect(404, "not_found");
    search(&s.alice, "q=".into())
        .await
        .expect(422, "validation_failed");
    let files = search(&s.alice, "q=launch&has=file".into()).await;
    files.expect(200, "");
    assert_eq!(files.body["total_estimate"], 0);
}
