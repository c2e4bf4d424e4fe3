//! Identifiers: UUID v7 newtypes, invite codes and the [`IdGenerator`] port.
//!
//! UUID v7 ids are time ordered, so ordering messages by id is ordering
//! them by creation, with no tie when two share a millisecond.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

use crate::error::ValidationError;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Uuid);

        impl $name {
            /// Wraps a UUID (as read back from a store).
            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }

            /// The UUID inside.
            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }

            /// Parses the hyphenated text form; `field` names the input in the error.
            pub fn parse(text: &str, field: &'static str) -> Result<Self, ValidationError> {
                Uuid::from_str(text)
                    .map(Self)
                    .map_err(|_| ValidationError::new(field, "must be an id (a UUID)"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }
    };
}

uuid_id!(
    /// A user's id.
    UserId
);
uuid_id!(
    /// A server's (community's) id.
    ServerId
);
uuid_id!(
    /// A channel's id.
    ChannelId
);
uuid_id!(
    /// A message's id; ordering by it orders by creation.
    MessageId
);
uuid_id!(
    /// An audit log entry's id; ordering by it orders by creation.
    AuditEntryId
);
uuid_id!(
    /// A login session's id (one per login, shared by its access and refresh tokens).
    SessionId
);
uuid_id!(
    /// An uploaded file's id; ordering by it orders by upload.
    AttachmentId
);

/// An invitation code: 8 to 32 characters of `[A-Za-z0-9]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InviteCode(String);

impl InviteCode {
    /// Checks a code given by a client.
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        let ok = (8..=32).contains(&text.len()) && text.chars().all(|c| c.is_ascii_alphanumeric());
        if ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(ValidationError::new("invite_code", "is not an invite code"))
        }
    }

    /// The code's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InviteCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Makes new ids and invite codes; a port so tests can use predictable ones.
pub trait IdGenerator: Send + Sync {
    /// A new, unique, time-ordered UUID (v7); each call returns a greater one.
    fn new_uuid(&self) -> Uuid;

    /// A new random invitation code, hard to guess (at least 8 characters
    /// of `[A-Za-z0-9]`).
    fn new_invite_code(&self) -> InviteCode;
}

/// The real generator: UUID v7 from the system clock, random invite codes.
#[derive(Debug, Default)]
pub struct UuidV7Generator;

impl IdGenerator for UuidV7Generator {
    fn new_uuid(&self) -> Uuid {
        // `now_v7` keeps a counter inside the millisecond, so ids made by one
        // process are strictly increasing.
        Uuid::now_v7()
    }

    fn new_invite_code(&self) -> InviteCode {
        // 10 characters from the 122 random bits of a v4 UUID: ~59 bits.
        const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        let mut bits = Uuid::new_v4().as_u128();
        let code = (0..10)
            .map(|_| {
                let i = (bits % ALPHABET.len() as u128) as usize;
                bits /= ALPHABET.len() as u128;
                ALPHABET[i] as char
            })
            .collect();
        InviteCode(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_their_text_form() {
        let id = UserId::from_uuid(Uuid::now_v7());
        assert_eq!(UserId::parse(&id.to_string(), "user_id"), Ok(id));
    }

    #[test]
    fn a_bad_id_names_the_field() {
        let err = ChannelId::parse("nope", "channel_id").unwrap_err();
        assert_eq!(err.field, "channel_id");
    }

    #[test]
    fn generated_ids_increase() {
        let g = UuidV7Generator;
        let a = g.new_uuid();
        let b = g.new_uuid();
        assert!(b > a);
    }

    #[test]
    fn generated_invite_codes_parse() {
        let code = UuidV7Generator.new_invite_code();
        assert_eq!(InviteCode::parse(code.as_str()), Ok(code));
    }

    #[test]
    fn invite_codes_reject_other_characters() {
        assert!(InviteCode::parse("abc/../x1").is_err());
        assert!(InviteCode::parse("short").is_err());
    }
}
