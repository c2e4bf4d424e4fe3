//! What every test of this adapter needs: the server's URL, and a brand-new
//! database per test that is dropped when the test ends.

#![allow(dead_code)] // each test file uses a different part

use std::sync::Arc;
use std::time::Duration;

use chat_mongo::MongoStore;

/// How to get a server, for the failure message when none is configured.
const HOW_TO_START: &str = "CHAT_TEST_MONGO_URL is not set. These tests need a MongoDB-compatible \
server. Start FerretDB with: `source scripts/lib/ferretdb.sh && start_ferretdb` (it exports \
CHAT_TEST_MONGO_URL=mongodb://127.0.0.1:<port>/), or point CHAT_TEST_MONGO_URL at a MongoDB 6+.";

/// The test server's URL; fails the test (never skips) when unset.
pub fn test_url() -> String {
    match std::env::var("CHAT_TEST_MONGO_URL") {
        Ok(url) if !url.trim().is_empty() => url,
        _ => panic!("{HOW_TO_START}"),
    }
}

/// A database name no other test uses.
pub fn fresh_database_name() -> String {
    format!("chat_test_{}", uuid::Uuid::new_v4().simple())
}

/// Drops its database when dropped. Runs on its own thread and runtime,
/// because `Drop` cannot await and the test's runtime may be shutting down.
pub struct DropDatabase {
    pub url: String,
    pub name: String,
}

impl Drop for DropDatabase {
    fn drop(&mut self) {
        let (url, name) = (self.url.clone(), self.name.clone());
        let dropper = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                let drop_it = async {
                    let client = mongodb::Client::with_uri_str(&url).await?;
                    client.database(&name).drop().await
                };
                // Best effort: a leftover database does not disturb other tests.
                let _ = tokio::time::timeout(Duration::from_secs(10), drop_it).await;
            });
        });
        let _ = dropper.join();
    }
}

/// A store on a brand-new database, and the guard that drops it.
pub async fn fresh_store() -> (Arc<MongoStore>, DropDatabase) {
    let url = test_url();
    let name = fresh_database_name();
    let guard = DropDatabase {
        url: url.clone(),
        name: name.clone(),
    };
    let store = MongoStore::connect_database(&url, &name)
        .await
        .unwrap_or_else(|e| panic!("connecting to {url} (database {name}): {e}"));
    (Arc::new(store), guard)
}
