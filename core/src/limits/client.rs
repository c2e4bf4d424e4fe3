//! [`ClientKey`]: the address a throttle counts under.

use std::net::IpAddr;

/// The part of a client's address that throttles count under: the whole
/// IPv4 address, or the /64 network of an IPv6 address (one subscriber
/// usually holds a whole /64, so counting single IPv6 addresses would let
/// one client rotate through 2^64 of them).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientKey(String);

impl ClientKey {
    /// The key of an address (an IPv4-mapped IPv6 address counts as IPv4).
    pub fn of(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(v4) => Self(v4.to_string()),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Self(v4.to_string()),
                None => {
                    let s = v6.segments();
                    Self(format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]))
                }
            },
        }
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> String {
        ClientKey::of(text.parse().unwrap()).as_str().to_owned()
    }

    #[test]
    fn ipv4_addresses_are_keyed_whole() {
        assert_eq!(key("127.0.0.2"), "127.0.0.2");
        assert_ne!(key("127.0.0.2"), key("127.0.0.3"));
    }

    #[test]
    fn ipv6_addresses_are_keyed_by_their_64_bit_network() {
        assert_eq!(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
    }

    #[test]
    fn ipv4_mapped_ipv6_addresses_count_as_ipv4() {
        assert_eq!(key("::ffff:10.0.0.1"), "10.0.0.1");
    }
}
