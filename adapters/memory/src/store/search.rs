//! Search by scanning: each readable channel's messages newest first,
//! matched with the core's reference matcher ([`SearchFilter::matches`]).
//! The other stores are held to exactly these answers.

use std::collections::HashSet;

use async_trait::async_trait;
use chat_core::ids::MessageId;
use chat_core::messages::Message;
use chat_core::search::{SearchFilter, SearchStore};
use chat_core::StoreResult;

use super::MemoryStore;

impl MemoryStore {
    fn matching(&self, filter: &SearchFilter, cursor: Option<MessageId>) -> Vec<Message> {
        let state = self.state();
        let with_files: HashSet<MessageId> = if filter.has_file {
            state
                .attachments
                .values()
                .filter_map(|a| a.message_id)
                .collect()
        } else {
            HashSet::new()
        };
        let mut found: Vec<Message> = filter
            .channels
            .iter()
            .filter_map(|c| state.messages.get(c))
            .flat_map(|messages| match cursor {
                Some(c) => messages
                    .range(..c)
                    .rev()
                    .map(|(_, m)| m)
                    .collect::<Vec<_>>(),
                None => messages.values().rev().collect(),
            })
            .filter(|m| filter.matches(m, with_files.contains(&m.id)))
            .cloned()
            .collect();
        found.sort_by_key(|m| std::cmp::Reverse(m.id));
        found
    }
}

#[async_trait]
impl SearchStore for MemoryStore {
    async fn search_messages(
        &self,
        filter: &SearchFilter,
        cursor: Option<MessageId>,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        let mut found = self.matching(filter, cursor);
        found.truncate(limit as usize);
        Ok(found)
    }

    async fn count_search(&self, filter: &SearchFilter, cap: u64) -> StoreResult<u64> {
        Ok((self.matching(filter, None).len() as u64).min(cap))
    }
}
