use async_trait::async_trait;

use super::{Description, Server, ServerDetails, ServerName};
use crate::channels::Channel;
use crate::error::StoreResult;
use crate::ids::{ServerId, UserId};
use crate::members::Member;

/// Storage of servers.
#[async_trait]
pub trait ServerStore: Send + Sync {
    /// Stores a new server with its owner's membership and its first
    /// channel, all or nothing.
    async fn create_server(
        &self,
        server: &Server,
        owner: &Member,
        first_channel: &Channel,
    ) -> StoreResult<()>;

    /// The server with this id, or `None`.
    async fn server_by_id(&self, id: ServerId) -> StoreResult<Option<Server>>;

    /// The servers `user` is a member of, oldest membership first.
    async fn servers_of_user(&self, user: UserId) -> StoreResult<Vec<Server>>;

    /// Everything a gateway `ready` shows of `user`'s servers, in a fixed
    /// number of round trips whatever their number: each server `user` is a
    /// member of (oldest membership first, as [`Self::servers_of_user`]),
    /// with its member count, its channels in `channels_of` order, and in
    /// `view.my_role` the role stored in `user`'s membership (the caller
    /// applies `Role::effective`). Empty for a user in no server.
    async fn servers_overview(&self, user: UserId) -> StoreResult<Vec<ServerDetails>>;

    /// Sets name and description; returns the updated server, or `None`
    /// when there is no such server.
    async fn update_server(
        &self,
        id: ServerId,
        name: &ServerName,
        description: &Description,
    ) -> StoreResult<Option<Server>>;

    /// Sets (`Some`) or clears (`None`) the key of the server's icon in one
    /// atomic step, answering the key it replaced (`Some(None)` when there
    /// was none), or `None` when there is no such server (nothing changes).
    async fn swap_icon_key(
        &self,
        id: ServerId,
        key: Option<&str>,
    ) -> StoreResult<Option<Option<String>>>;

    /// Deletes the server and everything in it: channels, messages,
    /// memberships, invites, bans. Returns `false` when there was no such
    /// server. Repeating a delete that was interrupted finishes it.
    async fn delete_server(&self, id: ServerId) -> StoreResult<bool>;

    /// How many servers `user` owns.
    async fn count_owned_by(&self, user: UserId) -> StoreResult<u64>;

    /// Makes `to` the owner if `from` still is, in one conditional step on
    /// the server's `owner_id`, then sets `from`'s membership role to admin
    /// and `to`'s to owner. Returns `false` (changing nothing) when `from`
    /// is no longer the owner, or `to` is not a member.
    async fn transfer_ownership(&self, id: ServerId, from: UserId, to: UserId)
        -> StoreResult<bool>;
}
