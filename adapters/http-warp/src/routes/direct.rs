//! Direct messages: `/me/channels` (DMs and groups), a group's
//! recipients, `/me/blocks`. Messages in DMs use the channel routes.

use chat_core::auth::Actor;
use chat_core::channels::ChannelName;
use chat_core::ids::UserId;
use chat_core::ValidationError;
use chat_wire::{BlockDto, DirectChannelDto};
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use super::channels::channel_id;
use crate::context::{any_of, created, finish, no_content, ok, parse_opt, Ctx, Outcome};
use crate::error::ApiError;
use crate::extract::{json_body, path_id, present};

/// `POST /me/channels {recipients, name?}`.
#[derive(Deserialize)]
struct OpenBody {
    #[serde(default, deserialize_with = "present")]
    recipients: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    name: Option<String>,
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let mine = warp::path!("me" / "channels");
    let open = mine
        .and(warp::post())
        .and(ctx.authed())
        .and(json_body())
        .then(open)
        .map(finish);
    let list = mine
        .and(warp::get())
        .and(ctx.authed())
        .then(list)
        .map(finish);
    let recipient = warp::path!("channels" / String / "recipients" / String);
    let add = recipient
        .and(warp::put())
        .and(ctx.authed())
        .then(add_recipient)
        .map(finish);
    let remove = recipient
        .and(warp::delete())
        .and(ctx.authed())
        .then(remove_recipient)
        .map(finish);
    let blocks = warp::path!("me" / "blocks");
    let list_blocks = blocks
        .and(warp::get())
        .and(ctx.authed())
        .then(list_blocks)
        .map(finish);
    let block = warp::path!("me" / "blocks" / String);
    let put_block = block
        .and(warp::put())
        .and(ctx.authed())
        .then(put_block)
        .map(finish);
    let delete_block = block
        .and(warp::delete())
        .and(ctx.authed())
        .then(delete_block)
        .map(finish);
    any_of(vec![
        open.boxed(),
        list.boxed(),
        add.boxed(),
        remove.boxed(),
        list_blocks.boxed(),
        put_block.boxed(),
        delete_block.boxed(),
    ])
}

fn user_id(text: &str) -> Result<UserId, ApiError> {
    path_id(text, "user", UserId::parse)
}

async fn open(ctx: Ctx, actor: Actor, body: OpenBody) -> Outcome {
    let recipients = body
        .recipients
        .ok_or_else(|| ValidationError::new("recipients", "is required"))?
        .iter()
        .map(|t| UserId::parse(t, "recipients"))
        .collect::<Result<Vec<_>, _>>()?;
    let name = parse_opt(body.name.as_deref(), ChannelName::parse)?;
    let (view, new) = ctx.chat.open_direct(&actor, recipients, name).await?;
    let dto = DirectChannelDto::from(&view);
    if new {
        created(&dto)
    } else {
        ok(&dto)
    }
}

async fn list(ctx: Ctx, actor: Actor) -> Outcome {
    let views = ctx.chat.direct_channels(&actor).await?;
    ok(&views.iter().map(DirectChannelDto::from).collect::<Vec<_>>())
}

async fn add_recipient(id: String, user: String, ctx: Ctx, actor: Actor) -> Outcome {
    let id = channel_id(&id)?;
    let user = user_id(&user)?;
    ctx.chat.add_recipient(&actor, id, user).await?;
    no_content()
}

async fn remove_recipient(id: String, user: String, ctx: Ctx, actor: Actor) -> Outcome {
    let id = channel_id(&id)?;
    if user == "@me" {
        ctx.chat.leave_direct(&actor, id).await?;
    } else {
        let user = user_id(&user)?;
        ctx.chat.remove_recipient(&actor, id, user).await?;
    }
    no_content()
}

async fn list_blocks(ctx: Ctx, actor: Actor) -> Outcome {
    let blocks = ctx.chat.blocked_users(&actor).await?;
    ok(&blocks.iter().map(BlockDto::from).collect::<Vec<_>>())
}

async fn put_block(user: String, ctx: Ctx, actor: Actor) -> Outcome {
    let user = user_id(&user)?;
    ctx.chat.block_user(&actor, user).await?;
    no_content()
}

async fn delete_block(user: String, ctx: Ctx, actor: Actor) -> Outcome {
    let user = user_id(&user)?;
    ctx.chat.unblock_user(&actor, user).await?;
    no_content()
}
