//! The audit log: `GET /servers/{id}/audit-log?limit=&before=&actor_id=&action=`.

use std::collections::HashMap;

use chat_core::audit::{AuditAction, AuditFilter};
use chat_core::auth::Actor;
use chat_core::ids::{AuditEntryId, UserId};
use chat_core::ValidationError;
use chat_wire::AuditEntryDto;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use super::servers::server_id;
use crate::context::{finish, ok, Ctx, Outcome};

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    warp::path!("servers" / String / "audit-log")
        .and(warp::get())
        .and(ctx.authed())
        .and(warp::query::<HashMap<String, String>>())
        .then(list)
        .map(finish)
        .boxed()
}

/// Reads the query; malformed parameters (an empty one included: the
/// document says what each must be) are 422 on the parameter.
fn filter(q: &HashMap<String, String>) -> Result<AuditFilter, ValidationError> {
    let param = |name: &str| q.get(name).map(|v| v.trim());
    let limit = param("limit")
        .map(|v| {
            v.parse::<i64>()
                .map_err(|_| ValidationError::new("limit", "must be a whole number from 1"))
        })
        .transpose()?;
    Ok(AuditFilter {
        limit,
        before: param("before")
            .map(|v| AuditEntryId::parse(v, "before"))
            .transpose()?,
        actor: param("actor_id")
            .map(|v| UserId::parse(v, "actor_id"))
            .transpose()?,
        action: param("action").map(AuditAction::parse).transpose()?,
    })
}

async fn list(id: String, ctx: Ctx, actor: Actor, q: HashMap<String, String>) -> Outcome {
    let id = server_id(&id)?;
    let entries = ctx.chat.audit_log(&actor, id, filter(&q)?).await?;
    ok(&entries.iter().map(AuditEntryDto::from).collect::<Vec<_>>())
}
