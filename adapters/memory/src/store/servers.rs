//! Servers: creation with owner and first channel, deletion of everything
//! in a server, and ownership transfer as one conditional step.

use async_trait::async_trait;
use chat_core::channels::Channel;
use chat_core::ids::{ServerId, UserId};
use chat_core::members::Member;
use chat_core::role::Role;
use chat_core::servers::{Description, Server, ServerDetails, ServerName, ServerStore, ServerView};
use chat_core::{StoreError, StoreResult};

use super::MemoryStore;

#[async_trait]
impl ServerStore for MemoryStore {
    async fn create_server(
        &self,
        server: &Server,
        owner: &Member,
        first_channel: &Channel,
    ) -> StoreResult<()> {
        let mut state = self.state();
        if state.servers.contains_key(&server.id) || state.channels.contains_key(&first_channel.id)
        {
            return Err(StoreError::Backend(format!(
                "server {} or its first channel already exists",
                server.id
            )));
        }
        state.servers.insert(server.id, server.clone());
        state.add_member(owner);
        state
            .channels
            .insert(first_channel.id, first_channel.clone());
        state
            .channels_by_server
            .entry(first_channel.server_id)
            .or_default()
            .insert(first_channel.id);
        Ok(())
    }

    async fn server_by_id(&self, id: ServerId) -> StoreResult<Option<Server>> {
        Ok(self.state().servers.get(&id).cloned())
    }

    async fn servers_of_user(&self, user: UserId) -> StoreResult<Vec<Server>> {
        let state = self.state();
        let Some(server_ids) = state.memberships.get(&user) else {
            return Ok(Vec::new());
        };
        let mut joined: Vec<_> = server_ids
            .iter()
            .filter_map(|id| state.members.get(id)?.get(&user))
            .map(|j| (j.member.joined_at, j.seq, j.member.server_id))
            .collect();
        joined.sort();
        let servers = joined
            .into_iter()
            .filter_map(|(_, _, id)| state.servers.get(&id).cloned())
            .collect();
        Ok(servers)
    }

    async fn servers_overview(&self, user: UserId) -> StoreResult<Vec<ServerDetails>> {
        let state = self.state();
        let Some(server_ids) = state.memberships.get(&user) else {
            return Ok(Vec::new());
        };
        let mut joined: Vec<_> = server_ids
            .iter()
            .filter_map(|id| state.members.get(id)?.get(&user))
            .map(|j| (j.member.joined_at, j.seq, j.member.server_id, j.member.role))
            .collect();
        joined.sort_by_key(|&(at, seq, ..)| (at, seq));
        let overview = joined
            .into_iter()
            .filter_map(|(_, _, id, my_role)| {
                let server = state.servers.get(&id)?.clone();
                let member_count = state.members.get(&id).map_or(0, |m| m.len() as u64);
                let mut channels: Vec<Channel> = state
                    .channels_by_server
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .filter_map(|c| state.channels.get(c).cloned())
                    .collect();
                channels.sort_by_key(|c| (c.position, c.created_at, c.id));
                let view = ServerView {
                    server,
                    member_count,
                    my_role,
                };
                Some(ServerDetails { view, channels })
            })
            .collect();
        Ok(overview)
    }

    async fn update_server(
        &self,
        id: ServerId,
        name: &ServerName,
        description: &Description,
    ) -> StoreResult<Option<Server>> {
        let mut state = self.state();
        let Some(server) = state.servers.get_mut(&id) else {
            return Ok(None);
        };
        server.name = name.clone();
        server.description = description.clone();
        Ok(Some(server.clone()))
    }

    async fn swap_icon_key(
        &self,
        id: ServerId,
        key: Option<&str>,
    ) -> StoreResult<Option<Option<String>>> {
        let mut state = self.state();
        let Some(server) = state.servers.get_mut(&id) else {
            return Ok(None);
        };
        Ok(Some(std::mem::replace(
            &mut server.icon_key,
            key.map(str::to_owned),
        )))
    }

    async fn delete_server(&self, id: ServerId) -> StoreResult<bool> {
        let mut state = self.state();
        if state.servers.remove(&id).is_none() {
            return Ok(false);
        }
        let channels = state.channels_by_server.remove(&id).unwrap_or_default();
        for channel in channels {
            state.remove_channel(channel);
        }
        let members = state.members.remove(&id).unwrap_or_default();
        for user in members.into_keys() {
            state.remove_member(id, user);
        }
        for code in state.invites_by_server.remove(&id).unwrap_or_default() {
            state.invites.remove(&code);
        }
        state.bans.remove(&id);
        state.timeouts.remove(&id);
        state.audit.remove(&id);
        Ok(true)
    }

    async fn count_owned_by(&self, user: UserId) -> StoreResult<u64> {
        let state = self.state();
        let owned = state
            .servers
            .values()
            .filter(|s| s.owner_id == user)
            .count();
        Ok(owned as u64)
    }

    async fn transfer_ownership(
        &self,
        id: ServerId,
        from: UserId,
        to: UserId,
    ) -> StoreResult<bool> {
        let mut state = self.state();
        let from_owns = state.servers.get(&id).is_some_and(|s| s.owner_id == from);
        if !from_owns || state.member(id, to).is_none() {
            return Ok(false);
        }
        if let Some(server) = state.servers.get_mut(&id) {
            server.owner_id = to;
        }
        set_stored_role(&mut state, id, from, Role::Admin);
        set_stored_role(&mut state, id, to, Role::Owner);
        Ok(true)
    }
}

fn set_stored_role(state: &mut super::State, server: ServerId, user: UserId, role: Role) {
    if let Some(joined) = state
        .members
        .get_mut(&server)
        .and_then(|m| m.get_mut(&user))
    {
        joined.member.role = role;
    }
}
