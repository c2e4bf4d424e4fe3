//! A burst of logins while messages fan out: SPEC.md asks that argon2id
//! work "never raises socket latency". `K` clients log in back to back
//! (each login is a full argon2id verification on the server) for as long
//! as the senders run; the fan-out latency printed afterwards is then the
//! latency under that load, to compare with a run without it.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde_json::json;
use tokio::task::JoinHandle;

use crate::http::Http;
use crate::setup;

/// Logging-in clients, running until [`Burst::stop`].
pub struct Burst {
    running: Arc<AtomicBool>,
    clients: Vec<JoinHandle<Result<u64, String>>>,
}

impl Burst {
    /// Starts `clients` clients, each logging in as one of the first
    /// `users` users of run `tag`, again and again.
    pub fn start(addr: SocketAddr, tag: &str, users: usize, clients: usize) -> Self {
        let running = Arc::new(AtomicBool::new(true));
        let clients = (0..clients)
            .map(|c| {
                let running = Arc::clone(&running);
                let username = setup::username(tag, c % users.max(1));
                tokio::spawn(log_in_until_stopped(addr, username, running))
            })
            .collect();
        Self { running, clients }
    }

    /// Stops the clients; returns how many logins succeeded.
    pub async fn stop(self) -> Result<u64, String> {
        self.running.store(false, Ordering::Relaxed);
        let mut logins = 0;
        for client in self.clients {
            logins += client.await.map_err(|e| e.to_string())??;
        }
        Ok(logins)
    }
}

async fn log_in_until_stopped(
    addr: SocketAddr,
    username: String,
    running: Arc<AtomicBool>,
) -> Result<u64, String> {
    let mut http = Http::connect(addr).await?;
    let body = json!({"username": username, "password": setup::PASSWORD});
    let mut logins = 0;
    while running.load(Ordering::Relaxed) {
        let r = http.call("POST", "/auth/login", None, Some(&body)).await?;
        if r.status != 200 {
            return Err(format!("a login failed: {} {}", r.status, r.body));
        }
        logins += 1;
    }
    Ok(logins)
}
