//! The attack suite: each finding of the security review, replayed against
//! the real binary with its limits on. Every attack is bounded in time and
//! sent only to 127.0.0.0/8; the attacker's sockets come from 127.0.0.2,
//! the victim's from 127.0.0.1, so per-address limits can tell them apart.

mod common;

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use common::{token, Store, TestServer};
use futures::future::join_all;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PASSWORD: &str = "correct horse battery";
const ATTACKER: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
/// Far above every timeout under test: an attack that is not stopped
/// fails the test instead of hanging it.
const BOUND: Duration = Duration::from_secs(30);

/// The binary with its limits on (the default), on `store`.
async fn limited(store: Store) -> TestServer {
    let data_dir = tempfile::tempdir().unwrap();
    let args = common::store_args(store, &data_dir).await;
    TestServer::start_with(data_dir, args)
}

/// A client whose connections come from the attacker's address.
fn attacker() -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(ATTACKER)
        .build()
        .unwrap()
}

async fn post(client: &reqwest::Client, url: String, body: Value) -> reqwest::Response {
    client.post(url).json(&body).send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_200_concurrent_wrong_logins_gets_at_most_5_evaluations_and_no_lock_out() {
    let app = limited(Store::Memory).await;
    app.signup("alice").await;
    let client = attacker();
    let wrong = json!({"username": "alice", "password": "wrong password"});
    let burst = (0..200).map(|_| post(&client, app.url("/auth/login"), wrong.clone()));
    let answers = tokio::time::timeout(BOUND, join_all(burst)).await.unwrap();
    let mut evaluated = 0;
    for a in &answers {
        match a.status().as_u16() {
            401 => evaluated += 1,
            429 => assert!(a.headers().contains_key("retry-after")),
            other => panic!("unexpected status {other}"),
        }
    }
    assert!(evaluated <= 5, "{evaluated} of 200 were evaluated");
    // The owner, from their own address, still gets in.
    app.login("alice").await;
}

#[tokio::test]
async fn a_password_over_1_kib_is_refused_without_hashing() {
    let app = limited(Store::Memory).await;
    let body = json!({"username": "alice", "password": "x".repeat(1025)});
    let (status, answer) = app.call("POST", "/auth/login", None, Some(body)).await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["error"]["details"]["field"], "password");
}

#[tokio::test]
async fn a_half_sent_request_head_is_closed_within_the_head_timeout() {
    let app = limited(Store::Memory).await;
    let addr = app.base.trim_start_matches("http://").parse().unwrap();
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind((ATTACKER, 0).into()).unwrap();
    let mut stream = socket.connect(addr).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: x\r\nx-slow: ")
        .await
        .unwrap();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(BOUND, stream.read_to_end(&mut rest)).await;
    assert!(closed.is_ok(), "the half-sent head kept its connection");
    assert!(!String::from_utf8_lossy(&rest).contains("200"));
}

#[tokio::test]
async fn a_pooling_client_keeps_working_across_many_requests() {
    let app = limited(Store::Memory).await;
    let client = reqwest::Client::new();
    for _ in 0..30 {
        let res = client.get(app.url("/healthz")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_message_flood_is_refused_with_retry_after_and_others_are_unaffected() {
    let app = limited(Store::Memory).await;
    let owner = token(&app.signup("owner").await);
    let flooder = token(&app.signup("flooder").await);
    let (server, channel) = app.create_server(&owner, "Town").await;
    app.invite_and_join(&owner, &server, &flooder).await;
    let url = app.url(&format!("/channels/{channel}/messages"));
    let mut statuses = Vec::new();
    let mut refused = None;
    for i in 0..20 {
        let res = app
            .http
            .post(&url)
            .bearer_auth(&flooder)
            .json(&json!({"content": format!("spam {i}")}))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
        if res.status() == 429 && refused.is_none() {
            let retry_after = res.headers()["retry-after"].to_str().unwrap().to_owned();
            let body: Value = res.json().await.unwrap();
            refused = Some((retry_after, body));
        }
    }
    let created = statuses.iter().filter(|s| **s == 201).count();
    assert!((5..=7).contains(&created), "{statuses:?}");
    let (retry_after, body) = refused.expect("a 429");
    assert!(retry_after.parse::<u64>().unwrap() >= 1);
    assert_eq!(body["error"]["code"], "rate_limited");
    assert!(body["error"]["details"]["retry_after_ms"]
        .as_u64()
        .is_some());
    // The owner still writes in that channel.
    let body = json!({"content": "hello"});
    let (status, _) = app
        .call(
            "POST",
            &format!("/channels/{channel}/messages"),
            Some(&owner),
            Some(body),
        )
        .await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn sign_ups_from_one_address_are_capped() {
    let app = limited(Store::Memory).await;
    let client = attacker();
    let burst = (0..60).map(|i| {
        let body = json!({"username": format!("bot{i}"), "password": PASSWORD});
        post(&client, app.url("/auth/signup"), body)
    });
    let answers = tokio::time::timeout(BOUND, join_all(burst)).await.unwrap();
    let created = answers.iter().filter(|a| a.status() == 201).count();
    assert!(created <= 30, "{created} accounts from one address");
    assert!(answers
        .iter()
        .all(|a| a.status() == 201 || a.status() == 429));
}

/// NUL and other control characters are refused in every text field with
/// 422 naming the field, on every store; everything else is stored exactly.
async fn control_characters_are_refused_the_same_way(store: Store) {
    let app = limited(store).await;
    let owner = token(&app.signup("owner").await);
    let (server, channel) = app.create_server(&owner, "Town").await;
    let cases = [
        (
            "POST",
            format!("/channels/{channel}/messages"),
            json!({"content": "a\u{0}b"}),
            "content",
        ),
        (
            "POST",
            format!("/channels/{channel}/messages"),
            json!({"content": "a\u{1b}[2Jb"}),
            "content",
        ),
        (
            "PATCH",
            "/me".to_owned(),
            json!({"display_name": "x\u{7}y"}),
            "display_name",
        ),
        ("PATCH", "/me".to_owned(), json!({"bio": "a\u{0}"}), "bio"),
        (
            "POST",
            "/servers".to_owned(),
            json!({"name": "a\u{0}b"}),
            "name",
        ),
        (
            "PUT",
            format!("/servers/{server}"),
            json!({"description": "a\u{85}b"}),
            "description",
        ),
        (
            "POST",
            format!("/servers/{server}/channels"),
            json!({"name": "a\u{0}"}),
            "name",
        ),
        (
            "PUT",
            format!("/channels/{channel}"),
            json!({"topic": "a\u{0}b"}),
            "topic",
        ),
    ];
    for (method, path, body, field) in cases {
        let (status, answer) = app
            .call(method, &path, Some(&owner), Some(body.clone()))
            .await;
        assert_eq!(status, 422, "{method} {path} {body}: {answer}");
        assert_eq!(answer["error"]["details"]["field"], field, "{answer}");
    }
    let text = "line one\nline two\r\n\ttabbed 👩🏽‍💻 \u{202e}rtl\u{202c}";
    let body = json!({"content": text});
    let (status, message) = app
        .call(
            "POST",
            &format!("/channels/{channel}/messages"),
            Some(&owner),
            Some(body),
        )
        .await;
    assert_eq!(status, 201, "{message}");
    assert_eq!(message["content"], text);
    let (status, me) = app
        .call("PATCH", "/me", Some(&owner), Some(json!({"bio": text})))
        .await;
    assert_eq!((status, me["bio"].as_str()), (200, Some(text)));
}

#[tokio::test]
async fn control_characters_are_refused_on_memory() {
    control_characters_are_refused_the_same_way(Store::Memory).await;
}

#[tokio::test]
async fn control_characters_are_refused_on_sqlite() {
    control_characters_are_refused_the_same_way(Store::Sqlite).await;
}

#[tokio::test]
async fn control_characters_are_refused_on_postgres() {
    control_characters_are_refused_the_same_way(Store::Postgres).await;
}

#[tokio::test]
async fn control_characters_are_refused_on_mongo() {
    control_characters_are_refused_the_same_way(Store::Mongo).await;
}

#[tokio::test]
async fn pages_of_the_web_client_carry_the_browser_hardening_headers() {
    let web = tempfile::tempdir().unwrap();
    std::fs::write(web.path().join("index.html"), "<script>boot()</script>").unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let args = vec![
        "--storage".to_owned(),
        "memory".to_owned(),
        "--web-dir".to_owned(),
        web.path().display().to_string(),
    ];
    let app = TestServer::start_with(data_dir, args);
    let res = app.http.get(app.url("/app/")).send().await.unwrap();
    let csp = res.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("'sha256-"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
}
