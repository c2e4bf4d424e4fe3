//! [`ManualClock`]: time that moves only when a test says so.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use chat_core::{Clock, Timestamp};

/// The instant a [`ManualClock::default`] starts at (2023-11-14T22:13:20Z).
pub const START_MILLIS: i64 = 1_700_000_000_000;

/// A [`Clock`] that stands still until [`advance`](Self::advance)d or
/// [`set`](Self::set). Shareable across threads.
#[derive(Debug)]
pub struct ManualClock {
    millis: AtomicI64,
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new(Timestamp::from_millis(START_MILLIS))
    }
}

impl ManualClock {
    /// A clock showing `start`.
    pub fn new(start: Timestamp) -> Self {
        Self {
            millis: AtomicI64::new(start.millis()),
        }
    }

    /// Moves the time forward (whole milliseconds, saturating).
    pub fn advance(&self, by: Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        let _ = self
            .millis
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |t| {
                Some(t.saturating_add(ms))
            });
    }

    /// Sets the time.
    pub fn set(&self, to: Timestamp) {
        self.millis.store(to.millis(), Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_millis(self.millis.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advances_and_sets() {
        let clock = ManualClock::default();
        assert_eq!(clock.now().millis(), START_MILLIS);
        clock.advance(Duration::from_secs(3));
        assert_eq!(clock.now().millis(), START_MILLIS + 3_000);
        clock.set(Timestamp::from_millis(5));
        assert_eq!(clock.now().millis(), 5);
    }
}
