//! The moderation tools over HTTP: the audit log, timeouts and slow mode.

mod common;

use std::time::Duration;

use common::{nobody, TestApp, TestUser};
use serde_json::{json, Value};

/// alice owns a server where bob is admin and carol member; its general channel.
async fn trio(app: &TestApp) -> (TestUser, TestUser, TestUser, String, String) {
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let carol = app.signup("carol").await;
    let (id, general) = app.server_with_channel(&alice).await;
    app.join(&alice, &id, &bob).await;
    app.join(&alice, &id, &carol).await;
    app.put(
        &format!("/servers/{id}/members/{}", bob.id),
        &alice,
        json!({"role": "admin"}),
    )
    .await
    .expect(200, "");
    (alice, bob, carol, id, general)
}

fn in_seconds(app: &TestApp, s: i64) -> String {
    app.chat.deps().clock.now().plus_seconds(s).to_rfc3339()
}

async fn send(app: &TestApp, user: &TestUser, channel: &str) -> common::Answer {
    app.post(
        &format!("/channels/{channel}/messages"),
        user,
        json!({"content": "hello"}),
    )
    .await
}

#[tokio::test]
async fn the_audit_log_lists_acts_with_actor_target_reason_and_changes() {
    let app = TestApp::new();
    let (alice, bob, carol, id, _) = trio(&app).await;
    let kick = warp::test::request()
        .method("DELETE")
        .path(&format!("/servers/{id}/members/{}", carol.id))
        .header("authorization", format!("Bearer {}", bob.token))
        .header("x-audit-log-reason", "flood%20%F0%9F%8C%8A");
    app.send(kick).await.expect(204, "");
    let a = app.get(&format!("/servers/{id}/audit-log"), &alice).await;
    a.expect(200, "");
    let entries = a.body.as_array().unwrap();
    let e = &entries[0];
    assert_eq!(e["action"], "member_kick");
    assert_eq!(e["actor_id"], bob.id.as_str());
    assert_eq!(e["actor"]["username"], "bob");
    assert_eq!(e["target_type"], "user");
    assert_eq!(e["target_id"], carol.id.as_str());
    assert_eq!(e["target_user"]["username"], "carol");
    assert_eq!(e["reason"], "flood 🌊");
    assert!(e["changes"].is_array() && e["created_at"].is_string());
    let role = &entries[1];
    assert_eq!(role["action"], "member_role_update");
    assert_eq!(
        role["changes"],
        json!([{"key": "role", "old": "member", "new": "admin"}])
    );
    let a = app
        .get(
            &format!(
                "/servers/{id}/audit-log?action=invite_create&actor_id={}&limit=1",
                alice.id
            ),
            &bob,
        )
        .await;
    a.expect(200, "");
    let only: Vec<&Value> = a.body.as_array().unwrap().iter().collect();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["action"], "invite_create");
    let before = only[0]["id"].as_str().unwrap();
    let a = app
        .get(
            &format!("/servers/{id}/audit-log?action=invite_create&before={before}"),
            &bob,
        )
        .await;
    assert_eq!(a.body.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_audit_log_is_for_admins_members_get_403_strangers_404() {
    let app = TestApp::new();
    let (_, bob, carol, id, _) = trio(&app).await;
    let dave = app.signup("dave").await;
    let path = format!("/servers/{id}/audit-log");
    app.get(&path, &carol).await.expect(403, "forbidden");
    app.get(&path, &dave).await.expect(404, "not_found");
    app.get(&format!("/servers/{}/audit-log", nobody()), &bob)
        .await
        .expect(404, "not_found");
    for bad in [
        "limit=0",
        "limit=x",
        "action=nope",
        "actor_id=x",
        "before=x",
    ] {
        let a = app.get(&format!("{path}?{bad}"), &bob).await;
        a.expect(422, "validation_failed");
        let field = bad.split('=').next().unwrap();
        assert_eq!(a.field(), field);
    }
}

#[tokio::test]
async fn a_reason_over_512_characters_is_refused_and_nothing_changes() {
    let app = TestApp::new();
    let (_, bob, carol, id, _) = trio(&app).await;
    let kick = warp::test::request()
        .method("DELETE")
        .path(&format!("/servers/{id}/members/{}", carol.id))
        .header("authorization", format!("Bearer {}", bob.token))
        .header("x-audit-log-reason", "x".repeat(513));
    let a = app.send(kick).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "reason");
    let members = app.get(&format!("/servers/{id}/members"), &bob).await;
    assert_eq!(members.body.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn a_timed_out_member_gets_403_timed_out_with_until_and_reads_on() {
    let app = TestApp::new();
    let (alice, bob, carol, id, general) = trio(&app).await;
    let path = format!("/servers/{id}/members/{}/timeout", carol.id);
    let until = in_seconds(&app, 3600);
    let a = app
        .put(&path, &bob, json!({"until": until, "reason": "cool down"}))
        .await;
    a.expect(200, "");
    assert_eq!(a.body["user_id"], carol.id.as_str());
    assert_eq!(a.body["timed_out_until"], until.as_str());
    let refused = send(&app, &carol, &general).await;
    refused.expect(403, "timed_out");
    assert_eq!(refused.body["error"]["details"]["until"], until.as_str());
    app.get(&format!("/channels/{general}/messages"), &carol)
        .await
        .expect(200, "");
    let members = app.get(&format!("/servers/{id}/members"), &alice).await;
    let listed = members.body.as_array().unwrap();
    let c = listed
        .iter()
        .find(|m| m["user_id"] == carol.id.as_str())
        .unwrap();
    assert_eq!(c["timed_out_until"], until.as_str());
    let b = listed
        .iter()
        .find(|m| m["user_id"] == bob.id.as_str())
        .unwrap();
    assert!(b["timed_out_until"].is_null());
    let log = app.get(&format!("/servers/{id}/audit-log"), &alice).await;
    assert_eq!(log.body[0]["action"], "member_timeout");
    assert_eq!(log.body[0]["reason"], "cool down");
    app.delete(&path, &bob).await.expect(204, "");
    send(&app, &carol, &general).await.expect(201, "");
    let log = app.get(&format!("/servers/{id}/audit-log"), &alice).await;
    assert_eq!(log.body[0]["action"], "member_timeout_remove");
}

#[tokio::test]
async fn timeout_until_must_be_future_and_within_28_days_and_rank_matters() {
    let app = TestApp::new();
    let (alice, bob, carol, id, _) = trio(&app).await;
    let path = format!("/servers/{id}/members/{}/timeout", carol.id);
    for until in [
        json!(in_seconds(&app, -1)),
        json!(in_seconds(&app, 28 * 86_400 + 1)),
        json!("tomorrow"),
    ] {
        let a = app.put(&path, &bob, json!({ "until": until })).await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), "until");
    }
    // Left out it is a broken rule; `null` is a wrong type (the contract).
    let a = app.put(&path, &bob, json!({})).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "until");
    app.put(&path, &bob, json!({ "until": null }))
        .await
        .expect(400, "bad_request");
    let until = in_seconds(&app, 28 * 86_400);
    app.put(&path, &bob, json!({ "until": until }))
        .await
        .expect(200, "");
    let on_owner = format!("/servers/{id}/members/{}/timeout", alice.id);
    app.put(&on_owner, &bob, json!({ "until": until }))
        .await
        .expect(403, "forbidden");
    let on_admin = format!("/servers/{id}/members/{}/timeout", bob.id);
    app.put(&on_admin, &carol, json!({ "until": until }))
        .await
        .expect(403, "forbidden");
    app.delete(&on_admin, &carol).await.expect(403, "forbidden");
    let dave = app.signup("dave").await;
    app.put(&path, &dave, json!({ "until": until }))
        .await
        .expect(404, "not_found");
    let on_stranger = format!("/servers/{id}/members/{}/timeout", dave.id);
    app.put(&on_stranger, &bob, json!({ "until": until }))
        .await
        .expect(404, "not_found");
}

#[tokio::test]
async fn slow_mode_makes_members_wait_with_retry_after() {
    let app = TestApp::new();
    let (_, bob, carol, id, _) = trio(&app).await;
    let a = app
        .post(
            &format!("/servers/{id}/channels"),
            &bob,
            json!({"name": "slow", "slowmode_seconds": 30}),
        )
        .await;
    a.expect(201, "");
    assert_eq!(a.body["slowmode_seconds"], 30);
    let slow = a.body["id"].as_str().unwrap().to_owned();
    send(&app, &carol, &slow).await.expect(201, "");
    app.advance(Duration::from_secs(10));
    let refused = send(&app, &carol, &slow).await;
    refused.expect(429, "rate_limited");
    assert_eq!(refused.headers["retry-after"], "20");
    assert_eq!(refused.body["error"]["details"]["retry_after_ms"], 20_000);
    send(&app, &bob, &slow).await.expect(201, "");
    send(&app, &bob, &slow).await.expect(201, "");
    app.advance(Duration::from_secs(20));
    send(&app, &carol, &slow).await.expect(201, "");
}

#[tokio::test]
async fn slowmode_seconds_is_0_to_21600_and_set_by_admins() {
    let app = TestApp::new();
    let (_, bob, carol, _, general) = trio(&app).await;
    let path = format!("/channels/{general}");
    for bad in [json!(-1), json!(21_601)] {
        let a = app
            .put(&path, &bob, json!({ "slowmode_seconds": bad }))
            .await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), "slowmode_seconds");
    }
    let a = app
        .put(&path, &bob, json!({ "slowmode_seconds": 21_600 }))
        .await;
    a.expect(200, "");
    assert_eq!(a.body["slowmode_seconds"], 21_600);
    app.put(&path, &carol, json!({ "slowmode_seconds": 0 }))
        .await
        .expect(403, "forbidden");
    let got = app.get(&path, &carol).await;
    assert_eq!(got.body["slowmode_seconds"], 21_600);
}

#[tokio::test]
async fn me_export_is_json_lines_of_profile_servers_and_own_messages() {
    let app = TestApp::new();
    let (alice, _, carol, id, general) = trio(&app).await;
    app.say(&carol, &general, "mine 📦").await;
    app.say(&alice, &general, "not carol's").await;
    let a = app.get("/me/export", &carol).await;
    a.expect(200, "");
    assert_eq!(a.headers["content-type"], "application/x-ndjson");
    assert!(a.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let text = a.body.as_str().expect("JSON lines are not one JSON value");
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["type"], "profile");
    assert_eq!(lines[0]["user"]["username"], "carol");
    let servers: Vec<&Value> = lines.iter().filter(|l| l["type"] == "server").collect();
    assert_eq!(servers.len(), 1);
    assert_eq!(servers[0]["id"], id.as_str());
    assert_eq!(servers[0]["role"], "member");
    let messages: Vec<&Value> = lines.iter().filter(|l| l["type"] == "message").collect();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["channel_name"], "general");
    assert_eq!(messages[0]["message"]["content"], "mine 📦");
    app.call("GET", "/me/export", None, None)
        .await
        .expect(401, "unauthenticated");
}

/// The export's lines of `type`.
fn export_lines(text: &str, kind: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l["type"] == kind)
        .collect()
}

#[tokio::test]
async fn me_export_has_dms_with_recipients_and_own_messages_with_reactions() {
    let app = TestApp::new();
    let (alice, _, carol, _, general) = trio(&app).await;
    let dm = app
        .post("/me/channels", &carol, json!({"recipients": [alice.id]}))
        .await;
    dm.expect(201, "");
    let dm = dm.body["id"].as_str().unwrap().to_owned();
    let mine = app.say(&carol, &dm, "just us").await;
    app.say(&alice, &dm, "alice's words").await;
    let in_server = app.say(&carol, &general, "in the server").await;
    for m in [&mine, &in_server] {
        let path = format!(
            "/messages/{}/reactions/%F0%9F%91%8D",
            m["id"].as_str().unwrap()
        );
        app.put(&path, &alice, json!({})).await.expect(204, "");
    }
    let a = app.get("/me/export", &carol).await;
    a.expect(200, "");
    let text = a.body.as_str().unwrap();
    let channels = export_lines(text, "direct_channel");
    assert_eq!(channels.len(), 1);
    assert_eq!(channels[0]["channel"]["id"], dm.as_str());
    assert_eq!(
        channels[0]["channel"]["recipients"][0]["id"],
        alice.id.as_str()
    );
    let said = export_lines(text, "direct_message");
    assert_eq!(said.len(), 1, "only carol's own words: {said:?}");
    assert_eq!(said[0]["channel_id"], dm.as_str());
    assert_eq!(said[0]["message"]["content"], "just us");
    assert_eq!(said[0]["message"]["reactions"][0]["count"], 1);
    let messages = export_lines(text, "message");
    assert_eq!(messages[0]["message"]["reactions"][0]["emoji"], "👍");
}
