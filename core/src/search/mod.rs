//! Message search: a query language (words, prefix on the last word,
//! `"phrases"`, `-exclusions`; case and accents ignored), filters (author,
//! channel, mentions, dates, links), the storage port each store answers
//! natively, and the use case that limits results to what the caller may
//! read.

mod query;
mod store;
mod text;
mod usecases;

pub use query::{Highlight, SearchQuery, Term, CONTEXT_CHARS, MAX_QUERY_CHARS, MAX_TERMS};
pub use store::{SearchFilter, SearchStore, TOTAL_CAP};
pub use text::{fold, folded_words, has_link, search_text, word_spans};
pub use usecases::{
    HasFilter, SearchHit, SearchRequest, SearchResults, DEFAULT_SEARCH_PAGE, MAX_SEARCH_PAGE,
};
