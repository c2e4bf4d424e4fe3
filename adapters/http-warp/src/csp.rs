//! Browser hardening for the web client: the `Content-Security-Policy` of
//! each page and the headers every `/app/` answer carries.
//!
//! The Next.js static export puts inline `<script>` elements in every page
//! (the React Server Components payload). Rather than `'unsafe-inline'`,
//! the policy lists the SHA-256 hash of each inline script of that page,
//! computed when the web directory is loaded (and for a page that appears
//! later, when it is served). So an injected script runs nowhere.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::{Digest, Sha256};
use warp::http::{HeaderMap, HeaderValue};

/// Headers for every answer under `/app/`.
pub(crate) fn add_common_headers(headers: &mut HeaderMap) {
    let fixed = [
        ("referrer-policy", "no-referrer"),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        (
            "permissions-policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
             interest-cohort=()",
        ),
        ("cross-origin-opener-policy", "same-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// The inline-script hashes of every page of a web directory, by path.
#[derive(Debug, Default)]
pub(crate) struct PageHashes {
    by_page: HashMap<PathBuf, Vec<String>>,
}

impl PageHashes {
    /// The hashes of these pages (relative path, text).
    pub(crate) fn from_pages(pages: Vec<(PathBuf, String)>) -> Self {
        let by_page = pages
            .into_iter()
            .map(|(path, text)| {
                let hashes = inline_script_hashes(&text);
                (path, hashes)
            })
            .collect();
        Self { by_page }
    }

    /// The hashes of the page at `path` whose text is `html`.
    pub(crate) fn of(&self, path: &Path, html: &[u8]) -> Vec<String> {
        match self.by_page.get(path) {
            Some(hashes) => hashes.clone(),
            None => inline_script_hashes(&String::from_utf8_lossy(html)),
        }
    }
}

/// Whether the path names an HTML page.
pub(crate) fn is_html(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "html")
}

/// Every `.html` file under `dir`, by path relative to `dir`, with its text
/// (missing or unreadable files are skipped: they are hashed when served,
/// if they appear).
pub(crate) fn html_pages_under(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut pages = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => pending.push(path),
                Ok(t) if t.is_file() && is_html(&path) => {
                    if let (Ok(text), Ok(relative)) =
                        (std::fs::read_to_string(&path), path.strip_prefix(dir))
                    {
                        pages.push((relative.to_path_buf(), text));
                    }
                }
                _ => {}
            }
        }
    }
    pages
}

/// `'sha256-…'` for each inline script (a `<script>` without `src`).
pub(crate) fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<script").map(|i| i + at) {
        let Some(open_end) = lower[start..].find('>').map(|i| i + start) else {
            break;
        };
        let Some(close) = lower[open_end..].find("</script").map(|i| i + open_end) else {
            break;
        };
        let attributes = &lower[start + "<script".len()..open_end];
        let body = &html[open_end + 1..close];
        if !has_src(attributes) && !body.is_empty() {
            let digest = Sha256::digest(body.as_bytes());
            let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
            hashes.push(format!("'sha256-{b64}'"));
        }
        at = close + "</script".len();
    }
    hashes.sort();
    hashes.dedup();
    hashes
}

fn has_src(attributes: &str) -> bool {
    attributes
        .split(|c: char| c.is_whitespace())
        .any(|a| a == "src" || a.starts_with("src="))
}

/// The policy of a page: scripts only from this origin or with a listed
/// hash; connections to this origin (and its WebSocket), the configured
/// origins and their WebSockets; never framed.
pub(crate) fn policy(script_hashes: &[String], host: Option<&str>, origins: &[String]) -> String {
    let mut connect = vec!["'self'".to_owned()];
    if let Some(host) = host.filter(|h| is_plain_host(h)) {
        connect.push(format!("ws://{host}"));
        connect.push(format!("wss://{host}"));
    }
    for origin in origins {
        connect.push(origin.clone());
        if let Some(rest) = origin.strip_prefix("https://") {
            connect.push(format!("wss://{rest}"));
        } else if let Some(rest) = origin.strip_prefix("http://") {
            connect.push(format!("ws://{rest}"));
        }
    }
    let mut script = vec!["'self'".to_owned()];
    script.extend(script_hashes.iter().cloned());
    format!(
        "default-src 'self'; script-src {}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; font-src 'self' data:; connect-src {}; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        script.join(" "),
        connect.join(" ")
    )
}

/// A `Host` header safe to put in a policy (no spaces, quotes or `;`).
fn is_plain_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<html><script src="/app/_next/a.js"></script>
            <script>self.__next_f.push([1,"x"])</script>
            <SCRIPT type="text/javascript">alert(1)</SCRIPT></html>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2, "{hashes:?}");
        // sha256("alert(1)"), as a browser computes it.
        assert!(
            hashes.contains(&"'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='".to_owned())
        );
    }

    #[test]
    fn the_policy_lists_hashes_origins_and_forbids_framing() {
        let p = policy(
            &["'sha256-abc='".to_owned()],
            Some("127.0.0.1:8080"),
            &["https://chat.example".to_owned()],
        );
        assert!(p.contains("script-src 'self' 'sha256-abc='"), "{p}");
        assert!(!p.contains("unsafe-inline';") || !p.contains("script-src 'self' 'unsafe-inline'"));
        assert!(p.contains("connect-src 'self' ws://127.0.0.1:8080 wss://127.0.0.1:8080 https://chat.example wss://chat.example"), "{p}");
        assert!(p.contains("frame-ancestors 'none'"), "{p}");
    }

    #[test]
    fn a_strange_host_is_left_out() {
        let p = policy(&[], Some("evil; script-src *"), &[]);
        assert!(!p.contains("evil"), "{p}");
    }
}
