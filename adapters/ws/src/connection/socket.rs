//! [`Socket`]: the WebSocket seen as frames of this protocol.
//!
//! It hides the WebSocket message kinds behind [`Inbound`] (what the rest
//! of the gateway cares about: text, a close with its code, or something
//! that is a protocol violation) and knows how to close politely with a
//! code, without ever waiting long on a client that stopped reading.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use crate::close::Close;

/// How long a close handshake may take before the socket is just dropped.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(1);

/// One thing read from a client.
#[derive(Debug)]
pub(crate) enum Inbound {
    /// A text frame within the size limit.
    Text(String),
    /// A ping or pong (answered by the WebSocket layer): activity only.
    Control,
    /// A frame this protocol does not allow: binary, oversize, malformed.
    Bad,
    /// The client closed, with this code.
    Closed(Option<u16>),
    /// The connection is gone.
    Lost,
}

/// The socket could not be written to: the client is gone.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Gone;

/// An upgraded connection speaking WebSocket.
pub(crate) type WebSocket = WebSocketStream<hyper::upgrade::Upgraded>;

/// See the module doc.
pub(crate) struct Socket {
    ws: WebSocket,
    max_frame_bytes: usize,
}

impl Socket {
    pub(crate) fn new(ws: WebSocket, max_frame_bytes: usize) -> Self {
        Self {
            ws,
            max_frame_bytes,
        }
    }

    /// The next frame from the client.
    pub(crate) async fn next(&mut self) -> Inbound {
        let message = match self.ws.next().await {
            None => return Inbound::Lost,
            // Read errors are protocol violations (frame over the hard
            // limit, bad UTF-8, …) or a dead connection; closing with 4002
            // is right for the first and harmless for the second.
            Some(Err(_)) => return Inbound::Bad,
            Some(Ok(message)) => message,
        };
        match message {
            // tungstenite has checked the UTF-8 already.
            Message::Text(text) if text.len() <= self.max_frame_bytes => {
                Inbound::Text(text.as_str().to_owned())
            }
            Message::Close(frame) => Inbound::Closed(frame.map(|f| u16::from(f.code))),
            Message::Ping(_) | Message::Pong(_) => Inbound::Control,
            Message::Text(_) | Message::Binary(_) | Message::Frame(_) => Inbound::Bad,
        }
    }

    /// Sends one frame now.
    pub(crate) async fn send(&mut self, text: String) -> Result<(), Gone> {
        self.ws.send(Message::text(text)).await.map_err(|_| Gone)
    }

    /// Queues one frame in the write buffer; [`Socket::flush`] sends.
    pub(crate) async fn feed(&mut self, text: String) -> Result<(), Gone> {
        self.ws.feed(Message::text(text)).await.map_err(|_| Gone)
    }

    /// Writes out everything fed.
    pub(crate) async fn flush(&mut self) -> Result<(), Gone> {
        self.ws.flush().await.map_err(|_| Gone)
    }

    /// Sends a close frame with `why`'s code and waits (briefly) for the
    /// client's answer.
    pub(crate) async fn close(mut self, why: Close) {
        let handshake = async {
            let frame = Message::Close(Some(CloseFrame {
                code: CloseCode::from(why.code()),
                reason: why.reason().into(),
            }));
            if self.ws.send(frame).await.is_ok() {
                self.drain().await;
            }
        };
        let _ = tokio::time::timeout(CLOSE_TIMEOUT, handshake).await;
    }

    /// After the client closed: lets the WebSocket layer send its answer.
    pub(crate) async fn finish(mut self) {
        let _ = tokio::time::timeout(CLOSE_TIMEOUT, async {
            let _ = self.ws.flush().await;
            self.drain().await;
        })
        .await;
    }

    async fn drain(&mut self) {
        while let Some(Ok(_)) = self.ws.next().await {}
    }
}
