//! Schema migrations: numbered SQL files compiled into the binary.
//!
//! At open, every migration newer than the database's recorded version runs
//! inside one transaction with its row in `schema_migrations`, so a database
//! made by an older build upgrades in place, a failed upgrade leaves it as
//! it was, and opening an up-to-date database changes nothing.

use std::time::{SystemTime, UNIX_EPOCH};

use chat_core::{StoreError, StoreResult};
use rusqlite::{params, Connection, TransactionBehavior};

use crate::error::backend;

/// One schema step: its version (strictly increasing) and its SQL.
#[derive(Clone, Copy)]
pub(crate) struct Migration {
    pub(crate) version: i64,
    pub(crate) sql: &'static str,
}

/// Every migration of this build, oldest first.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("../migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("../migrations/0002_account_security.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("../migrations/0003_messaging.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("../migrations/0004_reads.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("../migrations/0005_moderation.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("../migrations/0006_custom_status.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("../migrations/0007_direct_messages.sql"),
    },
    Migration {
        version: 8,
        sql: include_str!("../migrations/0008_attachments.sql"),
    },
    Migration {
        version: 9,
        sql: include_str!("../migrations/0009_search.sql"),
    },
    // Disabled accounts (operations).
    Migration {
        version: 10,
        sql: include_str!("../migrations/0010_disabled_users.sql"),
    },
    // Avatars and server icons.
    Migration {
        version: 11,
        sql: include_str!("../migrations/0011_pictures.sql"),
    },
];

/// Brings the database up to the last of `migrations`.
pub(crate) fn apply(conn: &mut Connection, migrations: &[Migration]) -> StoreResult<()> {
    // IMMEDIATE: two processes opening one new file at once do not both migrate.
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(backend)?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY NOT NULL,
             applied_at INTEGER NOT NULL
         )",
    )
    .map_err(backend)?;
    let current = current_version(&tx)?;
    let known = migrations.last().map_or(0, |m| m.version);
    if current > known {
        return Err(StoreError::Backend(format!(
            "sqlite: the database has schema version {current}, newer than this build knows ({known}); \
             use a newer chat-server"
        )));
    }
    // Every migration not applied yet, not only those above the highest
    // applied: versions are handed out to parallel work, so one may land
    // after a higher one was applied (gaps are fine).
    let applied = applied_versions(&tx)?;
    for m in migrations.iter().filter(|m| !applied.contains(&m.version)) {
        tx.execute_batch(m.sql).map_err(|e| {
            StoreError::Backend(format!("sqlite: migration {} failed: {e}", m.version))
        })?;
        tx.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)",
            params![m.version, now_millis()],
        )
        .map_err(backend)?;
    }
    tx.commit().map_err(backend)
}

/// The highest applied version, 0 for a new database.
pub(crate) fn current_version(conn: &Connection) -> StoreResult<i64> {
    conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )
    .map_err(backend)
}

/// Every applied version.
fn applied_versions(conn: &Connection) -> StoreResult<Vec<i64>> {
    conn.prepare("SELECT version FROM schema_migrations")
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
        .map_err(backend)
}

fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// This build's first migration plus a test-only later one, standing
    /// in for "the next release" (numbered past every real migration).
    const UPGRADED: &[Migration] = &[
        Migration {
            version: 1,
            sql: include_str!("../migrations/0001_initial.sql"),
        },
        Migration {
            version: 1000,
            sql: "ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
                  CREATE TABLE upgrade_marker (id INTEGER PRIMARY KEY);",
        },
    ];

    fn versions(conn: &Connection) -> Vec<i64> {
        let mut st = conn
            .prepare("SELECT version FROM schema_migrations ORDER BY version")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn a_database_made_by_an_older_build_upgrades_in_place_and_keeps_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut old = Connection::open(&path).unwrap();
            apply(&mut old, &UPGRADED[..1]).unwrap();
            old.execute(
                "INSERT INTO users (id, username, username_folded, display_name, bio, status,
                                    password_hash, created_at)
                 VALUES (X'01', 'Alice', 'alice', 'Alice', '', 'online', 'h', 1)",
                [],
            )
            .unwrap();
            assert_eq!(versions(&old), vec![1]);
        }
        let mut new = Connection::open(&path).unwrap();
        apply(&mut new, UPGRADED).unwrap();
        assert_eq!(versions(&new), vec![1, 1000]);
        let (name, locale): (String, String) = new
            .query_row("SELECT username, locale FROM users", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((name.as_str(), locale.as_str()), ("Alice", "en"));
    }

    #[test]
    fn a_lower_version_that_lands_after_a_higher_one_still_runs() {
        let mut conn = Connection::open_in_memory().unwrap();
        let first = Migration {
            version: 1,
            sql: "CREATE TABLE a (x)",
        };
        let late = Migration {
            version: 3,
            sql: "CREATE TABLE c (x)",
        };
        let high = Migration {
            version: 5,
            sql: "CREATE TABLE e (x)",
        };
        apply(&mut conn, &[first, high]).unwrap();
        apply(&mut conn, &[first, late, high]).unwrap();
        assert_eq!(versions(&conn), vec![1, 3, 5]);
    }

    #[test]
    fn applying_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, MIGRATIONS).unwrap();
        apply(&mut conn, MIGRATIONS).unwrap();
        let all: Vec<i64> = MIGRATIONS.iter().map(|m| m.version).collect();
        assert_eq!(versions(&conn), all);
    }

    #[test]
    fn a_failing_migration_leaves_the_database_as_it_was() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, &UPGRADED[..1]).unwrap();
        let broken = [
            Migration {
                version: 1,
                sql: UPGRADED[0].sql,
            },
            Migration {
                version: 2,
                sql: "CREATE TABLE t (x); SELECT * FROM no_such_table;",
            },
        ];
        let err = apply(&mut conn, &broken).unwrap_err();
        assert!(err.to_string().contains("migration 2"), "{err}");
        assert_eq!(versions(&conn), vec![1]);
        let t: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 't'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(t, 0);
    }

    #[test]
    fn a_database_from_a_newer_build_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        let mut newer: Vec<Migration> = MIGRATIONS
            .iter()
            .map(|m| Migration {
                version: m.version,
                sql: m.sql,
            })
            .collect();
        newer.push(Migration {
            version: i64::MAX,
            sql: "CREATE TABLE from_the_future (x);",
        });
        apply(&mut conn, &newer).unwrap();
        let err = apply(&mut conn, MIGRATIONS).unwrap_err();
        assert!(err.to_string().contains("newer"), "{err}");
    }
}
