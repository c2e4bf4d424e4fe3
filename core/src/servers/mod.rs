//! Servers (communities): create, list, read, update, delete, transfer.

mod store;
mod usecases;

pub use store::ServerStore;
pub use usecases::{ServerChanges, ServerDetails, ServerView};

use crate::ids::{ServerId, UserId};
use crate::text::bounded_text;
use crate::time::Timestamp;

bounded_text!(
    /// A server's name: 1–100 characters, trimmed.
    ServerName, field = "name", min = 1, max = 100, trim = true
);
bounded_text!(
    /// A server's description: 0–1000 characters.
    Description, field = "description", min = 0, max = 1000, trim = false, multiline = true
);

/// A stored server. `owner_id` is the single source of who owns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// Its id.
    pub id: ServerId,
    /// Its name.
    pub name: ServerName,
    /// Its description.
    pub description: Description,
    /// The one owner.
    pub owner_id: UserId,
    /// When it was made.
    pub created_at: Timestamp,
    /// The key of its icon picture ([`crate::pictures`]), if one is set.
    pub icon_key: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_name_is_trimmed_and_bounded() {
        assert_eq!(ServerName::parse(" Rust ").unwrap().as_str(), "Rust");
        assert_eq!(ServerName::parse("").unwrap_err().field, "name");
        assert!(ServerName::parse(&"n".repeat(101)).is_err());
    }

    #[test]
    fn description_is_bounded() {
        assert!(Description::parse("").is_ok());
        assert_eq!(
            Description::parse(&"d".repeat(1001)).unwrap_err().field,
            "description"
        );
    }
}
