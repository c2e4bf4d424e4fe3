//! Direct messages: DMs (one per pair of people), groups, blocks and DM
//! policies. A direct channel's row also sits in `channels` (under the
//! stand-in server `ServerId::DIRECT`) so messages work as anywhere.

use std::collections::HashMap;

use async_trait::async_trait;
use chat_core::channels::ChannelName;
use chat_core::direct::{
    pair_key, Block, ChannelKind, DirectChannel, DirectStore, DmPolicy, Participant,
};
use chat_core::ids::{ChannelId, UserId};
use chat_core::{StoreError, StoreResult, Timestamp};

use super::{MemoryStore, State};

/// What only a direct channel has.
#[derive(Debug, Clone)]
pub(super) struct DirectRow {
    kind: ChannelKind,
    owner_id: Option<UserId>,
    participants: Vec<Participant>,
}

/// The direct-message part of the state.
#[derive(Debug, Default)]
pub(super) struct DirectState {
    rows: HashMap<ChannelId, DirectRow>,
    pairs: HashMap<String, ChannelId>,
    blocks: Vec<Block>,
    policies: HashMap<UserId, DmPolicy>,
}

impl DirectState {
    /// Forgets a deleted user's blocks (both ways) and policy; their
    /// place in direct channels is kept (their DMs stay readable).
    pub fn forget_user(&mut self, user: UserId) {
        self.blocks
            .retain(|b| b.user_id != user && b.blocked_id != user);
        self.policies.remove(&user);
    }

    /// Whether `channel` is a direct channel.
    pub fn is_direct(&self, channel: ChannelId) -> bool {
        self.rows.contains_key(&channel)
    }

    /// The ids of the direct channels `user` is in, in id order.
    pub fn channels_of(&self, user: UserId) -> Vec<ChannelId> {
        let mut ids: Vec<ChannelId> = self
            .rows
            .iter()
            .filter(|(_, row)| row.participants.iter().any(|p| p.user_id == user))
            .map(|(id, _)| *id)
            .collect();
        ids.sort();
        ids
    }
}

fn load(state: &State, id: ChannelId) -> Option<DirectChannel> {
    let row = state.direct.rows.get(&id)?;
    let channel = state.channels.get(&id)?.clone();
    let mut participants = row.participants.clone();
    participants.sort_by_key(|p| (p.joined_at, p.user_id));
    Some(DirectChannel {
        channel,
        kind: row.kind,
        owner_id: row.owner_id,
        participants,
    })
}

fn insert(state: &mut State, d: &DirectChannel) -> StoreResult<()> {
    if state.channels.contains_key(&d.channel.id) {
        return Err(StoreError::Backend(format!(
            "channel {} already exists",
            d.channel.id
        )));
    }
    state.channels.insert(d.channel.id, d.channel.clone());
    state
        .channels_by_server
        .entry(d.channel.server_id)
        .or_default()
        .insert(d.channel.id);
    state.direct.rows.insert(
        d.channel.id,
        DirectRow {
            kind: d.kind,
            owner_id: d.owner_id,
            participants: d.participants.clone(),
        },
    );
    Ok(())
}

#[async_trait]
impl DirectStore for MemoryStore {
    async fn open_dm(&self, dm: &DirectChannel) -> StoreResult<(DirectChannel, bool)> {
        let [a, b] = dm.user_ids()[..] else {
            return Err(StoreError::Backend("a DM has two participants".into()));
        };
        let key = pair_key(a, b);
        let mut state = self.state();
        if let Some(existing) = state.direct.pairs.get(&key).copied() {
            if let Some(found) = load(&state, existing) {
                return Ok((found, false));
            }
        }
        insert(&mut state, dm)?;
        state.direct.pairs.insert(key, dm.channel.id);
        let stored = load(&state, dm.channel.id)
            .ok_or_else(|| StoreError::Backend("the DM just stored is missing".into()))?;
        Ok((stored, true))
    }

    async fn insert_group(&self, group: &DirectChannel) -> StoreResult<()> {
        insert(&mut self.state(), group)
    }

    async fn direct_channel(&self, id: ChannelId) -> StoreResult<Option<DirectChannel>> {
        Ok(load(&self.state(), id))
    }

    async fn direct_channels_of(&self, user: UserId) -> StoreResult<Vec<DirectChannel>> {
        let state = self.state();
        Ok(state
            .direct
            .channels_of(user)
            .into_iter()
            .filter_map(|id| load(&state, id))
            .collect())
    }

    async fn add_participant(
        &self,
        id: ChannelId,
        user: UserId,
        joined_at: Timestamp,
    ) -> StoreResult<bool> {
        let mut state = self.state();
        let Some(row) = state.direct.rows.get_mut(&id) else {
            return Ok(false);
        };
        if row.participants.iter().any(|p| p.user_id == user) {
            return Ok(false);
        }
        row.participants.push(Participant {
            user_id: user,
            joined_at,
        });
        Ok(true)
    }

    async fn remove_participant(&self, id: ChannelId, user: UserId) -> StoreResult<bool> {
        let mut state = self.state();
        let Some(row) = state.direct.rows.get_mut(&id) else {
            return Ok(false);
        };
        let before = row.participants.len();
        row.participants.retain(|p| p.user_id != user);
        Ok(row.participants.len() < before)
    }

    async fn update_group(
        &self,
        id: ChannelId,
        name: &ChannelName,
        owner: UserId,
    ) -> StoreResult<bool> {
        let mut state = self.state();
        let Some(row) = state.direct.rows.get_mut(&id) else {
            return Ok(false);
        };
        row.owner_id = Some(owner);
        if let Some(channel) = state.channels.get_mut(&id) {
            channel.name = name.clone();
        }
        Ok(true)
    }

    async fn delete_direct(&self, id: ChannelId) -> StoreResult<bool> {
        let mut state = self.state();
        if state.direct.rows.remove(&id).is_none() {
            return Ok(false);
        }
        state.direct.pairs.retain(|_, c| *c != id);
        state.remove_channel(id);
        Ok(true)
    }

    async fn insert_block(&self, block: &Block) -> StoreResult<bool> {
        let mut state = self.state();
        let blocks = &mut state.direct.blocks;
        if blocks
            .iter()
            .any(|b| b.user_id == block.user_id && b.blocked_id == block.blocked_id)
        {
            return Ok(false);
        }
        blocks.push(*block);
        Ok(true)
    }

    async fn delete_block(&self, user: UserId, blocked: UserId) -> StoreResult<bool> {
        let mut state = self.state();
        let blocks = &mut state.direct.blocks;
        let before = blocks.len();
        blocks.retain(|b| !(b.user_id == user && b.blocked_id == blocked));
        Ok(blocks.len() < before)
    }

    async fn blocks_of(&self, user: UserId) -> StoreResult<Vec<Block>> {
        let state = self.state();
        let mut blocks: Vec<Block> = state
            .direct
            .blocks
            .iter()
            .filter(|b| b.user_id == user)
            .copied()
            .collect();
        blocks.sort_by_key(|b| (b.created_at, b.blocked_id));
        Ok(blocks)
    }

    async fn blocked_between(&self, a: UserId, b: UserId) -> StoreResult<bool> {
        Ok(self.state().direct.blocks.iter().any(|x| {
            (x.user_id == a && x.blocked_id == b) || (x.user_id == b && x.blocked_id == a)
        }))
    }

    async fn dm_policy(&self, user: UserId) -> StoreResult<Option<DmPolicy>> {
        Ok(self.state().direct.policies.get(&user).copied())
    }

    async fn set_dm_policy(&self, user: UserId, policy: DmPolicy) -> StoreResult<()> {
        self.state().direct.policies.insert(user, policy);
        Ok(())
    }
}
