//! [`Gate`]: the connection caps in front of the HTTP server.
//!
//! Each accepted connection is counted under its address (an IPv6
//! address by its /64, as the login throttles count) and in the total;
//! one over either cap is closed at once, before a byte is read, so one
//! client cannot hold every socket the process may open. The count drops
//! when the connection closes, including an upgraded WebSocket (the
//! upgraded stream is the same [`Counted`] connection).

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use chat_core::limits::ClientKey;
use hyper::server::accept::Accept;
use hyper::server::conn::{AddrIncoming, AddrStream};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Open connections per address key, and in all.
#[derive(Debug, Default)]
struct Counts {
    per_key: HashMap<ClientKey, usize>,
    total: usize,
}

/// Accepts connections from `incoming` within the caps.
pub(crate) struct Gate {
    incoming: AddrIncoming,
    counts: Arc<Mutex<Counts>>,
    per_address: usize,
    total: usize,
}

impl Gate {
    pub(crate) fn new(incoming: AddrIncoming, per_address: usize, total: usize) -> Self {
        Self {
            incoming,
            counts: Arc::default(),
            per_address,
            total,
        }
    }

    /// A slot for a connection from `peer`, or `None` when a cap is reached.
    fn admit(&self, peer: SocketAddr) -> Option<Slot> {
        let key = ClientKey::of(peer.ip());
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        let mine = counts.per_key.get(&key).copied().unwrap_or(0);
        if mine >= self.per_address || counts.total >= self.total {
            return None;
        }
        counts.per_key.insert(key.clone(), mine + 1);
        counts.total += 1;
        Some(Slot {
            counts: Arc::clone(&self.counts),
            key,
        })
    }
}

impl Accept for Gate {
    type Conn = Counted;
    type Error = io::Error;

    fn poll_accept(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Counted, io::Error>>> {
        let this = self.get_mut();
        loop {
            let stream = match Pin::new(&mut this.incoming).poll_accept(cx) {
                Poll::Ready(Some(Ok(stream))) => stream,
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            };
            let peer = stream.remote_addr();
            match this.admit(peer) {
                Some(slot) => {
                    return Poll::Ready(Some(Ok(Counted {
                        stream,
                        _slot: slot,
                    })))
                }
                None => {
                    tracing::debug!(%peer, "connection refused: too many connections");
                    drop(stream);
                }
            }
        }
    }
}

/// A counted place; freed when dropped.
struct Slot {
    counts: Arc<Mutex<Counts>>,
    key: ClientKey,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        counts.total = counts.total.saturating_sub(1);
        if let Some(n) = counts.per_key.get_mut(&self.key) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                counts.per_key.remove(&self.key);
            }
        }
    }
}

/// An accepted connection that holds its place while open.
pub(crate) struct Counted {
    stream: AddrStream,
    _slot: Slot,
}

impl Counted {
    /// The client's address.
    pub(crate) fn remote_addr(&self) -> SocketAddr {
        self.stream.remote_addr()
    }
}

impl AsyncRead for Counted {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}
