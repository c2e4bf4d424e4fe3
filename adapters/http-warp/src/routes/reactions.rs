//! Reactions: add and remove one's own, list who reacted with an emoji,
//! and (admins) remove all of a message's reactions.
//!
//! The emoji is a path segment, percent-encoded by the client; it is
//! decoded here and must then be exactly one emoji (else 422 on `emoji`).

use std::collections::HashMap;

use chat_core::auth::Actor;
use chat_core::ids::UserId;
use chat_core::messages::Emoji;
use chat_core::ValidationError;
use chat_wire::UserDto;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use super::messages::{message_id, parse_limit};
use crate::context::{any_of, finish, no_content, ok, Ctx, Outcome};

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let one = warp::path!("messages" / String / "reactions" / String);
    let all = warp::path!("messages" / String / "reactions");
    let add = one.and(warp::put()).and(ctx.authed()).then(add).map(finish);
    let remove = one
        .and(warp::delete())
        .and(ctx.authed())
        .then(remove)
        .map(finish);
    let list = one
        .and(warp::get())
        .and(ctx.authed())
        .and(warp::query::<HashMap<String, String>>())
        .then(list)
        .map(finish);
    let clear = all
        .and(warp::delete())
        .and(ctx.authed())
        .then(clear)
        .map(finish);
    any_of(vec![
        add.boxed(),
        remove.boxed(),
        list.boxed(),
        clear.boxed(),
    ])
}

/// The path segment, percent-decoded, as one emoji.
fn emoji(segment: &str) -> Result<Emoji, ValidationError> {
    let bad = || ValidationError::new("emoji", "must be exactly one emoji");
    let decoded = percent_decode(segment).ok_or_else(bad)?;
    Emoji::parse(&decoded)
}

/// `%XX` escapes to bytes, then UTF-8; `None` for a broken escape or
/// bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn add(id: String, emoji_text: String, ctx: Ctx, actor: Actor) -> Outcome {
    let id = message_id(&id)?;
    ctx.chat
        .add_reaction(&actor, id, emoji(&emoji_text)?)
        .await?;
    no_content()
}

async fn remove(id: String, emoji_text: String, ctx: Ctx, actor: Actor) -> Outcome {
    let id = message_id(&id)?;
    ctx.chat
        .remove_reaction(&actor, id, emoji(&emoji_text)?)
        .await?;
    no_content()
}

/// `?limit=` (default 50, at most 100) and `?after=` (a user id).
async fn list(
    id: String,
    emoji_text: String,
    ctx: Ctx,
    actor: Actor,
    query: HashMap<String, String>,
) -> Outcome {
    let id = message_id(&id)?;
    let emoji = emoji(&emoji_text)?;
    let limit = query.get("limit").map(|t| parse_limit(t)).transpose()?;
    let after = query
        .get("after")
        .map(|t| UserId::parse(t, "after"))
        .transpose()?;
    let users = ctx.chat.reactors(&actor, id, emoji, after, limit).await?;
    ok(&users.iter().map(UserDto::from).collect::<Vec<_>>())
}

async fn clear(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    ctx.chat.clear_reactions(&actor, message_id(&id)?).await?;
    no_content()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoded_emoji_decode() {
        assert_eq!(emoji("%F0%9F%91%8D").unwrap().as_str(), "👍");
        assert_eq!(emoji("👍").unwrap().as_str(), "👍");
    }

    #[test]
    fn broken_escapes_and_text_are_refused() {
        for bad in ["%F0%9F", "%zz", "%", "abc", "%F0%9F%91%8D%F0%9F%91%8D"] {
            assert_eq!(emoji(bad).unwrap_err().field, "emoji", "{bad}");
        }
    }
}
