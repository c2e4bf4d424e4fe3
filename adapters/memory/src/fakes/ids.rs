//! [`SequentialIds`]: predictable, increasing ids and invite codes.

use std::sync::atomic::{AtomicU64, Ordering};

use chat_core::ids::{IdGenerator, InviteCode};
use chat_core::UuidV7Generator;
use uuid::{Builder, Uuid};

/// The UUID timestamp of every id made (2023-11-14T22:13:20Z).
const EPOCH_MILLIS: u64 = 1_700_000_000_000;

/// An [`IdGenerator`] whose n-th UUID is a valid v7 UUID with a fixed
/// timestamp and `n` in its low bits (so ids increase with `n`), and whose
/// n-th invite code is `invite` followed by `n` on five digits
/// (`invite00001`, `invite00002`, …).
#[derive(Debug, Default)]
pub struct SequentialIds {
    uuids: AtomicU64,
    codes: AtomicU64,
}

impl SequentialIds {
    /// A generator starting at 1.
    pub fn new() -> Self {
        Self::default()
    }
}

impl IdGenerator for SequentialIds {
    fn new_uuid(&self) -> Uuid {
        let n = self.uuids.fetch_add(1, Ordering::SeqCst) + 1;
        // Bytes 2..10 of the tail become the UUID's last 8 bytes; the
        // builder overwrites only the top two variant bits, which `n`
        // never reaches.
        let mut tail = [0u8; 10];
        tail[2..].copy_from_slice(&n.to_be_bytes());
        Builder::from_unix_timestamp_millis(EPOCH_MILLIS, &tail).into_uuid()
    }

    fn new_invite_code(&self) -> InviteCode {
        let n = self.codes.fetch_add(1, Ordering::SeqCst) + 1;
        // Always valid ("invite" + at most 20 digits); the fallback only
        // keeps this free of panics.
        InviteCode::parse(&format!("invite{n:05}"))
            .unwrap_or_else(|_| UuidV7Generator.new_invite_code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_v7_and_increase() {
        let ids = SequentialIds::new();
        let a = ids.new_uuid();
        let b = ids.new_uuid();
        assert_eq!(a.get_version_num(), 7);
        assert_eq!(a.get_variant(), uuid::Variant::RFC4122);
        assert!(b > a);
        assert_eq!(a.as_u128() & 0xFFFF, 1);
    }

    #[test]
    fn invite_codes_are_predictable_and_valid() {
        let ids = SequentialIds::new();
        assert_eq!(ids.new_invite_code().as_str(), "invite00001");
        assert_eq!(ids.new_invite_code().as_str(), "invite00002");
    }
}
