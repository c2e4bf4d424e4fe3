//! The [`Hub`]: every gateway session, and the routing of events to them.
//!
//! The core publishes an event; the hub renders it once, finds its
//! recipients in the [`registry`] and hands each session a reference to
//! the same rendering. Publishing takes short locks and never waits on a
//! socket: a socket that falls more than `send_queue` events behind is
//! disconnected (its session, which keeps numbering and buffering, stays
//! resumable).

mod bus;
mod countdown;
mod registry;
pub(crate) mod session;

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Instant;

use chat_core::auth::Actor;
use chat_core::cluster::{BusListener, EventBus};
use chat_core::events::{Event, EventPublisher, Flushed};
use chat_core::ids::{ServerId, SessionId, UserId};
use chat_core::Chat;
use tokio::sync::Notify;
use uuid::Uuid;

use crate::close::Close;
use crate::config::GatewayConfig;
use bus::{Body, Dispatch, Routing};
use countdown::Countdown;
use registry::Registry;
use session::{Delivery, GatewaySession, NotResumable, Outlet, ReplayLimits, Signal};

/// The real-time gateway's shared state; build it first, give it to
/// `Chat` as its event publisher, then mount [`crate::route`].
#[derive(Debug)]
pub struct Hub {
    config: GatewayConfig,
    registry: RwLock<Registry>,
    countdown: Countdown,
    next_conn: AtomicU64,
    open_sockets: AtomicUsize,
    /// Woken whenever a socket ends, and on shutdown.
    changed: Notify,
    shutting_down: AtomicBool,
    /// The other instances of a cluster; unset: this one is alone.
    bus: OnceLock<Bus>,
}

/// The cluster's event bus (opaque in `Debug`).
struct Bus(Arc<dyn EventBus>);

impl std::fmt::Debug for Bus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EventBus")
    }
}

/// What a socket keeps once it is attached to a session.
#[derive(Debug)]
pub(crate) struct Attachment {
    pub session: Arc<GatewaySession>,
    pub conn: u64,
    pub signal: Arc<Signal>,
}

impl Hub {
    /// A hub with no sessions.
    pub fn new(config: GatewayConfig) -> Arc<Hub> {
        Arc::new(Hub {
            countdown: Countdown::new(config.presence_grace),
            config,
            registry: RwLock::default(),
            next_conn: AtomicU64::new(1),
            open_sockets: AtomicUsize::new(0),
            changed: Notify::new(),
            shutting_down: AtomicBool::new(false),
            bus: OnceLock::new(),
        })
    }

    /// Makes this hub one of a cluster's: every event published here is
    /// also handed to `bus` for the other instances, whose hubs deliver it
    /// to their sockets (the hub is their [`BusListener`]). Set once,
    /// before serving; a second call is ignored.
    pub fn join_cluster(&self, bus: Arc<dyn EventBus>) {
        if self.bus.set(Bus(bus)).is_err() {
            tracing::warn!("the hub already has an event bus");
        }
    }

    /// Its configuration.
    pub fn config(&self) -> &GatewayConfig {
        &self.config
    }

    /// How many sockets are open (identified or not).
    pub fn open_sockets(&self) -> usize {
        self.open_sockets.load(Ordering::Acquire)
    }

    /// How many sessions are live: (identified with a socket, resumable
    /// without one).
    pub fn session_counts(&self) -> (usize, usize) {
        let registry = self.read();
        let (mut identified, mut resumable) = (0, 0);
        for session in registry.all() {
            if session.is_detached() {
                resumable += 1;
            } else {
                identified += 1;
            }
        }
        (identified, resumable)
    }

    /// Closes every socket with 1001 and ends every session, then waits
    /// (up to `shutdown_timeout`) for the sockets to finish closing. New
    /// sockets are refused from now on.
    pub async fn shutdown(&self) {
        self.shutting_down.store(true, Ordering::Release);
        self.changed.notify_waiters();
        self.end_all(Close::GoingAway);
        let drained = async {
            loop {
                let notified = self.changed.notified();
                if self.open_sockets() == 0 {
                    return;
                }
                notified.await;
            }
        };
        if tokio::time::timeout(self.config.shutdown_timeout, drained)
            .await
            .is_err()
        {
            tracing::warn!(
                open = self.open_sockets(),
                "sockets still open after shutdown timeout"
            );
        }
    }

    /// Closes every socket with `why` and ends every session.
    fn end_all(&self, why: Close) {
        let sessions: Vec<_> = self.read().all().cloned().collect();
        for session in sessions {
            self.end_session(&session, why);
        }
    }

    /// Whether shutdown has begun (sockets are being closed with 1001 and
    /// new ones refused): `/healthz` answers 503 from then on, so a load
    /// balancer stops sending clients here.
    pub fn is_draining(&self) -> bool {
        self.is_shutting_down()
    }

    pub(crate) fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::Acquire)
    }

    /// Resolves once shutdown has begun.
    pub(crate) async fn shutdown_started(&self) {
        loop {
            let notified = self.changed.notified();
            if self.is_shutting_down() {
                return;
            }
            notified.await;
        }
    }

    /// Counts an open socket until the guard drops; starts the presence
    /// worker with the first one.
    pub(crate) fn socket_opened(self: &Arc<Self>, chat: &Chat) -> SocketGuard {
        self.countdown.start(chat);
        self.open_sockets.fetch_add(1, Ordering::AcqRel);
        SocketGuard(Arc::clone(self))
    }

    /// A new socket's link to its session.
    fn outlet(&self) -> (Outlet, Arc<Signal>) {
        let signal = Arc::new(Signal::default());
        let conn = self.next_conn.fetch_add(1, Ordering::Relaxed);
        let outlet = Outlet {
            conn,
            signal: Arc::clone(&signal),
        };
        (outlet, signal)
    }

    /// Starts a new gateway session for `actor`, attached to a new socket,
    /// unless the user already holds `max_sessions_per_user` (live or
    /// resumable: `None`); counting and adding are one step. From now on
    /// it receives the events of servers the user joins; the servers they
    /// already belong to are added by [`Hub::add_servers`].
    pub(crate) fn open_session(&self, actor: Actor) -> Option<Attachment> {
        let (outlet, signal) = self.outlet();
        let conn = outlet.conn;
        let session = Arc::new(GatewaySession::new(Uuid::new_v4(), actor, outlet));
        let cap = self.config.max_sessions_per_user;
        if !self
            .write()
            .insert_within(actor.user_id, Arc::clone(&session), cap)
        {
            return None;
        }
        if self.is_shutting_down() {
            // Identified while `shutdown` was closing the others.
            self.end_session(&session, Close::GoingAway);
        }
        Some(Attachment {
            session,
            conn,
            signal,
        })
    }

    /// See [`Registry::membership_version`].
    pub(crate) fn membership_version(&self, user: UserId) -> u64 {
        self.read().membership_version(user)
    }

    /// Routes the events of `servers` to `user`'s sessions, unless a join
    /// or leave of theirs was routed since `version` (see
    /// [`Registry::add_servers`]).
    pub(crate) fn add_servers(
        &self,
        user: UserId,
        servers: impl IntoIterator<Item = ServerId>,
        version: u64,
    ) -> bool {
        self.write().add_servers(user, servers, version)
    }

    /// Attaches a new socket to session `id` of `actor`'s user, which has
    /// seen events up to `after`; returns the attachment and the missed events.
    pub(crate) fn resume(
        &self,
        id: Uuid,
        actor: Actor,
        after: u64,
    ) -> Result<(Attachment, Vec<Delivery>), NotResumable> {
        let session = self.read().get(id).cloned().ok_or(NotResumable)?;
        let (outlet, signal) = self.outlet();
        let conn = outlet.conn;
        let missed = session.resume(actor, after, outlet, self.limits(), Instant::now())?;
        let attachment = Attachment {
            session,
            conn,
            signal,
        };
        Ok((attachment, missed))
    }

    /// The socket `conn` is gone; its session stays resumable for the
    /// resume window, then ends. Presence does not wait for the window: a
    /// user is online while a connection is open, so a grace period after
    /// the drop they show offline unless the session resumed meanwhile.
    pub(crate) fn detach(self: &Arc<Self>, session: &Arc<GatewaySession>, conn: u64) {
        if !session.detach(conn, Instant::now()) {
            return;
        }
        if session.take_presence() {
            self.countdown.closed(session.actor().user_id);
        }
        let (hub, session) = (Arc::clone(self), Arc::clone(session));
        let window = self.config.resume_window;
        tokio::spawn(async move {
            tokio::time::sleep(window).await;
            if session.detached_for(window, Instant::now()) {
                hub.end_session(&session, Close::GoingAway);
            }
        });
    }

    /// Ends a session for good (an attached socket is closed with `why`)
    /// and, a grace period later, counts its connection out of presence.
    pub(crate) fn end_session(&self, session: &GatewaySession, why: Close) {
        if !session.end(why) {
            return;
        }
        let user = session.actor().user_id;
        self.write().remove(user, session.id);
        if session.take_presence() {
            self.countdown.closed(user);
        }
    }

    /// Closes (4003) and ends the sessions identified by `login` (all of
    /// the user's when `None`).
    fn revoke(&self, user: UserId, login: Option<SessionId>) {
        let sessions: Vec<_> = self
            .read()
            .sessions_of(user)
            .iter()
            .filter(|s| login.is_none_or(|id| s.actor().session_id == id))
            .cloned()
            .collect();
        for session in sessions {
            self.end_session(&session, Close::Revoked);
        }
    }

    /// Acts on a dispatch for this instance's sessions: closes revoked
    /// sessions, or delivers the frame keeping the routing table in step
    /// with membership as `chat_core::events` requires.
    fn dispatch(&self, dispatch: &Dispatch) {
        let rendered = match &dispatch.body {
            Body::Revoke(user, login) => return self.revoke(*user, *login),
            Body::Frame(rendered) => rendered,
        };
        let limits = self.limits();
        let now = Instant::now();
        let deliver = |s: &Arc<GatewaySession>| s.deliver(rendered, limits, now);
        let audience = &dispatch.audience;
        match dispatch.routing {
            Some(Routing::Join(server, user)) => {
                let mut registry = self.write();
                registry.join(server, user);
                registry.for_each_recipient(audience, deliver);
            }
            Some(Routing::Leave(server, user)) => {
                let mut registry = self.write();
                registry.for_each_recipient(audience, deliver);
                registry.leave(server, user);
            }
            Some(Routing::Drop(server)) => {
                let mut registry = self.write();
                registry.for_each_recipient(audience, deliver);
                registry.drop_server(server);
            }
            None => self.read().for_each_recipient(audience, deliver),
        }
    }

    fn limits(&self) -> ReplayLimits {
        ReplayLimits {
            capacity: self.config.replay_capacity,
            max_age: self.config.replay_max_age,
            send_queue: self.config.send_queue,
        }
    }

    fn read(&self) -> RwLockReadGuard<'_, Registry> {
        // Registry updates are single map operations: valid after a panic.
        self.registry.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Registry> {
        self.registry
            .write()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl EventPublisher for Hub {
    /// Renders the event once and hands it to every recipient here (and
    /// to the bus, for the other instances); never waits on a socket.
    fn publish(&self, event: Event) {
        let Some(dispatch) = Dispatch::of(event) else {
            return;
        };
        self.dispatch(&dispatch);
        if let Some(bus) = self.bus.get() {
            match dispatch.encode() {
                Some(message) => bus.0.broadcast(message),
                None => tracing::error!("could not encode an event for the bus"),
            }
        }
    }

    /// The bus's flush, when this instance is part of a cluster.
    fn flushed(&self) -> Flushed {
        match self.bus.get() {
            Some(bus) => bus.0.flushed(),
            None => Box::pin(std::future::ready(())),
        }
    }
}

impl BusListener for Hub {
    /// Delivers what another instance published to the sockets here.
    fn received(&self, message: &[u8]) {
        match Dispatch::decode(message) {
            Some(dispatch) => self.dispatch(&dispatch),
            None => tracing::warn!(bytes = message.len(), "ignored an unreadable bus message"),
        }
    }

    /// Events of the other instances were lost while the bus was down:
    /// every socket here closes with 4010 and its session ends, so its
    /// client identifies again and refetches what it shows.
    fn resubscribed(&self) {
        let sessions = self.read().all().count();
        tracing::warn!(
            sessions,
            "closing every socket (4010): events may have been missed while the bus was down"
        );
        self.end_all(Close::Reconnect);
    }
}

/// Counts one open socket; see [`Hub::socket_opened`].
#[derive(Debug)]
pub(crate) struct SocketGuard(Arc<Hub>);

impl Drop for SocketGuard {
    fn drop(&mut self) {
        self.0.open_sockets.fetch_sub(1, Ordering::AcqRel);
        self.0.changed.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Identifies of one user on many threads at once, released together:
    /// the cap holds however they interleave.
    #[test]
    fn racing_opens_of_one_user_never_pass_the_session_cap() {
        const CAP: usize = 2;
        const THREADS: usize = 8;
        let hub = Hub::new(GatewayConfig {
            max_sessions_per_user: CAP,
            ..GatewayConfig::default()
        });
        for round in 0..300 {
            let actor = Actor {
                user_id: UserId::from_uuid(Uuid::now_v7()),
                session_id: SessionId::from_uuid(Uuid::now_v7()),
            };
            let start = std::sync::Barrier::new(THREADS);
            let opened: usize = std::thread::scope(|s| {
                let tries: Vec<_> = (0..THREADS)
                    .map(|_| {
                        s.spawn(|| {
                            start.wait();
                            usize::from(hub.open_session(actor).is_some())
                        })
                    })
                    .collect();
                tries.into_iter().map(|t| t.join().unwrap()).sum()
            });
            assert_eq!(opened, CAP, "round {round}");
            let held = hub.read().sessions_of(actor.user_id).len();
            assert_eq!(held, CAP, "round {round}");
        }
    }
}
