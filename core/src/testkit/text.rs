//! Contract shared by every store: text that the core's one text rule
//! accepts is stored exactly, in every text field.

use std::sync::Arc;

use super::fixtures::*;
use crate::channels::{ChannelName, Topic};
use crate::messages::{Inserted, MessageContent};
use crate::moderation::BanReason;
use crate::servers::{Description, ServerName};
use crate::users::{Bio, DisplayName};
use crate::Store;

/// Every kind of character the text rule lets through (line breaks and
/// tabs in multi-line fields, emoji with joiners and skin tones,
/// combining marks, bidirectional overrides, zero-width characters, a
/// byte-order mark, the replacement character, the line separator and
/// characters outside the Basic Multilingual Plane).
const MULTI_LINE: &str =
    "a\nb\r\nc\td 👩🏽‍💻 e\u{301} \u{202e}rtl\u{202c} \u{200b}\u{feff}\u{fffd}\u{2028}𝄞 漢字";
/// The same without the line breaks and tabs.
const ONE_LINE: &str = "👩🏽‍💻 e\u{301} \u{202e}rtl\u{202c} \u{200b}\u{feff}\u{fffd}\u{2028}𝄞 漢字";

/// Names, bios, descriptions, topics, messages and ban reasons come back
/// exactly as stored, whatever Unicode they hold.
pub async fn text_fields_are_stored_exactly(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;

    let mut u = user("textual");
    u.display_name = DisplayName::parse(ONE_LINE).expect("valid display name");
    u.bio = Bio::parse(MULTI_LINE).expect("valid bio");
    store.insert_user(&u).await.expect("insert_user");
    assert_eq!(
        store.user_by_id(u.id).await.unwrap(),
        Some(u.clone()),
        "user"
    );

    let mut s = server("x", c.owner.id);
    s.name = ServerName::parse(ONE_LINE).expect("valid server name");
    s.description = Description::parse(MULTI_LINE).expect("valid description");
    let mut ch = channel(s.id, "x", 0);
    ch.name = ChannelName::parse(ONE_LINE).expect("valid channel name");
    ch.topic = Topic::parse(MULTI_LINE).expect("valid topic");
    let owner = member(s.id, c.owner.id, crate::role::Role::Owner, T0);
    store
        .create_server(&s, &owner, &ch)
        .await
        .expect("create_server");
    assert_eq!(
        store.server_by_id(s.id).await.unwrap(),
        Some(s.clone()),
        "server"
    );
    assert_eq!(
        store.channel_by_id(ch.id).await.unwrap(),
        Some(ch.clone()),
        "channel"
    );

    let mut m = message(&ch, c.owner.id, "x");
    m.content = MessageContent::parse(MULTI_LINE).expect("valid content");
    assert_eq!(store.insert_message(&m).await.unwrap(), Inserted::New);
    assert_eq!(store.message_by_id(m.id).await.unwrap(), Some(m), "message");

    add_member(store, &s, u.id, at(1)).await;
    let mut b = ban(s.id, u.id, c.owner.id, None);
    b.reason = Some(BanReason::parse(MULTI_LINE).expect("valid reason"));
    store.ban(&b).await.expect("ban");
    let stored = store.active_ban(s.id, u.id, at(2)).await.unwrap();
    assert_eq!(stored.and_then(|b| b.reason), b.reason, "ban reason");
}

/// Text an older release let into every text field (an escape sequence
/// and a bell), before the control-character rule: adapters write it
/// with raw SQL into the rows of [`LegacyRows`].
pub const LEGACY_TEXT: &str = "old \u{1b}[31mred\u{7}";

/// Rows whose text fields an adapter test overwrites with
/// [`LEGACY_TEXT`], behind the store's back: the user's `display_name` and
/// `bio`, the server's `name` and `description`, the channel's `name` and
/// `topic`, the message's `content` and the ban's `reason` (of `user` in
/// `server`).
pub struct LegacyRows {
    /// A user (display name, bio), banned from `server`.
    pub user: crate::ids::UserId,
    /// A server (name, description).
    pub server: crate::ids::ServerId,
    /// A channel of it (name, topic).
    pub channel: crate::ids::ChannelId,
    /// A message in that channel (content).
    pub message: crate::ids::MessageId,
}

impl LegacyRows {
    /// The cells (table, column, row id) an adapter test overwrites with
    /// [`LEGACY_TEXT`] by id; the ban's reason is keyed by (server, user).
    pub fn text_cells(&self) -> [(&'static str, &'static str, uuid::Uuid); 7] {
        [
            ("users", "display_name", self.user.as_uuid()),
            ("users", "bio", self.user.as_uuid()),
            ("servers", "name", self.server.as_uuid()),
            ("servers", "description", self.server.as_uuid()),
            ("channels", "name", self.channel.as_uuid()),
            ("channels", "topic", self.channel.as_uuid()),
            ("messages", "content", self.message.as_uuid()),
        ]
    }
}

/// Stores the rows of [`LegacyRows`], with valid text for now.
pub async fn add_legacy_rows(store: &Arc<dyn Store>) -> LegacyRows {
    let c = add_community(store, "owner").await;
    let u = add_user(store, "legacy").await;
    let m = message(&c.general, c.owner.id, "x");
    assert_eq!(store.insert_message(&m).await.unwrap(), Inserted::New);
    let mut b = ban(c.server.id, u.id, c.owner.id, None);
    b.reason = Some(BanReason::parse("x").expect("valid reason"));
    store.ban(&b).await.expect("ban");
    LegacyRows {
        user: u.id,
        server: c.server.id,
        channel: c.general.id,
        message: m.id,
    }
}

/// Every row of `rows`, overwritten with [`LEGACY_TEXT`], still loads
/// through each read, with the text exactly as stored.
pub async fn legacy_rows_load_as_stored(store: &Arc<dyn Store>, rows: &LegacyRows) {
    let u = store.user_by_id(rows.user).await.expect("user loads");
    let u = u.expect("the user");
    assert_eq!(u.display_name.as_str(), LEGACY_TEXT, "display name");
    assert_eq!(u.bio.as_str(), LEGACY_TEXT, "bio");
    let s = store.server_by_id(rows.server).await.expect("server loads");
    let s = s.expect("the server");
    assert_eq!(s.name.as_str(), LEGACY_TEXT, "server name");
    assert_eq!(s.description.as_str(), LEGACY_TEXT, "description");
    let ch = store
        .channel_by_id(rows.channel)
        .await
        .expect("channel loads");
    let ch = ch.expect("the channel");
    assert_eq!(ch.name.as_str(), LEGACY_TEXT, "channel name");
    assert_eq!(ch.topic.as_str(), LEGACY_TEXT, "topic");
    let page = store
        .history(rows.channel, None, 10)
        .await
        .expect("history loads");
    assert_eq!(page.len(), 1, "the message");
    assert_eq!(page[0].content.as_str(), LEGACY_TEXT, "content");
    let b = store.active_ban(rows.server, rows.user, at(1)).await;
    let reason = b.expect("ban loads").and_then(|b| b.reason);
    assert_eq!(
        reason.as_ref().map(|r| r.as_str()),
        Some(LEGACY_TEXT),
        "reason"
    );
}
