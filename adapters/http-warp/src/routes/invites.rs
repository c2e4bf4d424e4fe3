//! Invites: create and list (admin), preview, join, revoke.

use std::net::IpAddr;

use chat_core::auth::Actor;
use chat_core::ids::InviteCode;
use chat_core::invites::InviteOptions;
use chat_wire::{InviteDto, InvitePreviewDto, ServerDto};
use serde::de::IgnoredAny;
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use super::servers::server_id;
use crate::context::{any_of, created, finish, no_content, ok, Ctx, Outcome};
use crate::error::ApiError;
use crate::extract::{json_body, optional_json_body, present};

#[derive(Deserialize, Default)]
struct CreateBody {
    #[serde(default, deserialize_with = "present")]
    max_uses: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    expires_in_seconds: Option<i64>,
}

#[derive(Deserialize)]
struct JoinBody {
    invite_code: String,
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let of_server = warp::path!("servers" / String / "invites");
    let one = warp::path!("invites" / String);
    let create = of_server
        .and(warp::post())
        .and(ctx.authed())
        .and(optional_json_body())
        .then(create)
        .map(finish);
    let list = of_server
        .and(warp::get())
        .and(ctx.authed())
        .then(list)
        .map(finish);
    let preview = one
        .and(warp::get())
        .and(ctx.with())
        .and(ctx.client_ip())
        .and(ctx.maybe_actor())
        .then(preview)
        .map(finish);
    let revoke = one
        .and(warp::delete())
        .and(ctx.authed())
        .then(revoke)
        .map(finish);
    let join = warp::path!("invites" / String / "join")
        .and(warp::post())
        .and(ctx.authed())
        .and(optional_json_body::<IgnoredAny>())
        .then(join)
        .map(finish);
    let join_server = warp::path!("servers" / String / "join")
        .and(warp::post())
        .and(ctx.authed())
        .and(json_body())
        .then(join_server)
        .map(finish);
    any_of(vec![
        create.boxed(),
        list.boxed(),
        preview.boxed(),
        revoke.boxed(),
        join.boxed(),
        join_server.boxed(),
    ])
}

/// A code that cannot be an invite code is an invite that does not exist.
fn invite_code(text: &str) -> Result<InviteCode, ApiError> {
    InviteCode::parse(text).map_err(|_| ApiError::not_found("invite"))
}

async fn create(id: String, ctx: Ctx, actor: Actor, body: CreateBody) -> Outcome {
    let options = InviteOptions {
        max_uses: body.max_uses,
        expires_in_seconds: body.expires_in_seconds,
    };
    let invite = ctx
        .chat
        .create_invite(&actor, server_id(&id)?, options)
        .await?;
    created(&InviteDto::from(&invite))
}

async fn list(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    let invites = ctx.chat.list_invites(&actor, server_id(&id)?).await?;
    ok(&invites.iter().map(InviteDto::from).collect::<Vec<_>>())
}

/// Anyone may preview (rate-limited per address); a signed-in caller also
/// learns of their own ban from the server.
async fn preview(code: String, ctx: Ctx, ip: IpAddr, actor: Option<Actor>) -> Outcome {
    let viewer = actor.map(|a| a.user_id);
    let client = chat_core::limits::ClientKey::of(ip);
    let preview = ctx
        .chat
        .preview_invite_from(&client, &invite_code(&code)?, viewer)
        .await?;
    ok(&InvitePreviewDto::from(&preview))
}

async fn revoke(code: String, ctx: Ctx, actor: Actor) -> Outcome {
    ctx.chat.revoke_invite(&actor, &invite_code(&code)?).await?;
    no_content()
}

async fn join(code: String, ctx: Ctx, actor: Actor, _body: IgnoredAny) -> Outcome {
    let code = invite_code(&code)?;
    let details = ctx.chat.join_via_invite(&actor, &code, None).await?;
    ok(&ServerDto::from(&details))
}

async fn join_server(id: String, ctx: Ctx, actor: Actor, body: JoinBody) -> Outcome {
    let id = server_id(&id)?;
    let code = invite_code(&body.invite_code)?;
    let details = ctx.chat.join_via_invite(&actor, &code, Some(id)).await?;
    ok(&ServerDto::from(&details))
}
