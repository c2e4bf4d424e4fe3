//! Claims: the one atomic step this adapter builds its races on.
//!
//! A claim is a small document whose `_id` names a one-time event ("the
//! refresh token with this hash was spent", "the 3rd ownership transfer of
//! this server", "use number 7 of this invite"). Inserting it either
//! succeeds or fails with a duplicate key, so of two concurrent callers
//! exactly one wins: on MongoDB and on FerretDB alike. A conditional
//! `update_one`/`findAndModify` would be enough on MongoDB, but FerretDB
//! 1.x applies an update as a read followed by a write, so two concurrent
//! conditional updates can both match (see docs/decisions.md ("MongoDB adapter")).

use chat_core::StoreResult;
use mongodb::bson::Document;

use crate::error::{backend, is_duplicate_key};
use crate::MongoStore;

impl MongoStore {
    /// Inserts the claim `doc` (whose `_id` names the event): `true` when
    /// this call made it, `false` when it already existed.
    pub(crate) async fn claim(&self, collection: &str, doc: Document) -> StoreResult<bool> {
        match self.collection(collection).insert_one(doc).await {
            Ok(_) => Ok(true),
            Err(e) if is_duplicate_key(&e) => Ok(false),
            Err(e) => Err(backend(&format!("claiming in `{collection}`"), e)),
        }
    }
}
