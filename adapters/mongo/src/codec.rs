//! Reading stored documents back into domain values, without panicking.
//!
//! A document that does not have the shape this adapter writes (edited by
//! hand, or written by another program) becomes `StoreError::Backend` naming
//! the collection and field, never a panic.

use chat_core::time::Timestamp;
use chat_core::{StoreError, StoreResult, ValidationError};
use mongodb::bson::{Bson, Document};
use uuid::Uuid;

/// The stored form of an id: hyphenated lowercase text, so that ordering
/// the text orders UUID v7 ids by creation.
pub(crate) fn id_text(id: Uuid) -> String {
    id.hyphenated().to_string()
}

/// Reads fields of one stored document, naming it in every error.
pub(crate) struct Fields<'a> {
    doc: &'a Document,
    collection: &'static str,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(doc: &'a Document, collection: &'static str) -> Self {
        Self { doc, collection }
    }

    pub(crate) fn bad(&self, field: &str, why: &str) -> StoreError {
        StoreError::Backend(format!(
            "malformed document in `{}`: field `{field}` {why}",
            self.collection
        ))
    }

    /// Turns a domain type's validation error into a storage error.
    pub(crate) fn invalid(&self, field: &str, e: ValidationError) -> StoreError {
        self.bad(field, &format!("fails its rule ({e})"))
    }

    /// A required text field.
    pub(crate) fn str(&self, field: &str) -> StoreResult<&'a str> {
        match self.doc.get(field) {
            Some(Bson::String(s)) => Ok(s),
            Some(_) => Err(self.bad(field, "is not text")),
            None => Err(self.bad(field, "is missing")),
        }
    }

    /// A text field that may be null or absent.
    pub(crate) fn opt_str(&self, field: &str) -> StoreResult<Option<&'a str>> {
        match self.doc.get(field) {
            None | Some(Bson::Null) => Ok(None),
            Some(Bson::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.bad(field, "is not text")),
        }
    }

    /// A required integer field (any BSON integer width).
    pub(crate) fn i64(&self, field: &str) -> StoreResult<i64> {
        self.opt_i64(field)?
            .ok_or_else(|| self.bad(field, "is missing"))
    }

    /// An integer field that may be null or absent.
    pub(crate) fn opt_i64(&self, field: &str) -> StoreResult<Option<i64>> {
        match self.doc.get(field) {
            None | Some(Bson::Null) => Ok(None),
            Some(Bson::Int64(n)) => Ok(Some(*n)),
            Some(Bson::Int32(n)) => Ok(Some(i64::from(*n))),
            // Some servers widen counters to doubles; accept whole values only.
            Some(Bson::Double(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(*f as i64)),
            Some(_) => Err(self.bad(field, "is not an integer")),
        }
    }

    /// A required non-negative integer that fits `u32`.
    pub(crate) fn u32(&self, field: &str) -> StoreResult<u32> {
        let n = self.i64(field)?;
        u32::try_from(n).map_err(|_| self.bad(field, "is out of range"))
    }

    /// An optional non-negative integer that fits `u32`.
    pub(crate) fn opt_u32(&self, field: &str) -> StoreResult<Option<u32>> {
        self.opt_i64(field)?
            .map(|n| u32::try_from(n).map_err(|_| self.bad(field, "is out of range")))
            .transpose()
    }

    /// A required boolean field.
    pub(crate) fn bool(&self, field: &str) -> StoreResult<bool> {
        match self.doc.get(field) {
            Some(Bson::Boolean(b)) => Ok(*b),
            Some(_) => Err(self.bad(field, "is not a boolean")),
            None => Err(self.bad(field, "is missing")),
        }
    }

    /// A required timestamp (milliseconds since the epoch).
    pub(crate) fn time(&self, field: &str) -> StoreResult<Timestamp> {
        self.i64(field).map(Timestamp::from_millis)
    }

    /// A timestamp that may be null or absent.
    pub(crate) fn opt_time(&self, field: &str) -> StoreResult<Option<Timestamp>> {
        Ok(self.opt_i64(field)?.map(Timestamp::from_millis))
    }

    /// A required id stored as UUID text.
    pub(crate) fn id<T: From<Uuid>>(&self, field: &str) -> StoreResult<T> {
        let text = self.str(field)?;
        self.parse_uuid(field, text).map(T::from)
    }

    /// An array of ids stored as UUID text (absent means empty).
    pub(crate) fn ids<T: From<Uuid>>(&self, field: &str) -> StoreResult<Vec<T>> {
        let items = match self.doc.get(field) {
            None | Some(Bson::Null) => return Ok(Vec::new()),
            Some(Bson::Array(items)) => items,
            Some(_) => return Err(self.bad(field, "is not an array")),
        };
        items
            .iter()
            .map(|item| match item {
                Bson::String(s) => self.parse_uuid(field, s).map(T::from),
                _ => Err(self.bad(field, "holds a value that is not text")),
            })
            .collect()
    }

    fn parse_uuid(&self, field: &str, text: &str) -> StoreResult<Uuid> {
        Uuid::parse_str(text).map_err(|_| self.bad(field, "is not a UUID"))
    }
}

/// `Some(t)` as BSON milliseconds, `None` as null.
pub(crate) fn opt_millis(t: Option<Timestamp>) -> Bson {
    t.map_or(Bson::Null, |t| Bson::Int64(t.millis()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mongodb::bson::doc;

    #[test]
    fn reads_integers_of_any_width() {
        let d = doc! { "a": 1_i32, "b": 2_i64, "c": 3.0_f64, "n": Bson::Null };
        let f = Fields::new(&d, "t");
        assert_eq!(f.i64("a").unwrap(), 1);
        assert_eq!(f.i64("b").unwrap(), 2);
        assert_eq!(f.i64("c").unwrap(), 3);
        assert_eq!(f.opt_i64("n").unwrap(), None);
        assert_eq!(f.opt_i64("missing").unwrap(), None);
    }

    #[test]
    fn a_malformed_field_is_an_error_not_a_panic() {
        let d = doc! { "id": "not-a-uuid", "n": "x", "neg": -1_i64 };
        let f = Fields::new(&d, "users");
        let err = f.id::<Uuid>("id").unwrap_err().to_string();
        assert!(err.contains("users") && err.contains("id"), "{err}");
        assert!(f.i64("n").is_err());
        assert!(f.u32("neg").is_err());
        assert!(f.str("absent").is_err());
    }

    #[test]
    fn id_text_orders_like_the_uuid() {
        let a = Uuid::now_v7();
        let b = Uuid::now_v7();
        assert!(a < b);
        assert!(id_text(a) < id_text(b));
        assert_eq!(id_text(a), id_text(a).to_lowercase());
    }
}
