//! A gateway session: the resumable stream of one client's events.
//!
//! It outlives its socket. It numbers events (`seq` 1, 2, 3, … with no
//! gaps) and keeps the recent ones in one buffer that serves twice: as the
//! replay log for `resume`, and as the attached socket's queue (the socket
//! only remembers up to which `seq` it has taken events, and is woken when
//! there are more). A socket that falls more than `send_queue` events
//! behind is told to close. Everything sits behind one short
//! `std::sync::Mutex` (no await inside), so publishing never blocks on a
//! socket, and an idle socket costs no queue at all.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::Poll;
use std::time::{Duration, Instant};

use chat_core::auth::Actor;
use futures::task::AtomicWaker;
use uuid::Uuid;

use crate::close::Close;
use crate::frame::Rendered;

/// One numbered event on its way to a socket.
#[derive(Debug, Clone)]
pub(crate) struct Delivery {
    /// The session's number for it.
    pub seq: u64,
    /// The shared rendering.
    pub event: Arc<Rendered>,
}

/// How the session reaches its socket's task: "there are events" (a
/// wake-up) and "close, with this code" (set once, the first reason wins).
/// Lock-free, because it is used for every event.
#[derive(Debug, Default)]
pub(crate) struct Signal {
    code: AtomicU16,
    waker: AtomicWaker,
}

impl Signal {
    /// Asks the socket to close (ignored when already asked).
    pub(crate) fn close(&self, why: Close) {
        let first = self
            .code
            .compare_exchange(0, why.code(), Ordering::AcqRel, Ordering::Acquire);
        if first.is_ok() {
            self.waker.wake();
        }
    }

    /// The reason asked for, if any.
    pub(crate) fn get(&self) -> Option<Close> {
        Close::from_code(self.code.load(Ordering::Acquire))
    }

    /// Waits until a close is asked for. Only the socket's own task waits.
    pub(crate) fn closed(&self) -> impl Future<Output = Close> + '_ {
        std::future::poll_fn(|cx| {
            if let Some(why) = self.get() {
                return Poll::Ready(why);
            }
            self.waker.register(cx.waker());
            // Checked again: a close between the first look and the
            // registration would otherwise wake nobody.
            self.get().map_or(Poll::Pending, Poll::Ready)
        })
    }

    /// Registers the socket's task for wake-ups (events or a close).
    pub(crate) fn register(&self, waker: &std::task::Waker) {
        self.waker.register(waker);
    }

    fn wake(&self) {
        self.waker.wake();
    }
}

/// The socket attached to a session.
#[derive(Debug)]
pub(crate) struct Outlet {
    /// Which socket (numbers are unique per hub).
    pub conn: u64,
    pub signal: Arc<Signal>,
}

/// How much a session keeps, and how far its socket may fall behind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReplayLimits {
    pub capacity: usize,
    pub max_age: Duration,
    pub send_queue: usize,
}

/// Why a resume was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotResumable;

/// One event in the replay buffer: 16 bytes, because a session keeps up
/// to `replay_capacity` of them (1,000 by default) and an active socket's
/// memory is mostly this buffer. Its `seq` is implied by its position
/// (numbers have no gaps: the first kept is `next_seq - len`), and when
/// it was kept is a [`Stamp`].
#[derive(Debug)]
struct Kept {
    event: Arc<Rendered>,
    at: Stamp,
}

/// Milliseconds since the session began, wrapping after 49 days. Ages are
/// taken with wrapping arithmetic, so they are right for events younger
/// than that; the age only bounds how long an event is kept (minutes), and
/// an event kept too long by a wrapped age is still a true past event that
/// `resume` would replay only to a client that missed it.
#[derive(Debug, Clone, Copy)]
struct Stamp(u32);

impl Stamp {
    fn at(born: Instant, now: Instant) -> Self {
        let millis = now.saturating_duration_since(born).as_millis();
        // Truncation is the wrap described above.
        Self(millis as u32)
    }

    fn age(self, now: Stamp) -> Duration {
        Duration::from_millis(u64::from(now.0.wrapping_sub(self.0)))
    }
}

#[derive(Debug)]
enum Link {
    Attached(Outlet),
    Detached(Instant),
    Ended,
}

#[derive(Debug)]
struct State {
    /// The login session that identified (or last resumed) it.
    actor: Actor,
    next_seq: u64,
    /// The highest `seq` the attached socket has taken.
    taken: u64,
    replay: VecDeque<Kept>,
    link: Link,
    /// When the session began: the origin of its [`Stamp`]s.
    born: Instant,
}

/// See the module doc.
#[derive(Debug)]
pub(crate) struct GatewaySession {
    /// The id clients resume with.
    pub id: Uuid,
    state: Mutex<State>,
    /// Whether the core was told a connection opened (and not yet closed).
    presence_open: AtomicBool,
}

impl GatewaySession {
    /// A new session, attached to the socket that identified it.
    pub(crate) fn new(id: Uuid, actor: Actor, outlet: Outlet) -> Self {
        let state = State {
            actor,
            next_seq: 1,
            taken: 0,
            replay: VecDeque::new(),
            link: Link::Attached(outlet),
            born: Instant::now(),
        };
        Self {
            id,
            state: Mutex::new(state),
            presence_open: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Every update below leaves the state valid, even half-way.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Who it belongs to, through which login session.
    pub(crate) fn actor(&self) -> Actor {
        self.lock().actor
    }

    /// Numbers the event and keeps it (for resume and for the socket),
    /// then wakes the socket, or tells it to close when it is too far behind.
    pub(crate) fn deliver(&self, event: &Arc<Rendered>, limits: ReplayLimits, now: Instant) {
        let mut state = self.lock();
        if matches!(state.link, Link::Ended) {
            crate::metrics::event_dropped();
            return;
        }
        crate::metrics::event_delivered();
        let seq = state.next_seq;
        state.next_seq += 1;
        let kept = Kept {
            event: Arc::clone(event),
            at: Stamp::at(state.born, now),
        };
        state.keep(kept, limits, now);
        if let Link::Attached(outlet) = &state.link {
            // Never more behind than the buffer holds, whatever the config.
            let allowed = limits.send_queue.min(limits.capacity.max(1)) as u64;
            if seq - state.taken > allowed {
                crate::metrics::slow_consumer_closed();
                outlet.signal.close(Close::TooSlow);
            } else {
                outlet.signal.wake();
            }
        }
    }

    /// The next event for socket `conn` as frame text, if it is still
    /// attached and has one waiting, and whether more are waiting; marks
    /// it taken. The text is made under the lock, so the shared rendering
    /// is not reference-counted once more per recipient.
    pub(crate) fn take_next(&self, conn: u64) -> Option<(String, bool)> {
        let mut state = self.lock();
        match &state.link {
            Link::Attached(outlet) if outlet.conn == conn => {}
            _ => return None,
        }
        let seq = state.taken + 1;
        let first = state.first_kept();
        let Some(index) = seq.checked_sub(first) else {
            // Trimmed before the socket took it: it fell too far behind.
            if let Link::Attached(outlet) = &state.link {
                crate::metrics::slow_consumer_closed();
                outlet.signal.close(Close::TooSlow);
            }
            return None;
        };
        let frame = state
            .replay
            .get(usize::try_from(index).ok()?)?
            .event
            .frame(seq);
        state.taken = seq;
        Some((frame, seq + 1 < state.next_seq))
    }

    /// Attaches a new socket for a client that has seen events up to
    /// `after`; returns the events it missed. A socket still attached is
    /// told to close (replaced).
    pub(crate) fn resume(
        &self,
        actor: Actor,
        after: u64,
        outlet: Outlet,
        limits: ReplayLimits,
        now: Instant,
    ) -> Result<Vec<Delivery>, NotResumable> {
        let mut state = self.lock();
        if matches!(state.link, Link::Ended) || state.actor.user_id != actor.user_id {
            return Err(NotResumable);
        }
        state.trim(limits, now);
        let last = state.next_seq - 1;
        let first_kept = state.first_kept();
        if after > last || after.saturating_add(1) < first_kept {
            return Err(NotResumable);
        }
        let missed = (first_kept..)
            .zip(&state.replay)
            .filter(|(seq, _)| *seq > after)
            .map(|(seq, k)| Delivery {
                seq,
                event: Arc::clone(&k.event),
            })
            .collect();
        if let Link::Attached(old) = &state.link {
            old.signal.close(Close::Replaced);
        }
        state.actor = actor;
        state.taken = last;
        state.link = Link::Attached(outlet);
        Ok(missed)
    }

    /// Detaches socket `conn` (if it still is the attached one); the
    /// session becomes resumable. `true` when it was detached now.
    pub(crate) fn detach(&self, conn: u64, now: Instant) -> bool {
        let mut state = self.lock();
        match &state.link {
            Link::Attached(outlet) if outlet.conn == conn => {
                state.link = Link::Detached(now);
                true
            }
            _ => false,
        }
    }

    /// Whether it waits for a resume, with no socket.
    pub(crate) fn is_detached(&self) -> bool {
        matches!(self.lock().link, Link::Detached(_))
    }

    /// Whether it has been without a socket for at least `window`.
    pub(crate) fn detached_for(&self, window: Duration, now: Instant) -> bool {
        match self.lock().link {
            Link::Detached(since) => now.duration_since(since) >= window,
            _ => false,
        }
    }

    /// Ends it for good; an attached socket is told `why`. `true` the
    /// first time only.
    pub(crate) fn end(&self, why: Close) -> bool {
        let mut state = self.lock();
        let previous = std::mem::replace(&mut state.link, Link::Ended);
        state.replay.clear();
        match previous {
            Link::Ended => false,
            Link::Attached(outlet) => {
                outlet.signal.close(why);
                true
            }
            Link::Detached(_) => true,
        }
    }

    /// Records that the core counted this session as a connection.
    pub(crate) fn mark_presence_open(&self) {
        self.presence_open.store(true, Ordering::Release);
    }

    /// `true` once if the core must now be told the connection closed.
    pub(crate) fn take_presence(&self) -> bool {
        self.presence_open.swap(false, Ordering::AcqRel)
    }
}

impl State {
    /// The `seq` of the oldest event kept (`next_seq` when none is).
    fn first_kept(&self) -> u64 {
        self.next_seq - self.replay.len() as u64
    }

    fn keep(&mut self, kept: Kept, limits: ReplayLimits, now: Instant) {
        self.replay.push_back(kept);
        self.trim(limits, now);
    }

    /// Drops events beyond the capacity or older than the age bound.
    fn trim(&mut self, limits: ReplayLimits, now: Instant) {
        while self.replay.len() > limits.capacity {
            self.replay.pop_front();
        }
        let now = Stamp::at(self.born, now);
        while self
            .replay
            .front()
            .is_some_and(|k| k.at.age(now) > limits.max_age)
        {
            self.replay.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chat_core::ids::{SessionId, UserId};
    use chat_wire::{EventData, EventPayload, ServerDeletedDto};

    const LIMITS: ReplayLimits = ReplayLimits {
        capacity: 3,
        max_age: Duration::from_secs(60),
        send_queue: 2,
    };

    fn actor() -> Actor {
        Actor {
            user_id: UserId::from_uuid(Uuid::now_v7()),
            session_id: SessionId::from_uuid(Uuid::now_v7()),
        }
    }

    fn outlet(conn: u64) -> (Outlet, Arc<Signal>) {
        let signal = Arc::new(Signal::default());
        let outlet = Outlet {
            conn,
            signal: Arc::clone(&signal),
        };
        (outlet, signal)
    }

    fn event() -> Arc<Rendered> {
        let payload = EventPayload {
            kind: "server.deleted",
            data: EventData::ServerDeleted(ServerDeletedDto {
                server_id: "s".into(),
            }),
        };
        Arc::new(Rendered::new(&payload).unwrap())
    }

    fn taken(s: &GatewaySession, conn: u64) -> Vec<u64> {
        std::iter::from_fn(|| s.take_next(conn))
            .map(|(frame, _)| {
                serde_json::from_str::<serde_json::Value>(&frame).unwrap()["seq"]
                    .as_u64()
                    .unwrap()
            })
            .collect()
    }

    #[test]
    fn seq_starts_at_one_without_gaps() {
        let (o, _) = outlet(1);
        let s = GatewaySession::new(Uuid::new_v4(), actor(), o);
        let now = Instant::now();
        s.deliver(&event(), LIMITS, now);
        assert_eq!(taken(&s, 1), vec![1]);
        s.deliver(&event(), LIMITS, now);
        s.deliver(&event(), LIMITS, now);
        assert_eq!(taken(&s, 1), vec![2, 3]);
        assert_eq!(
            taken(&s, 2),
            Vec::<u64>::new(),
            "another socket takes nothing"
        );
    }

    #[test]
    fn resume_replays_what_was_missed_and_refuses_what_is_gone() {
        let a = actor();
        let (o, _) = outlet(1);
        let s = GatewaySession::new(Uuid::new_v4(), a, o);
        let now = Instant::now();
        for _ in 0..5 {
            s.deliver(&event(), LIMITS, now);
        }
        assert!(s.detach(1, now));
        let (o2, _) = outlet(2);
        assert_eq!(s.resume(a, 1, o2, LIMITS, now).unwrap_err(), NotResumable);
        let (o3, _) = outlet(3);
        let missed = s.resume(a, 3, o3, LIMITS, now).unwrap();
        assert_eq!(missed.iter().map(|d| d.seq).collect::<Vec<_>>(), vec![4, 5]);
        s.deliver(&event(), LIMITS, now);
        assert_eq!(taken(&s, 3), vec![6], "live events follow the replay");
        let (o4, _) = outlet(4);
        assert!(
            s.resume(a, 7, o4, LIMITS, now).is_err(),
            "a seq from the future"
        );
    }

    #[test]
    fn events_older_than_the_age_bound_are_not_replayed() {
        let a = actor();
        let (o, _) = outlet(1);
        let s = GatewaySession::new(Uuid::new_v4(), a, o);
        let start = Instant::now();
        s.deliver(&event(), LIMITS, start);
        s.deliver(&event(), LIMITS, start + Duration::from_secs(30));
        assert!(s.detach(1, start + Duration::from_secs(30)));
        let later = start + LIMITS.max_age + Duration::from_secs(1);
        let (o2, _) = outlet(2);
        assert_eq!(
            s.resume(a, 0, o2, LIMITS, later).unwrap_err(),
            NotResumable,
            "seq 1 is older than the bound: gone"
        );
        let (o3, _) = outlet(3);
        let missed = s.resume(a, 1, o3, LIMITS, later).unwrap();
        assert_eq!(missed.iter().map(|d| d.seq).collect::<Vec<_>>(), vec![2]);
    }

    #[test]
    fn a_kept_event_is_16_bytes() {
        assert_eq!(std::mem::size_of::<Kept>(), 16);
    }

    #[test]
    fn stamps_age_across_the_wrap() {
        let before = Stamp(u32::MAX - 5);
        assert_eq!(before.age(Stamp(4)), Duration::from_millis(10));
    }

    #[test]
    fn another_user_cannot_resume() {
        let (o, _) = outlet(1);
        let s = GatewaySession::new(Uuid::new_v4(), actor(), o);
        let (o2, _) = outlet(2);
        assert!(s.resume(actor(), 0, o2, LIMITS, Instant::now()).is_err());
    }

    #[test]
    fn a_socket_too_far_behind_is_told_to_close() {
        let (o, signal) = outlet(1);
        let s = GatewaySession::new(Uuid::new_v4(), actor(), o);
        let now = Instant::now();
        s.deliver(&event(), LIMITS, now);
        s.deliver(&event(), LIMITS, now);
        assert_eq!(signal.get(), None);
        s.deliver(&event(), LIMITS, now);
        assert_eq!(signal.get(), Some(Close::TooSlow));
    }

    #[test]
    fn resuming_elsewhere_closes_the_old_socket() {
        let a = actor();
        let (o, old) = outlet(1);
        let s = GatewaySession::new(Uuid::new_v4(), a, o);
        let (o2, _) = outlet(2);
        assert!(s.resume(a, 0, o2, LIMITS, Instant::now()).is_ok());
        assert_eq!(old.get(), Some(Close::Replaced));
    }

    #[test]
    fn an_ended_session_cannot_be_resumed() {
        let a = actor();
        let (o, signal) = outlet(1);
        let s = GatewaySession::new(Uuid::new_v4(), a, o);
        assert!(s.end(Close::Revoked));
        assert!(!s.end(Close::Revoked));
        assert_eq!(signal.get(), Some(Close::Revoked));
        let (o2, _) = outlet(2);
        assert!(s.resume(a, 0, o2, LIMITS, Instant::now()).is_err());
    }
}
