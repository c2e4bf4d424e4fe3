//! The web client: `GET /` redirects to `/app/`, and `/app/*` serves the
//! static export of the Next.js client from a directory, or from files
//! built into the binary (any [`WebFiles`]: `chat-server`'s `embedded-web`
//! feature).
//!
//! Written by hand rather than with `warp::fs::dir`, which checks the method
//! before the path (an unknown POST would answer 405 instead of 404) and
//! knows nothing of the export's `page.html` and client-routed fallbacks.
//!
//! Every answer carries the browser hardening headers of [`crate::csp`],
//! and every page its own `Content-Security-Policy`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;

use warp::filters::path::{FullPath, Tail};
use warp::filters::BoxedFilter;
use warp::http::{header, HeaderValue, Response, StatusCode};
use warp::hyper::Body;
use warp::{Filter, Rejection, Reply};

use crate::csp::{self, PageHashes};

/// Where the export's files come from. Paths are relative to the export's
/// root (`index.html`, `_next/static/…`), already checked by the caller
/// (no `..`, no separators inside a segment).
#[async_trait]
pub trait WebFiles: Send + Sync + 'static {
    /// The bytes of the file at `path`, if it is a file.
    async fn read(&self, path: &Path) -> Option<Vec<u8>>;
    /// Whether `path` is a file.
    async fn is_file(&self, path: &Path) -> bool;
    /// Whether `path` is a folder.
    async fn is_dir(&self, path: &Path) -> bool;
    /// Every HTML page with its text (read once, for the pages' policies).
    fn pages(&self) -> Vec<(PathBuf, String)>;
}

/// The export in a directory on disk (`--web-dir`).
#[derive(Debug, Clone)]
pub struct DirFiles(PathBuf);

impl DirFiles {
    /// The files under `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Self(dir)
    }
}

#[async_trait]
impl WebFiles for DirFiles {
    async fn read(&self, path: &Path) -> Option<Vec<u8>> {
        let full = self.0.join(path);
        if !tokio::fs::metadata(&full).await.ok()?.is_file() {
            return None;
        }
        tokio::fs::read(full).await.ok()
    }

    async fn is_file(&self, path: &Path) -> bool {
        tokio::fs::metadata(self.0.join(path))
            .await
            .is_ok_and(|m| m.is_file())
    }

    async fn is_dir(&self, path: &Path) -> bool {
        tokio::fs::metadata(self.0.join(path))
            .await
            .is_ok_and(|m| m.is_dir())
    }

    fn pages(&self) -> Vec<(PathBuf, String)> {
        csp::html_pages_under(&self.0)
    }
}

/// The web files and what their pages' policy needs.
struct Site {
    files: Arc<dyn WebFiles>,
    hashes: PageHashes,
    origins: Vec<String>,
}

/// `GET /` → `/app/`; `GET /app/...` → the files of the export in `dir`.
pub fn web_app(dir: PathBuf) -> BoxedFilter<(Box<dyn Reply>,)> {
    web_app_for(dir, Vec::new())
}

/// [`web_app`] whose pages may also connect to `origins` (the configured
/// allowed origins, and their WebSockets).
pub fn web_app_for(dir: PathBuf, origins: Vec<String>) -> BoxedFilter<(Box<dyn Reply>,)> {
    web_app_from(Arc::new(DirFiles::new(dir)), origins)
}

/// [`web_app_for`] over any source of files (e.g. built into the binary).
pub fn web_app_from(
    files: Arc<dyn WebFiles>,
    origins: Vec<String>,
) -> BoxedFilter<(Box<dyn Reply>,)> {
    let hashes = PageHashes::from_pages(files.pages());
    let dir = Arc::new(Site {
        files,
        hashes,
        origins,
    });
    let root = warp::path::end()
        .and(get_or_head())
        .map(|| redirect("/app/"));
    let app = warp::path("app")
        .and(warp::path::tail())
        .and(warp::path::full())
        .and(get_or_head())
        .and(warp::any().map(move || Arc::clone(&dir)))
        .and(warp::header::optional::<String>("host"))
        .then(
            |tail: Tail, full: FullPath, site: Arc<Site>, host: Option<String>| async move {
                if full.as_str() == "/app" {
                    return redirect("/app/");
                }
                let page = Page {
                    site: &site,
                    host: host.as_deref(),
                };
                serve(page, tail.as_str()).await
            },
        );
    root.or(app).unify().boxed()
}

fn get_or_head() -> impl Filter<Extract = (), Error = Rejection> + Clone {
    warp::get().or(warp::head()).unify()
}

fn redirect(location: &'static str) -> Box<dyn Reply> {
    let reply = warp::reply::with_header(
        warp::reply::with_status(warp::reply(), StatusCode::FOUND),
        header::LOCATION,
        location,
    );
    Box::new(reply)
}

/// What answering one request needs: the site, and the `Host` asked for
/// (the page's WebSocket is on it).
#[derive(Clone, Copy)]
struct Page<'a> {
    site: &'a Site,
    host: Option<&'a str>,
}

/// The file for `tail` (the path after `/app/`), or a fallback page.
async fn serve(page: Page<'_>, tail: &str) -> Box<dyn Reply> {
    let files = &*page.site.files;
    let Some(segments) = decode_segments(tail) else {
        return not_found(page).await;
    };
    for candidate in candidates(Path::new(""), &segments) {
        if let Some(response) = file_response(page, &candidate, StatusCode::OK).await {
            return response;
        }
    }
    if is_client_route(files, &segments).await {
        let index = PathBuf::from("index.html");
        if let Some(response) = file_response(page, &index, StatusCode::OK).await {
            return response;
        }
    }
    not_found(page).await
}

/// Percent-decoded path segments; `None` for anything that could leave
/// the directory (`..`, separators, NUL) or is not UTF-8.
fn decode_segments(tail: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for raw in tail.split('/') {
        let segment = percent_decode(raw)?;
        let bad = segment == ".."
            || segment == "."
            || segment.contains(['/', '\\', '\0'])
            || segment.starts_with('~');
        if bad {
            return None;
        }
        out.push(segment);
    }
    // A trailing slash leaves one empty segment: it asks for the index.
    Some(out)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Where the export may keep the page for these segments: the file
/// itself, `<path>.html`, or `<path>/index.html`.
fn candidates(dir: &Path, segments: &[String]) -> Vec<PathBuf> {
    let named: Vec<&String> = segments.iter().filter(|s| !s.is_empty()).collect();
    let mut base = dir.to_path_buf();
    for s in &named {
        base.push(s);
    }
    let wants_index = segments.last().is_none_or(|s| s.is_empty());
    if wants_index {
        return vec![base.join("index.html")];
    }
    let mut html = base.clone().into_os_string();
    html.push(".html");
    vec![base.clone(), PathBuf::from(html), base.join("index.html")]
}

/// A path under a page folder of the client (`/app/invite/<code>`): the
/// client routes it itself, from `index.html`.
async fn is_client_route(files: &dyn WebFiles, segments: &[String]) -> bool {
    let Some(first) = segments.first().filter(|s| !s.is_empty() && *s != "_next") else {
        return false;
    };
    if segments.len() < 2 {
        return false;
    }
    files.is_dir(Path::new(first)).await || files.is_file(Path::new(&format!("{first}.html"))).await
}

async fn not_found(page: Page<'_>) -> Box<dyn Reply> {
    let missing = PathBuf::from("404.html");
    if let Some(response) = file_response(page, &missing, StatusCode::NOT_FOUND).await {
        return response;
    }
    let html = "<!doctype html><title>Not found</title><h1>Not found</h1>";
    let mut response = Response::new(Body::from(html));
    *response.status_mut() = StatusCode::NOT_FOUND;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    harden(page, headers, &[]);
    Box::new(response)
}

/// The hardening headers, and for a page its policy.
fn harden(page: Page<'_>, headers: &mut warp::http::HeaderMap, script_hashes: &[String]) {
    csp::add_common_headers(headers);
    let policy = csp::policy(script_hashes, page.host, &page.site.origins);
    if let Ok(v) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
}

/// The file's bytes with its type, caching and hardening headers, if it
/// is a file.
async fn file_response(page: Page<'_>, path: &Path, status: StatusCode) -> Option<Box<dyn Reply>> {
    let bytes = page.site.files.read(path).await?;
    let script_hashes = if csp::is_html(path) {
        page.site.hashes.of(path, &bytes)
    } else {
        Vec::new()
    };
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ if mime.subtype() == "javascript" || mime.subtype() == "json" => {
            format!("{mime}; charset=utf-8")
        }
        _ => mime.to_string(),
    };
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, cache_control(path));
    harden(page, headers, &script_hashes);
    Some(Box::new(response))
}

/// Hashed build assets never change; pages must be revalidated.
fn cache_control(path: &Path) -> HeaderValue {
    let hashed = path.components().any(|c| c.as_os_str() == "_next")
        && path.components().any(|c| c.as_os_str() == "static");
    if hashed {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("no-cache")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_bad_escapes_are_refused() {
        assert!(decode_segments("../etc/passwd").is_none());
        assert!(decode_segments("a/%2e%2e/b").is_none());
        assert!(decode_segments("a%2fb").is_none());
        assert!(decode_segments("a%zz").is_none());
        assert_eq!(decode_segments("a%20b/c").unwrap(), vec!["a b", "c"]);
    }

    #[test]
    fn candidates_follow_the_export_layout() {
        let dir = Path::new("/w");
        let seg = |s: &str| decode_segments(s).unwrap();
        assert_eq!(
            candidates(dir, &seg("")),
            vec![PathBuf::from("/w/index.html")]
        );
        assert_eq!(
            candidates(dir, &seg("login")),
            vec![
                PathBuf::from("/w/login"),
                PathBuf::from("/w/login.html"),
                PathBuf::from("/w/login/index.html")
            ]
        );
        assert_eq!(
            candidates(dir, &seg("settings/")),
            vec![PathBuf::from("/w/settings/index.html")]
        );
    }
}
