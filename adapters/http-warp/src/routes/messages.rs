//! Messages: send (idempotent by nonce, optionally as a reply), history
//! pages (`before`, `after`, `around`), edit, delete.

use std::collections::HashMap;

use chat_core::auth::Actor;
use chat_core::ids::{AttachmentId, MessageId};
use chat_core::messages::{HistoryAnchor, MessageContent, Nonce, SendMessage};
use chat_core::ValidationError;
use chat_wire::MessageDto;
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::http::StatusCode;
use warp::{Filter, Reply};

use super::channels::channel_id;
use crate::context::{any_of, finish, json, no_content, ok, parse_opt, Ctx, Outcome};
use crate::error::ApiError;
use crate::extract::{json_body, path_id, present, query_integer};

#[derive(Deserialize)]
struct SendBody {
    /// May be empty when `attachment_ids` is not.
    content: String,
    #[serde(default, deserialize_with = "present")]
    nonce: Option<String>,
    reply_to: Option<String>,
    /// Pending uploads of the caller to this channel (at most 10).
    #[serde(default)]
    attachment_ids: Vec<String>,
    /// Which of `attachment_ids` are spoilers.
    #[serde(default)]
    spoiler_ids: Vec<String>,
}

#[derive(Deserialize)]
struct EditBody {
    content: String,
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let of_channel = warp::path!("channels" / String / "messages");
    let one = warp::path!("messages" / String);
    let send = of_channel
        .and(warp::post())
        .and(ctx.authed())
        .and(json_body())
        .then(send)
        .map(finish);
    let history = of_channel
        .and(warp::get())
        .and(ctx.authed())
        .and(warp::query::<HashMap<String, String>>())
        .then(history)
        .map(finish);
    let edit = one
        .and(warp::patch())
        .and(ctx.authed())
        .and(json_body())
        .then(edit)
        .map(finish);
    let delete = one
        .and(warp::delete())
        .and(ctx.authed())
        .then(delete)
        .map(finish);
    any_of(vec![
        send.boxed(),
        history.boxed(),
        edit.boxed(),
        delete.boxed(),
    ])
}

pub(super) fn message_id(text: &str) -> Result<MessageId, ApiError> {
    path_id(text, "message", MessageId::parse)
}

/// 201 for a new message; 200 with the first one for a repeated nonce.
async fn send(id: String, ctx: Ctx, actor: Actor, body: SendBody) -> Outcome {
    let id = channel_id(&id)?;
    let content = MessageContent::parse(&body.content)?;
    let nonce = parse_opt(body.nonce.as_deref(), Nonce::parse)?;
    let reply_to = parse_opt(body.reply_to.as_deref(), |t| {
        MessageId::parse(t, "reply_to")
    })?;
    let ids = |texts: &[String], field: &'static str| {
        texts
            .iter()
            .map(|t| AttachmentId::parse(t, field))
            .collect::<Result<Vec<_>, _>>()
    };
    let send = SendMessage {
        content,
        nonce,
        reply_to,
        attachment_ids: ids(&body.attachment_ids, "attachment_ids")?,
        spoiler_ids: ids(&body.spoiler_ids, "spoiler_ids")?,
    };
    let (view, new) = ctx.chat.send_message_with(&actor, id, send).await?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(json(status, &MessageDto::from(&view)))
}

/// A `limit` as an integer (`50` or `50.0`, as bodies read integers).
/// Digits too many for an `i64` are still a number above 100, so they
/// clamp like any other (the core clamps).
pub(super) fn parse_limit(text: &str) -> Result<i64, ValidationError> {
    let digits = text.trim();
    let digits = digits.strip_prefix('+').unwrap_or(digits);
    match query_integer(text) {
        Some(n) => Ok(n),
        None if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(i64::MAX),
        None => Err(ValidationError::new(
            "limit",
            chat_core::messages::LIMIT_RULE,
        )),
    }
}

/// `?limit=` (1.., clamped to 100) and one of `?before=`, `?after=`,
/// `?around=` (a message of this channel; anything else, a non-id
/// included, is 404 as API.md says for `before`).
async fn history(id: String, ctx: Ctx, actor: Actor, query: HashMap<String, String>) -> Outcome {
    let id = channel_id(&id)?;
    let limit = query
        .get("limit")
        .map(|text| parse_limit(text))
        .transpose()?;
    let anchor = history_anchor(&query)?;
    let page = ctx.chat.history_page(&actor, id, anchor, limit).await?;
    ok(&page.iter().map(MessageDto::from).collect::<Vec<_>>())
}

/// Makes an anchor from the message id a query parameter names.
type MakeAnchor = fn(MessageId) -> HistoryAnchor;

/// The page's anchor; naming two of `before`, `after`, `around` is 422.
fn history_anchor(query: &HashMap<String, String>) -> Result<HistoryAnchor, ApiError> {
    let anchors: [(&str, MakeAnchor); 3] = [
        ("before", HistoryAnchor::Before),
        ("after", HistoryAnchor::After),
        ("around", HistoryAnchor::Around),
    ];
    let mut found = anchors
        .iter()
        .filter_map(|(name, make)| query.get(*name).map(|text| (*name, *make, text)));
    let Some((_, make, text)) = found.next() else {
        return Ok(HistoryAnchor::Newest);
    };
    if let Some((name, _, _)) = found.next() {
        return Err(ValidationError::new(name, "use only one of before, after and around").into());
    }
    Ok(make(message_id(text)?))
}

async fn edit(id: String, ctx: Ctx, actor: Actor, body: EditBody) -> Outcome {
    let id = message_id(&id)?;
    let content = MessageContent::parse(&body.content)?;
    let view = ctx.chat.edit_message(&actor, id, content).await?;
    ok(&MessageDto::from(&view))
}

async fn delete(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    ctx.chat.delete_message(&actor, message_id(&id)?).await?;
    no_content()
}
