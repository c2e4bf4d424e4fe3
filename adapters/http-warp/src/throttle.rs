//! Login and sign-up throttling: repeated failed logins for one username or
//! from one address, and many sign-ups from one address, are refused for a
//! while with 429 `rate_limited` and `Retry-After`.
//!
//! It lives in the HTTP adapter because it needs the client's address,
//! which the use cases never see. Counters are fixed windows kept in
//! memory; the map is pruned so a flood of distinct names or addresses
//! cannot grow it without bound.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use chat_core::Timestamp;

/// Failed logins allowed per username in a window.
const USERNAME_FAILURES: u32 = 5;
/// Failed logins allowed per client address in a window.
const ADDRESS_FAILURES: u32 = 20;
/// The login window: 15 minutes.
const LOGIN_WINDOW_MS: i64 = 15 * 60 * 1000;
/// Sign-ups allowed per client address in a window.
const SIGNUPS_PER_ADDRESS: u32 = 30;
/// The sign-up window: one hour.
const SIGNUP_WINDOW_MS: i64 = 60 * 60 * 1000;
/// Invite previews (`GET /invites/{code}`, open to anyone) allowed per
/// address in a window: plenty for people, too few to enumerate codes.
const PREVIEWS_PER_ADDRESS: u32 = 60;
/// The invite preview window: one minute.
const PREVIEW_WINDOW_MS: i64 = 60 * 1000;
/// The most keys one counter keeps before pruning harder.
const MAX_KEYS: usize = 100_000;

/// The throttles of the auth endpoints; all of them pass everything when
/// rate limits are off.
#[derive(Debug)]
pub struct AuthThrottle {
    enabled: bool,
    usernames: Counter<String>,
    addresses: Counter<IpAddr>,
    signups: Counter<IpAddr>,
    previews: Counter<IpAddr>,
}

impl AuthThrottle {
    /// Throttles that refuse (`enabled`) or pass everything.
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            usernames: Counter::new(USERNAME_FAILURES, LOGIN_WINDOW_MS),
            addresses: Counter::new(ADDRESS_FAILURES, LOGIN_WINDOW_MS),
            signups: Counter::new(SIGNUPS_PER_ADDRESS, SIGNUP_WINDOW_MS),
            previews: Counter::new(PREVIEWS_PER_ADDRESS, PREVIEW_WINDOW_MS),
        }
    }

    /// May this login be tried? `Err(wait)` when the username (case
    /// folded) or the address failed too often in the window.
    pub fn check_login(&self, username: &str, ip: IpAddr, now: Timestamp) -> Result<(), Duration> {
        if !self.enabled {
            return Ok(());
        }
        self.usernames.check(&fold(username), now)?;
        self.addresses.check(&ip, now)
    }

    /// Counts a failed login.
    pub fn login_failed(&self, username: &str, ip: IpAddr, now: Timestamp) {
        if self.enabled {
            self.usernames.hit(fold(username), now);
            self.addresses.hit(ip, now);
        }
    }

    /// A successful login clears the username's failures.
    pub fn login_succeeded(&self, username: &str) {
        if self.enabled {
            self.usernames.clear(&fold(username));
        }
    }

    /// May this address sign up again?
    pub fn check_signup(&self, ip: IpAddr, now: Timestamp) -> Result<(), Duration> {
        if !self.enabled {
            return Ok(());
        }
        self.signups.check(&ip, now)
    }

    /// Counts an account created from this address.
    pub fn signed_up(&self, ip: IpAddr, now: Timestamp) {
        if self.enabled {
            self.signups.hit(ip, now);
        }
    }
}

impl AuthThrottle {
    /// May this address preview an invite? Counts the preview when it may.
    pub fn preview(&self, ip: IpAddr, now: Timestamp) -> Result<(), Duration> {
        if !self.enabled {
            return Ok(());
        }
        self.previews.check(&ip, now)?;
        self.previews.hit(ip, now);
        Ok(())
    }
}

/// The key of a username: case folded, and cut short (no valid username
/// is longer than 32) so a huge typed name cannot bloat the map.
fn fold(username: &str) -> String {
    username
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Hits per key in fixed windows.
#[derive(Debug)]
struct Counter<K> {
    limit: u32,
    window_ms: i64,
    windows: Mutex<HashMap<K, Window>>,
}

#[derive(Debug, Clone, Copy)]
struct Window {
    started: Timestamp,
    hits: u32,
}

impl<K: Eq + Hash + Clone> Counter<K> {
    fn new(limit: u32, window_ms: i64) -> Self {
        Self {
            limit,
            window_ms,
            windows: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Window>> {
        // A counter map is always consistent between statements.
        self.windows.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn ends(&self, w: Window) -> i64 {
        w.started.millis().saturating_add(self.window_ms)
    }

    /// `Err(wait)` while the key's window holds `limit` hits.
    fn check(&self, key: &K, now: Timestamp) -> Result<(), Duration> {
        let map = self.lock();
        match map.get(key) {
            Some(&w) if w.hits >= self.limit && now.millis() < self.ends(w) => {
                let wait = self.ends(w) - now.millis();
                Err(Duration::from_millis(wait.max(0) as u64))
            }
            _ => Ok(()),
        }
    }

    fn hit(&self, key: K, now: Timestamp) {
        let mut map = self.lock();
        let fresh = Window {
            started: now,
            hits: 0,
        };
        let window = map.entry(key).or_insert(fresh);
        if now.millis() >= self.ends(*window) {
            *window = fresh;
        }
        window.hits = window.hits.saturating_add(1);
        if map.len() > MAX_KEYS {
            self.prune(&mut map, now);
        }
    }

    fn clear(&self, key: &K) {
        self.lock().remove(key);
    }

    /// Drops ended windows; if that is not enough, the oldest half.
    fn prune(&self, map: &mut HashMap<K, Window>, now: Timestamp) {
        map.retain(|_, w| now.millis() < self.ends(*w));
        if map.len() > MAX_KEYS / 2 {
            let mut starts: Vec<i64> = map.values().map(|w| w.started.millis()).collect();
            starts.sort_unstable();
            let cutoff = starts[starts.len() / 2];
            map.retain(|_, w| w.started.millis() > cutoff);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    fn at(minutes: i64) -> Timestamp {
        Timestamp::from_millis(1_700_000_000_000 + minutes * 60_000)
    }

    #[test]
    fn five_failures_for_a_username_refuse_it_until_the_window_ends() {
        let t = AuthThrottle::new(true);
        for _ in 0..5 {
            assert!(t.check_login("Alice", IP, at(0)).is_ok());
            t.login_failed("Alice", IP, at(0));
        }
        let wait = t.check_login("alice", IP, at(1)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(14 * 60));
        assert!(t.check_login("bob", IP, at(1)).is_ok());
        assert!(t.check_login("alice", IP, at(15)).is_ok());
    }

    #[test]
    fn a_success_clears_the_username_but_not_the_address() {
        let t = AuthThrottle::new(true);
        for i in 0..20 {
            t.login_failed(&format!("user{}", i % 4), IP, at(0));
        }
        t.login_succeeded("user0");
        assert!(t.check_login("user9", IP, at(0)).is_err());
    }

    #[test]
    fn signups_per_address_are_limited() {
        let t = AuthThrottle::new(true);
        for _ in 0..SIGNUPS_PER_ADDRESS {
            assert!(t.check_signup(IP, at(0)).is_ok());
            t.signed_up(IP, at(0));
        }
        assert!(t.check_signup(IP, at(30)).is_err());
        assert!(t.check_signup(IP, at(60)).is_ok());
    }

    #[test]
    fn invite_previews_per_address_are_limited() {
        let t = AuthThrottle::new(true);
        for _ in 0..PREVIEWS_PER_ADDRESS {
            assert!(t.preview(IP, at(0)).is_ok());
        }
        assert!(t.preview(IP, at(0)).is_err());
        assert!(t.preview(IP, at(1)).is_ok());
    }

    #[test]
    fn disabled_throttles_pass_everything() {
        let t = AuthThrottle::new(false);
        for _ in 0..50 {
            t.login_failed("alice", IP, at(0));
            t.signed_up(IP, at(0));
        }
        assert!(t.check_login("alice", IP, at(0)).is_ok());
        assert!(t.check_signup(IP, at(0)).is_ok());
    }

    #[test]
    fn the_map_stays_bounded() {
        let c: Counter<u32> = Counter::new(1, 1000);
        for i in 0..(MAX_KEYS as u32 + 10) {
            c.hit(i, Timestamp::from_millis(i64::from(i)));
        }
        assert!(c.lock().len() <= MAX_KEYS);
    }
}
