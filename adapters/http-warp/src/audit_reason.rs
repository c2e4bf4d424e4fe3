//! The `X-Audit-Log-Reason` header: why an audited act is done, as
//! Discord spells it. Header values are ASCII, so a reason with other
//! characters is percent-encoded (UTF-8), as `encodeURIComponent` does;
//! text that does not decode is taken as sent. Blank means no reason;
//! over 512 characters is 422 on `reason`.

use chat_core::audit::AuditReason;
use warp::{Filter, Rejection};

use crate::error::ApiError;

/// The header's name.
pub const HEADER: &str = "x-audit-log-reason";

/// The request's audit reason, if it gave one.
pub(crate) fn header() -> impl Filter<Extract = (Option<AuditReason>,), Error = Rejection> + Clone {
    warp::header::optional::<String>(HEADER).and_then(|raw: Option<String>| async move {
        let text = raw.map(|r| percent_decode(&r));
        AuditReason::parse_optional(text.as_deref())
            .map_err(|e| warp::reject::custom(ApiError::from(e)))
    })
}

/// Decodes `%XX` escapes into UTF-8; the text unchanged when it has none
/// or they do not make UTF-8.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoded_reasons_are_decoded() {
        assert_eq!(percent_decode("spam%20%F0%9F%A5%AB"), "spam 🥫");
        assert_eq!(percent_decode("100% sure"), "100% sure");
        assert_eq!(percent_decode("%FF"), "%FF");
        assert_eq!(percent_decode("plain"), "plain");
    }
}
