//! Turning SQLite's errors into the core's `StoreError`.
//!
//! Only a unique violation the caller expects becomes a `Conflict`; a
//! database still busy or locked after the busy timeout (another process
//! holds it) or a file that cannot be opened now is `Unavailable` (the
//! same call may work later); every other failure is a `Backend` error
//! whose text is meant for logs.

use chat_core::{Conflict, StoreError};
use rusqlite::ErrorCode;

/// Any SQLite error: unavailable when busy, locked or unopenable, else a
/// backend failure.
pub(crate) fn backend(e: rusqlite::Error) -> StoreError {
    if is_unavailable(&e) {
        return StoreError::Unavailable(format!("sqlite: {e}"));
    }
    StoreError::Backend(format!("sqlite: {e}"))
}

fn is_unavailable(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked | ErrorCode::CannotOpen
            )
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: std::os::raw::c_int) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn busy_and_locked_are_unavailable_other_failures_are_not() {
        for code in [rusqlite::ffi::SQLITE_BUSY, rusqlite::ffi::SQLITE_LOCKED] {
            assert!(matches!(backend(failure(code)), StoreError::Unavailable(_)));
        }
        let corrupt = backend(failure(rusqlite::ffi::SQLITE_CORRUPT));
        assert!(matches!(corrupt, StoreError::Backend(_)));
    }
}
