//! Turning SQLite's errors into the core's `StoreError`.
//!
//! Only a unique violation the caller expects becomes a `Conflict`; every
//! other failure is a `Backend` error whose text is meant for logs.

use chat_core::{Conflict, StoreError};
use rusqlite::ErrorCode;

/// Any SQLite error, as a backend failure.
pub(crate) fn backend(e: rusqlite::Error) -> StoreError {
    StoreError::Backend(format!("sqlite: {e}"))
}

/// Whether `e` is a UNIQUE (or primary key) violation on an index whose
/// failure message names `column` (`table.column`, as SQLite reports it).
pub(crate) fn is_unique_violation(e: &rusqlite::Error, column: &str) -> bool {
    match e {
        rusqlite::Error::SqliteFailure(f, Some(msg)) => {
            f.code == ErrorCode::ConstraintViolation
                && msg.starts_with("UNIQUE constraint failed")
                && msg.contains(column)
        }
        _ => false,
    }
}

/// `conflict` when `e` violates the uniqueness of `column`, else a backend error.
pub(crate) fn unique_or_backend(
    e: rusqlite::Error,
    column: &str,
    conflict: Conflict,
) -> StoreError {
    if is_unique_violation(&e, column) {
        StoreError::Conflict(conflict)
    } else {
        backend(e)
    }
}
