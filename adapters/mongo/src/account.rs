//! Password changes, two-factor state (`mfa`, one document per user,
//! changed by compare-and-swap on `version`: a single-document operation,
//! so no transaction is needed) and pending two-factor logins
//! (`mfa_tickets`).

use async_trait::async_trait;
use chat_core::account::{AccountStore, MfaState, MfaTicket};
use chat_core::ids::UserId;
use chat_core::time::Timestamp;
use chat_core::users::PasswordHash;
use chat_core::StoreResult;
use mongodb::bson::{doc, Bson, Document};
use mongodb::options::ReturnDocument;

use crate::codec::{id_text, Fields};
use crate::error::{backend, is_duplicate_key, Context};
use crate::indexes::names::{MFA, MFA_TICKETS, MFA_VERSIONS, USERS};
use crate::MongoStore;

fn mfa_fields(state: &MfaState) -> Document {
    doc! {
        "secret": state.secret.as_deref(),
        "pending_secret": state.pending_secret.as_deref(),
        "last_step": state.last_step,
        "recovery_codes": &state.recovery_codes,
        "version": state.version,
    }
}

fn mfa_from(doc: &Document) -> StoreResult<MfaState> {
    let f = Fields::new(doc, MFA);
    let codes = match doc.get("recovery_codes") {
        Some(Bson::Array(items)) => items
            .iter()
            .map(|b| match b {
                Bson::String(s) => Ok(s.clone()),
                _ => Err(f.bad("recovery_codes", "holds a value that is not text")),
            })
            .collect::<StoreResult<Vec<_>>>()?,
        None | Some(Bson::Null) => Vec::new(),
        Some(_) => return Err(f.bad("recovery_codes", "is not an array")),
    };
    Ok(MfaState {
        user_id: f.id("_id")?,
        secret: f.opt_str("secret")?.map(str::to_owned),
        pending_secret: f.opt_str("pending_secret")?.map(str::to_owned),
        last_step: f.i64("last_step")?,
        recovery_codes: codes,
        version: f.i64("version")?,
    })
}

fn ticket_from(doc: &Document) -> StoreResult<MfaTicket> {
    let f = Fields::new(doc, MFA_TICKETS);
    Ok(MfaTicket {
        hash: f.str("_id")?.to_owned(),
        user_id: f.id("user_id")?,
        expires_at: f.time("expires_at")?,
        failures: f.u32("failures")?,
    })
}

#[async_trait]
impl AccountStore for MongoStore {
    async fn set_password_hash(&self, user: UserId, hash: &PasswordHash) -> StoreResult<bool> {
        let result = self
            .collection(USERS)
            .update_one(
                doc! { "_id": id_text(user.as_uuid()) },
                doc! { "$set": { "password_hash": hash.as_str() } },
            )
            .await
            .context("changing a password")?;
        Ok(result.matched_count > 0)
    }

    async fn set_user_disabled(&self, user: UserId, disabled: bool) -> StoreResult<bool> {
        let result = self
            .collection(USERS)
            .update_one(
                doc! { "_id": id_text(user.as_uuid()) },
                doc! { "$set": { "disabled": disabled } },
            )
            .await
            .context("disabling or enabling a user")?;
        Ok(result.matched_count > 0)
    }

    async fn mfa_of(&self, user: UserId) -> StoreResult<Option<MfaState>> {
        let found = self
            .collection(MFA)
            .find_one(doc! { "_id": id_text(user.as_uuid()) })
            .await
            .context("reading two-factor state")?;
        found.as_ref().map(mfa_from).transpose()
    }

    async fn save_mfa(&self, state: &MfaState, expected: Option<i64>) -> StoreResult<bool> {
        let id = id_text(state.user_id.as_uuid());
        match expected {
            None => {
                let mut document = mfa_fields(state);
                document.insert("_id", id);
                match self.collection(MFA).insert_one(document).await {
                    Ok(_) => Ok(true),
                    Err(e) if is_duplicate_key(&e) => Ok(false),
                    Err(e) => Err(backend("inserting two-factor state", e)),
                }
            }
            Some(version) => {
                // The claim makes "one save per version" atomic on FerretDB
                // too (see claims.rs); the conditional update then applies it.
                let claim = doc! { "_id": format!("{id}:{version}"), "user_id": &id };
                if !self.claim(MFA_VERSIONS, claim).await? {
                    return Ok(false);
                }
                let result = self
                    .collection(MFA)
                    .update_one(
                        doc! { "_id": id, "version": version },
                        doc! { "$set": mfa_fields(state) },
                    )
                    .await
                    .context("updating two-factor state")?;
                Ok(result.matched_count > 0)
            }
        }
    }

    async fn delete_mfa(&self, user: UserId) -> StoreResult<bool> {
        // A new state starts again at version 1: its claims must be free.
        self.collection(MFA_VERSIONS)
            .delete_many(doc! { "user_id": id_text(user.as_uuid()) })
            .await
            .context("deleting two-factor version claims")?;
        let result = self
            .collection(MFA)
            .delete_one(doc! { "_id": id_text(user.as_uuid()) })
            .await
            .context("deleting two-factor state")?;
        Ok(result.deleted_count > 0)
    }

    async fn create_mfa_ticket(&self, t: &MfaTicket, now: Timestamp) -> StoreResult<()> {
        let tickets = self.collection(MFA_TICKETS);
        tickets
            .delete_many(doc! { "expires_at": { "$lt": now.millis() } })
            .await
            .context("dropping expired two-factor tickets")?;
        tickets
            .insert_one(doc! {
                "_id": &t.hash,
                "user_id": id_text(t.user_id.as_uuid()),
                "expires_at": t.expires_at.millis(),
                "failures": i64::from(t.failures),
            })
            .await
            .context("inserting a two-factor ticket")?;
        Ok(())
    }

    async fn mfa_ticket(&self, hash: &str) -> StoreResult<Option<MfaTicket>> {
        let found = self
            .collection(MFA_TICKETS)
            .find_one(doc! { "_id": hash })
            .await
            .context("reading a two-factor ticket")?;
        found.as_ref().map(ticket_from).transpose()
    }

    async fn fail_mfa_ticket(&self, hash: &str) -> StoreResult<Option<u32>> {
        let found = self
            .collection(MFA_TICKETS)
            .find_one_and_update(doc! { "_id": hash }, doc! { "$inc": { "failures": 1_i64 } })
            .return_document(ReturnDocument::After)
            .await
            .context("counting a wrong two-factor code")?;
        found
            .as_ref()
            .map(|d| Fields::new(d, MFA_TICKETS).u32("failures"))
            .transpose()
    }

    async fn delete_mfa_ticket(&self, hash: &str) -> StoreResult<bool> {
        let result = self
            .collection(MFA_TICKETS)
            .delete_one(doc! { "_id": hash })
            .await
            .context("deleting a two-factor ticket")?;
        Ok(result.deleted_count > 0)
    }
}
