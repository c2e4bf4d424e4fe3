//! Turning the parts of a request into typed values: the body (bounded to
//! 1 MiB, JSON), the bearer token's [`Actor`], the client's address, and
//! ids in paths.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use bytes::{Buf, Bytes, BytesMut};
use chat_core::auth::Actor;
use chat_core::Chat;
use futures::{Stream, StreamExt};
use serde::de::DeserializeOwned;
use warp::http::HeaderMap;
use warp::{Filter, Rejection};

use crate::error::ApiError;
use crate::serve::PeerAddr;

/// The largest request body accepted (API.md: over 1 MiB gets 413).
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The raw body, refused with 413 when over [`MAX_BODY_BYTES`]: at once
/// when `Content-Length` says so, else while reading (chunked bodies).
pub fn body_bytes() -> impl Filter<Extract = (Bytes,), Error = Rejection> + Clone {
    warp::header::headers_cloned()
        .and(warp::body::stream())
        .and_then(|headers: HeaderMap, body| async move {
            if declared_length(&headers).is_some_and(|n| n > MAX_BODY_BYTES as u64) {
                return Err(warp::reject::custom(ApiError::payload_too_large()));
            }
            read_limited(body).await.map_err(warp::reject::custom)
        })
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(warp::http::header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

async fn read_limited<S, B>(body: S) -> Result<Bytes, ApiError>
where
    S: Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    let mut body = std::pin::pin!(body);
    let mut out = BytesMut::new();
    while let Some(chunk) = body.next().await {
        let mut chunk =
            chunk.map_err(|e| ApiError::bad_request(format!("reading the body failed: {e}")))?;
        if out.len() + chunk.remaining() > MAX_BODY_BYTES {
            return Err(ApiError::payload_too_large());
        }
        while chunk.has_remaining() {
            let part = chunk.chunk();
            out.extend_from_slice(part);
            let n = part.len();
            chunk.advance(n);
        }
    }
    Ok(out.freeze())
}

/// A JSON body of type `T`. Not JSON or the wrong shape → 400 `bad_request`.
pub fn json_body<T>() -> impl Filter<Extract = (T,), Error = Rejection> + Clone
where
    T: DeserializeOwned + Send,
{
    body_bytes()
        .and_then(|bytes: Bytes| async move { parse_json(&bytes).map_err(warp::reject::custom) })
}

/// Like [`json_body`], but an empty body reads as `{}` (for the endpoints
/// that take no body or only optional fields).
pub fn optional_json_body<T>() -> impl Filter<Extract = (T,), Error = Rejection> + Clone
where
    T: DeserializeOwned + Default + Send,
{
    body_bytes().and_then(|bytes: Bytes| async move {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(T::default());
        }
        parse_json(&bytes).map_err(warp::reject::custom)
    })
}

/// The body is read as JSON whatever `Content-Type` says: `curl -d` sends
/// form encoding by default, and a person trying the API should get their
/// JSON understood, not a lecture about headers. Bad JSON is still 400.
fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        let what = if e.is_data() {
            "the body has the wrong shape"
        } else {
            "the body is not valid JSON"
        };
        ApiError::bad_request(format!("{what}: {e}"))
    })
}

/// The caller behind `Authorization: Bearer <token>`; 401 otherwise.
pub fn authenticated(chat: Chat) -> impl Filter<Extract = (Actor,), Error = Rejection> + Clone {
    warp::header::headers_cloned().and_then(move |headers: HeaderMap| {
        let chat = chat.clone();
        async move {
            let token = bearer_token(&headers).ok_or_else(|| {
                warp::reject::custom(ApiError::unauthenticated(
                    "an Authorization: Bearer <access_token> header is required",
                ))
            })?;
            chat.authenticate(token)
                .await
                .map_err(|e| warp::reject::custom(ApiError::from(e)))
        }
    })
}

/// The token of a `Bearer` authorization header (scheme in any case).
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(warp::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The caller behind a valid bearer token, or `None` without one (or with
/// one that is no longer valid): for the routes anyone may call, which
/// tell a signed-in caller a little more.
pub fn maybe_authenticated(
    chat: Chat,
) -> impl Filter<Extract = (Option<Actor>,), Error = std::convert::Infallible> + Clone {
    warp::header::headers_cloned().then(move |headers: HeaderMap| {
        let chat = chat.clone();
        async move {
            let token = bearer_token(&headers)?;
            chat.authenticate(token).await.ok()
        }
    })
}

/// The client's address: the socket's peer, or, behind a trusted proxy,
/// the last address of `X-Forwarded-For` (the one the proxy itself saw;
/// earlier entries are whatever the client claimed).
pub fn client_ip(
    trust_forwarded_for: bool,
) -> impl Filter<Extract = (IpAddr,), Error = std::convert::Infallible> + Clone {
    peer_addr().and(warp::header::headers_cloned()).map(
        move |peer: Option<SocketAddr>, headers: HeaderMap| {
            let forwarded = trust_forwarded_for
                .then(|| forwarded_for(&headers))
                .flatten();
            forwarded
                .or(peer.map(|p| p.ip()))
                .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
        },
    )
}

/// The socket's peer: as [`crate::bind`] records it, else as warp's own
/// server (or `warp::test`) gives it.
fn peer_addr(
) -> impl Filter<Extract = (Option<SocketAddr>,), Error = std::convert::Infallible> + Clone {
    warp::ext::optional::<PeerAddr>()
        .and(warp::addr::remote())
        .map(|recorded: Option<PeerAddr>, warps: Option<SocketAddr>| {
            recorded.map(|PeerAddr(addr)| addr).or(warps)
        })
}

fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()?;
    last.trim().parse().ok()
}

/// Parses an id in a path. Text that is not a UUID names a thing that
/// cannot exist: 404, like any other missing thing.
pub fn path_id<T>(
    text: &str,
    what: &'static str,
    parse: fn(&str, &'static str) -> Result<T, chat_core::ValidationError>,
) -> Result<T, ApiError> {
    parse(text, what).map_err(|_| ApiError::not_found(what))
}

#[cfg(test)]
mod tests {
    use super::*;
    use warp::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn bearer_tokens_are_read_in_any_case_of_the_scheme() {
        assert_eq!(
            bearer_token(&headers(&[("authorization", "Bearer abc")])),
            Some("abc")
        );
        assert_eq!(
            bearer_token(&headers(&[("authorization", "bearer  abc ")])),
            Some("abc")
        );
        assert_eq!(
            bearer_token(&headers(&[("authorization", "Basic abc")])),
            None
        );
        assert_eq!(
            bearer_token(&headers(&[("authorization", "Bearer ")])),
            None
        );
        assert_eq!(bearer_token(&headers(&[])), None);
    }

    #[test]
    fn forwarded_for_takes_the_address_the_proxy_saw() {
        let h = headers(&[
            ("x-forwarded-for", "1.1.1.1, 2.2.2.2"),
            ("x-forwarded-for", "3.3.3.3"),
        ]);
        assert_eq!(forwarded_for(&h), "3.3.3.3".parse().ok());
        assert_eq!(
            forwarded_for(&headers(&[("x-forwarded-for", "junk")])),
            None
        );
    }
}
