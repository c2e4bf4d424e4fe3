//! Read state and notification settings: acks, the caller's read states,
//! and per-server and per-channel notification settings.

use chat_core::auth::Actor;
use chat_core::ids::MessageId;
use chat_core::reads::{ChannelNotificationChanges, NotifyLevel, ServerNotificationChanges};
use chat_core::{Timestamp, ValidationError};
use chat_wire::{
    ChannelNotificationsDto, NotificationSettingsDto, ReadStateDto, ServerNotificationsDto,
};
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use super::channels::channel_id;
use super::servers::server_id;
use crate::context::{any_of, finish, no_content, ok, Ctx, Outcome};
use crate::extract::{json_body, present};

#[derive(Deserialize)]
struct AckBody {
    message_id: String,
}

/// Absent fields keep their value; `muted_until: null` unmutes.
#[derive(Deserialize)]
struct ServerSettingsBody {
    #[serde(default, deserialize_with = "present")]
    level: Option<String>,
    #[serde(default, deserialize_with = "present")]
    muted_until: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    suppress_everyone: Option<bool>,
}

#[derive(Deserialize)]
struct ChannelSettingsBody {
    #[serde(default, deserialize_with = "present")]
    level: Option<String>,
    #[serde(default, deserialize_with = "present")]
    muted_until: Option<Option<String>>,
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let ack = warp::path!("channels" / String / "read")
        .and(warp::put())
        .and(ctx.authed())
        .and(json_body())
        .then(ack)
        .map(finish);
    let states = warp::path!("me" / "read-states")
        .and(warp::get())
        .and(ctx.authed())
        .then(read_states)
        .map(finish);
    let server = warp::path!("servers" / String / "notifications")
        .and(warp::put())
        .and(ctx.authed())
        .and(json_body())
        .then(put_server)
        .map(finish);
    let channel = warp::path!("channels" / String / "notifications")
        .and(warp::put())
        .and(ctx.authed())
        .and(json_body())
        .then(put_channel)
        .map(finish);
    let settings = warp::path!("me" / "notification-settings")
        .and(warp::get())
        .and(ctx.authed())
        .then(get_settings)
        .map(finish);
    any_of(vec![
        ack.boxed(),
        states.boxed(),
        server.boxed(),
        channel.boxed(),
        settings.boxed(),
    ])
}

/// 204; a message that is not of this channel (or not an id) is 422 on
/// `message_id`.
async fn ack(id: String, ctx: Ctx, actor: Actor, body: AckBody) -> Outcome {
    let channel = channel_id(&id)?;
    let message = MessageId::parse(&body.message_id, "message_id")?;
    ctx.chat.ack_channel(&actor, channel, message).await?;
    no_content()
}

async fn read_states(ctx: Ctx, actor: Actor) -> Outcome {
    let states = ctx.chat.read_states(&actor).await?;
    ok(&states.iter().map(ReadStateDto::from).collect::<Vec<_>>())
}

async fn put_server(id: String, ctx: Ctx, actor: Actor, body: ServerSettingsBody) -> Outcome {
    let server = server_id(&id)?;
    let changes = ServerNotificationChanges {
        level: body
            .level
            .as_deref()
            .map(NotifyLevel::parse_for_server)
            .transpose()?,
        muted_until: muted_until(body.muted_until)?,
        suppress_everyone: body.suppress_everyone,
    };
    let settings = ctx
        .chat
        .set_server_notifications(&actor, server, changes)
        .await?;
    ok(&ServerNotificationsDto::from(&settings))
}

async fn put_channel(id: String, ctx: Ctx, actor: Actor, body: ChannelSettingsBody) -> Outcome {
    let channel = channel_id(&id)?;
    let changes = ChannelNotificationChanges {
        level: body
            .level
            .as_deref()
            .map(NotifyLevel::parse_for_channel)
            .transpose()?,
        muted_until: muted_until(body.muted_until)?,
    };
    let settings = ctx
        .chat
        .set_channel_notifications(&actor, channel, changes)
        .await?;
    ok(&ChannelNotificationsDto::from(&settings))
}

async fn get_settings(ctx: Ctx, actor: Actor) -> Outcome {
    let settings = ctx.chat.notification_settings(&actor).await?;
    ok(&NotificationSettingsDto::from(&settings))
}

/// `muted_until`: left out, `null` (or an empty text, like the web
/// client's cleared field: unmute), or an RFC 3339 time.
fn muted_until(
    value: Option<Option<String>>,
) -> Result<Option<Option<Timestamp>>, ValidationError> {
    match value {
        None => Ok(None),
        Some(None) => Ok(Some(None)),
        Some(Some(text)) if text.is_empty() => Ok(Some(None)),
        Some(Some(text)) => Timestamp::parse_rfc3339(&text)
            .map(|t| Some(Some(t)))
            .ok_or_else(|| ValidationError::new("muted_until", "must be null or an RFC 3339 time")),
    }
}
