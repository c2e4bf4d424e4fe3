//! Pictures: user avatars and server icons.
//!
//! An upload (PNG, JPEG, GIF or WebP, at most [`MAX_PICTURE_BYTES`]) is
//! decoded with the attachments' pixel guard, cropped to its centred
//! square, scaled to [`PICTURE_SIDE`] pixels and encoded again as PNG —
//! so no metadata of the original (EXIF, GPS) is ever served. The result
//! goes to the attachments' [`BlobStore`](crate::attachments::BlobStore)
//! under a fresh random key; the user (or server) row keeps that key, and
//! the previous picture is deleted. Because every upload gets a new key,
//! the public URL ([`PictureOf::url`]) never changes content and may be
//! cached forever.

mod usecases;

pub use usecases::PictureUpload;

use crate::ids::{ServerId, UserId};
use crate::servers::Server;
use crate::users::User;

/// The side of a stored picture, in pixels.
pub const PICTURE_SIDE: u32 = 256;

/// The largest picture file accepted, in bytes (8 MiB).
pub const MAX_PICTURE_BYTES: u64 = 8 * 1024 * 1024;

/// Whose picture: a user's avatar or a server's icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureOf {
    /// A user's avatar.
    User(UserId),
    /// A server's icon.
    Server(ServerId),
}

impl PictureOf {
    /// The public URL of the picture stored under `key`.
    pub fn url(self, key: &str) -> String {
        match self {
            PictureOf::User(id) => format!("/avatars/{id}/{key}.png"),
            PictureOf::Server(id) => format!("/icons/{id}/{key}.png"),
        }
    }

    /// The blob holding the picture stored under `key`.
    fn blob_key(self, key: &str) -> String {
        match self {
            PictureOf::User(id) => format!("avatar-{id}-{key}"),
            PictureOf::Server(id) => format!("icon-{id}-{key}"),
        }
    }
}

/// The URL of the user's avatar, if they set one.
pub fn avatar_url(user: &User) -> Option<String> {
    let key = user.avatar_key.as_deref()?;
    Some(PictureOf::User(user.id).url(key))
}

/// The URL of the server's icon, if one is set.
pub fn icon_url(server: &Server) -> Option<String> {
    let key = server.icon_key.as_deref()?;
    Some(PictureOf::Server(server.id).url(key))
}

/// Whether `text` has the shape of a picture key (32 lower-case hex
/// digits): anything else is not looked up.
pub fn is_picture_key(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_32_lower_hex_digits() {
        assert!(is_picture_key("0123456789abcdef0123456789abcdef"));
        assert!(!is_picture_key("0123456789ABCDEF0123456789abcdef"));
        assert!(!is_picture_key("../etc/passwd"));
        assert!(!is_picture_key(""));
    }

    #[test]
    fn urls_and_blob_keys_name_the_owner() {
        let user = UserId::from_uuid(uuid::Uuid::nil());
        let of = PictureOf::User(user);
        assert_eq!(of.url("ab"), format!("/avatars/{user}/ab.png"));
        assert_eq!(of.blob_key("ab"), format!("avatar-{user}-ab"));
    }
}
