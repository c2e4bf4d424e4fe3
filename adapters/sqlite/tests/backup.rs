//! Online backups: a consistent copy taken while the store is in use,
//! that opens as a database of its own (the restore).

use chat_core::testkit::fixtures::{add_community, add_user};
use chat_core::Store;
use chat_sqlite::SqliteStore;
use std::sync::Arc;

#[tokio::test]
async fn a_backup_taken_while_in_use_restores_to_the_data_of_that_moment() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("chat.db");
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&live).unwrap());
    let c = add_community(&store, "owner").await;
    let before = add_user(&store, "before").await;
    let copy = dir.path().join("backup.db");
    let sqlite = SqliteStore::open(&live).unwrap();
    sqlite.backup_to(&copy).await.unwrap();
    // The live store goes on; later writes are not in the copy.
    let after = add_user(&store, "after").await;

    let restored: Arc<dyn Store> = Arc::new(SqliteStore::open(&copy).unwrap());
    assert_eq!(restored.user_by_id(before.id).await.unwrap(), Some(before));
    assert_eq!(restored.user_by_id(after.id).await.unwrap(), None);
    assert_eq!(
        restored.server_by_id(c.server.id).await.unwrap(),
        Some(c.server.clone())
    );
    assert_eq!(
        restored.channels_of(c.server.id).await.unwrap(),
        vec![c.general]
    );
    restored.ping().await.unwrap();
}

#[tokio::test]
async fn a_backup_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("chat.db")).unwrap();
    let taken = dir.path().join("taken.db");
    std::fs::write(&taken, b"keep me").unwrap();
    let err = store.backup_to(&taken).await.unwrap_err();
    assert!(err.to_string().contains("exists"), "{err}");
    assert_eq!(std::fs::read(&taken).unwrap(), b"keep me");
}
