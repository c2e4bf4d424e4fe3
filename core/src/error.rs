//! The one error type of the use cases, and the error a store reports.
//!
//! Every variant maps to exactly one code of API.md's error table, so the
//! edges (HTTP, WebSocket) only translate and never decide.

use std::time::Duration;

/// What a use case can answer instead of a result.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No token, a bad or expired token, a revoked session or wrong credentials.
    #[error("{0}")]
    Unauthenticated(&'static str),
    /// The caller is a member but lacks the role for the action.
    #[error("{0}")]
    Forbidden(&'static str),
    /// The thing does not exist, or the caller may not see it.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The action clashes with the current state.
    #[error("{0}")]
    Conflict(Conflict),
    /// The invite is past its expiry or its use count.
    #[error("this invite has expired or has been used up")]
    InviteExpired,
    /// A field breaks a rule of API.md.
    #[error("{0}")]
    Validation(#[from] ValidationError),
    /// Too many attempts; try again after the given time.
    #[error("too many attempts, try again later")]
    RateLimited {
        /// How long the caller should wait.
        retry_after: Duration,
    },
    /// Creating this would go beyond a quota (servers owned, channels of
    /// a server, active invites of a server).
    #[error("you have reached the limit of {limit} {what}")]
    QuotaExceeded {
        /// What is counted, for a person ("servers you own").
        what: &'static str,
        /// The quota.
        limit: usize,
    },
    /// The server cannot serve this now (the store is unreachable, the
    /// password hashing queue is full); the same request may succeed later.
    #[error("the service is temporarily unavailable; try again shortly")]
    Unavailable {
        /// How long the caller should wait.
        retry_after: Duration,
        /// What is unavailable, for logs.
        reason: String,
    },
    /// A wrong second factor at login (`ticket_dead`: the login ticket is
    /// expired, used up or unknown, so the client must log in again).
    #[error("{}", if *ticket_dead { "this sign-in has expired or had too many wrong codes; log in again" } else { "this code is not valid (or was already used)" })]
    InvalidCode {
        /// Whether the ticket can no longer be used.
        ticket_dead: bool,
    },
    /// The member is timed out in this server: they can read, not write.
    #[error("you are timed out in this server until {until}")]
    TimedOut {
        /// When the timeout ends.
        until: crate::time::Timestamp,
    },
    /// 403 `dm_not_allowed`: the recipient's DM policy or a block refuses
    /// a new DM (the same answer whatever the reason).
    #[error("you cannot send direct messages to this user")]
    DmNotAllowed,
    /// 403 `blocked`: a DM between people one of whom blocks the other is read-only.
    #[error("this conversation is read-only")]
    Blocked,
    /// The account was disabled by an operator: it cannot log in.
    #[error("this account is disabled; contact the operator of this server")]
    AccountDisabled,
    /// The store failed; the message is for logs, never for clients.
    #[error("storage failure: {0}")]
    Storage(StoreError),
    /// An uploaded file is over the size limit.
    #[error("files may be at most {} MiB", limit_bytes / (1024 * 1024))]
    PayloadTooLarge {
        /// The limit, in bytes.
        limit_bytes: u64,
    },
    /// The user uploaded too many files lately.
    #[error("you may upload at most {limit} files every {} minutes; try again later", window_seconds / 60)]
    UploadRateLimited {
        /// Uploads allowed per window.
        limit: u64,
        /// The window, in seconds.
        window_seconds: u64,
        /// How long the caller should wait.
        retry_after: Duration,
    },
    /// The user's stored files would go beyond their storage quota.
    #[error("your files use {} of your {} MiB of storage; delete messages with files to upload more", mib(*used_bytes), limit_bytes / (1024 * 1024))]
    StorageQuotaExceeded {
        /// Bytes stored now.
        used_bytes: u64,
        /// The quota, in bytes.
        limit_bytes: u64,
    },
    /// The request's body is not what the endpoint reads (a broken
    /// multipart upload); the message says what is wrong.
    #[error("{0}")]
    Malformed(String),
}

/// Bytes as MiB with one decimal, for people.
fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// The kinds of conflict, each with its own API code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Conflict {
    /// The username is taken (ignoring case).
    #[error("this username is taken")]
    UsernameTaken,
    /// A channel of that name (ignoring case) exists in the server.
    #[error("a channel with this name already exists in this server")]
    ChannelNameTaken,
    /// The owner tried to leave their own server.
    #[error("the owner cannot leave their server; transfer ownership or delete it first")]
    OwnerCannotLeave,
    /// The user is banned from the server.
    #[error("you are banned from this server")]
    Banned,
    /// The user still owns servers and cannot delete their account.
    #[error("you own servers; transfer or delete them before deleting your account")]
    OwnsServers,
    /// The message already carries the most distinct emoji allowed.
    #[error("this message already has the most different reactions allowed (20)")]
    TooManyReactions,
    /// The channel already has the most pinned messages allowed.
    #[error("this channel already has the most pinned messages allowed (50)")]
    TooManyPins,
    /// The target already is the owner, or the action does not apply to them.
    #[error("{0}")]
    Other(&'static str),
}

impl Conflict {
    /// The API code of this conflict.
    pub fn code(self) -> &'static str {
        match self {
            Conflict::UsernameTaken => "username_taken",
            Conflict::ChannelNameTaken => "channel_name_taken",
            Conflict::OwnerCannotLeave => "owner_cannot_leave",
            Conflict::Banned => "banned",
            Conflict::OwnsServers => "owns_servers",
            Conflict::TooManyReactions => "too_many_reactions",
            Conflict::TooManyPins => "too_many_pins",
            Conflict::Other(_) => "conflict",
        }
    }
}

impl Error {
    /// The API.md error code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Unauthenticated(_) => "unauthenticated",
            Error::Forbidden(_) => "forbidden",
            Error::NotFound(_) => "not_found",
            Error::Conflict(c) => c.code(),
            Error::InviteExpired => "invite_expired",
            Error::Validation(_) => "validation_failed",
            Error::RateLimited { .. } | Error::QuotaExceeded { .. } => "rate_limited",
            Error::Unavailable { .. } | Error::Storage(StoreError::Unavailable(_)) => "unavailable",
            Error::InvalidCode { .. } => "invalid_code",
            Error::TimedOut { .. } => "timed_out",
            Error::DmNotAllowed => "dm_not_allowed",
            Error::Blocked => "blocked",
            Error::AccountDisabled => "account_disabled",
            Error::Storage(_) => "internal",
            Error::PayloadTooLarge { .. } => "payload_too_large",
            Error::UploadRateLimited { .. } => "rate_limited",
            Error::StorageQuotaExceeded { .. } => "storage_quota_exceeded",
            Error::Malformed(_) => "bad_request",
        }
    }
}

impl From<Conflict> for Error {
    fn from(c: Conflict) -> Self {
        Error::Conflict(c)
    }
}

/// A field that breaks a rule: which field, and what the rule is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    /// The field's name as the API spells it (`username`, `content`, …).
    pub field: &'static str,
    /// The rule, for a person.
    pub message: String,
}

impl ValidationError {
    /// A validation error for `field`.
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// What a store reports when it cannot do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness rule would be broken; the store says which one.
    #[error("unique constraint violated: {0:?}")]
    Conflict(Conflict),
    /// The database cannot be reached now (connection refused or lost, no
    /// server selectable, pool timed out, database locked beyond the busy
    /// timeout): the same call may succeed later.
    #[error("store unavailable: {0}")]
    Unavailable(String),
    /// The database answered with an error.
    #[error("{0}")]
    Backend(String),
}

impl StoreError {
    /// Wraps any backend error as text, for logs.
    pub fn backend(e: impl std::fmt::Display) -> Self {
        StoreError::Backend(e.to_string())
    }
}

/// The wait suggested while the store is unreachable.
pub const STORE_RETRY: Duration = Duration::from_secs(2);

/// Results of the use cases.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Results of the store ports.
pub type StoreResult<T> = std::result::Result<T, StoreError>;

impl From<StoreError> for Error {
    /// A store's conflict becomes the use case's conflict, an unreachable
    /// store "unavailable"; other store errors stay storage failures.
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(c) => Error::Conflict(c),
            StoreError::Unavailable(reason) => Error::Unavailable {
                retry_after: STORE_RETRY,
                reason,
            },
            other => Error::Storage(other),
        }
    }
}
