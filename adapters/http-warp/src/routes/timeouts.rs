//! Timeouts: `PUT` and `DELETE /servers/{id}/members/{user_id}/timeout`.

use chat_core::audit::AuditReason;
use chat_core::auth::Actor;
use chat_core::{Timestamp, ValidationError};
use chat_wire::MemberDto;
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use super::members::member_id;
use super::servers::server_id;
use crate::context::{any_of, finish, no_content, ok, Ctx, Outcome};
use crate::extract::{json_body, present};

#[derive(Deserialize)]
struct TimeoutBody {
    #[serde(default, deserialize_with = "present")]
    until: Option<String>,
    #[serde(default, deserialize_with = "present")]
    reason: Option<String>,
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let path = warp::path!("servers" / String / "members" / String / "timeout");
    let set = path
        .and(warp::put())
        .and(ctx.authed())
        .and(json_body())
        .then(set)
        .map(finish);
    let lift = path
        .and(warp::delete())
        .and(ctx.authed())
        .then(lift)
        .map(finish);
    any_of(vec![set.boxed(), lift.boxed()])
}

async fn set(id: String, user: String, ctx: Ctx, actor: Actor, body: TimeoutBody) -> Outcome {
    let (id, user) = (server_id(&id)?, member_id(&user)?);
    let rule = "must be an RFC 3339 time in the future, at most 28 days from now";
    let until = body
        .until
        .as_deref()
        .and_then(Timestamp::parse_rfc3339)
        .ok_or_else(|| ValidationError::new("until", rule))?;
    // A reason in the body wins over the header's.
    let chat = match AuditReason::parse_optional(body.reason.as_deref())? {
        Some(reason) => ctx.chat.with_audit_reason(Some(reason)),
        None => ctx.chat,
    };
    let member = chat.set_timeout(&actor, id, user, until).await?;
    ok(&MemberDto::from(&member))
}

async fn lift(id: String, user: String, ctx: Ctx, actor: Actor) -> Outcome {
    let (id, user) = (server_id(&id)?, member_id(&user)?);
    ctx.chat.lift_timeout(&actor, id, user).await?;
    no_content()
}
