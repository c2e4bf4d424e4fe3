//! Attachments over REST: the streamed upload with its limits, sending
//! with `attachment_ids`, the signed or member-only download with its
//! safety headers, ranges and ETags, the sweep, and deletion.

mod common;

use std::io::Cursor;
use std::time::Duration;

use chat_core::attachments::AttachmentPolicy;
use common::{nobody, Answer, TestApp, TestUser};
use serde_json::{json, Value};

const BOUNDARY: &str = "----chat-test-boundary-7MA4YWxkTrZu0gW";

fn multipart(filename: &str, content_type: &str, data: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(width, height, image::Rgb([30, 120, 200]));
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A PNG whose header claims `width`×`height` pixels over a tiny body: a
/// decompression bomb as far as a decoder that trusts headers is concerned.
fn bomb_png(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

async fn upload(app: &TestApp, user: &TestUser, channel: &str, name: &str, data: &[u8]) -> Answer {
    upload_typed(app, user, channel, name, "application/octet-stream", data).await
}

async fn upload_typed(
    app: &TestApp,
    user: &TestUser,
    channel: &str,
    name: &str,
    content_type: &str,
    data: &[u8],
) -> Answer {
    let req = warp::test::request()
        .method("POST")
        .path(&format!("/channels/{channel}/attachments"))
        .remote_addr(app.peer)
        .header("authorization", format!("Bearer {}", user.token))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(name, content_type, data));
    app.send(req).await
}

/// GET a path, with a token or none; raw bytes and headers.
async fn fetch(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
) -> (u16, warp::http::HeaderMap, Vec<u8>) {
    let mut req = warp::test::request()
        .method("GET")
        .path(path)
        .remote_addr(app.peer);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = req.reply(&app.filter).await;
    (
        res.status().as_u16(),
        res.headers().clone(),
        res.body().to_vec(),
    )
}

fn header<'a>(h: &'a warp::http::HeaderMap, name: &str) -> &'a str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

async fn send_with(app: &TestApp, user: &TestUser, channel: &str, body: Value) -> Answer {
    app.post(&format!("/channels/{channel}/messages"), user, body)
        .await
}

struct World {
    app: TestApp,
    _dir: tempfile::TempDir,
    alice: TestUser,
    bob: TestUser,
    server: String,
    channel: String,
}

async fn world(policy: AttachmentPolicy) -> World {
    let (app, dir) = TestApp::with_attachments(policy);
    let alice = app.signup("alice").await;
    let bob = app.signup("bob").await;
    let (server, channel) = app.server_with_channel(&alice).await;
    app.join(&alice, &server, &bob).await;
    World {
        app,
        _dir: dir,
        alice,
        bob,
        server,
        channel,
    }
}

#[tokio::test]
async fn an_image_is_uploaded_sent_and_shown_with_signed_urls_that_work_alone() {
    let w = world(AttachmentPolicy::default()).await;
    let data = png(800, 600);
    let up = upload(&w.app, &w.alice, &w.channel, "holiday.png", &data).await;
    up.expect(201, "");
    assert_eq!(up.body["filename"], "holiday.png");
    assert_eq!(up.body["content_type"], "image/png");
    assert_eq!(up.body["size"], data.len());
    assert_eq!(up.body["width"], 800);
    assert_eq!(up.body["height"], 600);
    let id = up.body["id"].as_str().unwrap().to_owned();

    let sent = send_with(
        &w.app,
        &w.alice,
        &w.channel,
        json!({"content": "", "attachment_ids": [id]}),
    )
    .await;
    sent.expect(201, "");
    assert_eq!(sent.body["content"], "");
    let a = &sent.body["attachments"][0];
    assert_eq!(a["id"], id.as_str());
    assert_eq!(a["spoiler"], false);
    assert_eq!(
        (a["width"].clone(), a["height"].clone()),
        (json!(800), json!(600))
    );

    let history = w
        .app
        .get(&format!("/channels/{}/messages", w.channel), &w.bob)
        .await;
    history.expect(200, "");
    let shown = &history.body[0]["attachments"][0];
    assert_eq!(shown["id"], id.as_str());
    let url = shown["url"].as_str().unwrap().to_owned();
    assert!(
        url.starts_with(&format!("/attachments/{id}/holiday.png?")),
        "{url}"
    );

    let (status, headers, body) = fetch(&w.app, &url, None, &[]).await;
    assert_eq!(status, 200);
    assert_eq!(body, data);
    assert_eq!(header(&headers, "content-type"), "image/png");
    assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
    assert_eq!(header(&headers, "content-security-policy"), "sandbox");
    assert!(header(&headers, "content-disposition").starts_with("inline"));
    assert_eq!(header(&headers, "etag"), format!("\"{id}\""));

    let preview = shown["preview_url"].as_str().expect("a preview");
    let (status, headers, body) = fetch(&w.app, preview, None, &[]).await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), "image/jpeg");
    let (pw, ph) = image::ImageReader::new(Cursor::new(body))
        .with_guessed_format()
        .unwrap()
        .into_dimensions()
        .unwrap();
    assert_eq!((pw, ph), (400, 300), "the preview is at most 400 px");
}

#[tokio::test]
async fn downloads_need_a_valid_signature_or_a_members_token_else_404() {
    let w = world(AttachmentPolicy::default()).await;
    let stranger = w.app.signup("stranger").await;
    let up = upload(&w.app, &w.alice, &w.channel, "notes.txt", b"hello notes").await;
    up.expect(201, "");
    let id = up.body["id"].as_str().unwrap();
    let sent = send_with(
        &w.app,
        &w.alice,
        &w.channel,
        json!({"content": "see", "attachment_ids": [id]}),
    )
    .await;
    let url = sent.body["attachments"][0]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let plain = format!("/attachments/{id}/notes.txt");

    assert_eq!(fetch(&w.app, &plain, Some(&w.bob.token), &[]).await.0, 200);
    assert_eq!(
        fetch(&w.app, &plain, Some(&stranger.token), &[]).await.0,
        404
    );
    assert_eq!(fetch(&w.app, &plain, None, &[]).await.0, 404);
    let tampered = url.replace("signature=", "signature=x");
    assert_eq!(fetch(&w.app, &tampered, None, &[]).await.0, 404);
    let other_name = url.replace("notes.txt", "other.txt");
    assert_eq!(fetch(&w.app, &other_name, None, &[]).await.0, 404);
    let unknown = format!("/attachments/{}/notes.txt", nobody());
    assert_eq!(
        fetch(&w.app, &unknown, Some(&w.alice.token), &[]).await.0,
        404
    );
    assert_eq!(fetch(&w.app, &url, None, &[]).await.0, 200);

    w.app.advance(Duration::from_secs(3 * 3600));
    assert_eq!(
        fetch(&w.app, &url, None, &[]).await.0,
        404,
        "the signature expired"
    );
    let bob = w.app.login("bob").await;
    assert_eq!(fetch(&w.app, &url, Some(&bob.token), &[]).await.0, 200);
    w.app
        .call(
            "DELETE",
            &format!("/servers/{}/leave", w.server),
            Some(&bob.token),
            None,
        )
        .await
        .expect(204, "");
    assert_eq!(
        fetch(&w.app, &plain, Some(&bob.token), &[]).await.0,
        404,
        "left the server"
    );
}

#[tokio::test]
async fn the_type_is_sniffed_and_only_safe_images_are_inline() {
    let w = world(AttachmentPolicy::default()).await;
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "page.png",
            b"<!DOCTYPE html><script>alert(1)</script>",
            "text/html",
        ),
        (
            "logo.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>",
            "image/svg+xml",
        ),
        ("data.bin", b"\x00\x01\x02\x03", "application/octet-stream"),
        ("doc.pdf", b"%PDF-1.7 rest", "application/pdf"),
    ];
    for (name, data, sniffed) in cases {
        let up = upload_typed(&w.app, &w.alice, &w.channel, name, "image/png", data).await;
        up.expect(201, "");
        assert_eq!(up.body["content_type"], sniffed, "{name}");
        assert!(
            up.body.get("width").is_none(),
            "{name}: no width for a non-image"
        );
        let path = format!("/attachments/{}/{name}", up.body["id"].as_str().unwrap());
        let (status, headers, _) = fetch(&w.app, &path, Some(&w.alice.token), &[]).await;
        assert_eq!(status, 200, "the uploader reads a pending upload");
        assert!(
            header(&headers, "content-disposition").starts_with("attachment;"),
            "{name}: {}",
            header(&headers, "content-disposition")
        );
        assert_eq!(header(&headers, "content-security-policy"), "sandbox");
        assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
    }
}

#[tokio::test]
async fn ranges_and_etags_work() {
    let w = world(AttachmentPolicy::default()).await;
    let data: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
    let up = upload(&w.app, &w.alice, &w.channel, "blob.bin", &data).await;
    let path = format!("/attachments/{}/blob.bin", up.body["id"].as_str().unwrap());
    let token = Some(w.alice.token.as_str());
    let (status, headers, body) = fetch(&w.app, &path, token, &[("range", "bytes=10-19")]).await;
    assert_eq!(status, 206);
    assert_eq!(body, data[10..20].to_vec());
    assert_eq!(header(&headers, "content-range"), "bytes 10-19/1000");
    let (status, _, body) = fetch(&w.app, &path, token, &[("range", "bytes=-5")]).await;
    assert_eq!((status, body), (206, data[995..].to_vec()));
    let (status, headers, _) = fetch(&w.app, &path, token, &[("range", "bytes=1000-")]).await;
    assert_eq!(status, 416);
    assert_eq!(header(&headers, "content-range"), "bytes */1000");
    let (_, headers, _) = fetch(&w.app, &path, token, &[]).await;
    let etag = header(&headers, "etag").to_owned();
    let (status, _, body) = fetch(&w.app, &path, token, &[("if-none-match", &etag)]).await;
    assert_eq!((status, body.len()), (304, 0));
}

#[tokio::test]
async fn oversized_files_are_413_early_or_cut_off_mid_stream() {
    let w = world(AttachmentPolicy {
        max_upload_bytes: 1000,
        ..AttachmentPolicy::default()
    })
    .await;
    // Declared far beyond the limit: refused before the body is read.
    let big = vec![7u8; 200 * 1024];
    let a = upload(&w.app, &w.alice, &w.channel, "big.bin", &big).await;
    a.expect(413, "payload_too_large");
    // Within the envelope's slack, so only the stream tells: cut off.
    let a = upload(&w.app, &w.alice, &w.channel, "big.bin", &vec![7u8; 5000]).await;
    a.expect(413, "payload_too_large");
    assert!(
        a.body["error"]["message"].as_str().unwrap().contains("MiB")
            || a.body["error"]["details"]["limit_bytes"] == 1000
    );
    let ok = upload(&w.app, &w.alice, &w.channel, "fits.bin", &[1u8; 1000]).await;
    ok.expect(201, "");
    let blobs = std::fs::read_dir(w._dir.path().join("blobs").join("tmp"))
        .unwrap()
        .count();
    assert_eq!(blobs, 0, "no partial file is left behind");
}

#[tokio::test]
async fn uploads_go_to_channels_the_caller_is_in_and_are_sent_there_only() {
    let w = world(AttachmentPolicy::default()).await;
    let carol = w.app.signup("carol").await;
    let (_, carols_channel) = w.app.server_with_channel(&carol).await;
    upload(&w.app, &w.alice, &carols_channel, "x.txt", b"x")
        .await
        .expect(404, "not_found");
    upload(&w.app, &w.alice, &nobody(), "x.txt", b"x")
        .await
        .expect(404, "not_found");
    let second = w
        .app
        .post(
            &format!("/servers/{}/channels", w.server),
            &w.alice,
            json!({"name": "random"}),
        )
        .await;
    second.expect(201, "");
    let random = second.body["id"].as_str().unwrap().to_owned();
    let up = upload(&w.app, &w.alice, &w.channel, "x.txt", b"x").await;
    let id = up.body["id"].as_str().unwrap().to_owned();
    send_with(
        &w.app,
        &w.alice,
        &random,
        json!({"content": "", "attachment_ids": [id]}),
    )
    .await
    .expect(422, "validation_failed");
    // Someone else's upload cannot be sent either.
    send_with(
        &w.app,
        &w.bob,
        &w.channel,
        json!({"content": "", "attachment_ids": [id]}),
    )
    .await
    .expect(422, "validation_failed");
    send_with(
        &w.app,
        &w.alice,
        &w.channel,
        json!({"content": "", "attachment_ids": [id]}),
    )
    .await
    .expect(201, "");
    let again = send_with(
        &w.app,
        &w.alice,
        &w.channel,
        json!({"content": "", "attachment_ids": [id]}),
    )
    .await;
    again.expect(422, "validation_failed");
    assert_eq!(again.field(), "attachment_ids", "an upload is used once");
    let eleven: Vec<String> = (0..11).map(|_| nobody()).collect();
    let too_many = send_with(
        &w.app,
        &w.alice,
        &w.channel,
        json!({"content": "", "attachment_ids": eleven}),
    )
    .await;
    too_many.expect(422, "validation_failed");
    assert_eq!(too_many.field(), "attachment_ids");
    let empty = send_with(&w.app, &w.alice, &w.channel, json!({"content": "  "})).await;
    empty.expect(422, "validation_failed");
    assert_eq!(empty.field(), "content");
}

#[tokio::test]
async fn expired_pending_uploads_cannot_be_sent_and_are_swept_with_their_files() {
    let w = world(AttachmentPolicy::default()).await;
    let up = upload(&w.app, &w.alice, &w.channel, "late.txt", b"too late").await;
    let id = up.body["id"].as_str().unwrap().to_owned();
    w.app.advance(Duration::from_secs(3601));
    let alice = w.app.login("alice").await;
    let a = send_with(
        &w.app,
        &alice,
        &w.channel,
        json!({"content": "", "attachment_ids": [id]}),
    )
    .await;
    a.expect(422, "validation_failed");
    assert_eq!(a.field(), "attachment_ids");
    assert_eq!(w.app.chat.sweep_attachments(100).await.unwrap(), 1);
    let path = format!("/attachments/{id}/late.txt");
    assert_eq!(fetch(&w.app, &path, Some(&alice.token), &[]).await.0, 404);
    let shard = w._dir.path().join("blobs").join(&id[..2]).join(&id);
    assert!(!shard.exists(), "the file is gone");
}

#[tokio::test]
async fn image_bombs_and_oversized_images_are_refused_with_422() {
    let w = world(AttachmentPolicy::default()).await;
    let bomb = upload(
        &w.app,
        &w.alice,
        &w.channel,
        "bomb.png",
        &bomb_png(100_000, 100_000),
    )
    .await;
    bomb.expect(422, "validation_failed");
    assert_eq!(bomb.field(), "file");
    let message = bomb.body["error"]["message"].as_str().unwrap();
    assert!(message.contains("100000×100000"), "{message}");
    assert!(message.contains("40000000"), "{message}");
    let w = world(AttachmentPolicy {
        max_pixels: 10_000,
        ..AttachmentPolicy::default()
    })
    .await;
    upload(&w.app, &w.alice, &w.channel, "big.png", &png(200, 200))
        .await
        .expect(422, "validation_failed");
    upload(&w.app, &w.alice, &w.channel, "small.png", &png(50, 50))
        .await
        .expect(201, "");
}

#[tokio::test]
async fn filenames_are_sanitised() {
    let w = world(AttachmentPolicy::default()).await;
    let long = format!("{}.txt", "a".repeat(300));
    let cases = [
        ("../../etc/passwd", "passwd"),
        ("C:\\\\Windows\\\\evil.txt", "evil.txt"),
        ("..", "file"),
        (".htaccess", "htaccess"),
        ("tab\there.txt", "tab_here.txt"),
        ("what?<b>.txt", "what__b_.txt"),
    ];
    for (raw, want) in cases {
        let up = upload(&w.app, &w.alice, &w.channel, raw, b"x").await;
        up.expect(201, "");
        assert_eq!(up.body["filename"], want, "{raw}");
    }
    let up = upload(&w.app, &w.alice, &w.channel, &long, b"x").await;
    let kept = up.body["filename"].as_str().unwrap();
    assert!(kept.len() <= 200 && kept.ends_with(".txt"), "{kept}");
}

#[tokio::test]
async fn upload_rate_and_storage_quota_answer_429_and_409_with_the_numbers() {
    let w = world(AttachmentPolicy {
        uploads_per_window: 2,
        quota_bytes: 3000,
        ..AttachmentPolicy::default()
    })
    .await;
    upload(&w.app, &w.alice, &w.channel, "a.bin", &[1u8; 2000])
        .await
        .expect(201, "");
    let over = upload(&w.app, &w.alice, &w.channel, "b.bin", &[1u8; 2000]).await;
    over.expect(409, "storage_quota_exceeded");
    assert_eq!(over.body["error"]["details"]["limit_bytes"], 3000);
    assert_eq!(over.body["error"]["details"]["used_bytes"], 2000);
    upload(&w.app, &w.alice, &w.channel, "c.bin", &[1u8; 10])
        .await
        .expect(201, "");
    let fast = upload(&w.app, &w.alice, &w.channel, "d.bin", &[1u8; 10]).await;
    fast.expect(429, "rate_limited");
    let message = fast.body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("at most 2 files every 10 minutes"),
        "{message}"
    );
    upload(&w.app, &w.bob, &w.channel, "e.bin", &[1u8; 10])
        .await
        .expect(201, "");
}

#[tokio::test]
async fn bodies_that_are_not_one_file_are_refused() {
    let w = world(AttachmentPolicy::default()).await;
    let path = format!("/channels/{}/attachments", w.channel);
    let json_body = w.app.post(&path, &w.alice, json!({"file": "x"})).await;
    json_body.expect(400, "bad_request");
    let req = warp::test::request()
        .method("POST")
        .path(&path)
        .remote_addr(w.app.peer)
        .header("authorization", format!("Bearer {}", w.alice.token))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--{BOUNDARY}--\r\n"));
    let no_file = w.app.send(req).await;
    no_file.expect(422, "validation_failed");
    assert_eq!(no_file.field(), "file");
    let anonymous = w.app.call("POST", &path, None, None).await;
    anonymous.expect(401, "unauthenticated");
}

#[tokio::test]
async fn spoilers_and_deleting_a_message_deletes_its_files() {
    let w = world(AttachmentPolicy::default()).await;
    let a = upload(&w.app, &w.alice, &w.channel, "one.txt", b"1").await;
    let b = upload(&w.app, &w.alice, &w.channel, "two.txt", b"2").await;
    let (a, b) = (
        a.body["id"].as_str().unwrap(),
        b.body["id"].as_str().unwrap(),
    );
    let sent = send_with(
        &w.app,
        &w.alice,
        &w.channel,
        json!({"content": "two files", "attachment_ids": [b, a], "spoiler_ids": [b]}),
    )
    .await;
    sent.expect(201, "");
    let files = sent.body["attachments"].as_array().unwrap();
    let shown: Vec<(&str, bool)> = files
        .iter()
        .map(|f| (f["id"].as_str().unwrap(), f["spoiler"].as_bool().unwrap()))
        .collect();
    assert_eq!(shown, vec![(a, false), (b, true)], "upload order");
    let message = sent.body["id"].as_str().unwrap();
    w.app
        .delete(&format!("/messages/{message}"), &w.alice)
        .await
        .expect(204, "");
    for (id, name) in [(a, "one.txt"), (b, "two.txt")] {
        let path = format!("/attachments/{id}/{name}");
        assert_eq!(fetch(&w.app, &path, Some(&w.alice.token), &[]).await.0, 404);
        assert!(!w._dir.path().join("blobs").join(&id[..2]).join(id).exists());
    }
}

/// `has=file` finds the messages sent with a file, not the others, nor a
/// file uploaded but never sent.
#[tokio::test]
async fn search_has_file_finds_messages_sent_with_a_file() {
    let w = world(AttachmentPolicy::default()).await;
    let up = upload(&w.app, &w.alice, &w.channel, "report.txt", b"q3 figures").await;
    up.expect(201, "");
    let id = up.body["id"].as_str().unwrap().to_owned();
    let with_file = send_with(
        &w.app,
        &w.alice,
        &w.channel,
        json!({"content": "quarterly report attached", "attachment_ids": [id]}),
    )
    .await;
    with_file.expect(201, "");
    w.app
        .say(&w.bob, &w.channel, "quarterly report is late")
        .await;
    upload(&w.app, &w.bob, &w.channel, "draft.txt", b"not sent")
        .await
        .expect(201, "");
    let found = w
        .app
        .get(
            &format!("/servers/{}/messages/search?q=quarterly&has=file", w.server),
            &w.bob,
        )
        .await;
    found.expect(200, "");
    assert_eq!(found.body["total_estimate"], 1);
    assert_eq!(found.body["messages"][0]["id"], with_file.body["id"]);
    let all = w
        .app
        .get(
            &format!("/servers/{}/messages/search?q=quarterly", w.server),
            &w.bob,
        )
        .await;
    assert_eq!(all.body["total_estimate"], 2);
}
