//! Pins: admins and the owner pin and unpin a channel's messages;
//! members list them, newest pin first.

use chat_core::auth::Actor;
use chat_wire::MessageDto;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use super::channels::channel_id;
use super::messages::message_id;
use crate::context::{any_of, finish, no_content, ok, Ctx, Outcome};

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let one = warp::path!("channels" / String / "pins" / String);
    let list = warp::path!("channels" / String / "pins")
        .and(warp::get())
        .and(ctx.authed())
        .then(list)
        .map(finish);
    let pin = one.and(warp::put()).and(ctx.authed()).then(pin).map(finish);
    let unpin = one
        .and(warp::delete())
        .and(ctx.authed())
        .then(unpin)
        .map(finish);
    any_of(vec![list.boxed(), pin.boxed(), unpin.boxed()])
}

async fn list(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    let pins = ctx.chat.pins(&actor, channel_id(&id)?).await?;
    ok(&pins.iter().map(MessageDto::from).collect::<Vec<_>>())
}

async fn pin(id: String, message: String, ctx: Ctx, actor: Actor) -> Outcome {
    let (channel, message) = (channel_id(&id)?, message_id(&message)?);
    ctx.chat.pin_message(&actor, channel, message).await?;
    no_content()
}

async fn unpin(id: String, message: String, ctx: Ctx, actor: Actor) -> Outcome {
    let (channel, message) = (channel_id(&id)?, message_id(&message)?);
    ctx.chat.unpin_message(&actor, channel, message).await?;
    no_content()
}
