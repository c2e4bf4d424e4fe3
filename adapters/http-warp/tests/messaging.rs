//! Replies, reactions, pins and jumping to a message, over HTTP: every
//! status and error code of the endpoints.

mod common;

use common::{nobody, TestApp, TestUser};
use serde_json::{json, Value};

const THUMBS: &str = "%F0%9F%91%8D"; // 👍

/// Alice owns a server with `general`; Bob is a member, Carol an admin,
/// Eve an outsider.
struct Scene {
    app: TestApp,
    alice: TestUser,
    bob: TestUser,
    carol: TestUser,
    eve: TestUser,
    server: String,
    channel: String,
}

async fn scene() -> Scene {
    let app = TestApp::new();
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let carol = app.signup("carol").await;
    let eve = app.signup("eve").await;
    let (server, channel) = app.server_with_channel(&alice).await;
    app.join(&alice, &server, &bob).await;
    app.join(&alice, &server, &carol).await;
    app.put(
        &format!("/servers/{server}/members/{}", carol.id),
        &alice,
        json!({"role": "admin"}),
    )
    .await
    .expect(200, "");
    Scene {
        app,
        alice,
        bob,
        carol,
        eve,
        server,
        channel,
    }
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

impl Scene {
    async fn say(&self, who: &TestUser, text: &str) -> String {
        id(&self.app.say(who, &self.channel, text).await)
    }

    async fn put(&self, who: &TestUser, path: &str) -> common::Answer {
        self.app.call("PUT", path, Some(&who.token), None).await
    }
}

#[tokio::test]
async fn a_reply_carries_the_original_and_shows_it_deleted_once_gone() {
    let s = scene().await;
    let original = s.say(&s.alice, &"x".repeat(120)).await;
    let path = format!("/channels/{}/messages", s.channel);
    let a = s
        .app
        .post(
            &path,
            &s.bob,
            json!({"content": "answer", "reply_to": original}),
        )
        .await;
    a.expect(201, "");
    assert_eq!(a.body["reply_to"]["id"], original.as_str());
    assert_eq!(a.body["reply_to"]["author"]["username"], "alice");
    assert_eq!(a.body["reply_to"]["content"], "x".repeat(100));
    assert_eq!(a.body["reactions"], json!([]));
    assert_eq!(a.body["pinned"], false);
    let plain = s.app.say(&s.bob, &s.channel, "plain").await;
    assert!(plain["reply_to"].is_null());
    s.app
        .delete(&format!("/messages/{original}"), &s.alice)
        .await
        .expect(204, "");
    let history = s.app.get(&path, &s.bob).await;
    let reply = &history.body[0];
    assert_eq!(reply["reply_to"], json!({"id": original, "deleted": true}));
}

#[tokio::test]
async fn a_reply_to_another_channel_unknown_or_malformed_id_is_422_on_reply_to() {
    let s = scene().await;
    let other = s
        .app
        .post(
            &format!("/servers/{}/channels", s.server),
            &s.alice,
            json!({"name": "other"}),
        )
        .await;
    let elsewhere = id(&s.app.say(&s.alice, &id(&other.body), "there").await);
    let path = format!("/channels/{}/messages", s.channel);
    for target in [json!(elsewhere), json!(nobody()), json!("not-an-id")] {
        let a = s
            .app
            .post(&path, &s.bob, json!({"content": "hi", "reply_to": target}))
            .await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), "reply_to");
    }
}

#[tokio::test]
async fn reactions_are_added_idempotently_counted_and_removed() {
    let s = scene().await;
    let m = s.say(&s.alice, "react to me").await;
    let thumbs = format!("/messages/{m}/reactions/{THUMBS}");
    s.put(&s.bob, &thumbs).await.expect(204, "");
    s.put(&s.bob, &thumbs).await.expect(204, "");
    s.put(&s.alice, &thumbs).await.expect(204, "");
    s.put(&s.alice, &format!("/messages/{m}/reactions/%F0%9F%8E%89"))
        .await
        .expect(204, "");
    let history = s
        .app
        .get(&format!("/channels/{}/messages", s.channel), &s.bob)
        .await;
    assert_eq!(
        history.body[0]["reactions"],
        json!([{"emoji": "👍", "count": 2, "me": true}, {"emoji": "🎉", "count": 1, "me": false}])
    );
    let users = s.app.get(&thumbs, &s.bob).await;
    users.expect(200, "");
    let mut expected = vec![s.alice.id.clone(), s.bob.id.clone()];
    expected.sort();
    let got: Vec<&str> = users
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, expected);
    assert!(users.body[0]["username"].is_string());
    let page = s
        .app
        .get(&format!("{thumbs}?limit=1&after={}", expected[0]), &s.bob)
        .await;
    assert_eq!(page.body.as_array().unwrap().len(), 1);
    assert_eq!(page.body[0]["id"], expected[1].as_str());
    s.app.delete(&thumbs, &s.bob).await.expect(204, "");
    s.app.delete(&thumbs, &s.bob).await.expect(204, "");
    let users = s.app.get(&thumbs, &s.bob).await;
    assert_eq!(users.body.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_reaction_that_is_not_one_emoji_is_422_on_emoji() {
    let s = scene().await;
    let m = s.say(&s.alice, "hi").await;
    for bad in [
        "a",
        "%F0%9F%91%8D%F0%9F%91%8D",
        "%F0%9F",
        ":thumbsup:",
        "%3Cb%3E",
    ] {
        let path = format!("/messages/{m}/reactions/{bad}");
        let a = s.put(&s.bob, &path).await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), "emoji", "{bad}");
        s.app
            .get(&path, &s.bob)
            .await
            .expect(422, "validation_failed");
    }
}

#[tokio::test]
async fn the_21st_distinct_emoji_is_409_too_many_reactions() {
    let s = scene().await;
    let m = s.say(&s.alice, "hi").await;
    let faces: Vec<char> = ('😀'..).take(21).collect();
    let enc = |c: char| -> String { c.to_string().bytes().map(|b| format!("%{b:02X}")).collect() };
    for f in &faces[..20] {
        s.put(&s.bob, &format!("/messages/{m}/reactions/{}", enc(*f)))
            .await
            .expect(204, "");
    }
    s.put(
        &s.bob,
        &format!("/messages/{m}/reactions/{}", enc(faces[20])),
    )
    .await
    .expect(409, "too_many_reactions");
}

#[tokio::test]
async fn reactions_of_unknown_messages_or_for_outsiders_are_404() {
    let s = scene().await;
    let m = s.say(&s.alice, "hi").await;
    let thumbs = format!("/messages/{m}/reactions/{THUMBS}");
    s.put(&s.eve, &thumbs).await.expect(404, "not_found");
    s.app.delete(&thumbs, &s.eve).await.expect(404, "not_found");
    s.app.get(&thumbs, &s.eve).await.expect(404, "not_found");
    s.app
        .delete(&format!("/messages/{m}/reactions"), &s.eve)
        .await
        .expect(404, "not_found");
    let unknown = format!("/messages/{}/reactions/{THUMBS}", nobody());
    s.put(&s.bob, &unknown).await.expect(404, "not_found");
    s.app
        .call("PUT", &thumbs, None, None)
        .await
        .expect(401, "unauthenticated");
}

#[tokio::test]
async fn only_admins_remove_all_reactions() {
    let s = scene().await;
    let m = s.say(&s.bob, "hi").await;
    s.put(&s.bob, &format!("/messages/{m}/reactions/{THUMBS}"))
        .await
        .expect(204, "");
    let all = format!("/messages/{m}/reactions");
    s.app.delete(&all, &s.bob).await.expect(403, "forbidden");
    s.app.delete(&all, &s.carol).await.expect(204, "");
    let history = s
        .app
        .get(&format!("/channels/{}/messages", s.channel), &s.bob)
        .await;
    assert_eq!(history.body[0]["reactions"], json!([]));
}

#[tokio::test]
async fn admins_pin_and_unpin_and_members_list_pins_newest_first() {
    let s = scene().await;
    let a = s.say(&s.bob, "a").await;
    let b = s.say(&s.bob, "b").await;
    let pins = format!("/channels/{}/pins", s.channel);
    s.put(&s.bob, &format!("{pins}/{a}"))
        .await
        .expect(403, "forbidden");
    s.put(&s.carol, &format!("{pins}/{a}"))
        .await
        .expect(204, "");
    s.put(&s.carol, &format!("{pins}/{a}"))
        .await
        .expect(204, "");
    s.app.advance(std::time::Duration::from_secs(1));
    s.put(&s.alice, &format!("{pins}/{b}"))
        .await
        .expect(204, "");
    let list = s.app.get(&pins, &s.bob).await;
    list.expect(200, "");
    let ids: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![b.as_str(), a.as_str()]);
    assert_eq!(list.body[0]["pinned"], true);
    s.app
        .delete(&format!("{pins}/{b}"), &s.bob)
        .await
        .expect(403, "forbidden");
    s.app
        .delete(&format!("{pins}/{b}"), &s.alice)
        .await
        .expect(204, "");
    assert_eq!(
        s.app
            .get(&pins, &s.bob)
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
    s.app.get(&pins, &s.eve).await.expect(404, "not_found");
    s.put(&s.eve, &format!("{pins}/{a}"))
        .await
        .expect(404, "not_found");
    s.put(&s.alice, &format!("{pins}/{}", nobody()))
        .await
        .expect(404, "not_found");
}

#[tokio::test]
async fn the_51st_pin_is_409_too_many_pins() {
    let s = scene().await;
    let pins = format!("/channels/{}/pins", s.channel);
    for i in 0..50 {
        let m = s.say(&s.alice, &format!("m{i}")).await;
        s.put(&s.alice, &format!("{pins}/{m}"))
            .await
            .expect(204, "");
    }
    let m = s.say(&s.alice, "one more").await;
    s.put(&s.alice, &format!("{pins}/{m}"))
        .await
        .expect(409, "too_many_pins");
}

#[tokio::test]
async fn around_centres_the_page_and_unknown_or_foreign_ids_are_404() {
    let s = scene().await;
    let mut ids = Vec::new();
    for i in 0..9 {
        ids.push(s.say(&s.alice, &format!("m{i}")).await);
    }
    let path = format!("/channels/{}/messages", s.channel);
    let page = s
        .app
        .get(&format!("{path}?around={}&limit=4", ids[4]), &s.bob)
        .await;
    page.expect(200, "");
    let got: Vec<&str> = page
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        got,
        ids[2..6].iter().map(String::as_str).collect::<Vec<_>>()
    );
    let after = s
        .app
        .get(&format!("{path}?after={}&limit=2", ids[6]), &s.bob)
        .await;
    assert_eq!(after.body.as_array().unwrap().len(), 2);
    assert_eq!(after.body[0]["id"], ids[7].as_str());
    for bad in [nobody(), "junk".to_owned()] {
        s.app
            .get(&format!("{path}?around={bad}&limit=50"), &s.bob)
            .await
            .expect(404, "not_found");
    }
    s.app
        .get(&format!("{path}?around={}", ids[0]), &s.eve)
        .await
        .expect(404, "not_found");
    let both = s
        .app
        .get(
            &format!("{path}?around={}&before={}", ids[3], ids[4]),
            &s.bob,
        )
        .await;
    both.expect(422, "validation_failed");
}
