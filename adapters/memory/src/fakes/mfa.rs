//! [`FakeMfaCrypto`]: fast, readable two-factor cryptography for tests.

use chat_core::account::{MfaCrypto, TOTP_SECRET_BYTES};
use uuid::Uuid;

const SEALED_PREFIX: &str = "insecure-sealed:";
const DIGEST_PREFIX: &str = "insecure-digest:";

/// An [`MfaCrypto`] for tests and embedding examples. **Insecure**:
/// "sealed" secrets are hex text, digests are reversible, and
/// [`FakeMfaCrypto::hotp`] is a simple mix (FNV-1a), not HMAC-SHA1: tests
/// compute expected codes by calling it. Randomness comes from v4 UUIDs.
#[derive(Debug, Default, Clone, Copy)]
pub struct FakeMfaCrypto;

impl MfaCrypto for FakeMfaCrypto {
    fn new_secret(&self) -> Vec<u8> {
        let mut bytes = Uuid::new_v4().as_bytes().to_vec();
        bytes.extend_from_slice(&Uuid::new_v4().as_bytes()[..TOTP_SECRET_BYTES - 16]);
        bytes
    }

    fn hotp(&self, secret: &[u8], counter: u64) -> u32 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in secret.iter().chain(counter.to_be_bytes().iter()) {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        (hash % 1_000_000) as u32
    }

    fn new_recovery_code(&self) -> String {
        Uuid::new_v4().simple().to_string()[..10].to_owned()
    }

    fn new_ticket(&self) -> String {
        Uuid::new_v4().to_string()
    }

    fn digest(&self, text: &str) -> String {
        let reversed: String = text.chars().rev().collect();
        format!("{DIGEST_PREFIX}{reversed}")
    }

    fn seal(&self, plain: &[u8]) -> String {
        let hex: String = plain.iter().map(|b| format!("{b:02x}")).collect();
        format!("{SEALED_PREFIX}{hex}")
    }

    fn open(&self, sealed: &str) -> Option<Vec<u8>> {
        let hex = sealed.strip_prefix(SEALED_PREFIX)?;
        if hex.len() % 2 != 0 {
            return None;
        }
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealing_round_trips_and_rejects_other_text() {
        let secret = FakeMfaCrypto.new_secret();
        assert_eq!(secret.len(), TOTP_SECRET_BYTES);
        let sealed = FakeMfaCrypto.seal(&secret);
        assert_eq!(FakeMfaCrypto.open(&sealed), Some(secret));
        assert_eq!(FakeMfaCrypto.open("nope"), None);
    }

    #[test]
    fn codes_are_six_digits_and_depend_on_the_counter() {
        let secret = FakeMfaCrypto.new_secret();
        let a = FakeMfaCrypto.hotp(&secret, 1);
        assert!(a < 1_000_000);
        assert_ne!(a, FakeMfaCrypto.hotp(&secret, 2));
    }
}
