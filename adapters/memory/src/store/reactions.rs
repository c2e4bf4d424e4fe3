//! Reactions: per message, a list of `(emoji, user)` in the order they
//! were added, so counting in order of first use is one pass.

use async_trait::async_trait;
use chat_core::ids::{MessageId, UserId};
use chat_core::messages::{Emoji, Message, ReactionAdded, ReactionCount, ReactionStore};
use chat_core::StoreResult;

use super::MemoryStore;

#[async_trait]
impl ReactionStore for MemoryStore {
    async fn add_reaction(
        &self,
        message: &Message,
        emoji: &Emoji,
        user: UserId,
        max_emoji: usize,
    ) -> StoreResult<ReactionAdded> {
        let mut state = self.state();
        if state.message(message.id).is_none() {
            // Deleted meanwhile: nothing to react to, nothing to keep.
            return Ok(ReactionAdded::AlreadyThere);
        }
        let reactions = state.reactions.entry(message.id).or_default();
        if reactions.iter().any(|(e, u)| e == emoji && *u == user) {
            return Ok(ReactionAdded::AlreadyThere);
        }
        if !reactions.iter().any(|(e, _)| e == emoji) {
            let mut distinct: Vec<&Emoji> = reactions.iter().map(|(e, _)| e).collect();
            distinct.sort();
            distinct.dedup();
            if distinct.len() >= max_emoji {
                return Ok(ReactionAdded::TooMany);
            }
        }
        reactions.push((emoji.clone(), user));
        Ok(ReactionAdded::Added)
    }

    async fn remove_reaction(
        &self,
        message: MessageId,
        emoji: &Emoji,
        user: UserId,
    ) -> StoreResult<bool> {
        let mut state = self.state();
        let Some(reactions) = state.reactions.get_mut(&message) else {
            return Ok(false);
        };
        let before = reactions.len();
        reactions.retain(|(e, u)| !(e == emoji && *u == user));
        Ok(reactions.len() < before)
    }

    async fn clear_reactions(&self, message: MessageId) -> StoreResult<u64> {
        let removed = self.state().reactions.remove(&message);
        Ok(removed.map_or(0, |r| r.len() as u64))
    }

    async fn reaction_counts(
        &self,
        messages: &[MessageId],
        viewer: Option<UserId>,
    ) -> StoreResult<Vec<(MessageId, ReactionCount)>> {
        let state = self.state();
        let mut out = Vec::new();
        for id in messages {
            let Some(reactions) = state.reactions.get(id) else {
                continue;
            };
            let mut counts: Vec<ReactionCount> = Vec::new();
            for (emoji, user) in reactions {
                let me = viewer == Some(*user);
                match counts.iter_mut().find(|c| &c.emoji == emoji) {
                    Some(c) => {
                        c.count += 1;
                        c.me |= me;
                    }
                    None => counts.push(ReactionCount {
                        emoji: emoji.clone(),
                        count: 1,
                        me,
                    }),
                }
            }
            out.extend(counts.into_iter().map(|c| (*id, c)));
        }
        Ok(out)
    }

    async fn reactors(
        &self,
        message: MessageId,
        emoji: &Emoji,
        after: Option<UserId>,
        limit: u32,
    ) -> StoreResult<Vec<UserId>> {
        let state = self.state();
        let mut users: Vec<UserId> = state
            .reactions
            .get(&message)
            .into_iter()
            .flatten()
            .filter(|(e, u)| e == emoji && after.is_none_or(|a| *u > a))
            .map(|(_, u)| *u)
            .collect();
        users.sort();
        users.truncate(limit as usize);
        Ok(users)
    }
}
