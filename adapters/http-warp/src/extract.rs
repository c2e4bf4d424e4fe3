//! Turning the parts of a request into typed values: the body (bounded to
//! 1 MiB, JSON), the bearer token's [`Actor`], the client's address, and
//! ids in paths.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use bytes::{Buf, Bytes, BytesMut};
use chat_core::auth::Actor;
use chat_core::Chat;
use futures::{Stream, StreamExt};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Number, Value};
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

/// Like [`json_body`], but an empty body (no bytes at all) reads as `{}`
/// (for the endpoints that take no body or only optional fields). Blank
/// text is not JSON, so it is 400 like any other.
pub fn optional_json_body<T>() -> impl Filter<Extract = (T,), Error = Rejection> + Clone
where
    T: DeserializeOwned + Default + Send,
{
    body_bytes().and_then(|bytes: Bytes| async move {
        if bytes.is_empty() {
            return Ok(T::default());
        }
        parse_json(&bytes).map_err(warp::reject::custom)
    })
}

/// The body is read as JSON whatever `Content-Type` says: `curl -d` sends
/// form encoding by default, and a person trying the API should get their
/// JSON understood, not a lecture about headers. Bad JSON is still 400.
///
/// Every body is held to the same rules as `docs/openapi.yaml` states them
/// (see [`body_shape`]), then read into `T`; a field of the wrong type is
/// 400 too. Unknown fields are ignored (serde's default, kept on purpose).
fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}")))?;
    let value = body_shape(value).map_err(ApiError::bad_request)?;
    serde_json::from_value(value)
        .map_err(|e| ApiError::bad_request(format!("the body has the wrong shape: {e}")))
}

/// The rules every request body follows, whatever the route:
/// - it is a JSON object (serde would otherwise read a struct from an array);
/// - an integral number is an integer however it is written (`3874.0` is
///   `3874`, as JSON Schema's `integer` says), so `i64` fields accept it.
///
/// `null` is refused field by field ([`present`]): unknown fields, ignored,
/// may hold anything.
pub(crate) fn body_shape(value: Value) -> Result<Value, String> {
    match value {
        Value::Object(_) => Ok(integral(value)),
        _ => Err("the body must be a JSON object".into()),
    }
}

/// A value with its integral floats made integers, at any depth.
fn integral(value: Value) -> Value {
    match value {
        Value::Number(n) => Value::Number(integer_of(&n).unwrap_or(n)),
        Value::Array(items) => Value::Array(items.into_iter().map(integral).collect()),
        Value::Object(fields) => {
            Value::Object(fields.into_iter().map(|(k, v)| (k, integral(v))).collect())
        }
        other => other,
    }
}

/// For the optional fields of request bodies, with
/// `#[serde(default, deserialize_with = "present")]`: a field left out is
/// `None`, a value of the field's type is `Some`, and `null` is refused
/// like any other wrong type (400), as the document says `type: string`
/// (or `integer`), not `[string, "null"]`.
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Integers up to 2^53 in magnitude: the ones a float holds exactly (and
/// JSON's interoperable range, RFC 8259 §6).
const EXACT_FLOAT_INTEGERS: f64 = 9_007_199_254_740_992.0;

/// `n` as an integer when it is a float with no fractional part that a
/// float holds exactly. Larger floats are not made integers: a text like
/// `-9223372036854775809` reads as the float -2^63, and must not pass as
/// that `i64`.
fn integer_of(n: &Number) -> Option<Number> {
    if n.is_i64() || n.is_u64() {
        return None;
    }
    let f = n.as_f64()?;
    (f.fract() == 0.0 && f.abs() <= EXACT_FLOAT_INTEGERS).then(|| Number::from(f as i64))
}

/// An integer parameter of a query string, by the same rule as bodies:
/// `3874` and `3874.0` are the same integer; `None` for anything else.
pub fn query_integer(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(n) = text.parse::<i64>() {
        return Some(n);
    }
    let f = text.parse::<f64>().ok().filter(|f| f.is_finite())?;
    integer_of(&Number::from_f64(f)?).and_then(|n| n.as_i64())
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
    use serde_json::json;
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
    fn a_body_must_be_an_object() {
        assert!(body_shape(json!({"a": "x"})).is_ok());
        assert!(body_shape(json!([])).is_err());
        assert!(body_shape(json!("x")).is_err());
        assert!(body_shape(json!(5)).is_err());
        assert!(body_shape(json!(null)).is_err());
    }

    #[test]
    fn an_integral_number_is_an_integer_however_written() {
        let v = body_shape(json!({"n": 3874.0, "m": -2.0, "f": 1.5, "big": 1e300})).unwrap();
        assert_eq!(v["n"], json!(3874));
        assert!(v["n"].is_i64());
        assert_eq!(v["m"], json!(-2));
        assert_eq!(v["f"], json!(1.5));
        assert!(v["big"].is_f64());
        // Beyond 2^53 a float is not exact: -2^63 - 1 must not pass as -2^63.
        let v =
            body_shape(serde_json::from_str(r#"{"p": -9223372036854775809}"#).unwrap()).unwrap();
        assert!(v["p"].is_f64());
        let v = body_shape(json!({"list": [2.0], "o": {"x": 7.0}})).unwrap();
        assert_eq!(v, json!({"list": [2], "o": {"x": 7}}));
    }

    #[test]
    fn query_integers_follow_the_same_rule() {
        assert_eq!(query_integer("3874"), Some(3874));
        assert_eq!(query_integer("3874.0"), Some(3874));
        assert_eq!(query_integer(" -5 "), Some(-5));
        assert_eq!(query_integer("1.5"), None);
        assert_eq!(query_integer("abc"), None);
        assert_eq!(query_integer("NaN"), None);
        assert_eq!(query_integer("inf"), None);
        assert_eq!(query_integer("1e300"), None);
        assert_eq!(
            query_integer("9007199254740992.0"),
            Some(9_007_199_254_740_992)
        );
        assert_eq!(query_integer("9223372036854775807"), Some(i64::MAX));
        assert_eq!(query_integer("-9223372036854775809"), None);
    }

    #[derive(serde::Deserialize, Debug)]
    struct Sample {
        #[allow(dead_code)]
        name: String,
        #[serde(default, deserialize_with = "present")]
        count: Option<i64>,
    }

    #[test]
    fn bodies_refuse_wrong_types_and_ignore_unknown_fields() {
        let ok: Sample = parse_json(br#"{"name": "a", "count": 2.0, "extra": [null]}"#)
            .map_err(|e| e.code())
            .unwrap_or_else(|c| panic!("{c}"));
        assert_eq!(ok.count, Some(2));
        let absent: Sample = parse_json(br#"{"name": "a"}"#)
            .map_err(|e| e.code())
            .unwrap_or_else(|c| panic!("{c}"));
        assert_eq!(absent.count, None);
        for bad in [
            &br#"{"name": 5}"#[..],
            br#"{"name": "a", "count": "x"}"#,
            br#"{"name": "a", "count": 1.5}"#,
            br#"{"name": "a", "count": null}"#,
            br#"["a", 1]"#,
            b"nope",
        ] {
            let e = parse_json::<Sample>(bad).unwrap_err();
            assert_eq!(e.code(), "bad_request", "{}", String::from_utf8_lossy(bad));
        }
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
