//! Channels: create and list in a server, read, update, delete.

use chat_core::auth::Actor;
use chat_core::channels::{ChannelChanges, ChannelName, Slowmode, Topic};
use chat_core::ids::ChannelId;
use chat_wire::ChannelDto;
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use super::servers::server_id;
use crate::context::{any_of, created, finish, no_content, ok, parse_opt, Ctx, Outcome};
use crate::error::ApiError;
use crate::extract::{json_body, optional_json_body, path_id, present};

#[derive(Deserialize)]
struct CreateBody {
    name: String,
    #[serde(default, deserialize_with = "present")]
    topic: Option<String>,
    #[serde(default, deserialize_with = "present")]
    slowmode_seconds: Option<i64>,
}

#[derive(Deserialize, Default)]
struct UpdateBody {
    #[serde(default, deserialize_with = "present")]
    name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    topic: Option<String>,
    #[serde(default, deserialize_with = "present")]
    position: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    slowmode_seconds: Option<i64>,
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let of_server = warp::path!("servers" / String / "channels");
    let one = warp::path!("channels" / String);
    let create = of_server
        .and(warp::post())
        .and(ctx.authed())
        .and(json_body())
        .then(create)
        .map(finish);
    let list = of_server
        .and(warp::get())
        .and(ctx.authed())
        .then(list)
        .map(finish);
    let get = one.and(warp::get()).and(ctx.authed()).then(get).map(finish);
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
    any_of(vec![
        create.boxed(),
        list.boxed(),
        get.boxed(),
        update.boxed(),
        delete.boxed(),
    ])
}

/// A channel id in a path; not a UUID means no such channel.
pub(super) fn channel_id(text: &str) -> Result<ChannelId, ApiError> {
    path_id(text, "channel", ChannelId::parse)
}

async fn create(id: String, ctx: Ctx, actor: Actor, body: CreateBody) -> Outcome {
    let id = server_id(&id)?;
    let name = ChannelName::parse(&body.name)?;
    let topic = parse_opt(body.topic.as_deref(), Topic::parse)?;
    let slowmode = body.slowmode_seconds.map(Slowmode::parse).transpose()?;
    let channel = ctx
        .chat
        .create_channel_with(&actor, id, name, topic, slowmode)
        .await?;
    created(&ChannelDto::from(&channel))
}

async fn list(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    let channels = ctx.chat.list_channels(&actor, server_id(&id)?).await?;
    ok(&channels.iter().map(ChannelDto::from).collect::<Vec<_>>())
}

async fn get(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    let channel = ctx.chat.get_channel(&actor, channel_id(&id)?).await?;
    ok(&ChannelDto::from(&channel))
}

async fn update(id: String, ctx: Ctx, actor: Actor, body: UpdateBody) -> Outcome {
    let id = channel_id(&id)?;
    let changes = ChannelChanges {
        name: parse_opt(body.name.as_deref(), ChannelName::parse)?,
        topic: parse_opt(body.topic.as_deref(), Topic::parse)?,
        position: body.position,
        slowmode: body.slowmode_seconds.map(Slowmode::parse).transpose()?,
    };
    let channel = ctx.chat.update_channel(&actor, id, changes).await?;
    ok(&ChannelDto::from(&channel))
}

async fn delete(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    ctx.chat.delete_channel(&actor, channel_id(&id)?).await?;
    no_content()
}
