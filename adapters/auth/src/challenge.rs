//! [`RealChallengeCrypto`]: the sign-up challenge's SHA-256, its
//! HMAC-SHA256 signatures (under a key derived from the data directory's
//! key file, so challenges stay valid across restarts and nodes sharing
//! the file), and randomness from the OS.

use chat_core::challenge::ChallengeCrypto;
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use ring::{digest, hmac};

/// The real [`ChallengeCrypto`].
pub struct RealChallengeCrypto {
    key: hmac::Key,
}

impl std::fmt::Debug for RealChallengeCrypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RealChallengeCrypto(***)")
    }
}

impl RealChallengeCrypto {
    /// The signing key derived from `master` (the key file's bytes).
    pub fn new(master: &[u8]) -> Self {
        let master = hmac::Key::new(hmac::HMAC_SHA256, master);
        let derived = hmac::sign(&master, b"chat signup challenge v1");
        Self {
            key: hmac::Key::new(hmac::HMAC_SHA256, derived.as_ref()),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

impl ChallengeCrypto for RealChallengeCrypto {
    fn sha256_hex(&self, text: &str) -> String {
        hex(digest::digest(&digest::SHA256, text.as_bytes()).as_ref())
    }

    fn sign(&self, text: &str) -> String {
        hex(hmac::sign(&self.key, text.as_bytes()).as_ref())
    }

    fn verify(&self, text: &str, signature: &str) -> bool {
        // ring compares the tags in constant time.
        unhex(signature).is_some_and(|tag| hmac::verify(&self.key, text.as_bytes(), &tag).is_ok())
    }

    fn new_salt(&self) -> String {
        let mut bytes = [0u8; 12];
        OsRng.fill_bytes(&mut bytes);
        hex(&bytes)
    }

    fn random_number(&self, max: u64) -> u64 {
        OsRng.gen_range(0..=max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_the_standard_one_in_hex() {
        let c = RealChallengeCrypto::new(&[1u8; 32]);
        assert_eq!(
            c.sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn signatures_are_keyed_and_verified() {
        let a = RealChallengeCrypto::new(&[1u8; 32]);
        let b = RealChallengeCrypto::new(&[2u8; 32]);
        let sig = a.sign("challenge");
        assert!(a.verify("challenge", &sig));
        assert!(!b.verify("challenge", &sig));
        assert!(!a.verify("other", &sig));
        assert!(!a.verify("challenge", "zz"));
        assert!(!a.verify("challenge", "é"));
        assert!(!a.verify("challenge", ""));
        assert_ne!(a.new_salt(), a.new_salt());
        assert!(a.random_number(5) <= 5);
    }
}
