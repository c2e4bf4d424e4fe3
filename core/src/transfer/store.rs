use async_trait::async_trait;

use crate::attachments::Attachment;
use crate::error::StoreResult;
use crate::ids::{AttachmentId, ChannelId, MessageId, ServerId, UserId};
use crate::members::Member;
use crate::reads::NotificationSettings;
use crate::servers::Server;
use crate::users::User;

/// Whole-database reads and the one write a copy needs.
#[async_trait]
pub trait TransferStore: Send + Sync {
    /// Up to `limit` users with an id greater than `after` (every user
    /// when `None`), in id order, with everything stored about them
    /// (password hash and chosen status included).
    async fn users_after(&self, after: Option<UserId>, limit: u32) -> StoreResult<Vec<User>>;

    /// Up to `limit` servers with an id greater than `after`, in id order.
    async fn servers_after(&self, after: Option<ServerId>, limit: u32) -> StoreResult<Vec<Server>>;

    /// Stores a membership exactly as given (role and `joined_at` kept),
    /// after the memberships already stored for its server in join order;
    /// `false` (and nothing changes) when the user already is a member.
    async fn insert_member(&self, member: &Member) -> StoreResult<bool>;

    /// Up to `limit` attachments, pending and sent alike, with an id
    /// greater than `after`, in id order.
    async fn attachments_after(
        &self,
        after: Option<AttachmentId>,
        limit: u32,
    ) -> StoreResult<Vec<Attachment>>;

    /// Every read marker `user` has stored, `(channel, last read message)`
    /// in channel id order: in any channel, direct ones and those of
    /// servers they left included (`read_states_of` shows only some).
    async fn read_markers_of(&self, user: UserId) -> StoreResult<Vec<(ChannelId, MessageId)>>;

    /// Every notification setting `user` has stored for a server or
    /// channel that exists, each list in id order: those of servers they
    /// left and of direct channels included (`notification_settings_of`
    /// shows only current places).
    async fn stored_notification_settings(&self, user: UserId)
        -> StoreResult<NotificationSettings>;
}
