//! `chat-server migrate`: copies everything through the store ports, in
//! batches, with progress bars (and an ETA: the source is counted first),
//! then verifies that the target holds as many records of each kind as
//! the source.
//!
//! Ids and timestamps are kept. Order respects the stores' references:
//! users; each server with its channels, members, messages (replies and
//! pins are fields of a message; reactions follow each page), invites,
//! bans, timeouts and audit log; direct channels (DMs and groups) with
//! their participants, messages and reactions; what each user has beside
//! their account (blocks, DM policy, two-factor state, read markers,
//! notification settings); last, attachment metadata (the files
//! themselves are in the blob store, which is not touched). With
//! `--resume` every record already in the target is skipped, so re-running
//! continues an interrupted copy. Sessions and pending two-factor logins
//! are not copied: everyone logs in again. Bans and timeouts that have
//! ended are not copied either (they no longer do anything).

use std::collections::{HashMap, HashSet};

use anyhow::{bail, Context};
use chat_core::audit::{AuditEntry, AuditQuery};
use chat_core::channels::{Channel, ChannelName, Slowmode, Topic};
use chat_core::ids::{AuditEntryId, ChannelId, MessageId};
use chat_core::members::Member;
use chat_core::messages::Message;
use chat_core::role::Role;
use chat_core::servers::Server;
use chat_core::{Clock, Store, SystemClock};
use indicatif::{ProgressBar, ProgressStyle};

use super::copy_people::{copy_attachments, copy_direct, copy_extras};
use super::counts::{count, Counts};
use super::walk::{direct_channels, each_user, reactions_of, MessagePages};

/// How the copy runs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Continue into a non-empty target, skipping what is there.
    pub resume: bool,
    /// Records per read.
    pub batch: u32,
    /// Show progress bars.
    pub progress: bool,
}

/// Copies `source` into `target` and verifies the counts.
pub async fn migrate(source: &dyn Store, target: &dyn Store, o: Options) -> anyhow::Result<()> {
    if !o.resume && !target.users_after(None, 1).await?.is_empty() {
        bail!("the target store is not empty; pass --resume to continue an interrupted copy");
    }
    eprintln!("counting the source…");
    let expected = count(source, o.batch).await?;
    let started = std::time::Instant::now();
    let bars = Bars::new(&expected, o.progress);
    copy_users(source, target, o, &bars.users).await?;
    let mut after = None;
    loop {
        let servers = source.servers_after(after, o.batch).await?;
        let Some(last) = servers.last() else { break };
        after = Some(last.id);
        for server in &servers {
            copy_server(source, target, server, o, &bars).await?;
            bars.servers.inc(1);
        }
    }
    for direct in direct_channels(source, o.batch).await? {
        copy_direct(source, target, &direct, o, &bars).await?;
    }
    copy_extras(source, target, o, &bars.people).await?;
    copy_attachments(source, target, o, &bars.files).await?;
    bars.finish();
    let elapsed = started.elapsed().as_secs_f64().max(0.001);
    eprintln!(
        "copied in {elapsed:.1} s ({:.0} messages/s); verifying…",
        (expected.messages + expected.direct_messages) as f64 / elapsed
    );
    let got = count(target, o.batch).await?;
    let mut mismatched = Vec::new();
    for ((what, want), (_, have)) in expected.rows().into_iter().zip(got.rows()) {
        eprintln!("  {what:<16} source {want:>10}  target {have:>10}");
        if want != have {
            mismatched.push(what);
        }
    }
    if !mismatched.is_empty() {
        bail!("the target's counts differ for: {}", mismatched.join(", "));
    }
    eprintln!("done: every count matches. Sessions were not copied: everyone logs in again.");
    eprintln!(
        "Attachment files live in the blob store, which migrate does not touch: \
         keep (or copy) the same --blob-store for the server on the new store."
    );
    Ok(())
}

async fn copy_users(
    source: &dyn Store,
    target: &dyn Store,
    o: Options,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    each_user(source, o.batch, async |user| {
        if !(o.resume && target.user_by_id(user.id).await?.is_some()) {
            target
                .insert_user(user)
                .await
                .with_context(|| format!("copying user {}", user.id))?;
        }
        bar.inc(1);
        Ok(())
    })
    .await
}

async fn copy_server(
    source: &dyn Store,
    target: &dyn Store,
    server: &Server,
    o: Options,
    bars: &Bars,
) -> anyhow::Result<()> {
    let id = server.id;
    let channels = source.channels_of(id).await?;
    let members = source.members_of(id).await?;
    if target.server_by_id(id).await?.is_none() {
        create_server(target, server, &channels, &members).await?;
    }
    for channel in &channels {
        if target.channel_by_id(channel.id).await?.is_none() {
            target.insert_channel(channel).await?;
        }
        bars.channels.inc(1);
    }
    for member in &members {
        target.insert_member(member).await?;
        bars.members.inc(1);
    }
    for channel in &channels {
        copy_messages(source, target, channel.id, o, &bars.messages).await?;
    }
    for invite in source.invites_of(id).await? {
        if target.invite_by_code(&invite.code).await?.is_none() {
            target.insert_invite(&invite).await?;
        }
    }
    let now = SystemClock.now();
    for ban in source.bans_of(id, now).await? {
        if target.active_ban(id, ban.user_id, now).await?.as_ref() != Some(&ban) {
            target.ban(&ban).await?;
        }
    }
    for (user, until) in source.timeouts_of(id, now).await? {
        target.set_timeout(id, user, until).await?;
    }
    copy_audit(source, target, server, o).await
}

/// Creates the server with its owner's membership and first channel (a
/// server whose channels were all deleted gets a stand-in, removed again).
async fn create_server(
    target: &dyn Store,
    server: &Server,
    channels: &[Channel],
    members: &[Member],
) -> anyhow::Result<()> {
    let owner = members
        .iter()
        .find(|m| m.user_id == server.owner_id)
        .cloned()
        .unwrap_or(Member {
            server_id: server.id,
            user_id: server.owner_id,
            role: Role::Owner,
            joined_at: server.created_at,
        });
    let stand_in = Channel {
        id: ChannelId::from_uuid(uuid::Uuid::now_v7()),
        server_id: server.id,
        name: ChannelName::parse("general")?,
        topic: Topic::parse("")?,
        position: 0,
        slowmode: Slowmode::OFF,
        created_at: server.created_at,
    };
    let first = channels.first().unwrap_or(&stand_in);
    target
        .create_server(server, &owner, first)
        .await
        .with_context(|| format!("copying server {}", server.id))?;
    if channels.is_empty() {
        target.delete_channel(stand_in.id).await?;
    }
    Ok(())
}

/// Copies a channel's messages with their reactions, newest page first.
pub(super) async fn copy_messages(
    source: &dyn Store,
    target: &dyn Store,
    channel: ChannelId,
    o: Options,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    let mut pages = MessagePages::new(source, channel, o.batch);
    while let Some(page) = pages.next().await? {
        for message in &page {
            if !(o.resume && target.message_by_id(message.id).await?.is_some()) {
                target
                    .insert_message(message)
                    .await
                    .with_context(|| format!("copying message {}", message.id))?;
            }
        }
        copy_reactions(source, target, &page).await?;
        bar.inc(page.len() as u64);
    }
    Ok(())
}

/// Adds a page's reactions to the target, each message's emoji in order
/// of first use (so that order is kept); ones already there are left.
async fn copy_reactions(
    source: &dyn Store,
    target: &dyn Store,
    page: &[Message],
) -> anyhow::Result<()> {
    let by_id: HashMap<MessageId, &Message> = page.iter().map(|m| (m.id, m)).collect();
    for r in reactions_of(source, page).await? {
        let Some(message) = by_id.get(&r.message) else {
            continue;
        };
        for user in r.users {
            target
                .add_reaction(message, &r.emoji, user, usize::MAX)
                .await
                .with_context(|| format!("copying a reaction to message {}", r.message))?;
        }
    }
    Ok(())
}

async fn copy_audit(
    source: &dyn Store,
    target: &dyn Store,
    server: &Server,
    o: Options,
) -> anyhow::Result<()> {
    let have: HashSet<AuditEntryId> = if o.resume {
        audit_log(target, server, o.batch)
            .await?
            .iter()
            .map(|e| e.id)
            .collect()
    } else {
        HashSet::new()
    };
    for entry in audit_log(source, server, o.batch).await? {
        if !have.contains(&entry.id) {
            target.insert_audit_entry(&entry).await?;
        }
    }
    Ok(())
}

/// A server's whole audit log, newest first.
pub async fn audit_log(
    store: &dyn Store,
    server: &Server,
    batch: u32,
) -> anyhow::Result<Vec<AuditEntry>> {
    let mut all = Vec::new();
    let mut before = None;
    loop {
        let query = AuditQuery {
            before,
            actor: None,
            action: None,
            limit: batch,
        };
        let page = store.audit_entries(server.id, &query).await?;
        let Some(oldest) = page.last() else {
            return Ok(all);
        };
        before = Some(oldest.id);
        all.extend(page);
    }
}

/// One bar per record kind that takes long.
pub(super) struct Bars {
    pub(super) users: ProgressBar,
    pub(super) servers: ProgressBar,
    pub(super) channels: ProgressBar,
    pub(super) members: ProgressBar,
    pub(super) messages: ProgressBar,
    pub(super) people: ProgressBar,
    pub(super) files: ProgressBar,
}

impl Bars {
    fn new(total: &Counts, show: bool) -> Self {
        let bar = |what: &str, len: u64| {
            if !show {
                return ProgressBar::hidden();
            }
            let style = ProgressStyle::with_template(
                "{prefix:>9} [{bar:30}] {pos}/{len} ({per_sec}, eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            ProgressBar::new(len)
                .with_style(style)
                .with_prefix(what.to_owned())
        };
        let multi = indicatif::MultiProgress::new();
        let add = |b: ProgressBar| if show { multi.add(b) } else { b };
        Self {
            users: add(bar("users", total.users)),
            servers: add(bar("servers", total.servers)),
            channels: add(bar("channels", total.channels + total.direct_channels)),
            members: add(bar("members", total.members)),
            messages: add(bar("messages", total.messages + total.direct_messages)),
            people: add(bar("settings", total.users)),
            files: add(bar("files", total.attachments + total.pending_attachments)),
        }
    }

    fn finish(&self) {
        for b in [
            &self.users,
            &self.servers,
            &self.channels,
            &self.members,
            &self.messages,
            &self.people,
            &self.files,
        ] {
            b.finish();
        }
    }
}
