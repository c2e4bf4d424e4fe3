//! The `Origin` check made before upgrading, against cross-site WebSocket
//! hijacking: a page from another site must not open a socket that the
//! browser would authenticate for it.
//!
//! Allowed: no `Origin` (not a browser), an origin listed in the
//! configuration (or `*`), and a page served by this server itself (its
//! origin's host equals the request's `Host`).

use chat_http::AllowedOrigins;

/// Whether a request with these headers may upgrade.
pub(crate) fn allowed(origin: Option<&str>, host: Option<&str>, allowed: &AllowedOrigins) -> bool {
    let Some(origin) = origin else {
        return true;
    };
    allowed.allows(origin) || chat_http::is_same_origin(origin, host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> AllowedOrigins {
        AllowedOrigins::parse(items).unwrap()
    }

    #[test]
    fn non_browser_clients_send_no_origin_and_are_allowed() {
        assert!(allowed(
            None,
            Some("chat.example"),
            &list(&["https://a.example"])
        ));
    }

    #[test]
    fn a_page_of_this_server_is_allowed() {
        assert!(allowed(
            Some("http://127.0.0.1:8080"),
            Some("127.0.0.1:8080"),
            &list(&["https://a.example"])
        ));
    }

    #[test]
    fn listed_origins_are_allowed_ignoring_case_and_a_trailing_slash() {
        let origins = list(&["https://App.example/"]);
        assert!(allowed(
            Some("https://app.example"),
            Some("api.example"),
            &origins
        ));
    }

    #[test]
    fn other_sites_are_refused() {
        let origins = list(&["https://app.example"]);
        assert!(!allowed(
            Some("https://evil.example"),
            Some("api.example"),
            &origins
        ));
        assert!(!allowed(Some("null"), Some("api.example"), &origins));
        assert!(!allowed(
            Some("http://127.0.0.1:9999"),
            Some("127.0.0.1:8080"),
            &origins
        ));
    }

    #[test]
    fn a_star_or_no_list_allows_every_origin() {
        assert!(allowed(Some("https://evil.example"), None, &list(&["*"])));
        assert!(allowed(Some("https://evil.example"), None, &list(&[])));
    }
}
