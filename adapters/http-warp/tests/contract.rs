//! The server accepts exactly the bodies `docs/openapi.yaml` allows, read
//! from the document itself, so a route added later is held to the same
//! rules without a test of its own:
//! - a body that is not a JSON object is 400;
//! - every documented field refuses `null` and a value of another type
//!   with 400 `bad_request` (the document says `type: string` or
//!   `integer`, never `null`);
//! - an integer field accepts `3874.0` (JSON Schema's `integer`);
//! - unknown fields are ignored (no schema says `additionalProperties: false`).

mod common;

use chat_http::{openapi_json, ROUTES};
use common::{nobody, Answer, TestApp};
use serde_json::{json, Map, Value};

/// One operation that takes a JSON body, with its body schema resolved.
struct Operation {
    method: &'static str,
    path: String,
    schema: Value,
}

fn document() -> Value {
    openapi_json().expect("docs/openapi.yaml parses")
}

/// Follows `$ref`s (and merges `allOf`) down to a schema with `properties`.
fn resolve(doc: &Value, schema: &Value) -> Value {
    if let Some(r) = schema["$ref"].as_str() {
        let target = doc
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("dangling {r}"));
        return resolve(doc, target);
    }
    schema.clone()
}

fn operations_with_bodies(doc: &Value) -> Vec<Operation> {
    let mut out = Vec::new();
    for (method, template) in ROUTES {
        let op = &doc["paths"][template][method.to_lowercase()];
        let schema = &op["requestBody"]["content"]["application/json"]["schema"];
        if schema.is_null() {
            continue;
        }
        out.push(Operation {
            method,
            path: template
                .replace("{id}", &nobody())
                .replace("{user_id}", &nobody())
                .replace("{code}", "NoSuchCode1"),
            schema: resolve(doc, schema),
        });
    }
    assert!(out.len() >= 10, "too few operations with bodies found");
    out
}

fn types(property: &Value) -> Vec<&str> {
    match &property["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A value of the property's documented type that satisfies its rules.
fn sample(property: &Value) -> Value {
    if let Some(first) = property["enum"].as_array().and_then(|e| e.first()) {
        return first.clone();
    }
    match types(property).first().copied() {
        Some("integer") => json!(property["minimum"].as_i64().unwrap_or(1).max(1)),
        Some("string") if property["format"] == "uuid" => json!(nobody()),
        Some("string") => json!("sample_value"),
        Some("array") => json!([sample(&property["items"])]),
        other => panic!("no sample for type {other:?}"),
    }
}

/// A body with every required field set to a valid sample.
fn valid_body(schema: &Value) -> Map<String, Value> {
    let mut body = Map::new();
    for name in schema["required"].as_array().into_iter().flatten() {
        let name = name.as_str().unwrap();
        body.insert(name.into(), sample(&schema["properties"][name]));
    }
    body
}

/// The app and a fresh user per request, so an operation that succeeds
/// (log out, delete the account) cannot spoil the next one.
async fn send(app: &TestApp, op: &Operation, body: Value) -> Answer {
    let user = app.signup(&format!("u{}", &nobody()[24..])).await;
    app.call(op.method, &op.path, Some(&user.token), Some(body))
        .await
}

#[tokio::test]
async fn a_body_that_is_not_an_object_is_400() {
    let app = TestApp::new();
    for op in operations_with_bodies(&document()) {
        for body in [json!([]), json!("text"), json!(5), json!(null)] {
            let a = send(&app, &op, body.clone()).await;
            assert_eq!(
                (a.status, a.code()),
                (400, "bad_request"),
                "{} {} with {body}: {}",
                op.method,
                op.path,
                a.body
            );
        }
    }
}

#[tokio::test]
async fn every_documented_field_refuses_null_and_other_types() {
    let app = TestApp::new();
    let doc = document();
    let mut checked = 0;
    for op in operations_with_bodies(&doc) {
        let properties = op.schema["properties"].as_object().cloned();
        for (name, property) in properties.into_iter().flatten() {
            let property = resolve(&doc, &property);
            let documented = types(&property);
            // `null` is refused unless the document says the field may be
            // null (a few fields use it to clear a value: `custom_status`,
            // `muted_until`, `reply_to`).
            let mut wrong = vec![json!({})];
            if documented.first() != Some(&"array") {
                wrong.push(json!([]));
            }
            if !documented.contains(&"null") {
                wrong.push(json!(null));
            }
            match documented.first().copied() {
                Some("string") => wrong.extend([json!(true), json!(5), json!(1.5)]),
                Some("integer") => {
                    wrong.extend([json!(true), json!("7"), json!(1.5), json!(1e300)])
                }
                Some("boolean") => wrong.extend([json!("true"), json!(1)]),
                // Arrays (`recipients`, `attachment_ids`): not an array, or
                // an array of something else.
                Some("array") => {
                    wrong.retain(|w| !w.is_array());
                    wrong.extend([json!("x"), json!(5), json!(true), json!([5]), json!([null])]);
                }
                other => panic!("{} {}: `{name}` has type {other:?}", op.method, op.path),
            }
            for value in wrong {
                let mut body = valid_body(&op.schema);
                body.insert(name.clone(), value.clone());
                let a = send(&app, &op, Value::Object(body)).await;
                assert_eq!(
                    (a.status, a.code()),
                    (400, "bad_request"),
                    "{} {} with `{name}`: {value}: {}",
                    op.method,
                    op.path,
                    a.body
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} cases");
}

#[tokio::test]
async fn integer_fields_accept_integral_floats_and_unknown_fields_are_ignored() {
    let app = TestApp::new();
    let doc = document();
    for op in operations_with_bodies(&doc) {
        let mut body = valid_body(&op.schema);
        body.insert("an_unknown_field".into(), json!({"anything": [null, 1.5]}));
        let a = send(&app, &op, Value::Object(body.clone())).await;
        assert_ne!(a.status, 400, "{} {}: {}", op.method, op.path, a.body);
        let properties = op.schema["properties"].as_object().cloned();
        for (name, property) in properties.into_iter().flatten() {
            if types(&property).first() != Some(&"integer") {
                continue;
            }
            let n = sample(&property).as_i64().unwrap();
            let mut body = body.clone();
            body.insert(name.clone(), json!(n as f64));
            let a = send(&app, &op, Value::Object(body)).await;
            assert_ne!(
                a.status, 400,
                "{} {} with `{name}`: {n}.0: {}",
                op.method, op.path, a.body
            );
        }
    }
}

#[tokio::test]
async fn an_invite_takes_its_limits_as_integers_however_written() {
    let app = TestApp::new();
    let owner = app.signup("owner").await;
    let (server, _) = app.server_with_channel(&owner).await;
    let path = format!("/servers/{server}/invites");
    let a = app
        .post(
            &path,
            &owner,
            json!({"expires_in_seconds": 3874.0, "max_uses": 2.0}),
        )
        .await;
    a.expect(201, "");
    assert_eq!(a.body["max_uses"], json!(2));
    for bad in [json!("x"), json!(1.5), json!(null)] {
        app.post(&path, &owner, json!({ "expires_in_seconds": bad }))
            .await
            .expect(400, "bad_request");
    }
    let a = app
        .post(&path, &owner, json!({"expires_in_seconds": 0}))
        .await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "expires_in_seconds");
}
