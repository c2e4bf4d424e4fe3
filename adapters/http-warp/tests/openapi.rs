//! The OpenAPI document, the route table and the real filter agree: every
//! route has its operation, every operation its route, and each answers.

mod common;

use std::collections::BTreeSet;

use chat_http::{openapi_json, ROUTES};
use common::TestApp;
use serde_json::Value;

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

fn document() -> Value {
    openapi_json().expect("docs/openapi.yaml parses")
}

fn operations(doc: &Value) -> BTreeSet<(String, String)> {
    let mut ops = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (key, _) in item.as_object().unwrap() {
            let method = key.to_uppercase();
            if METHODS.contains(&method.as_str()) {
                ops.insert((method, path.clone()));
            }
        }
    }
    ops
}

/// A concrete path for a template: ids become fresh UUIDs.
fn concrete(template: &str) -> String {
    template
        .replace("{id}", &common::nobody())
        .replace("{user_id}", &common::nobody())
        .replace("{code}", "NoSuchCode1")
        .replace("{file}", "0123456789abcdef0123456789abcdef.png")
}

#[test]
fn the_document_is_openapi_3_1() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["components"]["securitySchemes"]["bearerAuth"].is_object());
}

#[test]
fn every_route_has_its_operation_and_every_operation_its_route() {
    let table: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(table.len(), ROUTES.len(), "duplicate entries in ROUTES");
    let documented = operations(&document());
    let undocumented: Vec<_> = table.difference(&documented).collect();
    let unrouted: Vec<_> = documented.difference(&table).collect();
    assert!(
        undocumented.is_empty(),
        "routes without an operation: {undocumented:?}"
    );
    assert!(
        unrouted.is_empty(),
        "operations without a route: {unrouted:?}"
    );
}

#[test]
fn every_reference_resolves() {
    let doc = document();
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external ref {r}"));
        assert!(doc.pointer(pointer).is_some(), "dangling {r}");
    }
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(s)) => out.push(s.clone()),
                    _ => collect_refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_refs(i, out)),
        _ => {}
    }
}

#[test]
fn every_operation_documents_success_and_secured_ones_401() {
    let doc = document();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if !METHODS.contains(&method.to_uppercase().as_str()) {
                continue;
            }
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|k| k.starts_with('2')),
                "{method} {path}: no 2xx"
            );
            // Public: no security, or a token that is optional (`- {}`).
            let public = op["security"].as_array().is_some_and(|s| {
                s.is_empty()
                    || s.iter()
                        .any(|r| r.as_object().is_some_and(|o| o.is_empty()))
            });
            if !public {
                assert!(responses.contains_key("401"), "{method} {path}: no 401");
            }
            assert!(
                op["operationId"].is_string(),
                "{method} {path}: no operationId"
            );
        }
    }
}

#[tokio::test]
async fn every_route_in_the_table_answers_on_the_real_filter() {
    let app = TestApp::new();
    for (method, template) in ROUTES {
        let a = app.call(method, &concrete(template), None, None).await;
        // A public route may say its (made-up) resource is not found; only
        // the router's own "route not found" means the route is missing.
        let missing_route = a.status == 404 && a.body["error"]["message"] == "route not found";
        assert!(
            !missing_route && a.status != 405,
            "{method} {template} answered {} {}",
            a.status,
            a.body
        );
    }
}

#[tokio::test]
async fn other_methods_on_known_paths_are_405() {
    let app = TestApp::new();
    let table: BTreeSet<(&str, &str)> = ROUTES.iter().copied().collect();
    let paths: BTreeSet<&str> = ROUTES.iter().map(|(_, p)| *p).collect();
    for path in paths {
        for method in METHODS {
            if table.contains(&(method, path)) {
                continue;
            }
            let a = app.call(method, &concrete(path), None, None).await;
            a.expect(405, "method_not_allowed");
            let allow = a.headers["allow"].to_str().unwrap();
            let listed: BTreeSet<&str> = allow.split(", ").collect();
            let mut expected: BTreeSet<&str> = ROUTES
                .iter()
                .filter(|(_, p)| *p == path)
                .map(|(m, _)| *m)
                .collect();
            if expected.contains("GET") {
                expected.insert("HEAD");
            }
            assert_eq!(listed, expected, "{method} {path}: Allow: {allow}");
        }
    }
}

#[tokio::test]
async fn the_document_is_served_as_json() {
    let app = TestApp::new();
    let a = app.call("GET", "/openapi.json", None, None).await;
    a.expect(200, "");
    assert_eq!(a.body, document());
    assert_eq!(a.headers["content-type"], "application/json");
}

/// Every code the server can answer, REST or socket, is in the document's
/// `ErrorCode` enum, which the web client's union is generated from.
#[test]
fn the_error_code_enum_lists_every_code_the_server_sends() {
    use chat_core::{Conflict, Error, StoreError, ValidationError};
    use chat_http::ApiError;
    let doc = document();
    let listed: BTreeSet<&str> = doc["components"]["schemas"]["ErrorCode"]["enum"]
        .as_array()
        .expect("an ErrorCode enum")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let core_errors = [
        Error::Unauthenticated("x"),
        Error::Forbidden("x"),
        Error::NotFound("x"),
        Conflict::UsernameTaken.into(),
        Conflict::ChannelNameTaken.into(),
        Conflict::OwnerCannotLeave.into(),
        Conflict::Banned.into(),
        Conflict::OwnsServers.into(),
        Conflict::Other("x").into(),
        Error::InviteExpired,
        ValidationError::new("f", "r").into(),
        Error::RateLimited {
            retry_after: std::time::Duration::from_secs(1),
        },
        Error::Storage(StoreError::Backend("x".into())),
    ];
    let mut sent: BTreeSet<&str> = core_errors.iter().map(Error::code).collect();
    for e in [
        ApiError::bad_request("x"),
        ApiError::unauthenticated("x"),
        ApiError::forbidden("x"),
        ApiError::unavailable("x"),
        ApiError::not_found("x"),
        ApiError::method_not_allowed(),
        ApiError::payload_too_large(),
        ApiError::validation("f", "x"),
    ] {
        sent.insert(e.code());
    }
    let missing: Vec<_> = sent.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "codes missing from ErrorCode: {missing:?}"
    );
}
