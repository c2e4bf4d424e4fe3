//! Moderation: kick, ban (timed or permanent), list bans, unban.

use chat_core::auth::Actor;
use chat_core::ids::UserId;
use chat_core::moderation::{BanReason, BanRequest};
use chat_wire::BanDto;
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use super::members::member_id;
use super::servers::server_id;
use crate::context::{any_of, created, finish, no_content, ok, parse_opt, Ctx, Outcome};
use crate::extract::{json_body, path_id, present};

#[derive(Deserialize)]
struct BanBody {
    user_id: String,
    #[serde(default, deserialize_with = "present")]
    reason: Option<String>,
    #[serde(default, deserialize_with = "present")]
    duration_seconds: Option<i64>,
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let kick = warp::path!("servers" / String / "members" / String)
        .and(warp::delete())
        .and(ctx.authed())
        .then(kick)
        .map(finish);
    let bans = warp::path!("servers" / String / "bans");
    let ban = bans
        .and(warp::post())
        .and(ctx.authed())
        .and(json_body())
        .then(ban)
        .map(finish);
    let list = bans
        .and(warp::get())
        .and(ctx.authed())
        .then(list)
        .map(finish);
    let unban = warp::path!("servers" / String / "bans" / String)
        .and(warp::delete())
        .and(ctx.authed())
        .then(unban)
        .map(finish);
    any_of(vec![kick.boxed(), ban.boxed(), list.boxed(), unban.boxed()])
}

async fn kick(id: String, user: String, ctx: Ctx, actor: Actor) -> Outcome {
    let (id, user) = (server_id(&id)?, member_id(&user)?);
    ctx.chat.kick(&actor, id, user).await?;
    no_content()
}

async fn ban(id: String, ctx: Ctx, actor: Actor, body: BanBody) -> Outcome {
    let id = server_id(&id)?;
    let request = BanRequest {
        user_id: UserId::parse(&body.user_id, "user_id")?,
        reason: parse_opt(body.reason.as_deref(), BanReason::parse)?,
        duration_seconds: body.duration_seconds,
    };
    let ban = ctx.chat.ban(&actor, id, request).await?;
    created(&BanDto::from(&ban))
}

async fn list(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    let bans = ctx.chat.list_bans(&actor, server_id(&id)?).await?;
    ok(&bans.iter().map(BanDto::from).collect::<Vec<_>>())
}

async fn unban(id: String, user: String, ctx: Ctx, actor: Actor) -> Outcome {
    let id = server_id(&id)?;
    let user = path_id(&user, "ban", UserId::parse)?;
    ctx.chat.unban(&actor, id, user).await?;
    no_content()
}
