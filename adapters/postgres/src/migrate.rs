//! Versioned schema migrations, embedded in the binary and applied at
//! connect time.
//!
//! Each migration runs in one transaction that first takes a transaction
//! advisory lock: instances starting at once queue up, and each applies
//! only what `schema_migrations` does not list yet.

use chat_core::StoreResult;
use deadpool_postgres::Object;

use crate::error::db;

/// One schema change: its version (increasing, never reused) and its SQL.
struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

/// Every migration, oldest first. Never edit one that shipped; add a new one.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "account_security",
        sql: include_str!("migrations/0002_account_security.sql"),
    },
    Migration {
        version: 3,
        name: "messaging",
        sql: include_str!("migrations/0003_messaging.sql"),
    },
    Migration {
        version: 4,
        name: "reads",
        sql: include_str!("migrations/0004_reads.sql"),
    },
    Migration {
        version: 5,
        name: "moderation",
        sql: include_str!("migrations/0005_moderation.sql"),
    },
    Migration {
        version: 6,
        name: "custom_status",
        sql: include_str!("migrations/0006_custom_status.sql"),
    },
    Migration {
        version: 7,
        name: "direct_messages",
        sql: include_str!("migrations/0007_direct_messages.sql"),
    },
    Migration {
        version: 8,
        name: "attachments",
        sql: include_str!("migrations/0008_attachments.sql"),
    },
    Migration {
        version: 9,
        name: "search",
        sql: include_str!("migrations/0009_search.sql"),
    },
    // Disabled accounts (operations).
    Migration {
        version: 10,
        name: "disabled_users",
        sql: include_str!("migrations/0010_disabled_users.sql"),
    },
    // Avatars and server icons.
    Migration {
        version: 11,
        name: "pictures",
        sql: include_str!("migrations/0011_pictures.sql"),
    },
];

/// The advisory lock key serialising migrations ("chatmigr" in ASCII).
const LOCK_KEY: i64 = 0x6368_6174_6d69_6772;

/// Applies the migrations `schema_migrations` does not list yet.
pub(crate) async fn run(client: &mut Object) -> StoreResult<()> {
    for migration in MIGRATIONS {
        apply(client, migration).await?;
    }
    crate::search::backfill(client).await
}

/// Applies one migration unless it already is, all or nothing (dropping the
/// transaction on an error rolls it back).
async fn apply(client: &mut Object, migration: &Migration) -> StoreResult<()> {
    let tx = client.transaction().await.map_err(db)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY])
        .await
        .map_err(db)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version    bigint PRIMARY KEY,
            name       text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )",
    )
    .await
    .map_err(db)?;
    let done = tx
        .query_opt(
            "SELECT 1 FROM schema_migrations WHERE version = $1",
            &[&migration.version],
        )
        .await
        .map_err(db)?;
    if done.is_none() {
        tx.batch_execute(migration.sql).await.map_err(db)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            &[&migration.version, &migration.name],
        )
        .await
        .map_err(db)?;
    }
    tx.commit().await.map_err(db)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_increase() {
        assert!(MIGRATIONS.windows(2).all(|w| w[0].version < w[1].version));
    }
}
