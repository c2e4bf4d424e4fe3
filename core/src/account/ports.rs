/// The cryptography of two-factor sign-in. The real one (chat-auth) uses
/// HMAC-SHA1 (RFC 4226), an AEAD keyed from the data directory, and the
/// OS's randomness; tests use a fast fake.
pub trait MfaCrypto: Send + Sync {
    /// A new random TOTP secret of [`super::TOTP_SECRET_BYTES`] bytes.
    fn new_secret(&self) -> Vec<u8>;

    /// The RFC 4226 HOTP value (6 digits, dynamic truncation) of `secret`
    /// at `counter`.
    fn hotp(&self, secret: &[u8], counter: u64) -> u32;

    /// A new random recovery code (at least 50 bits, lower-case letters
    /// and digits, no separators).
    fn new_recovery_code(&self) -> String;

    /// A new random login ticket (at least 128 bits, URL-safe).
    fn new_ticket(&self) -> String;

    /// A keyed one-way digest of a recovery code or ticket, as stored.
    fn digest(&self, text: &str) -> String;

    /// Encrypts and authenticates a secret for storage.
    fn seal(&self, plain: &[u8]) -> String;

    /// The secret sealed by [`MfaCrypto::seal`], or `None` when the text
    /// was not sealed with this key or was altered.
    fn open(&self, sealed: &str) -> Option<Vec<u8>>;
}
