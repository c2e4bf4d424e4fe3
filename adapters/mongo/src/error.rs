//! The one place where driver errors become the core's `StoreError`.
//!
//! A duplicate-key error (code 11000) is how every uniqueness rule of this
//! adapter reports itself, whether it comes back as a write error (insert,
//! update) or a command error (findAndModify); callers decide which
//! `Conflict` it means. Everything else is `Backend` with a short context.

use chat_core::{Conflict, StoreError};
use mongodb::error::{Error, ErrorKind, WriteFailure};

/// MongoDB's (and FerretDB's) code for a unique index violation.
const DUPLICATE_KEY: i32 = 11000;

/// FerretDB 1.x (SQLite backend) reports a unique violation caused by an
/// *update* as `InternalError` (code 1) carrying SQLite's own message.
const FERRETDB_INTERNAL_ERROR: i32 = 1;
const SQLITE_UNIQUE_MESSAGE: &str = "UNIQUE constraint failed";

/// True when the error is a unique index violation.
pub(crate) fn is_duplicate_key(e: &Error) -> bool {
    match e.kind.as_ref() {
        ErrorKind::Write(WriteFailure::WriteError(w)) => {
            w.code == DUPLICATE_KEY
                || (w.code == FERRETDB_INTERNAL_ERROR && w.message.contains(SQLITE_UNIQUE_MESSAGE))
        }
        ErrorKind::Command(c) => {
            c.code == DUPLICATE_KEY
                || (c.code == FERRETDB_INTERNAL_ERROR && c.message.contains(SQLITE_UNIQUE_MESSAGE))
        }
        ErrorKind::InsertMany(m) => m
            .write_errors
            .iter()
            .flatten()
            .any(|w| w.code == DUPLICATE_KEY),
        _ => false,
    }
}

/// A failure, saying what the adapter was doing: "unavailable" when no
/// server could be reached (server selection timed out, the connection
/// was refused, reset or closed, the pool was cleared), so the same call
/// may work once the server is back; a backend failure otherwise.
pub(crate) fn backend(context: &str, e: Error) -> StoreError {
    if is_unreachable(&e) {
        return StoreError::Unavailable(format!("mongodb: {context}: {e}"));
    }
    StoreError::Backend(format!("mongodb: {context}: {e}"))
}

/// Whether the error means "no server to talk to now".
fn is_unreachable(e: &Error) -> bool {
    matches!(
        e.kind.as_ref(),
        ErrorKind::ServerSelection { .. }
            | ErrorKind::Io(_)
            | ErrorKind::ConnectionPoolCleared { .. }
            | ErrorKind::DnsResolve { .. }
    ) || e.contains_label("NetworkError")
}

/// A duplicate key becomes `conflict`; anything else a backend failure.
pub(crate) fn unique(context: &str, conflict: Conflict, e: Error) -> StoreError {
    if is_duplicate_key(&e) {
        StoreError::Conflict(conflict)
    } else {
        backend(context, e)
    }
}

/// Adds the operation's context to a driver result.
pub(crate) trait Context<T> {
    /// Maps the driver error to `StoreError::Backend` naming `context`.
    fn context(self, context: &str) -> Result<T, StoreError>;
}

impl<T> Context<T> for Result<T, Error> {
    fn context(self, context: &str) -> Result<T, StoreError> {
        self.map_err(|e| backend(context, e))
    }
}
