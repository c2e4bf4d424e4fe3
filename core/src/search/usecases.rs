use super::{Highlight, SearchFilter, SearchQuery, TOTAL_CAP};
use crate::auth::Actor;
use crate::chat::Chat;
use crate::error::{Error, Result, ValidationError};
use crate::ids::{ChannelId, MessageId, ServerId, UserId};
use crate::messages::MessageView;
use crate::policy::{Action, Target};
use crate::time::Timestamp;

/// How many hits a page holds when the client does not say.
pub const DEFAULT_SEARCH_PAGE: u32 = 25;
/// The most hits a page holds; larger asks are clamped.
pub const MAX_SEARCH_PAGE: u32 = 100;

/// What a message must have besides words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HasFilter {
    /// A link (`http://` or `https://`).
    Link,
    /// At least one attached file.
    File,
}

impl HasFilter {
    /// `link` or `file`; anything else is a validation error on `has`.
    pub fn parse(text: &str) -> std::result::Result<Self, ValidationError> {
        match text {
            "link" => Ok(Self::Link),
            "file" => Ok(Self::File),
            _ => Err(ValidationError::new("has", "must be link or file")),
        }
    }
}

/// A search as a client asks it (already parsed field by field).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRequest {
    /// The search box's text.
    pub q: String,
    /// Only messages of this author.
    pub author_id: Option<UserId>,
    /// Only messages of this channel (of the server).
    pub channel_id: Option<ChannelId>,
    /// Only messages mentioning this user.
    pub mentions: Option<UserId>,
    /// Only messages sent before this time.
    pub before: Option<Timestamp>,
    /// Only messages sent after this time.
    pub after: Option<Timestamp>,
    /// Only messages that have this.
    pub has: Option<HasFilter>,
    /// Page size: default 25, at most 100.
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<MessageId>,
}

/// One message found, with the words that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The message as history shows it.
    pub view: MessageView,
    /// Where it matched.
    pub highlight: Highlight,
}

/// A page of search results, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults {
    /// How many messages match in all (exact up to [`TOTAL_CAP`], then that cap).
    pub total_estimate: u64,
    /// This page's hits.
    pub hits: Vec<SearchHit>,
    /// Where the next page starts; `None` on the last page.
    pub next_cursor: Option<MessageId>,
}

fn search_limit(limit: Option<i64>) -> Result<u32> {
    match limit {
        None => Ok(DEFAULT_SEARCH_PAGE),
        Some(n) if n < 1 => Err(ValidationError::new(
            "limit",
            "must be a positive whole number (pages hold at most 100)",
        )
        .into()),
        Some(n) => Ok(n.min(MAX_SEARCH_PAGE.into()) as u32),
    }
}

impl Chat {
    /// Searches the messages of a server's channels that the caller may
    /// read, newest first. A non-member is told the server does not
    /// exist; a `channel_id` that is not a channel of the server is "not
    /// found" (the channel's).
    pub async fn search_messages(
        &self,
        actor: &Actor,
        server: ServerId,
        request: SearchRequest,
    ) -> Result<SearchResults> {
        let parsed = ParsedSearch::parse(&request)?;
        self.authorize(server, actor.user_id, Action::Participate, Target::Server)
            .await?;
        let channels: Vec<ChannelId> = self
            .deps
            .store
            .channels_of(server)
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect();
        self.search_in(actor, channels, request, parsed).await
    }

    /// Searches the messages of the caller's DMs and groups, newest first,
    /// with the same rules as [`Chat::search_messages`]; a `channel_id`
    /// that is not one of the caller's direct channels is "not found".
    pub async fn search_direct_messages(
        &self,
        actor: &Actor,
        request: SearchRequest,
    ) -> Result<SearchResults> {
        let parsed = ParsedSearch::parse(&request)?;
        let channels: Vec<ChannelId> = self
            .deps
            .store
            .direct_channels_of(actor.user_id)
            .await?
            .into_iter()
            .map(|d| d.channel.id)
            .collect();
        self.search_in(actor, channels, request, parsed).await
    }

    /// Searches `readable` (every channel the caller may read in the
    /// place searched), narrowed to `request.channel_id` when given.
    async fn search_in(
        &self,
        actor: &Actor,
        readable: Vec<ChannelId>,
        request: SearchRequest,
        ParsedSearch { query, limit }: ParsedSearch,
    ) -> Result<SearchResults> {
        let channels = match request.channel_id {
            Some(only) if !readable.contains(&only) => return Err(Error::NotFound("channel")),
            Some(only) => vec![only],
            None => readable,
        };
        let filter = SearchFilter {
            query,
            channels,
            author: request.author_id,
            mentions: request.mentions,
            before: request.before,
            after: request.after,
            has_link: request.has == Some(HasFilter::Link),
            has_file: request.has == Some(HasFilter::File),
        };
        let store = &self.deps.store;
        let mut found = store
            .search_messages(&filter, request.cursor, limit + 1)
            .await?;
        let next_cursor = if found.len() > limit as usize {
            found.truncate(limit as usize);
            found.last().map(|m| m.id)
        } else {
            None
        };
        let total_estimate = store.count_search(&filter, TOTAL_CAP).await?;
        let views = self.message_views(found, Some(actor.user_id)).await?;
        let hits = views
            .into_iter()
            .map(|view| SearchHit {
                highlight: filter.query.highlight(view.message.content.as_str()),
                view,
            })
            .collect();
        Ok(SearchResults {
            total_estimate,
            hits,
            next_cursor,
        })
    }
}

/// What of a request is checked before anything is read: the query, the
/// page size and the dates.
struct ParsedSearch {
    query: SearchQuery,
    limit: u32,
}

impl ParsedSearch {
    fn parse(request: &SearchRequest) -> Result<Self> {
        let query = SearchQuery::parse(&request.q)?;
        let limit = search_limit(request.limit)?;
        if let (Some(before), Some(after)) = (request.before, request.after) {
            if before <= after {
                return Err(ValidationError::new("before", "must be later than after").into());
            }
        }
        Ok(Self { query, limit })
    }
}
