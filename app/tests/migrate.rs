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

/// A SQLite database with a bit of everything, written by the real server.
async fn populated_sqlite() -> (tempfile::TempDir, String) {
    let mut server = TestServer::start(Store::Sqlite).await;
    let owner = token(&server.signup("owner").await);
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
    assert_eq!(count("messages"), 4);
    assert_eq!(count("bans"), 1);
    assert_eq!(count("timeouts"), 1);
}
