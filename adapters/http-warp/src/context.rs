//! What every route handler receives: the use cases and the
//! filters that hand them out; plus the helpers that build responses.

use std::convert::Infallible;
use std::net::IpAddr;

use chat_core::auth::Actor;
use chat_core::{Chat, ValidationError};
use serde::Serialize;
use warp::filters::BoxedFilter;
use warp::http::StatusCode;
use warp::reply::Response;
use warp::{Filter, Rejection, Reply};

use crate::error::ApiError;
use crate::extract;

/// The shared state of the REST routes. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub chat: Chat,
    pub trust_forwarded_for: bool,
}

impl Ctx {
    /// Hands the context to a handler.
    pub fn with(&self) -> impl Filter<Extract = (Ctx,), Error = Infallible> + Clone {
        let ctx = self.clone();
        warp::any().map(move || ctx.clone())
    }

    /// The authenticated caller (401 otherwise).
    pub fn actor(&self) -> impl Filter<Extract = (Actor,), Error = Rejection> + Clone {
        extract::authenticated(self.chat.clone())
    }

    /// The caller if the request carries a valid token, else `None`.
    pub fn maybe_actor(
        &self,
    ) -> impl Filter<Extract = (Option<Actor>,), Error = Infallible> + Clone {
        extract::maybe_authenticated(self.chat.clone())
    }

    /// The context and the authenticated caller, as most routes need both.
    /// An `X-Audit-Log-Reason` header is handed to the use cases with the
    /// context (recorded with any audited act; see `audit_reason`).
    pub fn authed(&self) -> impl Filter<Extract = (Ctx, Actor), Error = Rejection> + Clone {
        self.with()
            .and(self.actor())
            .and(crate::audit_reason::header())
            .map(|ctx: Ctx, actor: Actor, reason: Option<_>| match reason {
                None => (ctx, actor),
                reason => {
                    let chat = ctx.chat.with_audit_reason(reason);
                    (Ctx { chat, ..ctx }, actor)
                }
            })
            .untuple_one()
    }

    /// The client's address, for throttling.
    pub fn client_ip(&self) -> impl Filter<Extract = (IpAddr,), Error = Infallible> + Clone {
        extract::client_ip(self.trust_forwarded_for)
    }
}

/// What a handler produces: a response, or the API error to answer.
pub(crate) type Outcome = Result<Response, ApiError>;

/// A route's reply: errors become the envelope here, so a handler never
/// rejects (which would make warp try the other routes).
pub(crate) fn finish(outcome: Outcome) -> Box<dyn Reply> {
    Box::new(outcome.unwrap_or_else(|e| e.to_response()))
}

/// Routes as one filter, tried in order.
pub(crate) fn any_of(
    routes: Vec<BoxedFilter<(Box<dyn Reply>,)>>,
) -> BoxedFilter<(Box<dyn Reply>,)> {
    let mut routes = routes.into_iter();
    let first = routes.next().unwrap_or_else(|| {
        warp::any()
            .and_then(|| async { Err(warp::reject::not_found()) })
            .boxed()
    });
    routes.fold(first, |all, next| all.or(next).unify().boxed())
}

/// A JSON body with a status.
pub(crate) fn json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    warp::reply::with_status(warp::reply::json(body), status).into_response()
}

/// 200 with a JSON body.
pub(crate) fn ok<T: Serialize>(body: &T) -> Outcome {
    Ok(json(StatusCode::OK, body))
}

/// 201 with a JSON body.
pub(crate) fn created<T: Serialize>(body: &T) -> Outcome {
    Ok(json(StatusCode::CREATED, body))
}

/// 204 without a body.
pub(crate) fn no_content() -> Outcome {
    Ok(warp::reply::with_status(warp::reply(), StatusCode::NO_CONTENT).into_response())
}

impl From<ValidationError> for ApiError {
    fn from(e: ValidationError) -> Self {
        ApiError::from(chat_core::Error::from(e))
    }
}

/// Parses an optional field with the domain type's `parse`.
pub(crate) fn parse_opt<T>(
    value: Option<&str>,
    parse: fn(&str) -> Result<T, ValidationError>,
) -> Result<Option<T>, ValidationError> {
    value.map(parse).transpose()
}
