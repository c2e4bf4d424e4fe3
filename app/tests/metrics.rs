//! `--metrics-listen`: Prometheus text on a separate address, parsed by a
//! Prometheus text parser; the public port does not serve it.

mod common;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};

struct Server(Child, #[allow(dead_code)] tempfile::TempDir);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn start(metrics: &str) -> (Server, String) {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("chat.db").display().to_string();
    start_on(metrics, data, "sqlite", &db)
}

fn start_on(
    metrics: &str,
    data: tempfile::TempDir,
    storage: &str,
    database_url: &str,
) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chat-server"))
        .args(["--listen", "127.0.0.1:0", "--storage", storage])
        .args(["--database-url", database_url])
        .args([
            "--rate-limits",
            "off",
            "--metrics-listen",
            metrics,
            "--data-dir",
        ])
        .arg(data.path())
        .env("RUST_LOG", "warn")
        .env_remove("CHAT_JWT_SECRET")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the chat-server binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = format!("http://{}", common::listening_address(&line));
    (Server(child, data), base)
}

fn value(scrape: &prometheus_parse::Scrape, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    scrape
        .samples
        .iter()
        .find(|s| s.metric == name && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .map(|s| match &s.value {
            prometheus_parse::Value::Counter(v)
            | prometheus_parse::Value::Gauge(v)
            | prometheus_parse::Value::Untyped(v) => *v,
            prometheus_parse::Value::Histogram(buckets) => buckets.last().map_or(0.0, |b| b.count),
            prometheus_parse::Value::Summary(_) => 0.0,
        })
}

async fn sign_up(http: &reqwest::Client, base: &str) {
    let signup = http
        .post(format!("{base}/auth/signup"))
        .json(&serde_json::json!({"username": "metered", "password": "correct horse battery"}))
        .send()
        .await
        .unwrap();
    assert_eq!(signup.status(), 201);
}

/// The metrics text and its parse.
async fn scrape(http: &reqwest::Client, addr: &str) -> (String, prometheus_parse::Scrape) {
    let text = http
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let lines = text.lines().map(|l| Ok(l.to_owned()));
    let scrape = prometheus_parse::Scrape::parse(lines).expect("Prometheus text");
    (text, scrape)
}

#[tokio::test]
async fn metrics_are_prometheus_text_on_their_own_address() {
    let port = free_port();
    let metrics_addr = format!("127.0.0.1:{port}");
    let (_server, base) = start(&metrics_addr);
    let http = reqwest::Client::new();
    sign_up(&http, &base).await;
    let missing = http
        .get(format!("{base}/servers/{}", uuid::Uuid::now_v7()))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 401);
    let public = http.get(format!("{base}/metrics")).send().await.unwrap();
    assert_eq!(public.status(), 404, "never on the public port");

    let (text, scrape) = scrape(&http, &metrics_addr).await;
    let signups = value(
        &scrape,
        "chat_http_requests_total",
        &[
            ("route", "/auth/signup"),
            ("method", "POST"),
            ("status", "201"),
        ],
    );
    assert_eq!(signups, Some(1.0), "{text}");
    let by_template = value(
        &scrape,
        "chat_http_requests_total",
        &[("route", "/servers/:id"), ("status", "401")],
    );
    assert_eq!(by_template, Some(1.0), "{text}");
    let latency = value(
        &scrape,
        "chat_http_request_duration_seconds",
        &[("route", "/auth/signup")],
    );
    assert_eq!(latency, Some(1.0), "one observation: {text}");
    for gauge in [
        "chat_ws_open_sockets",
        "chat_ws_identified_sessions",
        "chat_ws_resumable_sessions",
    ] {
        assert_eq!(value(&scrape, gauge, &[]), Some(0.0), "{gauge}: {text}");
    }
    // Store calls by operation (the store method), and the password
    // hashing queue, empty again once the sign-up is answered.
    let lookups = value(
        &scrape,
        "chat_store_call_duration_seconds",
        &[("store", "sqlite"), ("operation", "user_by_username")],
    );
    assert!(lookups.is_some_and(|n| n >= 1.0), "{text}");
    let inserts = value(
        &scrape,
        "chat_store_call_duration_seconds",
        &[("store", "sqlite"), ("operation", "insert_user")],
    );
    assert_eq!(inserts, Some(1.0), "{text}");
    assert_eq!(
        value(&scrape, "chat_hasher_queue_depth", &[]),
        Some(0.0),
        "{text}"
    );
}

#[tokio::test]
async fn mongo_store_calls_are_timed_by_command_and_collection() {
    let port = free_port();
    let metrics_addr = format!("127.0.0.1:{port}");
    let data = tempfile::tempdir().unwrap();
    let (_server, base) = start_on(&metrics_addr, data, "mongo", &common::fresh_mongo());
    let http = reqwest::Client::new();
    sign_up(&http, &base).await;
    let (text, scrape) = scrape(&http, &metrics_addr).await;
    let inserts = value(
        &scrape,
        "chat_store_call_duration_seconds",
        &[("store", "mongo"), ("operation", "insert users")],
    );
    assert_eq!(inserts, Some(1.0), "{text}");
}

#[test]
fn the_public_port_is_refused_for_metrics() {
    let port = free_port();
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_chat-server"))
        .args(["--storage", "memory", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--metrics-listen")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--data-dir")
        .arg(data.path())
        .env_remove("CHAT_JWT_SECRET")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("must not be the public port"), "{err}");
}
