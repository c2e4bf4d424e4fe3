//! Attachments: the streamed multipart upload and the download.
//!
//! The upload reads its body as a stream (not through the JSON body
//! filter and its 1 MiB cap): the core checks the caller, the channel and
//! the declared `Content-Length` before a byte is read (413 early), then
//! the file part flows to the blob store chunk by chunk and is cut off
//! once it passes the limit. The download answers `Range` (one range) and
//! `If-None-Match`, with the headers that keep a file from running as a
//! page: `X-Content-Type-Options: nosniff`, `Content-Security-Policy:
//! sandbox`, and `Content-Disposition: attachment` for everything but
//! PNG, JPEG, GIF and WebP.

use std::collections::HashMap;

use bytes::Bytes;
use chat_core::attachments::{is_inline_image, BlobError, BlobStream, ByteRange, SignedUrl};
use chat_core::auth::Actor;
use chat_core::ids::AttachmentId;
use chat_wire::UploadDto;
use futures::{Stream, StreamExt, TryStreamExt};
use warp::filters::BoxedFilter;
use warp::http::{header, HeaderMap, HeaderValue, Response, StatusCode};
use warp::{Buf, Filter, Reply};

use super::channels::channel_id;
use crate::context::{any_of, created, finish, Ctx, Outcome};
use crate::error::ApiError;
use crate::extract::path_id;

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let upload = warp::path!("channels" / String / "attachments")
        .and(warp::post())
        .and(ctx.authed())
        .and(warp::header::headers_cloned())
        .and(warp::body::stream())
        .then(upload)
        .map(finish);
    let download = warp::path!("attachments" / String / String)
        .and(warp::get())
        .and(ctx.with())
        .and(ctx.maybe_actor())
        .and(warp::query::<HashMap<String, String>>())
        .and(warp::header::headers_cloned())
        .then(download)
        .map(finish);
    any_of(vec![upload.boxed(), download.boxed()])
}

pub(super) fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// How much of a refused upload's body is read and discarded before the
/// refusal is sent. A client still sending when the server closes gets the
/// connection reset (the kernel answers unread data with RST) and never
/// sees the answer; so an upload declared up to this size (a photo a bit
/// over the limit, the common mistake) is drained first, and only larger
/// declared bodies are refused at once.
const DRAIN_LIMIT: u64 = 32 * 1024 * 1024;

/// Runs `checks` (what the core decides before a byte of the body is
/// read) and gives the body back when they pass; when they refuse, the
/// body is drained first (see [`DRAIN_LIMIT`]) so the client reads the error.
pub(super) async fn before_body<T, S, B>(
    headers: &HeaderMap,
    body: S,
    checks: impl std::future::Future<Output = chat_core::Result<T>>,
) -> Result<(T, S), ApiError>
where
    S: Stream<Item = Result<B, warp::Error>> + Send + 'static,
    B: Buf + Send + 'static,
{
    match checks.await {
        Ok(passed) => Ok((passed, body)),
        Err(refused) => {
            if declared_length(headers).is_some_and(|n| n <= DRAIN_LIMIT) {
                // Bounded by the declared length and the body timeout.
                body.for_each(|_| async {}).await;
            }
            Err(refused.into())
        }
    }
}

/// 201 `{id, filename, content_type, size, width?, height?, expires_at}`.
async fn upload<S, B>(id: String, ctx: Ctx, actor: Actor, headers: HeaderMap, body: S) -> Outcome
where
    S: Stream<Item = Result<B, warp::Error>> + Send + 'static,
    B: Buf + Send + 'static,
{
    let channel = channel_id(&id)?;
    let checks = ctx
        .chat
        .prepare_upload(&actor, channel, declared_length(&headers));
    let (prepared, body) = before_body(&headers, body, checks).await?;
    let (filename, stream) = file_part(&headers, body).await?;
    let attachment = ctx
        .chat
        .upload_attachment(prepared, &filename, stream)
        .await?;
    created(&UploadDto::from(&attachment))
}

/// The first part with a file name of a `multipart/form-data` body: its
/// name and its bytes as a stream (read as the stream is polled, never
/// held whole here); 422 on `file` when there is none.
pub(super) async fn file_part<S, B>(
    headers: &HeaderMap,
    body: S,
) -> Result<(String, BlobStream), ApiError>
where
    S: Stream<Item = Result<B, warp::Error>> + Send + 'static,
    B: Buf + Send + 'static,
{
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| multer::parse_boundary(ct).ok())
        .ok_or_else(|| {
            ApiError::bad_request(
                "the body must be multipart/form-data with one file (Content-Type: multipart/form-data; boundary=…)",
            )
        })?;
    let chunks = body.map_ok(|mut buf| buf.copy_to_bytes(buf.remaining()));
    let mut form = multer::Multipart::new(chunks, boundary);
    loop {
        let field = form
            .next_field()
            .await
            .map_err(|e| ApiError::bad_request(format!("the multipart body is malformed: {e}")))?;
        let Some(field) = field else {
            return Err(ApiError::validation(
                "file",
                "is required: one multipart field named file, with a filename",
            ));
        };
        let Some(filename) = field.file_name().map(str::to_owned) else {
            continue;
        };
        let stream: BlobStream = Box::pin(field.map(|chunk| {
            chunk.map_err(|e| BlobError::Aborted(format!("the multipart body is malformed: {e}")))
        }));
        return Ok((filename, stream));
    }
}

/// `GET /attachments/{id}/{filename}`: 200 or 206 with the bytes, 304 for
/// a matching `If-None-Match`, 416 for a range past the end, 404 for
/// anyone who may not read it.
async fn download(
    id: String,
    filename: String,
    ctx: Ctx,
    actor: Option<Actor>,
    query: HashMap<String, String>,
    headers: HeaderMap,
) -> Outcome {
    let id = path_id(&id, "attachment", AttachmentId::parse)?;
    let filename = percent_decode(&filename).ok_or_else(|| ApiError::not_found("attachment"))?;
    let preview = query
        .get("preview")
        .is_some_and(|v| v == "1" || v == "true");
    let signed = match (query.get("expires"), query.get("signature")) {
        (Some(expires), Some(signature)) => expires.parse().ok().map(|expires| SignedUrl {
            expires,
            signature: signature.clone(),
        }),
        _ => None,
    };
    let chat = &ctx.chat;
    let a = chat
        .attachment_for_download(actor.as_ref(), id, &filename, preview, signed.as_ref())
        .await?;
    let size = chat.attachment_blob_size(&a, preview).await?;
    let etag = if preview {
        format!("\"{}-preview\"", a.id)
    } else {
        format!("\"{}\"", a.id)
    };
    let content_type = if preview {
        "image/jpeg".to_owned()
    } else {
        a.content_type.clone()
    };
    let mut builder = Response::builder()
        .header(header::ETAG, &etag)
        .header(header::CACHE_CONTROL, "private, max-age=3600, immutable")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::CONTENT_SECURITY_POLICY, "sandbox")
        .header(header::ACCEPT_RANGES, "bytes")
        .header(
            header::CONTENT_DISPOSITION,
            disposition(&a.filename, preview || is_inline_image(&a.content_type)),
        );
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if not_modified {
        return builder
            .status(StatusCode::NOT_MODIFIED)
            .body(hyper::Body::empty())
            .map_err(ApiError::internal);
    }
    let range = match headers.get(header::RANGE).and_then(|v| v.to_str().ok()) {
        None => None,
        Some(text) => match parse_range(text, size) {
            RangeAsk::Ignore => None,
            RangeAsk::Range(r) => Some(r),
            RangeAsk::Unsatisfiable => {
                return builder
                    .status(StatusCode::RANGE_NOT_SATISFIABLE)
                    .header(header::CONTENT_RANGE, format!("bytes */{size}"))
                    .body(hyper::Body::empty())
                    .map_err(ApiError::internal);
            }
        },
    };
    let preview_type = if preview {
        sniffed_preview_type(&ctx, &a).await
    } else {
        content_type
    };
    builder = builder.header(header::CONTENT_TYPE, preview_type);
    let download = chat.open_attachment(&a, preview, range).await?;
    let body = hyper::Body::wrap_stream(
        download
            .body
            .map(|chunk: Result<Bytes, BlobError>| chunk.map_err(std::io::Error::other)),
    );
    let response = match range {
        Some(r) => builder
            .status(StatusCode::PARTIAL_CONTENT)
            .header(
                header::CONTENT_RANGE,
                format!("bytes {}-{}/{size}", r.start, r.end),
            )
            .header(header::CONTENT_LENGTH, r.len()),
        None => builder
            .status(StatusCode::OK)
            .header(header::CONTENT_LENGTH, size),
    };
    response.body(body).map_err(ApiError::internal)
}

/// Previews are JPEG, or PNG for images with transparency: the first bytes say.
async fn sniffed_preview_type(ctx: &Ctx, a: &chat_core::attachments::Attachment) -> String {
    let head = ctx
        .chat
        .open_attachment(a, true, Some(ByteRange { start: 0, end: 15 }))
        .await;
    let mut bytes = Vec::new();
    if let Ok(mut d) = head {
        while let Some(Ok(chunk)) = d.body.next().await {
            bytes.extend_from_slice(&chunk);
        }
    }
    chat_core::attachments::sniff_content_type(&bytes).to_owned()
}

enum RangeAsk {
    Ignore,
    Range(ByteRange),
    Unsatisfiable,
}

/// One `bytes=` range (`a-b`, `a-`, `-n`); several ranges or anything
/// unreadable are ignored (the whole file is sent), as RFC 9110 allows.
fn parse_range(text: &str, size: u64) -> RangeAsk {
    let Some(spec) = text.trim().strip_prefix("bytes=") else {
        return RangeAsk::Ignore;
    };
    if spec.contains(',') {
        return RangeAsk::Ignore;
    }
    let Some((start, end)) = spec.trim().split_once('-') else {
        return RangeAsk::Ignore;
    };
    let (start, end) = (start.trim(), end.trim());
    let parsed = match (start.is_empty(), end.is_empty()) {
        (true, true) => return RangeAsk::Ignore,
        (true, false) => match end.parse::<u64>() {
            Ok(0) => return RangeAsk::Unsatisfiable,
            Ok(n) => (size.saturating_sub(n), size.saturating_sub(1)),
            Err(_) => return RangeAsk::Ignore,
        },
        (false, _) => {
            let Ok(s) = start.parse::<u64>() else {
                return RangeAsk::Ignore;
            };
            let e = if end.is_empty() {
                size.saturating_sub(1)
            } else {
                match end.parse::<u64>() {
                    Ok(e) if e >= s => e.min(size.saturating_sub(1)),
                    _ => return RangeAsk::Ignore,
                }
            };
            (s, e)
        }
    };
    if size == 0 || parsed.0 >= size {
        return RangeAsk::Unsatisfiable;
    }
    RangeAsk::Range(ByteRange {
        start: parsed.0,
        end: parsed.1,
    })
}

/// `inline` or `attachment`, with an ASCII fallback name and the UTF-8 one.
fn disposition(filename: &str, inline: bool) -> HeaderValue {
    let kind = if inline { "inline" } else { "attachment" };
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in filename.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    HeaderValue::from_str(&format!(
        "{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// Decodes `%XX` escapes of a path segment (UTF-8); `None` if malformed.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str, size: u64) -> Option<(u64, u64)> {
        match parse_range(text, size) {
            RangeAsk::Range(r) => Some((r.start, r.end)),
            RangeAsk::Ignore => None,
            RangeAsk::Unsatisfiable => Some((u64::MAX, u64::MAX)),
        }
    }

    #[test]
    fn ranges() {
        assert_eq!(range("bytes=0-9", 100), Some((0, 9)));
        assert_eq!(range("bytes=90-", 100), Some((90, 99)));
        assert_eq!(range("bytes=-10", 100), Some((90, 99)));
        assert_eq!(range("bytes=50-500", 100), Some((50, 99)));
        assert_eq!(range("bytes=100-", 100), Some((u64::MAX, u64::MAX)));
        assert_eq!(range("bytes=0-1,5-6", 100), None);
        assert_eq!(range("items=0-1", 100), None);
        assert_eq!(range("bytes=5-1", 100), None);
    }

    #[test]
    fn dispositions_quote_safely() {
        let v = disposition("a\"b ☕.png", true);
        assert_eq!(
            v.to_str().unwrap(),
            "inline; filename=\"a_b _.png\"; filename*=UTF-8''a%22b%20%E2%98%95.png"
        );
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b%E2%98%95").as_deref(), Some("a b☕"));
        assert_eq!(percent_decode("bad%2"), None);
    }
}
