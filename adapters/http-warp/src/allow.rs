//! 405 with `Allow`: a known path asked with a method it does not take
//! answers `method_not_allowed` and lists the methods it does take
//! (RFC 9110 §15.5.6), `HEAD` wherever `GET` is (the server answers `HEAD`
//! as `GET` without the body).
//!
//! The methods come from [`ROUTES`], the same table the OpenAPI document is
//! checked against, so the header cannot drift from the routes.

use warp::filters::path::FullPath;
use warp::http::{header, HeaderValue, Method};
use warp::{Filter, Rejection, Reply};

use crate::error::ApiError;
use crate::routes::ROUTES;

/// Whether a concrete path (`/servers/0193…/bans`) fits a template of the
/// table (`/servers/{id}/bans`): the same number of segments, literals equal,
/// a `{parameter}` any non-empty segment.
fn fits(path: &str, template: &str) -> bool {
    let mut segments = path.strip_prefix('/').unwrap_or(path).split('/');
    let mut parts = template.strip_prefix('/').unwrap_or(template).split('/');
    loop {
        match (segments.next(), parts.next()) {
            (None, None) => return true,
            (Some(s), Some(p)) if p.starts_with('{') => {
                if s.is_empty() {
                    return false;
                }
            }
            (Some(s), Some(p)) if s == p => {}
            _ => return false,
        }
    }
}

/// The methods a path takes, in a fixed order, `HEAD` after `GET`; empty
/// for a path that is not a route.
pub fn allowed_methods(path: &str) -> Vec<&'static str> {
    const ORDER: [&str; 6] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
    let taken: Vec<&str> = ROUTES
        .iter()
        .filter(|(_, template)| fits(path, template))
        .map(|(method, _)| *method)
        .collect();
    ORDER
        .into_iter()
        .filter(|m| taken.contains(m) || (*m == "HEAD" && taken.contains(&"GET")))
        .collect()
}

/// Tried after every route: answers 405 with `Allow` when the path is a
/// route and the method is not one of its methods; otherwise rejects as
/// "not found", so the routes' own rejection (a bad body, a missing token)
/// is what the client gets.
pub(crate) fn method_not_allowed(
) -> impl Filter<Extract = (Box<dyn Reply>,), Error = Rejection> + Clone {
    warp::path::full()
        .and(warp::method())
        .and_then(|path: FullPath, method: Method| async move {
            let allowed = allowed_methods(path.as_str());
            if allowed.is_empty() || allowed.contains(&method.as_str()) {
                return Err(warp::reject::not_found());
            }
            let mut response = ApiError::method_not_allowed().to_response();
            if let Ok(value) = HeaderValue::from_str(&allowed.join(", ")) {
                response.headers_mut().insert(header::ALLOW, value);
            }
            Ok::<Box<dyn Reply>, Rejection>(Box::new(response))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fit_paths_segment_by_segment() {
        assert!(fits("/servers", "/servers"));
        assert!(fits("/servers/abc", "/servers/{id}"));
        assert!(fits("/servers/abc/bans/x", "/servers/{id}/bans/{user_id}"));
        assert!(!fits("/servers/", "/servers/{id}"));
        assert!(!fits("/servers/", "/servers"));
        assert!(!fits("/servers/abc/bans", "/servers/{id}"));
        assert!(!fits("/server/abc", "/servers/{id}"));
    }

    #[test]
    fn allow_lists_the_paths_methods_with_head_beside_get() {
        assert_eq!(allowed_methods("/servers"), ["GET", "HEAD", "POST"]);
        assert_eq!(
            allowed_methods("/servers/x"),
            ["GET", "HEAD", "PUT", "DELETE"]
        );
        assert_eq!(allowed_methods("/auth/login"), ["POST"]);
        assert!(allowed_methods("/nope").is_empty());
    }
}
