//! Reading columns without panicking: a wrong type or a value the domain
//! refuses becomes a `StoreError`.

use std::fmt::Display;

use chat_core::{StoreResult, Timestamp};
use tokio_postgres::types::FromSql;
use tokio_postgres::Row;

use crate::error::{corrupt, db};

/// The column `name` of `row`, as `T`.
pub(crate) fn col<'a, T: FromSql<'a>>(row: &'a Row, name: &str) -> StoreResult<T> {
    row.try_get(name).map_err(db)
}

/// A `bigint` millisecond column as a timestamp.
pub(crate) fn time(row: &Row, name: &str) -> StoreResult<Timestamp> {
    col::<i64>(row, name).map(Timestamp::from_millis)
}

/// A nullable `bigint` millisecond column.
pub(crate) fn time_opt(row: &Row, name: &str) -> StoreResult<Option<Timestamp>> {
    Ok(col::<Option<i64>>(row, name)?.map(Timestamp::from_millis))
}

/// Checks a stored text with a domain parser.
pub(crate) fn parsed<T, E: Display>(what: &str, r: Result<T, E>) -> StoreResult<T> {
    r.map_err(|e| corrupt(what, e))
}

/// A count or use counter as the core's unsigned type.
pub(crate) fn unsigned<T: TryFrom<i64>>(what: &str, n: i64) -> StoreResult<T> {
    T::try_from(n).map_err(|_| corrupt(what, format!("{n} is out of range")))
}

/// Decodes every row with `f`.
pub(crate) fn all<T>(rows: &[Row], f: impl Fn(&Row) -> StoreResult<T>) -> StoreResult<Vec<T>> {
    rows.iter().map(f).collect()
}

/// Decodes the first row, if any.
pub(crate) fn first<T>(rows: &[Row], f: impl Fn(&Row) -> StoreResult<T>) -> StoreResult<Option<T>> {
    rows.first().map(f).transpose()
}

/// A `u64` from a `count(*)` row.
pub(crate) fn count(row: &Row) -> StoreResult<u64> {
    let n: i64 = row.try_get(0).map_err(db)?;
    unsigned::<u64>("count", n)
}
