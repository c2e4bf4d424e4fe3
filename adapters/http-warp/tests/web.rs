//! The static web client under `/app/`.

use std::fs;
use std::path::Path;

use warp::Filter;

fn export() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("index.html"), "home").unwrap();
    fs::write(p.join("404.html"), "missing").unwrap();
    fs::write(p.join("login.html"), "login").unwrap();
    fs::write(p.join("invite.html"), "invite page").unwrap();
    fs::create_dir_all(p.join("settings")).unwrap();
    fs::write(p.join("settings/index.html"), "settings").unwrap();
    fs::create_dir_all(p.join("_next/static/chunks")).unwrap();
    fs::write(p.join("_next/static/chunks/app.js"), "js").unwrap();
    dir
}

async fn get(dir: &Path, method: &str, path: &str) -> (u16, String, warp::http::HeaderMap) {
    let filter = chat_http::web_app(dir.to_path_buf()).recover(chat_http::handle_rejection);
    let res = warp::test::request()
        .method(method)
        .path(path)
        .reply(&filter)
        .await;
    let body = String::from_utf8_lossy(res.body()).into_owned();
    (res.status().as_u16(), body, res.headers().clone())
}

#[tokio::test]
async fn the_root_and_app_redirect_to_app_slash() {
    let dir = export();
    for path in ["/", "/app"] {
        let (status, _, headers) = get(dir.path(), "GET", path).await;
        assert_eq!(status, 302, "{path}");
        assert_eq!(headers["location"], "/app/");
    }
}

#[tokio::test]
async fn pages_are_found_as_files_html_or_index() {
    let dir = export();
    let cases = [
        ("/app/", "home"),
        ("/app/login", "login"),
        ("/app/login.html", "login"),
        ("/app/settings", "settings"),
        ("/app/settings/", "settings"),
    ];
    for (path, body) in cases {
        let (status, text, headers) = get(dir.path(), "GET", path).await;
        assert_eq!((status, text.as_str()), (200, body), "{path}");
        assert_eq!(headers["content-type"], "text/html; charset=utf-8");
        assert_eq!(headers["cache-control"], "no-cache");
    }
}

#[tokio::test]
async fn build_assets_are_cached_for_good() {
    let dir = export();
    let (status, text, headers) = get(dir.path(), "GET", "/app/_next/static/chunks/app.js").await;
    assert_eq!((status, text.as_str()), (200, "js"));
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn client_routes_fall_back_to_the_app_and_the_rest_to_404_html() {
    let dir = export();
    let (status, text, _) = get(dir.path(), "GET", "/app/invite/AbCdEf123").await;
    assert_eq!((status, text.as_str()), (200, "home"));
    let (status, text, _) = get(dir.path(), "GET", "/app/settings/unknown").await;
    assert_eq!((status, text.as_str()), (200, "home"));
    for path in [
        "/app/nothing/here",
        "/app/nothing",
        "/app/_next/static/none.js",
        "/app/..%2fsecret.txt",
        "/app/%2e%2e/secret.txt",
    ] {
        let (status, text, _) = get(dir.path(), "GET", path).await;
        assert_eq!((status, text.as_str()), (404, "missing"), "{path}");
    }
}

#[tokio::test]
async fn other_methods_on_app_paths_are_405_and_other_paths_404() {
    let dir = export();
    let (status, body, _) = get(dir.path(), "POST", "/app/login").await;
    assert_eq!(status, 405);
    assert!(body.contains("method_not_allowed"));
    let (status, body, _) = get(dir.path(), "GET", "/elsewhere").await;
    assert_eq!(status, 404);
    assert!(body.contains("not_found"));
}

#[tokio::test]
async fn a_missing_export_answers_a_plain_404_page() {
    let dir = tempfile::tempdir().unwrap();
    let (status, body, _) = get(&dir.path().join("absent"), "GET", "/app/").await;
    assert_eq!(status, 404);
    assert!(body.contains("Not found"));
}

#[tokio::test]
async fn pages_carry_a_policy_that_allows_only_their_own_inline_scripts() {
    let dir = export();
    let page = "<html><script src=\"/app/_next/a.js\"></script><script>alert(1)</script></html>";
    fs::write(dir.path().join("scripted.html"), page).unwrap();
    // Loaded after the page exists: the hash is computed at load.
    let (status, _, headers) = get(dir.path(), "GET", "/app/scripted").await;
    assert_eq!(status, 200);
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
        "{csp}"
    );
    assert!(!csp.contains("'unsafe-inline' ;") && !csp.contains("script-src 'self' 'unsafe"));
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("connect-src 'self'"), "{csp}");
}

#[tokio::test]
async fn every_answer_under_app_carries_the_hardening_headers() {
    let dir = export();
    for path in ["/app/", "/app/_next/static/chunks/app.js", "/app/nowhere"] {
        let (_, _, headers) = get(dir.path(), "GET", path).await;
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert!(headers.contains_key("permissions-policy"), "{path}");
    }
}

#[tokio::test]
async fn configured_origins_and_their_websockets_may_be_connected_to() {
    let dir = export();
    let origins = vec!["https://chat.example".to_owned()];
    let filter = chat_http::web_app_for(dir.path().to_path_buf(), origins);
    let res = warp::test::request()
        .path("/app/")
        .header("host", "127.0.0.1:8080")
        .reply(&filter)
        .await;
    let csp = res.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("connect-src 'self' ws://127.0.0.1:8080 wss://127.0.0.1:8080 https://chat.example wss://chat.example"),
        "{csp}"
    );
}
