//! `/servers`, `/servers/{id}` (alias `/server/{id}`) and ownership transfer.

use chat_core::auth::Actor;
use chat_core::ids::{ServerId, UserId};
use chat_core::servers::{Description, ServerChanges, ServerName};
use chat_wire::ServerDto;
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use crate::context::{any_of, created, finish, no_content, ok, parse_opt, Ctx, Outcome};
use crate::extract::{json_body, optional_json_body, path_id, present};

#[derive(Deserialize)]
struct CreateBody {
    name: String,
    #[serde(default, deserialize_with = "present")]
    description: Option<String>,
}

#[derive(Deserialize, Default)]
struct UpdateBody {
    #[serde(default, deserialize_with = "present")]
    name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    description: Option<String>,
}

#[derive(Deserialize)]
struct TransferBody {
    user_id: String,
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let servers = warp::path!("servers");
    let one = warp::path!("servers" / String);
    let alias = warp::path!("server" / String);
    let create = servers
        .and(warp::post())
        .and(ctx.authed())
        .and(json_body())
        .then(create)
        .map(finish);
    let list = servers
        .and(warp::get())
        .and(ctx.authed())
        .then(list)
        .map(finish);
    let get = one
        .or(alias)
        .unify()
        .and(warp::get())
        .and(ctx.authed())
        .then(get)
        .map(finish);
    let update = one
        .and(warp::put())
        .and(ctx.authed())
        .and(optional_json_body())
        .then(update)
        .map(finish);
    let delete = one
        .and(warp::delete())
        .and(ctx.authed())
        .then(delete)
        .map(finish);
    let transfer = warp::path!("servers" / String / "transfer-ownership")
        .and(warp::post())
        .and(ctx.authed())
        .and(json_body())
        .then(transfer)
        .map(finish);
    any_of(vec![
        create.boxed(),
        list.boxed(),
        get.boxed(),
        update.boxed(),
        delete.boxed(),
        transfer.boxed(),
    ])
}

pub(super) fn server_id(text: &str) -> Result<ServerId, crate::error::ApiError> {
    path_id(text, "server", ServerId::parse)
}

async fn create(ctx: Ctx, actor: Actor, body: CreateBody) -> Outcome {
    let name = ServerName::parse(&body.name)?;
    let description = parse_opt(body.description.as_deref(), Description::parse)?;
    let details = ctx.chat.create_server(&actor, name, description).await?;
    created(&ServerDto::from(&details))
}

async fn list(ctx: Ctx, actor: Actor) -> Outcome {
    let views = ctx.chat.list_servers(&actor).await?;
    ok(&views.iter().map(ServerDto::from).collect::<Vec<_>>())
}

async fn get(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    let details = ctx.chat.get_server(&actor, server_id(&id)?).await?;
    ok(&ServerDto::from(&details))
}

async fn update(id: String, ctx: Ctx, actor: Actor, body: UpdateBody) -> Outcome {
    let id = server_id(&id)?;
    let changes = ServerChanges {
        name: parse_opt(body.name.as_deref(), ServerName::parse)?,
        description: parse_opt(body.description.as_deref(), Description::parse)?,
    };
    let details = ctx.chat.update_server(&actor, id, changes).await?;
    ok(&ServerDto::from(&details))
}

async fn delete(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    ctx.chat.delete_server(&actor, server_id(&id)?).await?;
    no_content()
}

async fn transfer(id: String, ctx: Ctx, actor: Actor, body: TransferBody) -> Outcome {
    let id = server_id(&id)?;
    let to = UserId::parse(&body.user_id, "user_id")?;
    let details = ctx.chat.transfer_ownership(&actor, id, to).await?;
    ok(&ServerDto::from(&details))
}
