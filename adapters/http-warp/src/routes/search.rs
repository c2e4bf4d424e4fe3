//! `GET /servers/{id}/messages/search` and `GET /me/channels/search`:
//! full-text search of a server's messages, or of the caller's DMs and
//! groups, newest first, with filters and a cursor.

use std::collections::HashMap;

use chat_core::auth::Actor;
use chat_core::ids::{ChannelId, MessageId, UserId};
use chat_core::search::{HasFilter, SearchRequest};
use chat_core::{Timestamp, ValidationError};
use chat_wire::SearchResultsDto;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use super::messages::parse_limit;
use super::servers::server_id;
use crate::context::{finish, ok, Ctx, Outcome};

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let in_server = warp::path!("servers" / String / "messages" / "search")
        .and(warp::get())
        .and(ctx.authed())
        .and(warp::query::<HashMap<String, String>>())
        .then(search)
        .map(finish);
    let in_direct = warp::path!("me" / "channels" / "search")
        .and(warp::get())
        .and(ctx.authed())
        .and(warp::query::<HashMap<String, String>>())
        .then(search_direct)
        .map(finish);
    in_server.or(in_direct).unify().boxed()
}

/// `before=` / `after=`: an RFC 3339 time, or a date (`2026-01-31`, its
/// midnight UTC).
fn parse_time(text: &str, field: &'static str) -> Result<Timestamp, ValidationError> {
    let text = text.trim();
    let full;
    let text = if text.len() == 10 {
        full = format!("{text}T00:00:00Z");
        full.as_str()
    } else {
        text
    };
    Timestamp::parse_rfc3339(text).ok_or_else(|| {
        ValidationError::new(
            field,
            "must be a date (2026-01-31) or an RFC 3339 time (2026-01-31T12:00:00Z)",
        )
    })
}

fn request(query: &HashMap<String, String>) -> Result<SearchRequest, ValidationError> {
    let get = |name: &str| query.get(name).map(String::as_str);
    Ok(SearchRequest {
        q: get("q").unwrap_or_default().to_owned(),
        author_id: get("author_id")
            .map(|t| UserId::parse(t, "author_id"))
            .transpose()?,
        channel_id: get("channel_id")
            .map(|t| ChannelId::parse(t, "channel_id"))
            .transpose()?,
        mentions: get("mentions")
            .map(|t| UserId::parse(t, "mentions"))
            .transpose()?,
        before: get("before").map(|t| parse_time(t, "before")).transpose()?,
        after: get("after").map(|t| parse_time(t, "after")).transpose()?,
        has: get("has").map(HasFilter::parse).transpose()?,
        limit: get("limit").map(parse_limit).transpose()?,
        cursor: get("cursor")
            .map(|t| MessageId::parse(t, "cursor"))
            .transpose()?,
    })
}

async fn search(id: String, ctx: Ctx, actor: Actor, query: HashMap<String, String>) -> Outcome {
    let server = server_id(&id)?;
    let request = request(&query)?;
    let results = ctx.chat.search_messages(&actor, server, request).await?;
    ok(&SearchResultsDto::from(&results))
}

async fn search_direct(ctx: Ctx, actor: Actor, query: HashMap<String, String>) -> Outcome {
    let request = request(&query)?;
    let results = ctx.chat.search_direct_messages(&actor, request).await?;
    ok(&SearchResultsDto::from(&results))
}
