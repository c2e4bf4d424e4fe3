//! Account security: two-factor sign-in (TOTP, RFC 6238, with single-use
//! recovery codes), password change, and the sessions a user can see and
//! end.
//!
//! The core holds the rules (time steps, drift, replay, ticket lifetime and
//! attempts); the cryptography (HMAC-SHA1, the AEAD that seals secrets at
//! rest, keyed hashes, randomness) is behind the [`MfaCrypto`] port.

mod admin;
mod mfa;
mod ports;
mod sessions;
mod store;

pub use admin::PasswordReset;
pub use mfa::{LoginProof, MfaStatus, RecoveryCodes, TotpSetup};
pub use ports::MfaCrypto;
pub use sessions::{PasswordChange, SessionInfo};
pub use store::AccountStore;

use crate::ids::UserId;
use crate::time::Timestamp;

/// Seconds per TOTP time step (RFC 6238's default).
pub const TOTP_STEP_SECONDS: i64 = 30;
/// Digits of a TOTP code.
pub const TOTP_DIGITS: u32 = 6;
/// Time steps of clock drift accepted either side of now.
pub const TOTP_DRIFT_STEPS: i64 = 1;
/// Bytes of a TOTP secret (160 bits, RFC 4226's recommendation).
pub const TOTP_SECRET_BYTES: usize = 20;
/// How many recovery codes a set holds.
pub const RECOVERY_CODE_COUNT: usize = 10;
/// How long a login ticket (between the password and the second factor) lives.
pub const MFA_TICKET_TTL_SECONDS: i64 = 5 * 60;
/// Wrong codes after which a login ticket dies.
pub const MFA_TICKET_MAX_FAILURES: u32 = 5;

/// A user's two-factor state, one record per user (absent: never set up).
///
/// Secrets are stored sealed by [`MfaCrypto::seal`]; recovery codes only as
/// [`MfaCrypto::digest`]s. Every change is a compare-and-swap on `version`
/// (see [`AccountStore::save_mfa`]), which makes "a code is accepted once"
/// and "a recovery code is single-use" hold under concurrent requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MfaState {
    /// Whose.
    pub user_id: UserId,
    /// The confirmed secret, sealed; `Some` means two-factor sign-in is on.
    pub secret: Option<String>,
    /// A secret from setup awaiting its first code, sealed.
    pub pending_secret: Option<String>,
    /// The last TOTP time step accepted (codes of this step or older are
    /// refused: RFC 6238 §5.2); 0 before any.
    pub last_step: i64,
    /// Digests of the unused recovery codes.
    pub recovery_codes: Vec<String>,
    /// Bumped by every change.
    pub version: i64,
}

impl MfaState {
    /// A user's state before any setup.
    pub fn new(user_id: UserId) -> Self {
        Self {
            user_id,
            secret: None,
            pending_secret: None,
            last_step: 0,
            recovery_codes: Vec::new(),
            version: 0,
        }
    }

    /// Whether two-factor sign-in is on.
    pub fn enabled(&self) -> bool {
        self.secret.is_some()
    }
}

/// A login waiting for its second factor, stored under the digest of the
/// ticket handed to the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MfaTicket {
    /// The ticket's digest (never the ticket).
    pub hash: String,
    /// Who passed the password check.
    pub user_id: UserId,
    /// When it dies.
    pub expires_at: Timestamp,
    /// Wrong codes so far.
    pub failures: u32,
}

/// RFC 4648 base32 (no padding), as authenticator apps read secrets.
pub fn base32_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// Decodes RFC 4648 base32 (case, spaces and padding ignored); `None` on
/// any other character.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in text.chars().filter(|c| !matches!(c, ' ' | '=' | '-')) {
        let v = match c.to_ascii_uppercase() {
            u @ 'A'..='Z' => u as u32 - 'A' as u32,
            d @ '2'..='7' => d as u32 - '2' as u32 + 26,
            _ => return None,
        };
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// The TOTP time step of an instant.
pub fn totp_step(now: Timestamp) -> i64 {
    now.millis().div_euclid(1000 * TOTP_STEP_SECONDS)
}

/// A 6-digit code as typed ("123 456", "123-456" accepted), or `None`.
pub(crate) fn parse_totp_code(text: &str) -> Option<u32> {
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.len() != TOTP_DIGITS as usize || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A recovery code as typed, folded the way it is digested (lower case,
/// no spaces or hyphens).
pub(crate) fn normalize_recovery_code(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base32_encode(plain.as_bytes()), encoded);
            assert_eq!(base32_decode(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base32_decode("mzxw 6ytb=").unwrap(), b"fooba");
        assert!(base32_decode("MZ1").is_none());
    }

    #[test]
    fn codes_are_parsed_leniently_but_strictly_six_digits() {
        assert_eq!(parse_totp_code("123 456"), Some(123_456));
        assert_eq!(parse_totp_code("012345"), Some(12_345));
        assert_eq!(parse_totp_code("12345"), None);
        assert_eq!(parse_totp_code("12a456"), None);
        assert_eq!(normalize_recovery_code("ABCDE-fghij"), "abcdefghij");
    }

    #[test]
    fn steps_are_thirty_seconds() {
        assert_eq!(totp_step(Timestamp::from_millis(59_999)), 1);
        assert_eq!(totp_step(Timestamp::from_millis(60_000)), 2);
    }
}
