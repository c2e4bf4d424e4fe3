//! Search results: `{total_estimate, messages, next_cursor}`, each message
//! with the words that matched.

use chat_core::search::{Highlight, SearchHit, SearchResults};
use serde::Serialize;

use crate::MessageDto;

/// A match in a highlight's `context`: `[start, end)` in UTF-16 code units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HighlightOffsetDto {
    pub start: usize,
    pub end: usize,
}

/// `{context, offsets}`: a few words of the message around its first match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HighlightDto {
    pub context: String,
    pub offsets: Vec<HighlightOffsetDto>,
}

impl From<&Highlight> for HighlightDto {
    fn from(h: &Highlight) -> Self {
        Self {
            context: h.context.clone(),
            offsets: h
                .offsets
                .iter()
                .map(|&(start, end)| HighlightOffsetDto { start, end })
                .collect(),
        }
    }
}

/// A `message` resource plus its `highlight`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHitDto {
    #[serde(flatten)]
    pub message: MessageDto,
    pub highlight: HighlightDto,
}

impl From<&SearchHit> for SearchHitDto {
    fn from(hit: &SearchHit) -> Self {
        Self {
            message: MessageDto::from(&hit.view),
            highlight: HighlightDto::from(&hit.highlight),
        }
    }
}

/// A page of search results, newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResultsDto {
    pub total_estimate: u64,
    pub messages: Vec<SearchHitDto>,
    pub next_cursor: Option<String>,
}

impl From<&SearchResults> for SearchResultsDto {
    fn from(r: &SearchResults) -> Self {
        Self {
            total_estimate: r.total_estimate,
            messages: r.hits.iter().map(SearchHitDto::from).collect(),
            next_cursor: r.next_cursor.map(|id| id.to_string()),
        }
    }
}
