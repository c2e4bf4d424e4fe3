use async_trait::async_trait;

use super::{
    ChannelNotificationSettings, NotificationSettings, ReadState, ServerNotificationSettings,
    UnreadCounts,
};
use crate::error::StoreResult;
use crate::ids::{ChannelId, MessageId, UserId};

/// Storage of read markers and notification settings.
///
/// "After the marker" means: messages of the channel whose id is greater
/// than the marker; with no marker, every message of the channel. Counts
/// must come from the channel's `(channel_id, id)` order, counting at most
/// `UNREAD_CAP + 1` messages per channel, so a channel of a million unread
/// messages costs what one of a hundred does.
///
/// In a direct channel (a DM or group, see [`crate::direct`]) every
/// message after the marker that `user` did not write counts as a
/// mention: a DM is addressed to its participants.
#[async_trait]
pub trait ReadStateStore: Send + Sync {
    /// Moves `user`'s marker in `channel` forward to `message`: stores it
    /// when there is no marker or the stored one is older (a smaller id);
    /// a marker never moves back. Returns the marker stored afterwards
    /// (`message`, or the newer one that was already there).
    async fn advance_read_marker(
        &self,
        user: UserId,
        channel: ChannelId,
        message: MessageId,
    ) -> StoreResult<MessageId>;

    /// The read state of every channel of every server `user` is a member
    /// of and of every direct channel they are in (other channels never
    /// appear), in one or two queries:
    /// the stored marker (`None` when never read), the messages after it
    /// (counted up to `UNREAD_CAP + 1`, see [`ReadState::from_counts`]) and
    /// how many of those mention `user`, and the channel's newest message
    /// (one `ReadState::from_counts` per channel). Ordered by server id, then the
    /// channel's position, then its id: direct channels (server id
    /// `ServerId::DIRECT`, the nil id, position 0) come first, by id.
    async fn read_states_of(&self, user: UserId) -> StoreResult<Vec<ReadState>>;

    /// The counts of one channel for `user` after `after` (every message
    /// when `None`), whatever marker is stored: messages counted up to
    /// `UNREAD_CAP + 1`, those mentioning `user` (in a direct channel:
    /// those `user` did not write), and the channel's newest message. An
    /// unknown channel counts nothing.
    async fn unread_after(
        &self,
        user: UserId,
        channel: ChannelId,
        after: Option<MessageId>,
    ) -> StoreResult<UnreadCounts>;

    /// Stores `user`'s settings for the server, replacing earlier ones.
    async fn put_server_notifications(
        &self,
        user: UserId,
        settings: &ServerNotificationSettings,
    ) -> StoreResult<()>;

    /// Stores `user`'s settings for the channel, replacing earlier ones.
    async fn put_channel_notifications(
        &self,
        user: UserId,
        settings: &ChannelNotificationSettings,
    ) -> StoreResult<()>;

    /// `user`'s stored settings for servers they are a member of and for
    /// the existing channels of those servers (settings of servers left
    /// and channels deleted do not appear), each list ordered by id.
    async fn notification_settings_of(&self, user: UserId) -> StoreResult<NotificationSettings>;
}
