//! Members: list, leave, change a role (owner).

use chat_core::auth::Actor;
use chat_core::ids::UserId;
use chat_core::role::Role;
use chat_wire::MemberDto;
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use super::servers::server_id;
use crate::context::{any_of, finish, no_content, ok, Ctx, Outcome};
use crate::error::ApiError;
use crate::extract::{json_body, path_id};

#[derive(Deserialize)]
struct RoleBody {
    role: String,
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let list = warp::path!("servers" / String / "members")
        .and(warp::get())
        .and(ctx.authed())
        .then(list)
        .map(finish);
    let leave = warp::path!("servers" / String / "leave")
        .and(warp::delete())
        .and(ctx.authed())
        .then(leave)
        .map(finish);
    let set_role = warp::path!("servers" / String / "members" / String)
        .and(warp::put())
        .and(ctx.authed())
        .and(json_body())
        .then(set_role)
        .map(finish);
    any_of(vec![list.boxed(), leave.boxed(), set_role.boxed()])
}

/// A user id in a path; not a UUID means no such member.
pub(super) fn member_id(text: &str) -> Result<UserId, ApiError> {
    path_id(text, "member", UserId::parse)
}

async fn list(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    let members = ctx.chat.list_members(&actor, server_id(&id)?).await?;
    ok(&members.iter().map(MemberDto::from).collect::<Vec<_>>())
}

async fn leave(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    ctx.chat.leave_server(&actor, server_id(&id)?).await?;
    no_content()
}

async fn set_role(id: String, user: String, ctx: Ctx, actor: Actor, body: RoleBody) -> Outcome {
    let (id, user) = (server_id(&id)?, member_id(&user)?);
    let role = Role::parse(&body.role, "role")?;
    let member = ctx.chat.set_role(&actor, id, user, role).await?;
    ok(&MemberDto::from(&member))
}
