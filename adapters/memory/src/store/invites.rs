//! Invites, and joining through one: every check and the use count happen
//! under one lock, so `uses` never passes `max_uses`.

use async_trait::async_trait;
use chat_core::ids::{InviteCode, ServerId};
use chat_core::invites::{Invite, InviteStore, JoinOutcome};
use chat_core::members::Member;
use chat_core::{StoreError, StoreResult, Timestamp};

use super::MemoryStore;

#[async_trait]
impl InviteStore for MemoryStore {
    async fn insert_invite(&self, invite: &Invite) -> StoreResult<()> {
        let mut state = self.state();
        if state.invites.contains_key(&invite.code) {
            return Err(StoreError::Backend(format!(
                "invite {} already exists",
                invite.code
            )));
        }
        state.invites.insert(invite.code.clone(), invite.clone());
        state
            .invites_by_server
            .entry(invite.server_id)
            .or_default()
            .push(invite.code.clone());
        Ok(())
    }

    async fn invite_by_code(&self, code: &InviteCode) -> StoreResult<Option<Invite>> {
        Ok(self.state().invites.get(code).cloned())
    }

    async fn invites_of(&self, server: ServerId) -> StoreResult<Vec<Invite>> {
        let state = self.state();
        let codes = state.invites_by_server.get(&server);
        let mut invites: Vec<Invite> = codes
            .into_iter()
            .flatten()
            .filter_map(|code| state.invites.get(code).cloned())
            .collect();
        // Stable: invites made in the same millisecond keep insertion order.
        invites.sort_by_key(|i| i.created_at);
        Ok(invites)
    }

    async fn delete_invite(&self, code: &InviteCode) -> StoreResult<bool> {
        let mut state = self.state();
        let Some(invite) = state.invites.remove(code) else {
            return Ok(false);
        };
        if let Some(codes) = state.invites_by_server.get_mut(&invite.server_id) {
            codes.retain(|c| c != code);
        }
        Ok(true)
    }

    async fn join_with_invite(
        &self,
        code: &InviteCode,
        member: &Member,
        now: Timestamp,
    ) -> StoreResult<JoinOutcome> {
        let mut state = self.state();
        let server = member.server_id;
        let user = member.user_id;
        let usable = match state.invites.get(code) {
            Some(invite) if invite.server_id == server => invite.is_usable(now),
            _ => return Ok(JoinOutcome::NotFound),
        };
        if state.member(server, user).is_some() {
            return Ok(JoinOutcome::AlreadyMember);
        }
        if state.is_banned(server, user, now) {
            return Ok(JoinOutcome::Banned);
        }
        if !usable {
            return Ok(JoinOutcome::Expired);
        }
        if let Some(invite) = state.invites.get_mut(code) {
            invite.uses += 1;
        }
        state.add_member(member);
        Ok(JoinOutcome::Joined)
    }
}
