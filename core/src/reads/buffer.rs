//! [`MarkerBuffer`]: read markers waiting to be written, so a client that
//! acks on every message costs at most one store write per channel every
//! few seconds.
//!
//! Each (user, channel) pair remembers when its marker was last written
//! and the newest marker known (stored or pending). An ack is written at
//! once when the pair was not written within the interval (so a lone ack
//! is durable at once) and kept pending otherwise; a flush writes pending
//! markers whose interval has passed. Everything is in memory: a crash
//! loses at most the interval's pending markers, a graceful shutdown none.

use std::collections::HashMap;
use std::sync::Mutex;

use super::ACK_WRITE_INTERVAL_MS;
use crate::ids::{ChannelId, MessageId, UserId};
use crate::time::Timestamp;

/// A marker to write: whose, where, up to which message.
pub type PendingMarker = (UserId, ChannelId, MessageId);

#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The newest marker known for the pair, stored or not.
    known: MessageId,
    /// A marker not yet written (the newest wins).
    pending: Option<MessageId>,
    /// When the pair was last written (or queued to be).
    last_write: Timestamp,
}

/// Read markers waiting to be written. Shared by every clone of `Chat`.
#[derive(Debug, Default)]
pub struct MarkerBuffer {
    entries: Mutex<HashMap<(UserId, ChannelId), Entry>>,
}

/// What the caller of [`MarkerBuffer::note`] must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noted {
    /// Write this marker now (nothing was written within the interval):
    /// the newest known, which may be newer than the one noted.
    WriteNow(MessageId),
    /// Kept pending; the newest marker known for the pair is this one.
    Pending(MessageId),
}

impl MarkerBuffer {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(UserId, ChannelId), Entry>> {
        // A panic while holding this lock cannot leave a map half-changed
        // in a way that matters (every change is one insert), so go on.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Notes a marker. With `may_write_now`, a pair not written within the
    /// interval is told to write at once; otherwise the marker waits.
    pub fn note(&self, marker: PendingMarker, now: Timestamp, may_write_now: bool) -> Noted {
        let (user, channel, message) = marker;
        let mut entries = self.lock();
        match entries.get_mut(&(user, channel)) {
            Some(e)
                if !may_write_now
                    || now.millis() - e.last_write.millis() < ACK_WRITE_INTERVAL_MS =>
            {
                e.known = e.known.max(message);
                e.pending = Some(e.pending.map_or(message, |p| p.max(message)));
                Noted::Pending(e.known)
            }
            Some(e) => {
                let write = e.pending.take().map_or(message, |p| p.max(message));
                e.known = e.known.max(write);
                e.last_write = now;
                Noted::WriteNow(write)
            }
            None if may_write_now => {
                entries.insert(
                    (user, channel),
                    Entry {
                        known: message,
                        pending: None,
                        last_write: now,
                    },
                );
                Noted::WriteNow(message)
            }
            None => {
                // Never written from here: the first flush writes it.
                entries.insert(
                    (user, channel),
                    Entry {
                        known: message,
                        pending: Some(message),
                        last_write: Timestamp::from_millis(i64::MIN / 2),
                    },
                );
                Noted::Pending(message)
            }
        }
    }

    /// Records what the store answered for a written marker (it may hold a
    /// newer one than was written).
    pub fn stored(&self, marker: PendingMarker) {
        let (user, channel, message) = marker;
        if let Some(e) = self.lock().get_mut(&(user, channel)) {
            e.known = e.known.max(message);
        }
    }

    /// Takes the pending markers due for writing: all of them with `all`,
    /// else those whose pair was not written within the interval. Pairs
    /// idle for longer than the interval are forgotten.
    pub fn take_due(&self, now: Timestamp, all: bool) -> Vec<PendingMarker> {
        let mut entries = self.lock();
        let mut due = Vec::new();
        entries.retain(|&(user, channel), e| {
            let quiet = now.millis() - e.last_write.millis() >= ACK_WRITE_INTERVAL_MS;
            match e.pending {
                Some(m) if all || quiet => {
                    due.push((user, channel, m));
                    e.pending = None;
                    e.last_write = now;
                    true
                }
                Some(_) => true,
                None => !quiet,
            }
        });
        due
    }

    /// Takes every pending marker of one user (before reading their state).
    pub fn take_user(&self, user: UserId, now: Timestamp) -> Vec<PendingMarker> {
        let mut entries = self.lock();
        let mut due = Vec::new();
        for (&(u, channel), e) in entries.iter_mut().filter(|((u, _), _)| *u == user) {
            if let Some(m) = e.pending.take() {
                due.push((u, channel, m));
                e.last_write = now;
            }
        }
        due
    }

    /// Puts back markers whose write failed, so the next flush retries.
    pub fn put_back(&self, markers: &[PendingMarker]) {
        let mut entries = self.lock();
        for &(user, channel, message) in markers {
            let e = entries.entry((user, channel)).or_insert(Entry {
                known: message,
                pending: None,
                last_write: Timestamp::from_millis(i64::MIN / 2),
            });
            e.known = e.known.max(message);
            e.pending = Some(e.pending.map_or(message, |p| p.max(message)));
        }
    }

    /// How many pairs have a marker waiting.
    pub fn pending_len(&self) -> usize {
        self.lock().values().filter(|e| e.pending.is_some()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn ids() -> (UserId, ChannelId) {
        (
            UserId::from_uuid(Uuid::now_v7()),
            ChannelId::from_uuid(Uuid::now_v7()),
        )
    }

    fn msg() -> MessageId {
        MessageId::from_uuid(Uuid::now_v7())
    }

    const T: Timestamp = Timestamp::from_millis(1_000_000);

    #[test]
    fn a_lone_ack_is_written_at_once_and_a_quick_second_one_waits() {
        let b = MarkerBuffer::default();
        let (u, c) = ids();
        let (m1, m2) = (msg(), msg());
        assert_eq!(b.note((u, c, m1), T, true), Noted::WriteNow(m1));
        assert_eq!(
            b.note((u, c, m2), T.plus_millis(10), true),
            Noted::Pending(m2)
        );
        assert!(b.take_due(T.plus_millis(20), false).is_empty());
        assert_eq!(b.take_due(T.plus_seconds(5), false), vec![(u, c, m2)]);
    }

    #[test]
    fn the_newest_pending_marker_wins_and_an_older_ack_changes_nothing() {
        let b = MarkerBuffer::default();
        let (u, c) = ids();
        let (m1, m2, m3) = (msg(), msg(), msg());
        b.note((u, c, m1), T, true);
        b.note((u, c, m3), T, true);
        assert_eq!(b.note((u, c, m2), T, true), Noted::Pending(m3));
        assert_eq!(b.take_due(T, true), vec![(u, c, m3)]);
    }

    #[test]
    fn sends_wait_for_a_flush_and_a_reader_takes_their_own() {
        let b = MarkerBuffer::default();
        let (u, c) = ids();
        let (other, c2) = ids();
        let (m1, m2) = (msg(), msg());
        b.note((u, c, m1), T, false);
        b.note((other, c2, m2), T, false);
        assert_eq!(b.take_user(u, T), vec![(u, c, m1)]);
        assert_eq!(b.pending_len(), 1);
        assert_eq!(b.take_due(T, true), vec![(other, c2, m2)]);
        assert_eq!(b.pending_len(), 0);
    }

    #[test]
    fn markers_put_back_are_taken_again() {
        let b = MarkerBuffer::default();
        let (u, c) = ids();
        let m = msg();
        b.put_back(&[(u, c, m)]);
        assert_eq!(b.take_due(T, false), vec![(u, c, m)]);
    }
}
