//! The part of `migrate` that belongs to people rather than servers:
//! direct channels (DMs and groups), what each user has beside their
//! account row, and attachment metadata (the files themselves stay in the
//! blob store, which migrate does not touch).

use anyhow::{bail, Context};
use chat_core::attachments::Attachment;
use chat_core::direct::{ChannelKind, DirectChannel};
use chat_core::users::User;
use chat_core::Store;
use indicatif::ProgressBar;

use super::copy::{copy_messages, Bars, Options};
use super::walk::{each_user, extras_of, AttachmentPages};

/// Copies a DM or group with its participants (as they were), then its
/// messages. A DM goes through `open_dm` so the target knows its pair.
pub(super) async fn copy_direct(
    source: &dyn Store,
    target: &dyn Store,
    direct: &DirectChannel,
    o: Options,
    bars: &Bars,
) -> anyhow::Result<()> {
    let id = direct.channel.id;
    if target.direct_channel(id).await?.is_none() {
        if direct.kind == ChannelKind::Dm && direct.participants.len() == 2 {
            let (stored, _) = target.open_dm(direct).await?;
            if stored.channel.id != id {
                bail!(
                    "the target already has another DM ({}) between the people of DM {id}",
                    stored.channel.id
                );
            }
        } else {
            target
                .insert_group(direct)
                .await
                .with_context(|| format!("copying direct channel {id}"))?;
        }
    }
    bars.channels.inc(1);
    copy_messages(source, target, id, o, &bars.messages).await
}

/// Copies what each user has beside their account row. Every write here
/// replaces or keeps what is there, so `--resume` needs no checks.
pub(super) async fn copy_extras(
    source: &dyn Store,
    target: &dyn Store,
    o: Options,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    each_user(source, o.batch, async |user| {
        copy_extras_of(source, target, user)
            .await
            .with_context(|| format!("copying the settings of user {}", user.id))?;
        bar.inc(1);
        Ok(())
    })
    .await
}

async fn copy_extras_of(source: &dyn Store, target: &dyn Store, user: &User) -> anyhow::Result<()> {
    let x = extras_of(source, user.id).await?;
    for block in &x.blocks {
        target.insert_block(block).await?;
    }
    if let Some(policy) = x.dm_policy {
        target.set_dm_policy(user.id, policy).await?;
    }
    if let Some(mfa) = &x.mfa {
        // `None`: stored only when the target has no record yet.
        target.save_mfa(mfa, None).await?;
    }
    for (channel, message) in x.read_markers {
        target
            .advance_read_marker(user.id, channel, message)
            .await?;
    }
    for s in &x.notifications.servers {
        target.put_server_notifications(user.id, s).await?;
    }
    for c in &x.notifications.channels {
        target.put_channel_notifications(user.id, c).await?;
    }
    Ok(())
}

/// Copies attachment metadata: each stored pending, then given to its
/// message the way a send does (so every store records the claim).
pub(super) async fn copy_attachments(
    source: &dyn Store,
    target: &dyn Store,
    o: Options,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    let mut pages = AttachmentPages::new(source, o.batch);
    while let Some(page) = pages.next().await? {
        for a in &page {
            copy_attachment(target, a)
                .await
                .with_context(|| format!("copying attachment {}", a.id))?;
            bar.inc(1);
        }
    }
    Ok(())
}

async fn copy_attachment(target: &dyn Store, a: &Attachment) -> anyhow::Result<()> {
    let there = target.attachment_by_id(a.id).await?;
    if there.is_none() {
        let pending = Attachment {
            message_id: None,
            spoiler: false,
            ..a.clone()
        };
        target.insert_attachment(&pending).await?;
    }
    if let Some(message) = a.message_id {
        if there.and_then(|t| t.message_id).is_none() {
            target
                .claim_attachments(&[a.id], message, a.spoiler)
                .await?;
        }
    }
    Ok(())
}
