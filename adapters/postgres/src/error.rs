//! Turning PostgreSQL and pool errors into the core's [`StoreError`], once.

use chat_core::{Conflict, StoreError};
use tokio_postgres::error::SqlState;

/// Maps a query error: a unique violation becomes the conflict its
/// constraint stands for; everything else is a backend failure.
pub(crate) fn db(e: tokio_postgres::Error) -> StoreError {
    if let Some(db) = e.as_db_error() {
        if db.code() == &SqlState::UNIQUE_VIOLATION {
            return StoreError::Conflict(conflict_of(db.constraint()));
        }
    }
    if e.is_closed() {
        return StoreError::Backend(format!("postgres: the connection was lost: {}", chain(&e)));
    }
    StoreError::Backend(format!("postgres: {}", chain(&e)))
}

/// An error with its causes, `outer: inner: innermost` (tokio-postgres keeps
/// the useful part, like "Connection refused", in the source).
pub(crate) fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    text
}

/// Which conflict a unique constraint (named in the migrations) reports.
fn conflict_of(constraint: Option<&str>) -> Conflict {
    match constraint {
        Some("users_username_folded_key") => Conflict::UsernameTaken,
        Some("channels_server_name_key") => Conflict::ChannelNameTaken,
        _ => Conflict::Other("this already exists"),
    }
}

/// Maps a failure to get a pooled connection (server down, timeout, …).
pub(crate) fn pool(e: deadpool_postgres::PoolError) -> StoreError {
    StoreError::Backend(format!("postgres: no connection available: {}", chain(&e)))
}

/// A stored value the domain types refuse: the database was edited by hand
/// or by a newer version. Reported, never panicked on.
pub(crate) fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(format!("postgres: stored {what} is invalid: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraints_map_to_their_conflicts() {
        assert_eq!(
            conflict_of(Some("users_username_folded_key")),
            Conflict::UsernameTaken
        );
        assert_eq!(
            conflict_of(Some("channels_server_name_key")),
            Conflict::ChannelNameTaken
        );
        assert!(matches!(conflict_of(None), Conflict::Other(_)));
    }
}
