//! [`Gate`]: the connection caps in front of the HTTP server.
//!
//! Each accepted connection is counted under its address (an IPv6
//! address by its /64, as the login throttles count) and in the total;
//! one over either cap is closed at once, before a byte is read, so one
//! client cannot hold every socket the process may open. The count drops
//! when the connection closes, including an upgraded WebSocket (the
//! upgraded stream is the same [`Counted`] connection).
//!
//! A [`Counted`] connection also closes itself when it has been idle too
//! long: no request in progress, not upgraded, and nothing read for the
//! idle timeout (a read then reports the end of the stream, so hyper
//! closes the connection as if the client had).

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use chat_core::limits::ClientKey;
use hyper::server::accept::Accept;
use hyper::server::conn::{AddrIncoming, AddrStream};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

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
    idle_timeout: Duration,
}

impl Gate {
    pub(crate) fn new(
        incoming: AddrIncoming,
        per_address: usize,
        total: usize,
        idle_timeout: Duration,
    ) -> Self {
        Self {
            incoming,
            counts: Arc::default(),
            per_address,
            total,
            idle_timeout,
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
                        state: Arc::default(),
                        idle_timeout: this.idle_timeout,
                        idle_timer: None,
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

/// What the server knows about a connection's use: requests in progress,
/// and whether it was upgraded (a WebSocket has its own heartbeats).
#[derive(Debug, Default)]
pub(crate) struct ConnState {
    busy: AtomicUsize,
    upgraded: AtomicBool,
    /// The reader waiting while a request was in progress: woken when the
    /// connection turns idle, so the idle timer starts.
    reader: Mutex<Option<Waker>>,
}

impl ConnState {
    /// A request started; the returned guard ends it.
    pub(crate) fn start(self: &Arc<Self>) -> Busy {
        self.busy.fetch_add(1, Ordering::AcqRel);
        Busy(Arc::clone(self))
    }

    /// The connection now carries another protocol.
    pub(crate) fn upgraded(&self) {
        self.upgraded.store(true, Ordering::Release);
    }

    fn idle(&self) -> bool {
        self.busy.load(Ordering::Acquire) == 0 && !self.upgraded.load(Ordering::Acquire)
    }
}

/// A request in progress on a connection.
pub(crate) struct Busy(Arc<ConnState>);

impl Drop for Busy {
    fn drop(&mut self) {
        if self.0.busy.fetch_sub(1, Ordering::AcqRel) == 1 {
            let reader = self
                .0
                .reader
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            if let Some(waker) = reader {
                waker.wake();
            }
        }
    }
}

/// An accepted connection that holds its place while open, and ends
/// itself when idle too long.
pub(crate) struct Counted {
    stream: AddrStream,
    _slot: Slot,
    state: Arc<ConnState>,
    idle_timeout: Duration,
    idle_timer: Option<Pin<Box<Sleep>>>,
}

impl Counted {
    /// The client's address.
    pub(crate) fn remote_addr(&self) -> SocketAddr {
        self.stream.remote_addr()
    }

    /// The connection's use, for the service to update.
    pub(crate) fn state(&self) -> Arc<ConnState> {
        Arc::clone(&self.state)
    }
}

impl AsyncRead for Counted {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(read) => {
                this.idle_timer = None;
                Poll::Ready(read)
            }
            Poll::Pending if this.state.idle() => {
                let timeout = this.idle_timeout;
                let timer = this
                    .idle_timer
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
                if timer.as_mut().poll(cx).is_ready() {
                    // Idle too long: report the end of the stream.
                    return Poll::Ready(Ok(()));
                }
                Poll::Pending
            }
            Poll::Pending => {
                this.idle_timer = None;
                let mut reader = this
                    .state
                    .reader
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                *reader = Some(cx.waker().clone());
                Poll::Pending
            }
        }
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
