//! Avatars and server icons through the real binary: the upload is turned
//! into a 256×256 PNG served publicly under a fresh URL, every user object
//! carries it, bad files and oversized bodies are refused, only those who
//! may edit a server set its icon, and removing or replacing a picture
//! makes its old URL answer 404.

mod common;

use std::io::Cursor;

use common::{token, Store, TestServer};
use serde_json::{json, Value};

const BOUNDARY: &str = "picture-test-boundary";

fn multipart(data: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"me.png\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A `width`×`height` PNG, red on its left half and blue on its right.
fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

async fn put_picture(app: &TestServer, path: &str, token: &str, body: Vec<u8>) -> (u16, Value) {
    let res = app
        .http
        .put(app.url(path))
        .bearer_auth(token)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// GETs a picture URL without a token: status, headers, bytes.
async fn fetch(app: &TestServer, url: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let res = app.http.get(app.url(url)).send().await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.bytes().await.unwrap().to_vec())
}

/// Checks that `url` serves a 256×256 PNG with the caching and safety
/// headers, and answers its pixels.
async fn served_png(app: &TestServer, url: &str) -> image::RgbaImage {
    let (status, headers, bytes) = fetch(app, url).await;
    assert_eq!(status, 200, "{url}");
    assert_eq!(headers["content-type"], "image/png");
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let img = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .expect("a PNG")
        .to_rgba8();
    assert_eq!(img.dimensions(), (256, 256));
    img
}

#[tokio::test]
async fn avatars_are_squared_served_publicly_and_replaced() {
    let app = TestServer::start(Store::Sqlite).await;
    let alice_auth = app.signup("alice").await;
    let alice = token(&alice_auth);
    let alice_id = alice_auth["user"]["id"].as_str().unwrap().to_owned();
    let bob = token(&app.signup("bob").await);
    let (server, general) = app.create_server(&alice, "Pictures").await;
    app.invite_and_join(&alice, &server, &bob).await;
    assert_eq!(alice_auth["user"]["avatar_url"], Value::Null);

    // A wide picture: the centred square is kept, scaled to 256×256.
    let (status, me) = put_picture(&app, "/me/avatar", &alice, multipart(&png(600, 300))).await;
    assert_eq!(status, 200, "{me}");
    let url = me["avatar_url"].as_str().expect("an avatar URL").to_owned();
    assert!(url.starts_with(&format!("/avatars/{alice_id}/")), "{url}");
    assert!(url.ends_with(".png"));
    let img = served_png(&app, &url).await;
    assert_eq!(
        img.get_pixel(10, 128).0,
        [220, 20, 20, 255],
        "left of centre"
    );
    assert_eq!(
        img.get_pixel(245, 128).0,
        [20, 20, 220, 255],
        "right of centre"
    );

    // Everyone who sees alice sees the URL: profile, members, messages.
    let (_, profile) = app
        .call("GET", &format!("/users/{alice_id}"), Some(&bob), None)
        .await;
    assert_eq!(profile["avatar_url"], url.as_str());
    let (_, members) = app
        .call(
            "GET",
            &format!("/servers/{server}/members"),
            Some(&bob),
            None,
        )
        .await;
    let listed = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == alice_id.as_str())
        .expect("alice is a member");
    assert_eq!(listed["avatar_url"], url.as_str());
    let (status, message) = app
        .call(
            "POST",
            &format!("/channels/{general}/messages"),
            Some(&alice),
            Some(json!({ "content": "new picture" })),
        )
        .await;
    assert_eq!(status, 201, "{message}");
    assert_eq!(message["author"]["avatar_url"], url.as_str());

    // A new upload gets a new URL; the old one is gone.
    let (status, again) = put_picture(&app, "/me/avatar", &alice, multipart(&png(40, 40))).await;
    assert_eq!(status, 200, "{again}");
    let second = again["avatar_url"].as_str().unwrap().to_owned();
    assert_ne!(second, url);
    served_png(&app, &second).await;
    assert_eq!(fetch(&app, &url).await.0, 404);

    // Removing it: null, and its URL answers 404.
    let (status, cleared) = app.call("DELETE", "/me/avatar", Some(&alice), None).await;
    assert_eq!(status, 200, "{cleared}");
    assert_eq!(cleared["avatar_url"], Value::Null);
    assert_eq!(fetch(&app, &second).await.0, 404);
    let (_, me) = app.call("GET", "/me", Some(&alice), None).await;
    assert_eq!(me["avatar_url"], Value::Null);
    // Unknown keys and malformed names are 404 too.
    let unknown = format!("/avatars/{alice_id}/{}.png", "0".repeat(32));
    assert_eq!(fetch(&app, &unknown).await.0, 404);
    assert_eq!(fetch(&app, &format!("/avatars/{alice_id}/x")).await.0, 404);
}

#[tokio::test]
async fn bad_files_and_oversized_bodies_are_refused() {
    let app = TestServer::start(Store::Memory).await;
    let alice = token(&app.signup("alice").await);

    let text = multipart(b"just some text, not an image at all");
    let (status, err) = put_picture(&app, "/me/avatar", &alice, text).await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(err["error"]["code"], "validation_failed");
    assert_eq!(err["error"]["details"]["field"], "file");

    // A PNG signature over garbage: sniffed as an image, but undecodable.
    let mut fake = b"\x89PNG\r\n\x1a\n".to_vec();
    fake.extend_from_slice(&[7u8; 64]);
    let (status, err) = put_picture(&app, "/me/avatar", &alice, multipart(&fake)).await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(err["error"]["details"]["field"], "file");

    let huge = vec![0u8; 9 * 1024 * 1024];
    let (status, err) = put_picture(&app, "/me/avatar", &alice, multipart(&huge)).await;
    assert_eq!(status, 413, "{err}");
    assert_eq!(err["error"]["code"], "payload_too_large");

    let (_, me) = app.call("GET", "/me", Some(&alice), None).await;
    assert_eq!(me["avatar_url"], Value::Null, "nothing was stored");
}

#[tokio::test]
async fn only_those_who_may_edit_a_server_set_its_icon() {
    let app = TestServer::start(Store::Sqlite).await;
    let alice = token(&app.signup("alice").await);
    let bob = token(&app.signup("bob").await);
    let (server, _) = app.create_server(&alice, "Iconic").await;
    app.invite_and_join(&alice, &server, &bob).await;
    let path = format!("/servers/{server}/icon");

    let (status, err) = put_picture(&app, &path, &bob, multipart(&png(64, 64))).await;
    assert_eq!(status, 403, "{err}");
    let (status, err) = app.call("DELETE", &path, Some(&bob), None).await;
    assert_eq!(status, 403, "{err}");

    let (status, updated) = put_picture(&app, &path, &alice, multipart(&png(300, 500))).await;
    assert_eq!(status, 200, "{updated}");
    let url = updated["icon_url"]
        .as_str()
        .expect("an icon URL")
        .to_owned();
    assert!(url.starts_with(&format!("/icons/{server}/")), "{url}");
    served_png(&app, &url).await;
    let (_, seen) = app
        .call("GET", &format!("/servers/{server}"), Some(&bob), None)
        .await;
    assert_eq!(seen["icon_url"], url.as_str());
    // Whoever holds an invite sees the icon before joining, signed in or not.
    let (status, invite) = app
        .call(
            "POST",
            &format!("/servers/{server}/invites"),
            Some(&alice),
            Some(json!({})),
        )
        .await;
    assert_eq!(status, 201, "{invite}");
    let code = invite["code"].as_str().expect("a code");
    let (status, preview) = app
        .call("GET", &format!("/invites/{code}"), None, None)
        .await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["server"]["icon_url"], url.as_str());

    let (_, log) = app
        .call(
            "GET",
            &format!("/servers/{server}/audit-log"),
            Some(&alice),
            None,
        )
        .await;
    let entries = log["entries"]
        .as_array()
        .or(log.as_array())
        .expect("entries");
    let icon_change = entries
        .iter()
        .find(|e| e["action"] == "server_update" && e["changes"][0]["key"] == "icon_url");
    assert!(icon_change.is_some(), "audited: {log}");

    let (status, cleared) = app.call("DELETE", &path, Some(&alice), None).await;
    assert_eq!(status, 200, "{cleared}");
    assert_eq!(cleared["icon_url"], Value::Null);
    assert_eq!(fetch(&app, &url).await.0, 404);
    let (_, preview) = app
        .call("GET", &format!("/invites/{code}"), None, None)
        .await;
    assert_eq!(preview["server"]["icon_url"], Value::Null);
}
