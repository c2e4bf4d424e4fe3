//! Retention: the audit log keeps entries for a number of days
//! (`--audit-retention-days`, 90 by default, 0 = forever); a background
//! task prunes older ones at start and then every hour.

use std::time::Duration;

use chat_core::Chat;

/// The default retention of the audit log, in days.
pub const DEFAULT_DAYS: u32 = 90;

/// How often old entries are pruned.
const EVERY: Duration = Duration::from_secs(3600);

/// Starts the pruning task (none when `days` is 0). It ends with the runtime.
pub fn spawn_audit_pruning(chat: Chat, days: u32) {
    if days == 0 {
        tracing::info!("audit log: entries are kept forever");
        return;
    }
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match chat.prune_audit_log(days).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(pruned = n, days, "audit log: old entries pruned"),
                Err(e) => tracing::warn!(error = %e, "audit log: pruning failed; will retry"),
            }
        }
    });
}

/// How often expired pending uploads are removed.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// Starts the task that removes pending uploads no message claimed
/// within their hour, with their files. It ends with the runtime.
pub fn spawn_attachment_sweep(chat: Chat) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(SWEEP_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            loop {
                match chat.sweep_attachments(100).await {
                    Ok(100) => continue,
                    Ok(0) => {}
                    Ok(n) => tracing::info!(removed = n, "attachments: expired uploads removed"),
                    Err(e) => tracing::warn!(error = %e, "attachments: sweep failed; will retry"),
                }
                break;
            }
        }
    });
}
