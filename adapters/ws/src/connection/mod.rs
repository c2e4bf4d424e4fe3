//! One socket's life: `hello`, the handshake (identify or resume), then
//! the main loop, then settling its gateway session and closing.
//!
//! Each socket is one task. It owns the socket; the hub reaches it only
//! through its session's buffer and a lock-free `Signal` (a wake-up, or a
//! close code), so a slow client never slows the publisher or any other
//! socket. The task is kept small (large, short-lived futures are boxed),
//! because an idle socket carries it for hours.

mod flood;
mod handshake;
mod serve;
pub(crate) mod socket;

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use chat_core::Chat;

use crate::close::{Close, End};
use crate::frame;
use crate::hub::{Attachment, Hub};
use flood::FloodGuard;
use socket::{Socket, WebSocket};

/// A client close code that ends the session instead of pausing it.
const NORMAL_CLOSURE: u16 = 1000;

/// Runs one upgraded socket to its end.
///
/// Plain fns returning `async move` blocks, not `async fn`s: an `async fn`
/// moves its arguments into fresh locals and its future keeps both
/// copies, which costs every idle socket hundreds of bytes.
pub(crate) fn run(ws: WebSocket, hub: Arc<Hub>, chat: Chat) -> impl Future<Output = ()> + Send {
    let mut socket = Socket::new(ws, hub.config().max_frame_bytes);
    async move {
        let _open = hub.socket_opened(&chat);
        let config = hub.config();
        let mut flood = FloodGuard::new(config.flood_limit, config.flood_window, Instant::now());
        let hello = frame::hello(config.heartbeat_interval.as_millis());
        if socket.send(hello).await.is_err() {
            return;
        }
        // Boxed: the handshake's state is large and only needed briefly;
        // an idle socket should not carry it for hours.
        let handshake = Box::pin(handshake::run(&mut socket, &mut flood, &hub, &chat));
        let end = match handshake.await {
            Ok(attachment) => {
                let patience = config.heartbeat_timeout();
                let timing = serve::Timing {
                    patience,
                    recheck: config.session_recheck_interval,
                };
                let end = serve::run(&mut socket, &mut flood, &attachment, &chat, timing).await;
                settle(&hub, &attachment, end);
                end
            }
            Err(end) => end,
        };
        ending(socket, end).await;
    }
}

/// Closes the socket as `end` requires (boxed: closing needs its own
/// timers, and only briefly).
fn ending(socket: Socket, end: End) -> futures::future::BoxFuture<'static, ()> {
    match end {
        End::Server(why) => Box::pin(socket.close(why)),
        End::Client(_) => Box::pin(socket.finish()),
        End::Lost => Box::pin(async {}),
    }
}

/// Decides the session's fate: resumable after a drop, ended after a
/// normal client close or a server-side end.
fn settle(hub: &Arc<Hub>, attachment: &Attachment, end: End) {
    let session = &attachment.session;
    match end {
        End::Client(Some(NORMAL_CLOSURE)) => hub.end_session(session, Close::GoingAway),
        End::Server(why) if !why.keeps_session() => hub.end_session(session, why),
        _ => hub.detach(session, attachment.conn),
    }
}
