//! [`FloodGuard`]: at most `limit` client frames per window (else 4008).
//!
//! A fixed window is enough here: a well-behaved client sends a heartbeat
//! every 30 s and a typing start at most every few seconds, far below the
//! limit; the guard is only there to stop a client hammering the server.

use std::time::{Duration, Instant};

/// See the module doc.
#[derive(Debug)]
pub(crate) struct FloodGuard {
    limit: u32,
    window: Duration,
    started: Instant,
    count: u32,
}

impl FloodGuard {
    pub(crate) fn new(limit: u32, window: Duration, now: Instant) -> Self {
        Self {
            limit,
            window,
            started: now,
            count: 0,
        }
    }

    /// Counts a frame; `false` when it is one too many.
    pub(crate) fn allow(&mut self, now: Instant) -> bool {
        if now.duration_since(self.started) >= self.window {
            self.started = now;
            self.count = 0;
        }
        self.count = self.count.saturating_add(1);
        let allowed = self.count <= self.limit;
        if !allowed {
            crate::metrics::flood_closed();
        }
        allowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_the_limit_then_refuses_until_the_window_passes() {
        let t0 = Instant::now();
        let mut guard = FloodGuard::new(3, Duration::from_secs(60), t0);
        assert!((0..3).all(|_| guard.allow(t0)));
        assert!(!guard.allow(t0));
        assert!(guard.allow(t0 + Duration::from_secs(60)));
    }
}
