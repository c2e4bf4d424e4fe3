//! [`AllowedOrigins`]: the `--allowed-origins` setting, parsed once by the
//! binary and handed to both REST CORS and the socket's `Origin` check, so
//! the two can never read the list differently.

use std::fmt;

use warp::http::uri::{Authority, Scheme};

/// Which browser origins may call the API and open sockets, besides the
/// server's own pages (which always may). Empty or `*`: any origin.
#[derive(Clone, PartialEq, Eq)]
pub struct AllowedOrigins {
    any: bool,
    /// `scheme://authority`, lowercase, no trailing slash.
    listed: Vec<String>,
}

impl AllowedOrigins {
    /// Any origin (the default, as an empty list).
    pub fn any() -> Self {
        Self {
            any: true,
            listed: Vec::new(),
        }
    }

    /// Parses the configured list: each entry `scheme://host[:port]` (a
    /// trailing slash is dropped, case is ignored), or `*`. A malformed
    /// entry is an error naming it, so a typo is found at start-up instead
    /// of locking a site out. An empty list allows any origin.
    pub fn parse<I, S>(entries: I) -> Result<Self, String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut any = false;
        let mut listed = Vec::new();
        for entry in entries {
            let entry = entry.as_ref().trim();
            match entry {
                "" => {}
                "*" => any = true,
                _ => {
                    listed.push(normalize(entry).ok_or_else(|| {
                        format!("not an origin (scheme://host[:port]): {entry:?}")
                    })?)
                }
            }
        }
        Ok(Self {
            any: any || listed.is_empty(),
            listed,
        })
    }

    /// Whether every origin is allowed.
    pub fn allows_any(&self) -> bool {
        self.any
    }

    /// Whether a browser page of `origin` (as its `Origin` header says) is
    /// allowed by the list. Pages of this server itself are decided by
    /// [`crate::is_same_origin`], not here.
    pub fn allows(&self, origin: &str) -> bool {
        self.any || normalize(origin).is_some_and(|o| self.listed.contains(&o))
    }

    /// The list as CORS takes it (empty when any origin is allowed).
    pub fn to_list(&self) -> Vec<String> {
        if self.any {
            Vec::new()
        } else {
            self.listed.clone()
        }
    }
}

impl Default for AllowedOrigins {
    /// Any origin.
    fn default() -> Self {
        Self::any()
    }
}

impl fmt::Debug for AllowedOrigins {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.any {
            f.write_str("AllowedOrigins(*)")
        } else {
            f.debug_tuple("AllowedOrigins").field(&self.listed).finish()
        }
    }
}

/// `scheme://authority`, lowercase, without a trailing slash, if well
/// formed (no path, no user info).
fn normalize(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('/');
    let (scheme, authority) = text.split_once("://")?;
    let scheme: Scheme = scheme.parse().ok()?;
    let authority: Authority = authority.parse().ok()?;
    if authority.as_str().contains('@') || authority.host().is_empty() {
        return None;
    }
    Some(format!("{scheme}://{authority}").to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_list_or_a_star_allows_any_origin() {
        let empty: [&str; 0] = [];
        assert!(AllowedOrigins::parse(empty).unwrap().allows_any());
        assert!(AllowedOrigins::parse(["*"])
            .unwrap()
            .allows("https://evil.example"));
        assert!(AllowedOrigins::parse([" ", ""]).unwrap().allows_any());
        assert!(AllowedOrigins::default().to_list().is_empty());
    }

    #[test]
    fn listed_origins_match_ignoring_case_and_a_trailing_slash() {
        let o = AllowedOrigins::parse(["https://App.example/", "http://127.0.0.1:3000"]).unwrap();
        assert!(!o.allows_any());
        assert!(o.allows("https://app.example"));
        assert!(o.allows("http://127.0.0.1:3000/"));
        assert!(!o.allows("https://evil.example"));
        assert!(!o.allows("null"));
        assert!(!o.allows("http://127.0.0.1:3001"));
        assert_eq!(
            o.to_list(),
            ["https://app.example", "http://127.0.0.1:3000"]
        );
    }

    #[test]
    fn a_malformed_entry_is_an_error_naming_it() {
        for bad in ["localhost:3000", "http://", "http://u@evil", "app.example"] {
            let e = AllowedOrigins::parse([bad]).unwrap_err();
            assert!(e.contains(bad), "{e}");
        }
    }
}
