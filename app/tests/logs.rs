//! `--log-format json`: the binary writes one JSON object per line to
//! stderr, and a request's line keeps its request id.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

#[tokio::test]
async fn json_logs_are_json_lines_that_keep_the_request_id() {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_chat-server"))
        .args(["--listen", "127.0.0.1:0", "--storage", "memory"])
        .args(["--log-format", "json", "--data-dir"])
        .arg(data.path())
        .env("RUST_LOG", "info")
        .env_remove("CHAT_JWT_SECRET")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the chat-server binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = format!("http://{}", common::listening_address(&line));
    let answer = reqwest::Client::new()
        .get(format!("{base}/healthz"))
        .header("x-request-id", "trace-me-42")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    let request = lines
        .iter()
        .find(|l| l["fields"]["message"] == "request" && l["fields"]["path"] == "/healthz")
        .unwrap_or_else(|| panic!("no request line in {stderr}"));
    assert_eq!(request["span"]["id"], "trace-me-42", "{request}");
}
