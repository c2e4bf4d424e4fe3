//! The optional sign-up challenge: `GET /auth/signup-challenge` hands out
//! an ALTCHA challenge (204 when off); `POST /auth/signup` then needs its
//! solution in `altcha` (422 on `altcha` when missing, malformed, forged,
//! wrong, expired or used twice), and a refused sign-up creates nothing.

mod common;

use std::time::Duration;

use base64::Engine as _;
use common::{TestApp, PASSWORD};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Solves a challenge the way the web client's worker does: numbers from
/// 0 until one hashes to the challenge.
fn solve(challenge: &Value) -> u64 {
    let salt = challenge["salt"].as_str().unwrap();
    let target = challenge["challenge"].as_str().unwrap();
    let max = challenge["maxnumber"].as_u64().unwrap();
    (0..=max)
        .find(|n| sha256_hex(&format!("{salt}{n}")) == target)
        .expect("a solution within maxnumber")
}

fn payload(challenge: &Value, number: u64) -> String {
    let solution = json!({
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
    });
    base64::engine::general_purpose::STANDARD.encode(solution.to_string())
}

async fn challenge(app: &TestApp) -> Value {
    let a = app.call("GET", "/auth/signup-challenge", None, None).await;
    a.expect(200, "");
    a.body
}

async fn signup(app: &TestApp, name: &str, altcha: Option<String>) -> common::Answer {
    let mut body = json!({"username": name, "password": PASSWORD});
    if let Some(text) = altcha {
        body["altcha"] = json!(text);
    }
    app.call("POST", "/auth/signup", None, Some(body)).await
}

#[tokio::test]
async fn with_the_challenge_off_there_is_none_and_sign_up_is_as_before() {
    let app = TestApp::new();
    let a = app.call("GET", "/auth/signup-challenge", None, None).await;
    a.expect(204, "");
    signup(&app, "alice", None).await.expect(201, "");
    // A stray solution is ignored.
    signup(&app, "bob", Some("garbage".into()))
        .await
        .expect(201, "");
}

#[tokio::test]
async fn a_challenge_has_the_altcha_shape_and_a_solved_one_signs_up_once() {
    let app = TestApp::with_signup_challenge(2_000);
    let c = challenge(&app).await;
    assert_eq!(c["algorithm"], "SHA-256");
    assert_eq!(c["maxnumber"], 2_000);
    assert_eq!(c["challenge"].as_str().unwrap().len(), 64, "{c}");
    assert!(c["salt"].as_str().unwrap().contains("?expires="), "{c}");
    assert!(c["signature"].as_str().unwrap().len() >= 64, "{c}");
    assert_ne!(
        challenge(&app).await["challenge"],
        c["challenge"],
        "fresh each time"
    );

    let solved = payload(&c, solve(&c));
    signup(&app, "alice", Some(solved.clone()))
        .await
        .expect(201, "");
    let again = signup(&app, "bob", Some(solved)).await;
    again.expect(422, "validation_failed");
    assert_eq!(again.field(), "altcha");
    app.call(
        "POST",
        "/auth/login",
        None,
        Some(json!({"username": "bob", "password": PASSWORD})),
    )
    .await
    .expect(401, "unauthenticated");
}

#[tokio::test]
async fn missing_malformed_forged_wrong_or_expired_solutions_are_422_on_altcha() {
    let app = TestApp::with_signup_challenge(2_000);
    let c = challenge(&app).await;
    let number = solve(&c);
    let forged = {
        let mut f = c.clone();
        f["signature"] = json!("00".repeat(32));
        payload(&f, number)
    };
    let other_salt = {
        // The right signature on a challenge with another salt: the
        // number no longer hashes to the challenge.
        let mut f = c.clone();
        f["salt"] = json!(format!("{}x", c["salt"].as_str().unwrap()));
        payload(&f, number)
    };
    let wrong_algorithm = {
        let mut f = c.clone();
        f["algorithm"] = json!("SHA-1");
        payload(&f, number)
    };
    let cases: Vec<(&str, Option<String>)> = vec![
        ("missing", None),
        ("not base64", Some("%%%".into())),
        (
            "not the payload",
            Some(base64::engine::general_purpose::STANDARD.encode("[1,2]")),
        ),
        ("forged", Some(forged)),
        ("another salt", Some(other_salt)),
        ("wrong number", Some(payload(&c, number + 1))),
        ("wrong algorithm", Some(wrong_algorithm)),
    ];
    for (what, altcha) in cases {
        let a = signup(&app, "alice", altcha).await;
        a.expect(422, "validation_failed");
        assert_eq!(a.field(), "altcha", "{what}: {}", a.body);
    }
    // Still unused after all that: it works, once, before it expires.
    app.advance(Duration::from_secs(11 * 60));
    let late = signup(&app, "alice", Some(payload(&c, number))).await;
    late.expect(422, "validation_failed");
    assert!(
        late.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired"),
        "{}",
        late.body
    );
    let fresh = challenge(&app).await;
    signup(&app, "alice", Some(payload(&fresh, solve(&fresh))))
        .await
        .expect(201, "");
}

#[tokio::test]
async fn other_field_errors_come_first_and_do_not_spend_the_solution() {
    let app = TestApp::with_signup_challenge(2_000);
    let c = challenge(&app).await;
    let solved = payload(&c, solve(&c));
    let body = json!({"username": "a", "password": PASSWORD, "altcha": solved});
    let a = app.call("POST", "/auth/signup", None, Some(body)).await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "username");
    signup(&app, "alice", Some(solved)).await.expect(201, "");
}
