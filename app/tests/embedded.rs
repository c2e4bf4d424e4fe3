//! `--features embedded-web`: one file serves the API and the web client
//! (built into it from `web/out`), from any working directory and without
//! `--web-dir`; `--web-dir` still overrides it. Run by scripts/test after
//! the web build:
//! `cargo test -p chat-server --features embedded-web --test embedded`.
#![cfg(feature = "embedded-web")]

mod common;

use common::TestServer;

#[tokio::test]
async fn the_binary_serves_its_built_in_client_with_its_security_headers() {
    let data_dir = tempfile::tempdir().unwrap();
    let app = TestServer::start_with(data_dir, vec!["--storage".into(), "memory".into()]);
    let page = app.http.get(app.url("/app/")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("script-src 'self' 'sha256-"), "{csp}");
    let html = page.text().await.unwrap();
    assert!(
        html.contains("/app/_next/static/"),
        "the export's index page"
    );

    let worker = app
        .http
        .get(app.url("/app/altcha-worker.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(worker.status(), 200);
    let kind = worker.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        kind.starts_with("text/javascript") || kind.starts_with("application/javascript"),
        "{kind}"
    );

    // A client-routed page falls back to the index; a missing file is 404.
    let routed = app
        .http
        .get(app.url("/app/invite/abc"))
        .send()
        .await
        .unwrap();
    assert_eq!(routed.status(), 200);
    let missing = app
        .http
        .get(app.url("/app/nothing-here.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let api = app.http.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(api.status(), 200, "the API on the same port");
}

#[tokio::test]
async fn web_dir_still_overrides_the_built_in_client() {
    let data_dir = tempfile::tempdir().unwrap();
    let web = tempfile::tempdir().unwrap();
    std::fs::write(
        web.path().join("index.html"),
        "<!doctype html><p>override</p>",
    )
    .unwrap();
    let args = vec![
        "--storage".into(),
        "memory".into(),
        "--web-dir".into(),
        web.path().display().to_string(),
    ];
    let app = TestServer::start_with(data_dir, args);
    let page = app.http.get(app.url("/app/")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("override"));
}
