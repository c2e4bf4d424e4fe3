//! `chat-server migrate`: SQLite → PostgreSQL → MongoDB → SQLite ends with
//! the same canonical export (`chat-server dump`) it started with; a
//! non-empty target is refused unless `--resume`, which then changes
//! nothing that is already there.

mod common;

use std::process::Command;

use common::{fresh_mongo, fresh_postgres, token, Store, TestServer};
use serde_json::json;

fn chat_server(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_chat-server"))
        .args(args)
        .env("RUST_LOG", "warn")
        .output()
        .expect("chat-server runs")
}

fn migrate(from: &str, to: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["migrate", "--from", from, "--to", to, "--quiet"];
    args.extend_from_slice(extra);
    chat_server(&args)
}

fn dump(url: &str) -> String {
    let out = chat_server(&["dump", "--from", url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Each seeded user's token and id (only the troll's id).
struct People {
    owner: (String, String),
    admin: (String, String),
    member: (String, String),
    troll: String,
}

/// Calls `path` and checks the status.
async fn expect(
    server: &TestServer,
    status: u16,
    method: &str,
    path: &str,
    who: &str,
    body: Option<serde_json::Value>,
) -> serde_json::Value {
    let (got, answer) = server.call(method, path, Some(who), body).await;
    assert_eq!(got, status, "{method} {path}: {answer}");
    answer
}

/// Uploads a small text file to the channel; the attachment's id.
async fn upload(server: &TestServer, who: &str, channel: &str, name: &str) -> String {
    let boundary = "migrate-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: text/plain\r\n\r\nthe bytes stay in the blob store\r\n--{boundary}--\r\n"
    );
    let res = server
        .http
        .post(server.url(&format!("/channels/{channel}/attachments")))
        .bearer_auth(who)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let answer: serde_json::Value = res.json().await.unwrap();
    assert_eq!(status, 201, "upload: {answer}");
    answer["id"].as_str().unwrap().to_owned()
}

/// The authenticator code of `secret` now.
fn totp_now(secret: &str) -> String {
    use chat_core::account::{base32_decode, totp_step};
    let step = totp_step(chat_core::Clock::now(&chat_core::SystemClock));
    let key = base32_decode(secret).unwrap();
    format!("{:06}", chat_auth::hotp(&key, step as u64))
}

/// Replies, pins, reactions, DMs and a group, a block, a DM policy, read
/// markers, notification settings, two-factor sign-in, a custom status
/// and attachments (sent and pending).
async fn seed_the_rest(server: &TestServer, p: &People, id: &str, general: &str, slow: &str) {
    let (owner, admin, member) = (&p.owner.0, &p.admin.0, &p.member.0);
    let history = expect(
        server,
        200,
        "GET",
        &format!("/channels/{general}/messages"),
        owner,
        None,
    )
    .await;
    let first = history[0]["id"].as_str().unwrap().to_owned();
    let body = json!({"content": "a reply", "reply_to": first});
    let path = format!("/channels/{general}/messages");
    let reply = expect(server, 201, "POST", &path, member, Some(body)).await;
    let reply = reply["id"].as_str().unwrap();
    let pin = format!("/channels/{general}/pins/{first}");
    expect(server, 204, "PUT", &pin, admin, None).await;
    // Two emoji, the second used first on the reply: order of first use.
    for (who, msg, emoji) in [
        (member, first.as_str(), "%F0%9F%91%8D"),
        (owner, first.as_str(), "%F0%9F%91%8D"),
        (admin, first.as_str(), "%F0%9F%8E%89"),
        (owner, reply, "%F0%9F%8E%89"),
        (admin, reply, "%F0%9F%91%8D"),
    ] {
        let path = format!("/messages/{msg}/reactions/{emoji}");
        expect(server, 204, "PUT", &path, who, None).await;
    }
    let dm = json!({"recipients": [p.member.1]});
    let dm = expect(server, 201, "POST", "/me/channels", owner, Some(dm)).await;
    let dm = dm["id"].as_str().unwrap().to_owned();
    let said = json!({"content": "just us"});
    let said = expect(
        server,
        201,
        "POST",
        &format!("/channels/{dm}/messages"),
        member,
        Some(said),
    )
    .await;
    let said = said["id"].as_str().unwrap().to_owned();
    let path = format!("/messages/{said}/reactions/%E2%9D%A4%EF%B8%8F");
    expect(server, 204, "PUT", &path, owner, None).await;
    let group = json!({"recipients": [p.admin.1, p.member.1], "name": "the three of us"});
    let group = expect(server, 201, "POST", "/me/channels", owner, Some(group)).await;
    let group = group["id"].as_str().unwrap().to_owned();
    let hi = json!({"content": "hi all"});
    expect(
        server,
        201,
        "POST",
        &format!("/channels/{group}/messages"),
        admin,
        Some(hi),
    )
    .await;
    for (channel, message) in [(general, reply), (dm.as_str(), said.as_str())] {
        let path = format!("/channels/{channel}/read");
        let body = json!({"message_id": message});
        expect(server, 204, "PUT", &path, owner, Some(body)).await;
    }
    let later = chat_core::Clock::now(&chat_core::SystemClock)
        .plus_seconds(3600)
        .to_rfc3339();
    let body = json!({"level": "mentions", "suppress_everyone": true});
    expect(
        server,
        200,
        "PUT",
        &format!("/servers/{id}/notifications"),
        member,
        Some(body),
    )
    .await;
    let body = json!({"level": "none", "muted_until": later});
    expect(
        server,
        200,
        "PUT",
        &format!("/channels/{slow}/notifications"),
        member,
        Some(body),
    )
    .await;
    // A DM's setting is stored too, though no server lists it.
    let body = json!({"level": "mentions"});
    let path = format!("/channels/{dm}/notifications");
    expect(server, 200, "PUT", &path, owner, Some(body)).await;
    let body = json!({"custom_status": "moving house 📦", "dm_policy": "everyone"});
    expect(server, 200, "PATCH", "/me", admin, Some(body)).await;
    expect(
        server,
        204,
        "PUT",
        &format!("/me/blocks/{}", p.troll),
        member,
        None,
    )
    .await;
    let body = json!({"password": "correct horse battery"});
    let setup = expect(server, 200, "POST", "/me/mfa/totp/setup", admin, Some(body)).await;
    let code = json!({"code": totp_now(setup["secret"].as_str().unwrap())});
    expect(
        server,
        200,
        "POST",
        "/me/mfa/totp/enable",
        admin,
        Some(code),
    )
    .await;
    let sent = upload(server, owner, general, "notes.txt").await;
    let spoiler = upload(server, owner, general, "spoiler.txt").await;
    upload(server, owner, general, "never sent.txt").await;
    let body =
        json!({"content": "files", "attachment_ids": [sent, spoiler], "spoiler_ids": [spoiler]});
    expect(
        server,
        201,
        "POST",
        &format!("/channels/{general}/messages"),
        owner,
        Some(body),
    )
    .await;
}

/// A SQLite database with a bit of everything, written by the real server.
async fn populated_sqlite() -> (tempfile::TempDir, String) {
    let mut server = TestServer::start(Store::Sqlite).await;
    let owner_auth = server.signup("owner").await;
    let owner = token(&owner_auth);
    let admin_auth = server.signup("admin").await;
    let admin = token(&admin_auth);
    let member_auth = server.signup("member").await;
    let member = token(&member_auth);
    let troll_auth = server.signup("troll").await;
    let (id, general) = server.create_server(&owner, "Migrants").await;
    for (who, _) in [
        (&admin, "admin"),
        (&member, "member"),
        (&token(&troll_auth), "troll"),
    ] {
        server.invite_and_join(&owner, &id, who).await;
    }
    let admin_id = admin_auth["user"]["id"].as_str().unwrap();
    let member_id = member_auth["user"]["id"].as_str().unwrap();
    let troll_id = troll_auth["user"]["id"].as_str().unwrap();
    let role = json!({"role": "admin"});
    let path = format!("/servers/{id}/members/{admin_id}");
    assert_eq!(
        server.call("PUT", &path, Some(&owner), Some(role)).await.0,
        200
    );
    let body = json!({"name": "slow", "topic": "📦 moving", "slowmode_seconds": 30});
    let (status, slow) = server
        .call(
            "POST",
            &format!("/servers/{id}/channels"),
            Some(&admin),
            Some(body),
        )
        .await;
    assert_eq!(status, 201);
    let slow = slow["id"].as_str().unwrap().to_owned();
    for (i, who) in [&owner, &member, &admin].iter().enumerate() {
        let body = json!({"content": format!("hello {i} @member 👋"), "nonce": format!("n{i}")});
        let path = format!("/channels/{general}/messages");
        assert_eq!(
            server.call("POST", &path, Some(who), Some(body)).await.0,
            201
        );
    }
    let (_, msg) = server
        .call(
            "POST",
            &format!("/channels/{slow}/messages"),
            Some(&member),
            Some(json!({"content": "edited soon"})),
        )
        .await;
    let msg_id = msg["id"].as_str().unwrap();
    let edit = json!({"content": "edited"});
    server
        .call(
            "PATCH",
            &format!("/messages/{msg_id}"),
            Some(&member),
            Some(edit),
        )
        .await;
    let people = People {
        owner: (
            owner.clone(),
            owner_auth["user"]["id"].as_str().unwrap().to_owned(),
        ),
        admin: (admin.clone(), admin_id.to_owned()),
        member: (member.clone(), member_id.to_owned()),
        troll: troll_id.to_owned(),
    };
    seed_the_rest(&server, &people, &id, &general, &slow).await;
    let ban = json!({"user_id": troll_id, "reason": "trolling", "duration_seconds": 86400});
    let path = format!("/servers/{id}/bans");
    assert_eq!(
        server.call("POST", &path, Some(&admin), Some(ban)).await.0,
        201
    );
    let soon = chat_core::Clock::now(&chat_core::SystemClock)
        .plus_seconds(86_400)
        .to_rfc3339();
    let path = format!("/servers/{id}/members/{member_id}/timeout");
    let body = json!({"until": soon, "reason": "cool off"});
    assert_eq!(
        server.call("PUT", &path, Some(&admin), Some(body)).await.0,
        200
    );
    server.terminate();
    let db = server.data_dir.path().join("chat.db").display().to_string();
    let dir = tempfile::tempdir().unwrap();
    let keep = std::mem::replace(&mut server.data_dir, dir);
    // A disabled account travels disabled.
    ok(&chat_server(&[
        "admin",
        "disable-user",
        "troll",
        "--from",
        &format!("sqlite:{db}"),
    ]));
    (keep, format!("sqlite:{db}"))
}

#[tokio::test]
async fn sqlite_to_postgres_to_mongo_to_sqlite_keeps_everything() {
    let (_keep, source) = populated_sqlite().await;
    let before = dump(&source);
    assert!(
        before.contains(r#""disabled":true"#) && before.contains(r#""username":"troll""#),
        "the dump shows the disabled account"
    );
    for kind in [
        "\"user\"",
        "\"server\"",
        "\"member\"",
        "\"channel\"",
        "\"message\"",
        "\"invite\"",
        "\"ban\"",
        "\"timeout\"",
        "\"audit\"",
        "\"reaction\"",
        "\"direct_channel\"",
        "\"kind\":\"group\"",
        "\"kind\":\"dm\"",
        "\"block\"",
        "\"dm_policy\"",
        "\"mfa\"",
        "\"read_marker\"",
        "\"server_notifications\"",
        "\"channel_notifications\"",
        "\"attachment\"",
        "\"message_id\":null",
        "\"spoiler\":true",
        "\"reply_to\":\"",
        "\"pinned_at\":1",
        "\"custom_status\":\"moving",
    ] {
        assert!(before.contains(kind), "the source has no {kind}: {before}");
    }
    let postgres = fresh_postgres().await;
    let mongo = fresh_mongo();
    let back_dir = tempfile::tempdir().unwrap();
    let back = format!("sqlite:{}", back_dir.path().join("back.db").display());
    ok(&migrate(&source, &postgres, &[]));
    ok(&migrate(&postgres, &mongo, &[]));
    ok(&migrate(&mongo, &back, &[]));
    assert_eq!(dump(&postgres), before, "PostgreSQL differs");
    assert_eq!(dump(&mongo), before, "MongoDB differs");
    assert_eq!(dump(&back), before, "the SQLite copy differs");

    // A non-empty target is refused; --resume continues and changes nothing.
    let again = migrate(&source, &back, &[]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--resume"));
    ok(&migrate(&source, &back, &["--resume"]));
    assert_eq!(dump(&back), before);
}

#[tokio::test]
async fn backup_copies_a_running_sqlite_server_and_the_copy_restores() {
    let mut server = TestServer::start(Store::Sqlite).await;
    let owner = token(&server.signup("owner").await);
    let (id, general) = server.create_server(&owner, "Backed up").await;
    let body = json!({"content": "before the backup"});
    let path = format!("/channels/{general}/messages");
    assert_eq!(
        server.call("POST", &path, Some(&owner), Some(body)).await.0,
        201
    );
    let db = server.data_dir.path().join("chat.db").display().to_string();
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("backup.db").display().to_string();
    // While the server runs.
    ok(&chat_server(&["backup", "--from", &db, "--to", &copy]));
    let refused = chat_server(&["backup", "--from", &db, "--to", &copy]);
    assert!(
        !refused.status.success(),
        "an existing file is not overwritten"
    );
    server.terminate();
    // Restore: a server started on the copy serves the data.
    let restored_dir = tempfile::tempdir().unwrap();
    std::fs::copy(&copy, restored_dir.path().join("chat.db")).unwrap();
    let args = vec![
        "--rate-limits".to_owned(),
        "off".to_owned(),
        "--storage".to_owned(),
        "sqlite".to_owned(),
        "--database-url".to_owned(),
        restored_dir.path().join("chat.db").display().to_string(),
    ];
    let restored = TestServer::start_with(restored_dir, args);
    let owner = token(&restored.login("owner").await);
    let (status, history) = restored.call("GET", &path, Some(&owner), None).await;
    assert_eq!(status, 200);
    assert_eq!(history[0]["content"], "before the backup");
    let (status, _) = restored
        .call("GET", &format!("/servers/{id}"), Some(&owner), None)
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn admin_stats_counts_what_the_store_holds() {
    let (_keep, source) = populated_sqlite().await;
    let out = chat_server(&["admin", "stats", "--from", &source]);
    ok(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    let count = |what: &str| -> u64 {
        let line = text
            .lines()
            .find(|l| l.starts_with(what))
            .unwrap_or_else(|| panic!("no {what} in {text}"));
        line.rsplit(' ').next().unwrap().parse().unwrap()
    };
    assert_eq!(count("users"), 4);
    assert_eq!(count("servers"), 1);
    assert_eq!(count("members"), 3, "the troll was banned");
    assert_eq!(count("channels"), 2);
    assert_eq!(count("messages"), 6);
    assert_eq!(count("replies"), 1);
    assert_eq!(count("pins"), 1);
    assert_eq!(count("reactions"), 6);
    assert_eq!(count("direct channels"), 2);
    assert_eq!(count("dm participants"), 5);
    assert_eq!(count("direct messages"), 2);
    assert_eq!(count("blocks"), 1);
    assert_eq!(count("dm policies"), 1);
    assert_eq!(count("two-factor"), 1);
    // Sending marks the channel read for its author, as well as the acks.
    assert_eq!(count("read markers"), 7);
    assert_eq!(count("server notify"), 1);
    assert_eq!(count("channel notify"), 2, "one of them in a DM");
    assert_eq!(count("attachments"), 2);
    assert_eq!(count("pending files"), 1);
    assert_eq!(count("custom statuses"), 1);
    assert_eq!(count("bans"), 1);
    assert_eq!(count("timeouts"), 1);
}
