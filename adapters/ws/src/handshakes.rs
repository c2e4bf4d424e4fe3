//! [`Handshakes`]: how many socket handshakes each address started lately.
//!
//! Fixed windows per address key (an IPv6 address counts by its /64),
//! in memory; the map is emptied of ended windows when it grows, so a
//! flood of addresses cannot grow it without bound.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use chat_core::limits::ClientKey;

/// Keys kept before ended windows are dropped.
const PRUNE_AT: usize = 100_000;

/// Handshakes per address in fixed windows.
#[derive(Debug)]
pub(crate) struct Handshakes {
    limit: u32,
    window: Duration,
    windows: Mutex<HashMap<ClientKey, (Instant, u32)>>,
}

impl Handshakes {
    pub(crate) fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window,
            windows: Mutex::default(),
        }
    }

    /// Counts a handshake from `ip` at `now`; `Err(wait)` when the address
    /// already started `limit` in its window.
    pub(crate) fn admit(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        if self.limit == u32::MAX {
            return Ok(());
        }
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        if windows.len() > PRUNE_AT {
            let window = self.window;
            windows.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = windows.entry(ClientKey::of(ip)).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            return Err(self.window.saturating_sub(now.duration_since(entry.0)));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_limit_per_window_and_others_are_apart() {
        let h = Handshakes::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        let a: IpAddr = "127.0.0.2".parse().unwrap();
        let b: IpAddr = "127.0.0.3".parse().unwrap();
        assert!(h.admit(a, t0).is_ok() && h.admit(a, t0).is_ok());
        assert_eq!(h.admit(a, t0), Err(Duration::from_secs(60)));
        assert!(h.admit(b, t0).is_ok());
        assert!(h.admit(a, t0 + Duration::from_secs(60)).is_ok());
    }
}
