//! The main loop of an identified socket: write waiting events, read and
//! answer client frames, watch for silence (4009) and, now and then, ask
//! whether the login session still lives (4003), all in one task.

use std::future::Future;
use std::task::Poll;
use std::time::{Duration, Instant};

use chat_core::Chat;
use tokio::time::Instant as Deadline;

use super::flood::FloodGuard;
use super::socket::{Inbound, Socket};
use crate::close::{Close, End};
use crate::frame::{self, FrameError};
use crate::hub::session::{GatewaySession, Signal};
use crate::hub::Attachment;
use crate::ops;

/// At most this many queued events go out in one write.
const BATCH: usize = 64;

/// The loop's clocks.
#[derive(Debug, Clone, Copy)]
pub(super) struct Timing {
    /// Silence allowed before 4009.
    pub patience: Duration,
    /// How often the login session is looked up again.
    pub recheck: Duration,
}

/// Runs until the socket must end.
pub(super) async fn run(
    socket: &mut Socket,
    flood: &mut FloodGuard,
    attachment: &Attachment,
    chat: &Chat,
    timing: Timing,
) -> End {
    let Timing { patience, recheck } = timing;
    let silence = tokio::time::sleep(patience);
    tokio::pin!(silence);
    let recheck = recheck.max(Duration::from_millis(100));
    let mut session_check = tokio::time::interval_at(Deadline::now() + recheck, recheck);
    session_check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let Attachment {
        session,
        conn,
        signal,
    } = attachment;
    loop {
        // Unbiased: under a steady stream of events the client's frames
        // (heartbeats, a close) must still be read.
        let step = tokio::select! {
            next = next_event(session, *conn, signal) => match next {
                Ok((first, more)) => write(socket, session, *conn, first, more, signal).await,
                Err(why) => Err(End::Server(why)),
            },
            inbound = socket.next() => {
                silence.as_mut().reset(Deadline::now() + patience);
                on_inbound(inbound, socket, flood, session, chat).await
            }
            () = &mut silence => Err(End::Server(Close::HeartbeatTimeout)),
            _ = session_check.tick() => still_live(chat, session).await,
        };
        if let Err(end) = step {
            return end;
        }
    }
}

/// Waits for the session's next event for this socket, or a reason to close.
fn next_event<'a>(
    session: &'a GatewaySession,
    conn: u64,
    signal: &'a Signal,
) -> impl Future<Output = Result<(String, bool), Close>> + 'a {
    let ready = move || match signal.get() {
        Some(why) => Some(Err(why)),
        None => session.take_next(conn).map(Ok),
    };
    std::future::poll_fn(move |cx| {
        if let Some(next) = ready() {
            return Poll::Ready(next);
        }
        signal.register(cx.waker());
        // Looked at again: an event between the first look and the
        // registration would otherwise wake nobody.
        ready().map_or(Poll::Pending, Poll::Ready)
    })
}

/// Writes `first` and whatever else is waiting, in one flush; gives up
/// early when the socket is told to close (e.g. too slow).
async fn write(
    socket: &mut Socket,
    session: &GatewaySession,
    conn: u64,
    first: String,
    mut more: bool,
    signal: &Signal,
) -> Result<(), End> {
    let batch = async {
        socket.feed(first).await?;
        for _ in 1..BATCH {
            let next = if more { session.take_next(conn) } else { None };
            let Some((frame, rest)) = next else {
                break;
            };
            more = rest;
            socket.feed(frame).await?;
        }
        socket.flush().await
    };
    tokio::select! {
        written = batch => written.map_err(|_| End::Lost),
        why = signal.closed() => Err(End::Server(why)),
    }
}

/// Handles one thing the client sent.
async fn on_inbound(
    inbound: Inbound,
    socket: &mut Socket,
    flood: &mut FloodGuard,
    session: &GatewaySession,
    chat: &Chat,
) -> Result<(), End> {
    let text = match inbound {
        Inbound::Text(text) => text,
        Inbound::Control => return allow(flood),
        Inbound::Bad => return Err(End::Server(Close::BadFrame)),
        Inbound::Closed(code) => return Err(End::Client(code)),
        Inbound::Lost => return Err(End::Lost),
    };
    allow(flood)?;
    let reply = match frame::parse(&text) {
        // Boxed: use case futures are large and needed only while they run.
        Ok(client_frame) => Box::pin(ops::handle(client_frame, &session.actor(), chat)).await,
        Err(FrameError::Invalid(e)) => Some(frame::error(&e)),
        Err(FrameError::NotJson) => return Err(End::Server(Close::BadFrame)),
    };
    match reply {
        Some(text) => socket.send(text).await.map_err(|_| End::Lost),
        None => Ok(()),
    }
}

/// Closes with 4003 when the login session ended without this process
/// hearing of it (an operator's command, another node). A failing store
/// keeps the socket: the next look decides.
async fn still_live(chat: &Chat, session: &GatewaySession) -> Result<(), End> {
    match chat.session_is_live(session.actor().session_id).await {
        Ok(false) => Err(End::Server(Close::Revoked)),
        Ok(true) => Ok(()),
        Err(e) => {
            tracing::debug!(error = %e, "could not check a socket's session");
            Ok(())
        }
    }
}

fn allow(flood: &mut FloodGuard) -> Result<(), End> {
    if flood.allow(Instant::now()) {
        Ok(())
    } else {
        Err(End::Server(Close::RateLimited))
    }
}
