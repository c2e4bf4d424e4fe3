//! Roles in a server, ordered: member < admin < owner.

use std::fmt;

use crate::error::ValidationError;
use crate::ids::UserId;

/// A member's role. The derived order is the rank: `Member < Admin < Owner`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Writes and reads messages.
    Member,
    /// Manages channels, invites and moderation.
    Admin,
    /// The one owner: manages roles, transfers ownership, deletes the server.
    Owner,
}

impl Role {
    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Admin => "admin",
            Role::Owner => "owner",
        }
    }

    /// Parses the API's spelling; `field` names the input in the error.
    pub fn parse(text: &str, field: &'static str) -> Result<Self, ValidationError> {
        match text {
            "member" => Ok(Role::Member),
            "admin" => Ok(Role::Admin),
            "owner" => Ok(Role::Owner),
            _ => Err(ValidationError::new(
                field,
                "must be one of owner, admin, member",
            )),
        }
    }

    /// Strictly higher rank ("outranks" in API.md).
    pub fn outranks(self, other: Role) -> bool {
        self > other
    }

    /// The role a member really has: the server's `owner_id` decides who the
    /// owner is, whatever the member row says, so a transfer interrupted
    /// between its steps still leaves exactly one owner.
    pub fn effective(owner_id: UserId, user_id: UserId, stored: Role) -> Role {
        match (owner_id == user_id, stored) {
            (true, _) => Role::Owner,
            (false, Role::Owner) => Role::Admin,
            (false, role) => role,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn ranks_are_ordered() {
        assert!(Role::Owner.outranks(Role::Admin));
        assert!(Role::Admin.outranks(Role::Member));
        assert!(!Role::Admin.outranks(Role::Admin));
    }

    #[test]
    fn owner_id_decides_who_owns() {
        let a = UserId::from_uuid(Uuid::from_u128(1));
        let b = UserId::from_uuid(Uuid::from_u128(2));
        assert_eq!(Role::effective(a, a, Role::Admin), Role::Owner);
        assert_eq!(Role::effective(a, b, Role::Owner), Role::Admin);
        assert_eq!(Role::effective(a, b, Role::Member), Role::Member);
    }

    #[test]
    fn parse_names_the_field() {
        assert_eq!(Role::parse("admin", "role"), Ok(Role::Admin));
        assert_eq!(Role::parse("king", "role").unwrap_err().field, "role");
    }
}
