//! Turning PostgreSQL and pool errors into the core's [`StoreError`], once.

use chat_core::{Conflict, StoreError};
use tokio_postgres::error::SqlState;

/// Maps a query error: a unique violation becomes the conflict its
/// constraint stands for; a lost connection, a server shutting down or
/// refusing connections is "unavailable" (the same call may work once it
/// is back); everything else is a backend failure.
pub(crate) fn db(e: tokio_postgres::Error) -> StoreError {
    if let Some(db) = e.as_db_error() {
        if db.code() == &SqlState::UNIQUE_VIOLATION {
            return StoreError::Conflict(conflict_of(db.constraint()));
        }
        if is_unavailable_state(db.code()) {
            return StoreError::Unavailable(format!("postgres: {}", chain(&e)));
        }
        return StoreError::Backend(format!("postgres: {}", chain(&e)));
    }
    if e.is_closed() {
        return StoreError::Unavailable(format!(
            "postgres: the connection was lost: {}",
            chain(&e)
        ));
    }
    if has_io_cause(&e) {
        return StoreError::Unavailable(format!("postgres: {}", chain(&e)));
    }
    StoreError::Backend(format!("postgres: {}", chain(&e)))
}

/// SQLSTATEs that mean "the server cannot serve now": class 08
/// (connection exception), 57P01–57P03 (shutting down, cannot connect
/// now), 53300 (too many connections).
fn is_unavailable_state(code: &SqlState) -> bool {
    let code = code.code();
    code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03" | "53300")
}

/// Whether an I/O error (refused, reset, broken pipe…) is among the causes.
fn has_io_cause(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(cause) = source {
        if cause.is::<std::io::Error>() {
            return true;
        }
        source = cause.source();
    }
    false
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

/// Maps a failure to get a pooled connection: the server down, refusing
/// or too slow (timeout) is "unavailable", the pool gives a connection
/// again once the server answers; a server that answers with an error
/// (the database does not exist, wrong password) is a backend failure.
pub(crate) fn pool(e: deadpool_postgres::PoolError) -> StoreError {
    let context = format!("postgres: no connection available: {}", chain(&e));
    match e {
        deadpool_postgres::PoolError::Backend(inner) => match db(inner) {
            StoreError::Backend(_) => StoreError::Backend(context),
            _ => StoreError::Unavailable(context),
        },
        _ => StoreError::Unavailable(context),
    }
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

    #[test]
    fn connection_states_are_unavailable_and_others_are_not() {
        for code in ["08006", "08001", "57P01", "57P03", "53300"] {
            assert!(is_unavailable_state(&SqlState::from_code(code)), "{code}");
        }
        for code in ["23505", "22021", "42P01"] {
            assert!(!is_unavailable_state(&SqlState::from_code(code)), "{code}");
        }
    }
}
