//! Telling the core, a grace period later, that a gateway session ended.
//!
//! Sessions end in places that have no `Chat` at hand (a logout arrives
//! through `EventPublisher::publish`, which must not block). So the hub
//! only queues the user here; one worker task, started with the first
//! socket, waits out the grace and calls `Chat::connection_closed`. A
//! reconnect within the grace has already counted a new connection, so
//! the user never shows as offline in between.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use chat_core::ids::UserId;
use chat_core::Chat;
use tokio::sync::mpsc;

/// See the module doc.
#[derive(Debug)]
pub(crate) struct Countdown {
    tx: mpsc::UnboundedSender<UserId>,
    /// Taken by the worker when it starts.
    rx: Mutex<Option<mpsc::UnboundedReceiver<UserId>>>,
    grace: Duration,
}

impl Countdown {
    pub(crate) fn new(grace: Duration) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        Self {
            tx,
            rx: Mutex::new(Some(rx)),
            grace,
        }
    }

    /// Queues "one connection of `user` closed".
    pub(crate) fn closed(&self, user: UserId) {
        // The receiver lives as long as the worker, i.e. the runtime.
        let _ = self.tx.send(user);
    }

    /// Starts the worker once (later calls do nothing). Must run inside
    /// the tokio runtime.
    pub(crate) fn start(&self, chat: &Chat) {
        let rx = self
            .rx
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(rx) = rx {
            tokio::spawn(run(rx, chat.clone(), self.grace));
        }
    }
}

async fn run(mut rx: mpsc::UnboundedReceiver<UserId>, chat: Chat, grace: Duration) {
    while let Some(user) = rx.recv().await {
        let chat = chat.clone();
        tokio::spawn(async move {
            tokio::time::sleep(grace).await;
            if let Err(e) = chat.connection_closed(user).await {
                tracing::warn!(error = %e, %user, "could not record a closed connection");
            }
        });
    }
}
