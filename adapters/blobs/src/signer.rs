//! Download URL signatures: HMAC-SHA256 with a server secret, URL-safe
//! base64 without padding.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chat_core::attachments::UrlSigner;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Signs with a secret key (at least 32 bytes are advised).
pub struct HmacSigner {
    key: Vec<u8>,
}

impl HmacSigner {
    /// A signer over `key`.
    pub fn new(key: impl Into<Vec<u8>>) -> Self {
        Self { key: key.into() }
    }

    fn mac(&self, payload: &[u8]) -> Hmac<Sha256> {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(payload);
        mac
    }
}

impl UrlSigner for HmacSigner {
    fn sign(&self, payload: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(payload).finalize().into_bytes())
    }

    fn verify(&self, payload: &[u8], signature: &str) -> bool {
        let Ok(given) = URL_SAFE_NO_PAD.decode(signature) else {
            return false;
        };
        self.mac(payload).verify_slice(&given).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_its_payload_and_key() {
        let s = HmacSigner::new(b"k".repeat(32));
        let sig = s.sign(b"attachment:1:file:100");
        assert!(s.verify(b"attachment:1:file:100", &sig));
        assert!(!s.verify(b"attachment:1:file:101", &sig));
        assert!(!HmacSigner::new(b"other").verify(b"attachment:1:file:100", &sig));
        assert!(!s.verify(b"attachment:1:file:100", "not base64 !"));
    }
}
