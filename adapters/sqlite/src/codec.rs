//! Reading stored columns back into the core's validated types.
//!
//! Text is read with `from_stored` (stored text keeps what an older release
//! let in; decisions.md). A stored value that no longer passes its type's
//! rule (a file edited by hand, a bug elsewhere) becomes a conversion
//! error, never a panic.

use chat_core::role::Role;
use chat_core::ValidationError;
use rusqlite::types::Type;
use uuid::Uuid;

/// A column that does not hold what its type allows.
pub(crate) fn invalid(
    column: usize,
    e: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, Type::Text, Box::new(e))
}

/// Parses the text in `column` with a domain type's `parse`.
pub(crate) fn parsed<T>(
    row: &rusqlite::Row<'_>,
    column: usize,
    parse: impl FnOnce(&str) -> Result<T, ValidationError>,
) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    parse(&text).map_err(|e| invalid(column, e))
}

/// Like [`parsed`], for a nullable column.
pub(crate) fn parsed_opt<T>(
    row: &rusqlite::Row<'_>,
    column: usize,
    parse: impl FnOnce(&str) -> Result<T, ValidationError>,
) -> rusqlite::Result<Option<T>> {
    let text: Option<String> = row.get(column)?;
    text.map(|t| parse(&t).map_err(|e| invalid(column, e)))
        .transpose()
}

/// A role as stored.
pub(crate) fn role(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Role> {
    parsed(row, column, |t| Role::parse(t, "role"))
}

/// A count or limit kept as INTEGER, read back as `u32`.
pub(crate) fn small_count(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<u32> {
    let n: i64 = row.get(column)?;
    u32::try_from(n).map_err(|e| invalid(column, e))
}

/// Mentions are kept as their ids' 16 bytes, one after the other.
pub(crate) fn encode_ids(ids: impl IntoIterator<Item = Uuid>) -> Vec<u8> {
    ids.into_iter().flat_map(|id| id.into_bytes()).collect()
}

/// The inverse of [`encode_ids`].
pub(crate) fn decode_ids(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Vec<Uuid>> {
    let bytes: Vec<u8> = row.get(column)?;
    if bytes.len() % 16 != 0 {
        return Err(invalid(
            column,
            ValidationError::new("mentions", "is not a list of ids"),
        ));
    }
    Ok(bytes
        .chunks_exact(16)
        .map(|c| {
            let mut id = [0u8; 16];
            id.copy_from_slice(c);
            Uuid::from_bytes(id)
        })
        .collect())
}
