//! [`RealMfaCrypto`]: two-factor sign-in's cryptography.
//!
//! - HOTP (RFC 4226): HMAC-SHA1 with dynamic truncation to 6 digits; TOTP
//!   (RFC 6238) is HOTP of the time step, which the core computes.
//! - Secrets at rest: ChaCha20-Poly1305 (AEAD) with a random 96-bit nonce
//!   per seal, under a key derived from the data directory's key file, so
//!   a copy of the database alone does not reveal them, and an altered
//!   value is refused rather than misread.
//! - Recovery codes and login tickets are stored as HMAC-SHA256 digests
//!   under another derived key: a database copy cannot be searched offline
//!   for the codes without the key file.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chat_core::account::{MfaCrypto, TOTP_SECRET_BYTES};
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};
use ring::hmac;

/// The prefix of sealed text: the scheme's version.
const SEALED_PREFIX: &str = "c20p1305.";
/// Recovery codes draw from this alphabet (no 0/o, 1/l/i look-alikes).
const CODE_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// Characters in a recovery code (10 × log2(31) ≈ 49.5 bits).
const CODE_LEN: usize = 10;

/// The real [`MfaCrypto`]: see the module documentation.
pub struct RealMfaCrypto {
    seal_key: LessSafeKey,
    digest_key: hmac::Key,
}

impl std::fmt::Debug for RealMfaCrypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RealMfaCrypto(***)")
    }
}

impl RealMfaCrypto {
    /// Keys derived from `master` (the key file's bytes, at least 32;
    /// see [`crate::load_or_create_secret`]).
    pub fn new(master: &[u8]) -> Self {
        let master = hmac::Key::new(hmac::HMAC_SHA256, master);
        let derive = |label: &[u8]| hmac::sign(&master, label);
        let seal_bytes = derive(b"chat mfa seal v1");
        let unbound = UnboundKey::new(&CHACHA20_POLY1305, seal_bytes.as_ref())
            .unwrap_or_else(|_| unreachable!("HMAC-SHA256 gives the 32 bytes ChaCha20 needs"));
        let digest_bytes = derive(b"chat mfa digest v1");
        Self {
            seal_key: LessSafeKey::new(unbound),
            digest_key: hmac::Key::new(hmac::HMAC_SHA256, digest_bytes.as_ref()),
        }
    }
}

impl MfaCrypto for RealMfaCrypto {
    fn new_secret(&self) -> Vec<u8> {
        let mut secret = vec![0u8; TOTP_SECRET_BYTES];
        OsRng.fill_bytes(&mut secret);
        secret
    }

    fn hotp(&self, secret: &[u8], counter: u64) -> u32 {
        hotp(secret, counter)
    }

    fn new_recovery_code(&self) -> String {
        (0..CODE_LEN)
            .map(|_| char::from(CODE_ALPHABET[OsRng.gen_range(0..CODE_ALPHABET.len())]))
            .collect()
    }

    fn new_ticket(&self) -> String {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    fn digest(&self, text: &str) -> String {
        URL_SAFE_NO_PAD.encode(hmac::sign(&self.digest_key, text.as_bytes()).as_ref())
    }

    fn seal(&self, plain: &[u8]) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        OsRng.fill_bytes(&mut nonce);
        let mut in_out = plain.to_vec();
        let sealed = self.seal_key.seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::empty(),
            &mut in_out,
        );
        if sealed.is_err() {
            // Only inputs over 256 GiB fail; secrets are 20 bytes.
            unreachable!("ChaCha20-Poly1305 seals any small input");
        }
        let mut out = nonce.to_vec();
        out.extend_from_slice(&in_out);
        format!("{SEALED_PREFIX}{}", URL_SAFE_NO_PAD.encode(out))
    }

    fn open(&self, sealed: &str) -> Option<Vec<u8>> {
        let bytes = URL_SAFE_NO_PAD
            .decode(sealed.strip_prefix(SEALED_PREFIX)?)
            .ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut in_out = ciphertext.to_vec();
        let plain = self
            .seal_key
            .open_in_place(nonce, Aad::empty(), &mut in_out)
            .ok()?;
        Some(plain.to_vec())
    }
}

/// RFC 4226 HOTP: HMAC-SHA1, dynamic truncation, 6 digits.
pub fn hotp(secret: &[u8], counter: u64) -> u32 {
    let key = hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, secret);
    let mac = hmac::sign(&key, &counter.to_be_bytes());
    let mac = mac.as_ref();
    let offset = usize::from(mac[mac.len() - 1] & 0x0f);
    let word = u32::from_be_bytes([
        mac[offset] & 0x7f,
        mac[offset + 1],
        mac[offset + 2],
        mac[offset + 3],
    ]);
    word % 1_000_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hotp_matches_rfc_4226_appendix_d() {
        let secret = b"12345678901234567890";
        let expected = [
            755_224, 287_082, 359_152, 969_429, 338_314, 254_676, 287_922, 162_583, 399_871,
            520_489,
        ];
        for (counter, code) in expected.iter().enumerate() {
            assert_eq!(hotp(secret, counter as u64), *code, "counter {counter}");
        }
    }

    #[test]
    fn totp_matches_rfc_6238_appendix_b_sha1() {
        // 8-digit vectors truncated to 6 digits (the same number mod 10^6).
        let secret = b"12345678901234567890";
        for (time, code) in [
            (59_u64, 94_287_082_u32),
            (1_111_111_109, 7_081_804),
            (1_234_567_890, 89_005_924),
            (20_000_000_000, 65_353_130),
        ] {
            assert_eq!(hotp(secret, time / 30), code % 1_000_000, "time {time}");
        }
    }

    #[test]
    fn sealed_secrets_open_only_with_the_same_key_and_unaltered() {
        let a = RealMfaCrypto::new(&[7u8; 64]);
        let b = RealMfaCrypto::new(&[8u8; 64]);
        let secret = a.new_secret();
        assert_eq!(secret.len(), 20);
        let sealed = a.seal(&secret);
        assert!(!sealed.contains(&chat_core::account::base32_encode(&secret)));
        assert_ne!(sealed, a.seal(&secret), "a fresh nonce per seal");
        assert_eq!(a.open(&sealed), Some(secret));
        assert_eq!(b.open(&sealed), None);
        let mut altered = sealed.into_bytes();
        let last = altered.len() - 1;
        altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(a.open(&String::from_utf8(altered).unwrap()), None);
        assert_eq!(a.open("plain"), None);
    }

    #[test]
    fn digests_are_keyed_and_codes_are_random() {
        let a = RealMfaCrypto::new(&[7u8; 64]);
        let b = RealMfaCrypto::new(&[8u8; 64]);
        assert_eq!(a.digest("code"), a.digest("code"));
        assert_ne!(a.digest("code"), b.digest("code"));
        let code = a.new_recovery_code();
        assert_eq!(code.len(), 10);
        assert!(code.bytes().all(|c| CODE_ALPHABET.contains(&c)));
        assert_ne!(code, a.new_recovery_code());
        assert_ne!(a.new_ticket(), a.new_ticket());
    }
}
