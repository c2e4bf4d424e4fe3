//! The error envelope of API.md, and the one mapping from everything that
//! can go wrong (a use case's [`chat_core::Error`], a warp rejection) to a
//! status and `{"error": {"code", "message", "details"?}}`.

use std::convert::Infallible;
use std::time::Duration;

use chat_core::Error;
use serde_json::{json, Value};
use warp::http::{header, HeaderValue, StatusCode};
use warp::reject::{
    InvalidHeader, InvalidQuery, LengthRequired, MethodNotAllowed, MissingHeader, PayloadTooLarge,
    Reject, UnsupportedMediaType,
};
use warp::reply::Response;
use warp::{Rejection, Reply};

/// An error as the API answers it. Also a warp rejection, so filters
/// (authentication, body parsing) can refuse a request with it.
#[derive(Debug, Clone)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    /// Boxed: the error travels in every handler's `Result`, so it stays small.
    details: Option<Box<Value>>,
    retry_after: Option<u64>,
}

impl Reject for ApiError {}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            details: None,
            retry_after: None,
        }
    }

    /// 400 `bad_request`: the body is not JSON or has the wrong shape.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 401 `unauthenticated`.
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthenticated", message)
    }

    /// 403 `forbidden`.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 503 `unavailable`: the server cannot take this now; retry later.
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", message)
    }

    /// 404 `not_found`; `what` names the thing (`server`, `route`, …).
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} not found"),
        )
    }

    /// 405 `method_not_allowed`.
    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "this path does not accept this method",
        )
    }

    /// 413 `payload_too_large`.
    pub fn payload_too_large() -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "the request body is over 1 MiB",
        )
    }

    /// 422 `validation_failed` naming the field.
    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        Self {
            details: Some(Box::new(json!({ "field": field }))),
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                message,
            )
        }
    }

    /// 500 `internal`: the detail goes to the log (inside the request's
    /// span, so with its id), never to the client.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error",
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The API code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The response with the envelope (and `Retry-After` when rate limited).
    pub fn to_response(&self) -> Response {
        let mut error = json!({ "code": self.code, "message": self.message });
        if let (Some(details), Some(obj)) = (&self.details, error.as_object_mut()) {
            obj.insert("details".into(), Value::clone(details));
        }
        let body = warp::reply::json(&json!({ "error": error }));
        let mut response = warp::reply::with_status(body, self.status).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl Reply for ApiError {
    fn into_response(self) -> Response {
        self.to_response()
    }
}

impl From<Error> for ApiError {
    /// The one mapping from a use case's error to the API's answer.
    fn from(e: Error) -> Self {
        let message = e.to_string();
        match e {
            Error::Unauthenticated(_) => Self::unauthenticated(message),
            Error::Forbidden(_) => Self::forbidden(message),
            Error::NotFound(_) => Self::new(StatusCode::NOT_FOUND, "not_found", message),
            Error::Conflict(c) => Self::new(StatusCode::CONFLICT, c.code(), message),
            Error::InviteExpired => Self::new(StatusCode::GONE, "invite_expired", message),
            Error::Validation(v) => Self::validation(v.field, message),
            Error::RateLimited { retry_after } => {
                crate::metrics::record_rate_limited("http");
                Self::rate_limited(message, retry_after)
            }
            Error::QuotaExceeded { what, limit } => Self {
                details: Some(Box::new(json!({ "quota": what, "limit": limit }))),
                ..Self::rate_limited(message, QUOTA_RETRY)
            },
            Error::Unavailable {
                retry_after,
                reason,
            } => {
                tracing::warn!(%reason, "unavailable");
                Self {
                    retry_after: Some(whole_seconds(retry_after)),
                    ..Self::unavailable(message)
                }
            }
            Error::Storage(chat_core::StoreError::Unavailable(reason)) => {
                Self::from(Error::Unavailable {
                    retry_after: chat_core::error::STORE_RETRY,
                    reason,
                })
            }
            Error::InvalidCode { ticket_dead } => Self {
                details: Some(Box::new(json!({ "ticket_expired": ticket_dead }))),
                ..Self::new(StatusCode::UNAUTHORIZED, "invalid_code", message)
            },
            Error::TimedOut { until } => Self {
                details: Some(Box::new(json!({ "until": until.to_rfc3339() }))),
                ..Self::new(StatusCode::FORBIDDEN, "timed_out", message)
            },
            Error::DmNotAllowed => Self::new(StatusCode::FORBIDDEN, "dm_not_allowed", message),
            Error::Blocked => Self::new(StatusCode::FORBIDDEN, "blocked", message),
            Error::AccountDisabled => Self::new(StatusCode::FORBIDDEN, "account_disabled", message),
            Error::Storage(detail) => Self::internal(detail),
            Error::PayloadTooLarge { limit_bytes } => Self {
                details: Some(Box::new(json!({ "limit_bytes": limit_bytes }))),
                ..Self::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", message)
            },
            Error::UploadRateLimited {
                limit,
                window_seconds,
                retry_after,
            } => {
                crate::metrics::record_rate_limited("http");
                Self {
                    details: Some(Box::new(json!({
                        "limit": limit,
                        "window_seconds": window_seconds,
                        "retry_after_ms": retry_after.as_millis() as u64,
                    }))),
                    ..Self::rate_limited(message, retry_after)
                }
            }
            Error::StorageQuotaExceeded {
                used_bytes,
                limit_bytes,
            } => Self {
                details: Some(Box::new(
                    json!({ "used_bytes": used_bytes, "limit_bytes": limit_bytes }),
                )),
                ..Self::new(StatusCode::CONFLICT, "storage_quota_exceeded", message)
            },
            Error::Malformed(_) => Self::bad_request(message),
        }
    }
}

/// The wait suggested after a quota refusal: a quota frees only when
/// something is deleted, so a client should not retry at once.
const QUOTA_RETRY: Duration = Duration::from_secs(60);

impl ApiError {
    /// 429 `rate_limited` with `Retry-After` (whole seconds, rounded up)
    /// and `details.retry_after_ms`.
    fn rate_limited(message: String, retry_after: Duration) -> Self {
        let ms = u64::try_from(retry_after.as_millis()).unwrap_or(u64::MAX);
        Self {
            retry_after: Some(whole_seconds(retry_after)),
            details: Some(Box::new(json!({ "retry_after_ms": ms }))),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message)
        }
    }
}

/// A wait in whole seconds, rounded up, at least 1 (`Retry-After`).
fn whole_seconds(wait: Duration) -> u64 {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    seconds.max(1)
}

/// Turns any rejection into the envelope. The most specific cause wins:
/// our own errors (raised by a route whose path and method matched), then
/// body and header problems, then a wrong method for a known path, and
/// only then "not found".
pub async fn handle_rejection(err: Rejection) -> Result<Box<dyn Reply>, Infallible> {
    Ok(Box::new(rejection_to_error(&err).to_response()))
}

pub(crate) fn rejection_to_error(err: &Rejection) -> ApiError {
    if let Some(e) = err.find::<ApiError>() {
        return e.clone();
    }
    if err.find::<PayloadTooLarge>().is_some() {
        return ApiError::payload_too_large();
    }
    if let Some(e) = err.find::<warp::filters::body::BodyDeserializeError>() {
        return ApiError::bad_request(format!("the body is not valid JSON: {e}"));
    }
    if err.find::<UnsupportedMediaType>().is_some() {
        return ApiError::bad_request("the body must be JSON (Content-Type: application/json)");
    }
    if err.find::<LengthRequired>().is_some() {
        return ApiError::bad_request("a Content-Length header is required");
    }
    if let Some(e) = err.find::<MissingHeader>() {
        return ApiError::bad_request(e.to_string());
    }
    if let Some(e) = err.find::<InvalidHeader>() {
        return ApiError::bad_request(e.to_string());
    }
    if err.find::<InvalidQuery>().is_some() {
        return ApiError::bad_request("the query string is malformed");
    }
    if let Some(e) = err.find::<warp::filters::cors::CorsForbidden>() {
        return ApiError::forbidden(e.to_string());
    }
    if err.find::<MethodNotAllowed>().is_some() {
        return ApiError::method_not_allowed();
    }
    if err.is_not_found() {
        return ApiError::not_found("route");
    }
    // Anything else (a rejection of some other filter, e.g. a socket
    // upgrade without its headers) is the client's malformed request.
    tracing::debug!(rejection = ?err, "unrecognised rejection");
    ApiError::bad_request("malformed request")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chat_core::{Conflict, ValidationError};

    #[test]
    fn each_core_error_gets_its_status_and_code() {
        let cases: Vec<(Error, u16, &str)> = vec![
            (Error::Unauthenticated("x"), 401, "unauthenticated"),
            (Error::Forbidden("x"), 403, "forbidden"),
            (Error::NotFound("server"), 404, "not_found"),
            (Conflict::OwnerCannotLeave.into(), 409, "owner_cannot_leave"),
            (Conflict::Banned.into(), 409, "banned"),
            (Conflict::UsernameTaken.into(), 409, "username_taken"),
            (Conflict::OwnsServers.into(), 409, "owns_servers"),
            (Conflict::Other("x").into(), 409, "conflict"),
            (Error::InviteExpired, 410, "invite_expired"),
            (
                Error::InvalidCode { ticket_dead: false },
                401,
                "invalid_code",
            ),
            (
                Error::TimedOut {
                    until: chat_core::Timestamp::from_millis(0),
                },
                403,
                "timed_out",
            ),
            (Error::AccountDisabled, 403, "account_disabled"),
            (
                ValidationError::new("name", "bad").into(),
                422,
                "validation_failed",
            ),
            (
                Error::RateLimited {
                    retry_after: Duration::from_millis(1500),
                },
                429,
                "rate_limited",
            ),
            (
                Error::Storage(chat_core::StoreError::Backend("secret".into())),
                500,
                "internal",
            ),
            (
                Error::from(chat_core::StoreError::Unavailable("down".into())),
                503,
                "unavailable",
            ),
            (
                Error::Storage(chat_core::StoreError::Unavailable("down".into())),
                503,
                "unavailable",
            ),
            (
                Error::QuotaExceeded {
                    what: "servers you own",
                    limit: 100,
                },
                429,
                "rate_limited",
            ),
        ];
        for (error, status, code) in cases {
            let api = ApiError::from(error);
            assert_eq!((api.status().as_u16(), api.code()), (status, code));
        }
    }

    #[test]
    fn rate_limited_rounds_retry_after_up() {
        let api = ApiError::from(Error::RateLimited {
            retry_after: Duration::from_millis(1500),
        });
        assert_eq!(
            api.details.as_deref(),
            Some(&json!({ "retry_after_ms": 1500 }))
        );
        let response = api.to_response();
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
        assert_eq!(
            api.details.as_deref(),
            Some(&json!({"retry_after_ms": 1500}))
        );
    }

    #[test]
    fn an_unreachable_store_answers_503_with_retry_after() {
        let api = ApiError::from(Error::from(chat_core::StoreError::Unavailable(
            "connection refused".into(),
        )));
        let response = api.to_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    }

    #[test]
    fn a_storage_failure_does_not_leak_its_detail() {
        let api = ApiError::from(Error::Storage(chat_core::StoreError::Backend(
            "password=hunter2".into(),
        )));
        assert_eq!(api.message, "internal error");
    }
}
