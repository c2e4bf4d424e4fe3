//! The content type of a file, from its first bytes: never the client's
//! word, so a page cannot be passed off as an image.

/// How many leading bytes [`sniff_content_type`] looks at.
pub const SNIFF_BYTES: usize = 512;

/// The content type of a file starting with `head` (its first bytes, up
/// to [`SNIFF_BYTES`]).
pub fn sniff_content_type(head: &[u8]) -> &'static str {
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(b"\x89PNG\r\n\x1a\n") {
        return "image/png";
    }
    if starts(b"\xff\xd8\xff") {
        return "image/jpeg";
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return "image/gif";
    }
    if head.len() >= 12 && &head[0..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return "image/webp";
    }
    if starts(b"%PDF-") {
        return "application/pdf";
    }
    if starts(b"PK\x03\x04") {
        return "application/zip";
    }
    if starts(b"\x1f\x8b") {
        return "application/gzip";
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        return "video/mp4";
    }
    if starts(b"\x1a\x45\xdf\xa3") {
        return "video/webm";
    }
    if starts(b"OggS") {
        return "audio/ogg";
    }
    if starts(b"ID3") {
        return "audio/mpeg";
    }
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let looks_like_text = !text.contains(&0) && text_is_utf8(text);
    if looks_like_text {
        let lower: String = String::from_utf8_lossy(text)
            .trim_start()
            .chars()
            .take(64)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.starts_with("<svg") || (lower.starts_with("<?xml") && contains(text, b"<svg")) {
            return "image/svg+xml";
        }
        if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || lower.starts_with("<")
        {
            return "text/html";
        }
        return "text/plain; charset=utf-8";
    }
    "application/octet-stream"
}

/// Whether a content type is shown inline: PNG, JPEG, GIF and WebP only.
pub fn is_inline_image(content_type: &str) -> bool {
    matches!(
        content_type,
        "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

/// UTF-8, allowing a sequence cut at the end of the sniffed head.
fn text_is_utf8(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_magic_bytes() {
        assert_eq!(sniff_content_type(b"\x89PNG\r\n\x1a\nrest"), "image/png");
        assert_eq!(sniff_content_type(b"\xff\xd8\xff\xe0"), "image/jpeg");
        assert_eq!(sniff_content_type(b"GIF89a.."), "image/gif");
        assert_eq!(sniff_content_type(b"RIFF\0\0\0\0WEBPVP8 "), "image/webp");
    }

    #[test]
    fn markup_is_never_an_inline_image() {
        assert_eq!(sniff_content_type(b"  <svg xmlns=...>"), "image/svg+xml");
        assert_eq!(
            sniff_content_type(b"<?xml version='1.0'?><svg>"),
            "image/svg+xml"
        );
        assert_eq!(sniff_content_type(b"<!DOCTYPE html><p>"), "text/html");
        assert!(!is_inline_image("image/svg+xml"));
        assert!(!is_inline_image("text/html"));
    }

    #[test]
    fn text_and_binary() {
        assert_eq!(
            sniff_content_type("héllo".as_bytes()),
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            sniff_content_type(b"\x00\x01\x02"),
            "application/octet-stream"
        );
        assert_eq!(sniff_content_type(b""), "text/plain; charset=utf-8");
    }
}
