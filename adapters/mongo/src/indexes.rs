//! The collections and their indexes, created at connect time.
//!
//! `createIndexes` with an identical specification is a no-op, so this runs
//! on every start. Only plain and unique compound indexes are used: FerretDB
//! 1.x rejects partial indexes, so no rule here depends on one (see
//! docs/decisions.md ("MongoDB adapter") for how message nonces stay unique without it).

use chat_core::StoreResult;
use mongodb::bson::{doc, Document};
use mongodb::options::IndexOptions;
use mongodb::{Database, IndexModel};

use crate::error::Context;

/// Collection names, one per stored record kind.
pub(crate) mod names {
    pub(crate) const USERS: &str = "users";
    pub(crate) const SESSIONS: &str = "sessions";
    pub(crate) const REFRESH_TOKENS: &str = "refresh_tokens";
    pub(crate) const SERVERS: &str = "servers";
    pub(crate) const MEMBERSHIPS: &str = "memberships";
    pub(crate) const CHANNELS: &str = "channels";
    pub(crate) const MESSAGES: &str = "messages";
    pub(crate) const INVITES: &str = "invites";
    pub(crate) const BANS: &str = "bans";
    pub(crate) const READ_STATES: &str = "read_states";
    pub(crate) const SERVER_NOTIFICATIONS: &str = "server_notification_settings";
    pub(crate) const CHANNEL_NOTIFICATIONS: &str = "channel_notification_settings";
    pub(crate) const TIMEOUTS: &str = "timeouts";
    pub(crate) const AUDIT_LOG: &str = "audit_log";
    // Claims (see claims.rs): one document per one-time event.
    pub(crate) const REFRESH_SPENDS: &str = "refresh_spends";
    pub(crate) const OWNERSHIP_TRANSFERS: &str = "ownership_transfers";
    pub(crate) const INVITE_USES: &str = "invite_uses";
    // Account security: two-factor state (`_id`: user id) and pending
    // two-factor logins (`_id`: the ticket's digest).
    pub(crate) const MFA: &str = "mfa";
    pub(crate) const MFA_TICKETS: &str = "mfa_tickets";
    // Claims (`_id`: "user:version"): one save per version of a user's
    // two-factor state, since FerretDB's conditional update is not atomic.
    pub(crate) const MFA_VERSIONS: &str = "mfa_versions";
    pub(crate) const REACTIONS: &str = "reactions";
    // Direct messages (see direct.rs): DMs and groups, their people,
    // the one-DM-per-pair claims, blocks and DM policies.
    pub(crate) const DIRECT_CHANNELS: &str = "direct_channels";
    pub(crate) const DIRECT_PARTICIPANTS: &str = "direct_participants";
    pub(crate) const DM_PAIRS: &str = "dm_pairs";
    pub(crate) const BLOCKS: &str = "blocks";
    pub(crate) const DM_POLICIES: &str = "dm_policies";
    // Attachments: metadata of uploaded files (`_id`: the attachment id),
    // and one claim per attachment given to a message (`_id`: the same id).
    pub(crate) const ATTACHMENTS: &str = "attachments";
    pub(crate) const ATTACHMENT_CLAIMS: &str = "attachment_claims";
}

fn index(name: &str, keys: Document, unique: bool) -> IndexModel {
    let options = IndexOptions::builder()
        .name(name.to_owned())
        .unique(unique.then_some(true))
        .build();
    IndexModel::builder().keys(keys).options(options).build()
}

/// Every index this adapter relies on, by collection.
fn all() -> Vec<(&'static str, Vec<IndexModel>)> {
    use names::*;
    vec![
        (
            USERS,
            vec![index(
                "username_folded_unique",
                doc! { "username_folded": 1 },
                true,
            )],
        ),
        (
            REFRESH_SPENDS,
            vec![index("by_user", doc! { "user_id": 1 }, false)],
        ),
        (
            OWNERSHIP_TRANSFERS,
            vec![index("by_server", doc! { "server_id": 1 }, false)],
        ),
        (
            INVITE_USES,
            vec![
                index("by_code", doc! { "code": 1 }, false),
                index("by_server", doc! { "server_id": 1 }, false),
            ],
        ),
        (
            SESSIONS,
            vec![index("by_user", doc! { "user_id": 1 }, false)],
        ),
        (
            REFRESH_TOKENS,
            vec![index("by_user", doc! { "user_id": 1 }, false)],
        ),
        (
            MFA_TICKETS,
            vec![
                index("by_user", doc! { "user_id": 1 }, false),
                index("by_expiry", doc! { "expires_at": 1 }, false),
            ],
        ),
        (
            SERVERS,
            vec![index("by_owner", doc! { "owner_id": 1 }, false)],
        ),
        (
            MEMBERSHIPS,
            vec![
                index(
                    "server_user_unique",
                    doc! { "server_id": 1, "user_id": 1 },
                    true,
                ),
                index(
                    "by_server_joined",
                    doc! { "server_id": 1, "joined_at": 1 },
                    false,
                ),
                index(
                    "by_user_joined",
                    doc! { "user_id": 1, "joined_at": 1 },
                    false,
                ),
            ],
        ),
        (
            CHANNELS,
            vec![index(
                "server_name_unique",
                doc! { "server_id": 1, "name_folded": 1 },
                true,
            )],
        ),
        (
            MESSAGES,
            vec![
                index("channel_history", doc! { "channel_id": 1, "_id": 1 }, false),
                index("dedup_key_unique", doc! { "dedup_key": 1 }, true),
                index("by_author", doc! { "author_id": 1 }, false),
                // Mention counts: `{mentions: user, channel_id, _id > marker}`.
                index(
                    "mentions_by_channel",
                    doc! { "mentions": 1, "channel_id": 1, "_id": 1 },
                    false,
                ),
                index(
                    "channel_pins",
                    doc! { "channel_id": 1, "pinned_at": -1 },
                    false,
                ),
                // Slow mode: a member's newest message in a channel.
                index(
                    "by_author_channel",
                    doc! { "author_id": 1, "channel_id": 1, "_id": -1 },
                    false,
                ),
            ],
        ),
        (
            REACTIONS,
            vec![
                index(
                    "message_emoji_user",
                    doc! { "message_id": 1, "emoji": 1, "user_id": 1 },
                    false,
                ),
                index("by_user", doc! { "user_id": 1 }, false),
                index("by_message_author", doc! { "message_author_id": 1 }, false),
                index("by_channel", doc! { "channel_id": 1 }, false),
            ],
        ),
        // --- direct messages ---
        (
            DIRECT_PARTICIPANTS,
            vec![
                index("by_user", doc! { "user_id": 1 }, false),
                index("by_channel", doc! { "channel_id": 1 }, false),
            ],
        ),
        (
            DM_PAIRS,
            vec![index("by_channel", doc! { "channel_id": 1 }, false)],
        ),
        (
            BLOCKS,
            vec![
                index("by_user", doc! { "user_id": 1 }, false),
                index("by_blocked", doc! { "blocked_id": 1 }, false),
            ],
        ),
        // --- end direct messages ---
        (
            READ_STATES,
            vec![index("by_user", doc! { "user_id": 1 }, false)],
        ),
        (
            SERVER_NOTIFICATIONS,
            vec![index("by_user", doc! { "user_id": 1 }, false)],
        ),
        (
            CHANNEL_NOTIFICATIONS,
            vec![index("by_user", doc! { "user_id": 1 }, false)],
        ),
        (
            INVITES,
            vec![index(
                "by_server_created",
                doc! { "server_id": 1, "created_at": 1 },
                false,
            )],
        ),
        (
            BANS,
            vec![
                index(
                    "server_user_unique",
                    doc! { "server_id": 1, "user_id": 1 },
                    true,
                ),
                index("by_user", doc! { "user_id": 1 }, false),
            ],
        ),
        (
            TIMEOUTS,
            vec![index(
                "server_user_unique",
                doc! { "server_id": 1, "user_id": 1 },
                true,
            )],
        ),
        (
            AUDIT_LOG,
            vec![
                index("by_server", doc! { "server_id": 1, "_id": -1 }, false),
                index("by_time", doc! { "created_at": 1 }, false),
            ],
        ),
        // Attachments: a message's files, the sweep of expired pending
        // uploads, and an uploader's usage.
        (
            ATTACHMENTS,
            vec![
                index("by_message", doc! { "message_id": 1, "_id": 1 }, false),
                index("by_expiry", doc! { "expires_at": 1 }, false),
                index(
                    "by_uploader",
                    doc! { "uploader_id": 1, "created_at": 1 },
                    false,
                ),
            ],
        ),
    ]
}

/// Creates every collection's indexes (idempotent).
///
/// One `createIndexes` command per index: FerretDB 1.24 drops the
/// connection (a server-side panic) when one command lists two or more
/// indexes that all exist already, which is every start after the first.
pub(crate) async fn ensure(db: &Database) -> StoreResult<()> {
    for (collection, models) in all() {
        for model in models {
            db.collection::<Document>(collection)
                .create_index(model)
                .await
                .context(&format!("creating the indexes of `{collection}`"))?;
        }
    }
    Ok(())
}
