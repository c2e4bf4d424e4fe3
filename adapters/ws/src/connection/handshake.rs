//! Before authentication: only `identify` or `resume` are accepted, within
//! `identify_timeout`; the server sends nothing but `hello` (and
//! `invalid_session` when a resume fails).

use std::sync::Arc;
use std::time::Instant;

use chat_core::Chat;
use tokio::time::{timeout_at, Instant as Deadline};

use super::flood::FloodGuard;
use super::socket::{Inbound, Socket};
use crate::close::{Close, End};
use crate::frame::{self, ClientFrame, FrameError};
use crate::hub::{Attachment, Hub};
use crate::ops;

/// Waits for a successful identify or resume.
pub(super) async fn run(
    socket: &mut Socket,
    flood: &mut FloodGuard,
    hub: &Arc<Hub>,
    chat: &Chat,
) -> Result<Attachment, End> {
    let window = hub.config().identify_timeout;
    let mut deadline = Deadline::now() + window;
    loop {
        let inbound = tokio::select! {
            read = timeout_at(deadline, socket.next()) => read.map_err(|_| End::Server(Close::NotAuthenticated))?,
            () = hub.shutdown_started() => return Err(End::Server(Close::GoingAway)),
        };
        let text = match inbound {
            Inbound::Text(text) => text,
            Inbound::Control => continue,
            Inbound::Bad => return Err(End::Server(Close::BadFrame)),
            Inbound::Closed(code) => return Err(End::Client(code)),
            Inbound::Lost => return Err(End::Lost),
        };
        if !flood.allow(Instant::now()) {
            return Err(End::Server(Close::RateLimited));
        }
        match frame::parse(&text) {
            Ok(ClientFrame::Identify { token }) => {
                let (attachment, ready) = ops::identify::run(hub, chat, &token).await?;
                // A failed send shows up as a lost socket in the main loop.
                let _ = socket.send(ready).await;
                return Ok(attachment);
            }
            Ok(ClientFrame::Resume { token, session }) => {
                let resumed = ops::resume::run(hub, chat, &token, session).await?;
                let sent = send_all(socket, resumed.frames).await;
                match resumed.attachment {
                    // A failed send shows up as a lost socket in the main loop.
                    Some(attachment) => return Ok(attachment),
                    // `invalid_session` was sent: the client identifies next.
                    None => {
                        sent.map_err(|_| End::Lost)?;
                        deadline = Deadline::now() + window;
                    }
                }
            }
            // Heartbeats sent early are harmless; they get no answer yet.
            Ok(ClientFrame::Heartbeat) => {}
            Err(FrameError::NotJson) => return Err(End::Server(Close::BadFrame)),
            Ok(_) | Err(FrameError::Invalid(_)) => {
                return Err(End::Server(Close::NotAuthenticated))
            }
        }
    }
}

/// Writes frames in order with one flush at the end.
async fn send_all(socket: &mut Socket, frames: Vec<String>) -> Result<(), super::socket::Gone> {
    for text in frames {
        socket.feed(text).await?;
    }
    socket.flush().await
}
