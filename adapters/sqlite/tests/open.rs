//! Opening a database: folders, persistence across restarts, in memory,
//! and damaged data reported as errors rather than panics.

use chat_core::channels::ChannelStore;
use chat_core::ids::UserId;
use chat_core::messages::MessageStore;
use chat_core::testkit::{self, fixtures};
use chat_core::users::UserStore;
use chat_core::{Store, StoreError};
use chat_sqlite::SqliteStore;

#[tokio::test]
async fn open_creates_missing_folders_and_data_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("b").join("chat.db");
    let alice = fixtures::user("alice");
    {
        let store = SqliteStore::open(&path).unwrap();
        store.insert_user(&alice).await.unwrap();
    }
    let again = SqliteStore::open(&path).unwrap();
    assert_eq!(again.user_by_id(alice.id).await.unwrap(), Some(alice));
    again.ping().await.unwrap();
}

#[tokio::test]
async fn two_stores_on_one_file_share_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chat.db");
    let a = SqliteStore::open(&path).unwrap();
    let b = SqliteStore::open(&path).unwrap();
    let bob = fixtures::user("bob");
    a.insert_user(&bob).await.unwrap();
    assert_eq!(b.user_by_id(bob.id).await.unwrap(), Some(bob));
}

#[tokio::test]
async fn the_in_memory_store_works_and_is_private() {
    let a = SqliteStore::open_in_memory().unwrap();
    let b = SqliteStore::open_in_memory().unwrap();
    let carol = fixtures::user("carol");
    a.insert_user(&carol).await.unwrap();
    assert_eq!(a.user_by_id(carol.id).await.unwrap(), Some(carol.clone()));
    assert_eq!(b.user_by_id(carol.id).await.unwrap(), None);
}

#[tokio::test]
async fn a_path_that_is_not_a_database_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not.db");
    std::fs::write(&path, b"this is not an sqlite file, just text.....................................................................").unwrap();
    assert!(matches!(
        SqliteStore::open(&path),
        Err(StoreError::Backend(_))
    ));
}

#[tokio::test]
async fn a_damaged_row_is_a_backend_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chat.db");
    let store = SqliteStore::open(&path).unwrap();
    let dave = fixtures::user("dave");
    store.insert_user(&dave).await.unwrap();
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute("UPDATE users SET username = 'not a username!'", [])
            .unwrap();
    }
    let err = store.user_by_id(dave.id).await.unwrap_err();
    assert!(matches!(err, StoreError::Backend(_)), "{err:?}");
    assert!(store
        .user_by_id(UserId::from_uuid(fixtures::new_id()))
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn history_reads_the_channel_index() {
    let store = SqliteStore::open_in_memory().unwrap();
    let plan = store.explain_history().await.unwrap().join("\n");
    assert!(plan.contains("messages_history"), "{plan}");
    // Also usable as a plain store.
    let _: &dyn ChannelStore = &store;
    let _: &dyn MessageStore = &store;
}

#[tokio::test]
async fn closing_the_store_folds_the_wal_back_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chat.db");
    {
        let store = SqliteStore::open(&path).unwrap();
        store.insert_user(&fixtures::user("erin")).await.unwrap();
        store.ping().await.unwrap();
    }
    assert!(!dir.path().join("chat.db-wal").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_stores_writing_one_file_at_once_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chat.db");
    let a = SqliteStore::open(&path).unwrap();
    let b = SqliteStore::open(&path).unwrap();
    let mut tasks = Vec::new();
    for i in 0..40 {
        let store = if i % 2 == 0 { a.clone() } else { b.clone() };
        tasks.push(tokio::spawn(async move {
            store
                .insert_user(&fixtures::user(&format!("user{i}")))
                .await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
}

#[tokio::test]
async fn a_server_whose_first_channel_fails_is_not_stored() {
    use chat_core::role::Role;
    use chat_core::servers::ServerStore;
    let store = SqliteStore::open_in_memory().unwrap();
    let owner = fixtures::user("frank");
    store.insert_user(&owner).await.unwrap();
    let first = fixtures::server("first", owner.id);
    let general = fixtures::channel(first.id, "general", 0);
    let m = fixtures::member(first.id, owner.id, Role::Owner, fixtures::T0);
    store.create_server(&first, &m, &general).await.unwrap();

    let second = fixtures::server("second", owner.id);
    let clash = chat_core::channels::Channel {
        server_id: second.id,
        ..general.clone()
    };
    let m2 = fixtures::member(second.id, owner.id, Role::Owner, fixtures::T0);
    assert!(store.create_server(&second, &m2, &clash).await.is_err());
    assert_eq!(store.server_by_id(second.id).await.unwrap(), None);
    assert_eq!(store.count_owned_by(owner.id).await.unwrap(), 1);
}

#[tokio::test]
async fn rows_holding_control_characters_from_before_the_text_rule_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chat.db");
    let store: std::sync::Arc<dyn Store> = std::sync::Arc::new(SqliteStore::open(&path).unwrap());
    let rows = testkit::add_legacy_rows(&store).await;
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        let text = testkit::LEGACY_TEXT;
        for (table, column, id) in rows.text_cells() {
            let sql = format!("UPDATE {table} SET {column} = ?1 WHERE id = ?2");
            assert_eq!(raw.execute(&sql, rusqlite::params![text, id]).unwrap(), 1);
        }
        let sql = "UPDATE bans SET reason = ?1 WHERE server_id = ?2 AND user_id = ?3";
        let key = (rows.server.as_uuid(), rows.user.as_uuid());
        let params = rusqlite::params![text, key.0, key.1];
        assert_eq!(raw.execute(sql, params).unwrap(), 1);
    }
    testkit::legacy_rows_load_as_stored(&store, &rows).await;
}
