//! What is particular to the PostgreSQL adapter, beyond the shared suite:
//! connecting (and its error messages), concurrent migrations, mapping of
//! database errors, and the history query's use of its index.

mod common;

use std::sync::Arc;

use chat_core::channels::{Channel, ChannelName, ChannelStore, Topic};
use chat_core::ids::{ChannelId, ServerId, UserId};
use chat_core::members::Member;
use chat_core::messages::MessageStore;
use chat_core::presence::Status;
use chat_core::role::Role;
use chat_core::servers::{Description, Server, ServerName, ServerStore};
use chat_core::testkit;
use chat_core::users::{Bio, DisplayName, PasswordHash, User, UserStore, Username};
use chat_core::{Conflict, Store, StoreError, Timestamp};
use chat_postgres::PgStore;
use common::{fresh_store, TestDb};
use uuid::Uuid;

fn user(name: &str) -> User {
    User {
        id: UserId::from_uuid(Uuid::now_v7()),
        username: Username::parse(name).unwrap(),
        display_name: DisplayName::parse(name).unwrap(),
        bio: Bio::parse("").unwrap(),
        status: Status::Online,
        custom_status: None,
        password_hash: PasswordHash::new("x"),
        created_at: Timestamp::from_millis(1),
        disabled: false,
        avatar_key: None,
    }
}

fn channel(server: ServerId, name: &str) -> Channel {
    Channel {
        id: ChannelId::from_uuid(Uuid::now_v7()),
        server_id: server,
        name: ChannelName::parse(name).unwrap(),
        topic: Topic::parse("").unwrap(),
        position: 0,
        slowmode: chat_core::channels::Slowmode::OFF,
        created_at: Timestamp::from_millis(1),
    }
}

async fn server_of(store: &PgStore, owner: &User) -> Server {
    let server = Server {
        id: ServerId::from_uuid(Uuid::now_v7()),
        name: ServerName::parse("S").unwrap(),
        description: Description::parse("").unwrap(),
        owner_id: owner.id,
        created_at: Timestamp::from_millis(1),
        icon_key: None,
    };
    let member = Member {
        server_id: server.id,
        user_id: owner.id,
        role: Role::Owner,
        joined_at: Timestamp::from_millis(1),
    };
    store
        .create_server(&server, &member, &channel(server.id, "general"))
        .await
        .unwrap();
    server
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_connects_on_a_fresh_database_both_migrate_it() {
    let db = TestDb::create().await;
    let (a, b) = tokio::join!(PgStore::connect(&db.url), PgStore::connect(&db.url));
    let (a, b) = (a.unwrap(), b.unwrap());
    a.ping().await.unwrap();
    b.ping().await.unwrap();
    // Reconnecting applies nothing twice.
    PgStore::connect(&db.url)
        .await
        .unwrap()
        .ping()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_bad_url_is_a_clear_error() {
    let err = PgStore::connect("postgres://u@h:notaport/db")
        .await
        .unwrap_err();
    let text = err.to_string();
    eprintln!("{text}");
    assert!(text.contains("invalid PostgreSQL URL"), "{text}");
}

#[tokio::test]
async fn an_empty_url_or_one_without_a_host_is_a_clear_error() {
    let text = PgStore::connect("").await.unwrap_err().to_string();
    eprintln!("{text}");
    assert!(text.contains("no PostgreSQL URL given"), "{text}");
    let text = PgStore::connect("dbname=chat")
        .await
        .unwrap_err()
        .to_string();
    eprintln!("{text}");
    assert!(text.contains("host"), "{text}");
}

#[tokio::test]
async fn an_unreachable_server_is_a_clear_error_without_the_password() {
    // Port 1 on localhost: nothing listens there.
    let err = PgStore::connect("postgres://chat:s3cret@127.0.0.1:1/chat")
        .await
        .unwrap_err();
    let text = err.to_string();
    eprintln!("{text}");
    assert!(
        text.contains("cannot connect to PostgreSQL at chat@127.0.0.1:1/chat"),
        "{text}"
    );
    assert!(!text.contains("s3cret"), "{text}");
}

#[tokio::test]
async fn wrong_credentials_are_a_clear_error() {
    let db = TestDb::create().await;
    let url = db.url.replacen("://", "://nobody_here:wrong@", 1);
    // Replace any userinfo already present with the wrong one.
    let url = match url.split_once('@') {
        Some((head, tail)) => match tail.split_once('@') {
            Some((_, host)) => format!("{head}@{host}"),
            None => format!("{head}@{tail}"),
        },
        None => url,
    };
    let text = PgStore::connect(&url).await.unwrap_err().to_string();
    eprintln!("{text}");
    assert!(text.contains("cannot connect to PostgreSQL"), "{text}");
    assert!(text.contains("nobody_here"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unique_violations_become_the_cores_conflicts() {
    let (store, _db) = fresh_store().await;
    store.insert_user(&user("Alice")).await.unwrap();
    let err = store.insert_user(&user("aLICE")).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(Conflict::UsernameTaken)),
        "{err:?}"
    );

    let owner = user("owner");
    store.insert_user(&owner).await.unwrap();
    let server = server_of(&store, &owner).await;
    store
        .insert_channel(&channel(server.id, "Ünïcode"))
        .await
        .unwrap();
    let err = store
        .insert_channel(&channel(server.id, "üNÏCODE"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(Conflict::ChannelNameTaken)),
        "{err:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_connection_is_unavailable_and_the_pool_recovers() {
    let db = TestDb::create().await;
    let store = PgStore::connect(&db.url).await.unwrap();
    store.ping().await.unwrap();
    // Kill every connection to the test database behind the pool's back.
    common::admin_exec(
        &common::admin_url(),
        &format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{}' AND pid <> pg_backend_pid()",
            db.url.rsplit('/').next().unwrap()
        ),
    );
    let store = Arc::new(store);
    // The first use of a dead connection may fail, as "unavailable" (the
    // same call works again once a connection is back)...
    match store.user_by_id(UserId::from_uuid(Uuid::now_v7())).await {
        Ok(None) => {}
        Err(StoreError::Unavailable(text)) => assert!(text.contains("postgres"), "{text}"),
        other => panic!("unexpected {other:?}"),
    }
    // ...and the pool then replaces it.
    let mut ok = false;
    for _ in 0..5 {
        if store.ping().await.is_ok() {
            ok = true;
            break;
        }
    }
    assert!(ok, "the pool never recovered");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_database_is_a_backend_error_not_a_panic() {
    let db = TestDb::create().await;
    let store = PgStore::connect(&db.url).await.unwrap();
    drop(db); // DROP DATABASE … WITH (FORCE) kills our connections too
    let err = store.ping().await;
    let err = match err {
        Err(e) => e,
        Ok(()) => store.ping().await.unwrap_err(),
    };
    assert!(matches!(err, StoreError::Backend(_)), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_walks_the_channel_index_among_many_channels() {
    let (store, db) = fresh_store().await;
    let owner = user("owner");
    store.insert_user(&owner).await.unwrap();
    let server = server_of(&store, &owner).await;
    let channels: Vec<Channel> = (0..4)
        .map(|i| channel(server.id, &format!("c{i}")))
        .collect();
    for c in &channels {
        store.insert_channel(c).await.unwrap();
    }
    let (client, driver) = tokio_postgres::connect(&db.url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(driver);
    // Channel 0 had 20,000 messages long ago; channels 1 to 3 then got
    // 20,000 more. Ids (made from the counter) order by time.
    let ids: Vec<Uuid> = channels.iter().map(|c| c.id.as_uuid()).collect();
    client
        .execute(
            "INSERT INTO messages (id, channel_id, server_id, author_id, content, mentions, created_at) \
             SELECT lpad(to_hex(i), 32, '0')::uuid, \
                    CASE WHEN i <= 20000 THEN ($1::uuid[])[1] ELSE ($1::uuid[])[2 + i % 3] END, \
                    $2, $3, 'x', '{}', i \
             FROM generate_series(1, 40000) AS i",
            &[&ids, &server.id.as_uuid(), &owner.id.as_uuid()],
        )
        .await
        .unwrap();
    client.batch_execute("ANALYZE messages").await.unwrap();
    // The store's query (src/messages.rs), word for word, for the quiet
    // channel's newest page.
    let plan = client
        .query(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM messages \
             WHERE (channel_id, id) >= ($1, '00000000-0000-0000-0000-000000000000'::uuid) \
               AND (channel_id, id) < ($1, $2) \
             ORDER BY channel_id DESC, id DESC LIMIT $3",
            &[&ids[0], &Uuid::max(), &50_i64],
        )
        .await
        .unwrap();
    let plan: Vec<String> = plan.iter().map(|r| r.get(0)).collect();
    let plan = plan.join("\n");
    assert!(
        plan.contains("Index Scan Backward using messages_by_channel"),
        "{plan}"
    );
    assert!(!plan.contains("Sort"), "{plan}");
    assert!(!plan.contains("Rows Removed by Filter"), "{plan}");
    let page = store.history(channels[0].id, None, 50).await.unwrap();
    assert_eq!(page.len(), 50);
    assert!(page.windows(2).all(|w| w[0].id < w[1].id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_holding_control_characters_from_before_the_text_rule_still_load() {
    let (store, db) = fresh_store().await;
    let store: Arc<dyn Store> = Arc::new(store);
    let rows = testkit::add_legacy_rows(&store).await;
    let (client, driver) = tokio_postgres::connect(&db.url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(driver);
    let text = testkit::LEGACY_TEXT;
    for (table, column, id) in rows.text_cells() {
        let sql = format!("UPDATE {table} SET {column} = $1 WHERE id = $2");
        assert_eq!(client.execute(&sql, &[&text, &id]).await.unwrap(), 1);
    }
    let sql = "UPDATE bans SET reason = $1 WHERE server_id = $2 AND user_id = $3";
    let key = (rows.server.as_uuid(), rows.user.as_uuid());
    assert_eq!(
        client.execute(sql, &[&text, &key.0, &key.1]).await.unwrap(),
        1
    );
    testkit::legacy_rows_load_as_stored(&store, &rows).await;
}
