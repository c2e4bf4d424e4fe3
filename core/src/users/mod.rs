//! Users: accounts, profiles, and the account's own use cases.

mod export;
mod store;
mod usecases;

pub use export::{DataExport, ExportedDirect, ExportedMessage, ExportedServer};
pub use store::UserStore;
pub use usecases::{Profile, ProfileChanges, UserView};

use crate::error::ValidationError;
use crate::ids::UserId;
use crate::presence::Status;
use crate::text::bounded_text;
use crate::time::Timestamp;

/// How a deleted account's reserved username starts.
const DELETED_PREFIX: &str = "~deleted-";

/// The name shown for a deleted account.
pub const DELETED_DISPLAY_NAME: &str = "Deleted user";

/// A login name: 3–32 characters of `[A-Za-z0-9_.-]`, unique ignoring case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    /// Checks a username.
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        let ok_chars = text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if !(3..=32).contains(&text.len()) || !ok_chars {
            return Err(ValidationError::new(
                "username",
                "must be 3 to 32 characters of letters, digits, '_', '.' or '-'",
            ));
        }
        Ok(Self(text.to_owned()))
    }

    /// The reserved name a deleted account keeps: outside the sign-up
    /// alphabet and length ('~', 41 characters), so nobody can choose or
    /// log in with it, unique by the id, and the old name is free again.
    pub fn deleted(id: UserId) -> Self {
        Self(format!("{DELETED_PREFIX}{}", id.as_uuid().simple()))
    }

    /// Whether this is a deleted account's reserved name.
    pub fn is_deleted(&self) -> bool {
        self.0.starts_with(DELETED_PREFIX)
    }

    /// A username read back from a store: a valid one, or a deleted
    /// account's reserved name (which [`Username::parse`] refuses).
    pub fn from_stored(text: &str) -> Result<Self, ValidationError> {
        match text.strip_prefix(DELETED_PREFIX) {
            Some(rest) if uuid::Uuid::try_parse(rest).is_ok() => Ok(Self(text.to_owned())),
            _ => Self::parse(text),
        }
    }

    /// The username as chosen (case kept).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lower-cased form that uniqueness and mentions compare.
    pub fn folded(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl std::fmt::Display for Username {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password as typed: 8–128 characters. Never stored, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Checks a new password's length.
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        crate::text::check_length("password", text, 8, 128)?;
        Ok(Self(text.to_owned()))
    }

    /// Wraps a password given at login without judging it: a wrong one is
    /// simply wrong credentials, not a validation error.
    pub fn for_login(text: &str) -> Self {
        Self(text.to_owned())
    }

    /// The secret text, for the hasher only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A password hash in the hasher's own self-describing format (PHC string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a hash made by a hasher or read from a store.
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The hash text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

bounded_text!(
    /// The name shown for a user: 1–64 characters, trimmed.
    DisplayName, field = "display_name", min = 1, max = 64, trim = true
);
bounded_text!(
    /// A user's bio: 0–500 characters.
    Bio, field = "bio", min = 0, max = 500, trim = false, multiline = true
);
bounded_text!(
    /// A short custom status ("In a meeting 📅"): 1–128 characters,
    /// trimmed. An empty text clears it (see [`CustomStatus::parse_optional`]).
    CustomStatus, field = "custom_status", min = 1, max = 128, trim = true
);

impl CustomStatus {
    /// `None` for an empty (or all-blank) text, which clears the status.
    pub fn parse_optional(text: &str) -> Result<Option<Self>, ValidationError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        Self::parse(text).map(Some)
    }
}

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Login name, unique ignoring case.
    pub username: Username,
    /// Shown name.
    pub display_name: DisplayName,
    /// Free text about the user.
    pub bio: Bio,
    /// The status the user picked.
    pub status: Status,
    /// The custom status text the user set, if any.
    pub custom_status: Option<CustomStatus>,
    /// The password's hash.
    pub password_hash: PasswordHash,
    /// When the account was made.
    pub created_at: Timestamp,
    /// Whether an operator disabled the account (`chat-server admin
    /// disable-user`): it cannot log in, refresh or identify.
    pub disabled: bool,
    /// The key of their avatar picture ([`crate::pictures`]), if they set one.
    pub avatar_key: Option<String>,
}

impl User {
    /// Whether the account was deleted (only its tombstone is left).
    pub fn is_deleted(&self) -> bool {
        self.username.is_deleted()
    }

    /// What is left of this account once deleted: the id and creation
    /// time (so its messages keep an author), shown as "Deleted user",
    /// with a reserved username that frees the old one, an empty profile,
    /// a password hash no password matches, and disabled.
    pub fn tombstone(&self) -> User {
        User {
            id: self.id,
            username: Username::deleted(self.id),
            display_name: DisplayName(DELETED_DISPLAY_NAME.to_owned()),
            bio: Bio(String::new()),
            status: Status::Invisible,
            custom_status: None,
            password_hash: PasswordHash::new(UNUSABLE_PASSWORD_HASH),
            created_at: self.created_at,
            disabled: true,
            avatar_key: None,
        }
    }
}

/// Not a PHC string: no password verifies against it.
const UNUSABLE_PASSWORD_HASH: &str = "!deleted";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn username_accepts_the_allowed_alphabet() {
        assert!(Username::parse("a.b_c-9").is_ok());
    }

    #[test]
    fn username_rejects_short_long_and_other_characters() {
        for bad in ["ab", &"a".repeat(33), "bad name", "émile", "a@b"] {
            assert_eq!(Username::parse(bad).unwrap_err().field, "username", "{bad}");
        }
    }

    #[test]
    fn a_deleted_name_is_refused_at_sign_up_but_read_back_from_a_store() {
        let id = UserId::from_uuid(uuid::Uuid::new_v4());
        let name = Username::deleted(id);
        assert!(name.is_deleted());
        assert!(Username::parse(name.as_str()).is_err());
        assert_eq!(Username::from_stored(name.as_str()).unwrap(), name);
        assert!(Username::from_stored("~deleted-nope").is_err());
        assert!(!Username::from_stored("alice").unwrap().is_deleted());
    }

    #[test]
    fn username_folds_case_for_comparison() {
        assert_eq!(Username::parse("Alice").unwrap().folded(), "alice");
    }

    #[test]
    fn password_length_is_counted_in_code_points() {
        assert!(Password::parse("ééééééé").is_err());
        assert!(Password::parse("éééééééé").is_ok());
        assert!(Password::parse(&"x".repeat(129)).is_err());
    }

    #[test]
    fn password_debug_hides_the_secret() {
        let p = Password::parse("hunter22!").unwrap();
        assert!(!format!("{p:?}").contains("hunter"));
    }

    #[test]
    fn display_name_is_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse("  Al  ").unwrap().as_str(), "Al");
        assert_eq!(DisplayName::parse("   ").unwrap_err().field, "display_name");
        assert!(DisplayName::parse(&"😀".repeat(64)).is_ok());
        assert!(DisplayName::parse(&"😀".repeat(65)).is_err());
    }

    #[test]
    fn custom_status_is_trimmed_bounded_and_empty_clears_it() {
        let s = CustomStatus::parse_optional("  In a meeting 📅 ").unwrap();
        assert_eq!(s.unwrap().as_str(), "In a meeting 📅");
        assert_eq!(CustomStatus::parse_optional("   ").unwrap(), None);
        assert!(CustomStatus::parse_optional(&"é".repeat(128)).is_ok());
        let err = CustomStatus::parse_optional(&"é".repeat(129)).unwrap_err();
        assert_eq!(err.field, "custom_status");
    }

    #[test]
    fn bio_may_be_empty_but_not_long() {
        assert!(Bio::parse("").is_ok());
        assert_eq!(Bio::parse(&"b".repeat(501)).unwrap_err().field, "bio");
    }
}
