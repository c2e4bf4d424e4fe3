//! Close codes: why the server ends a socket, and what happens to the
//! gateway session behind it.

/// How a socket's life ended (what an operation answers when the socket
/// must not go on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    /// The server closes it, for this reason.
    Server(Close),
    /// The client closed it, with this code.
    Client(Option<u16>),
    /// The connection is gone.
    Lost,
}

/// A reason to close a socket, with its WebSocket close code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Close {
    /// 1001: the server is shutting down.
    GoingAway,
    /// 1011: the server failed while setting the session up.
    Internal,
    /// 1013: the socket could not keep up with its events; resume.
    TooSlow,
    /// 4000: another socket resumed this session.
    Replaced,
    /// 4001: no valid `identify`/`resume` in time, or a bad token.
    NotAuthenticated,
    /// 4002: a frame that is not JSON text, or too large.
    BadFrame,
    /// 4003: the login session behind this socket ended (logout).
    Revoked,
    /// 4008: too many frames.
    RateLimited,
    /// 4009: no frame within 1.5 heartbeat intervals.
    HeartbeatTimeout,
    /// 4010: this instance may have missed events (its link to the other
    /// instances was down); identify again and refetch.
    Reconnect,
}

impl Close {
    /// The WebSocket close code.
    pub(crate) fn code(self) -> u16 {
        match self {
            Close::GoingAway => 1001,
            Close::Internal => 1011,
            Close::TooSlow => 1013,
            Close::Replaced => 4000,
            Close::NotAuthenticated => 4001,
            Close::BadFrame => 4002,
            Close::Revoked => 4003,
            Close::RateLimited => 4008,
            Close::HeartbeatTimeout => 4009,
            Close::Reconnect => 4010,
        }
    }

    /// The close frame's reason text.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Close::GoingAway => "server shutting down",
            Close::Internal => "internal error",
            Close::TooSlow => "too slow to keep up; resume",
            Close::Replaced => "session resumed elsewhere",
            Close::NotAuthenticated => "not authenticated",
            Close::BadFrame => "bad frame",
            Close::Revoked => "session revoked",
            Close::RateLimited => "rate limited",
            Close::HeartbeatTimeout => "heartbeat timeout",
            Close::Reconnect => "events may have been missed; identify again",
        }
    }

    /// Whether the gateway session may still be resumed after this close.
    /// Closes decided by the server about the socket (slow, bad frame,
    /// flood, silence) keep it; ends of the session itself do not, nor
    /// does `Reconnect` (its replay buffer may have a hole).
    pub(crate) fn keeps_session(self) -> bool {
        !matches!(
            self,
            Close::GoingAway
                | Close::Internal
                | Close::Revoked
                | Close::NotAuthenticated
                | Close::Reconnect
        )
    }

    /// Maps a code stored as a number back (see `CloseSignal`).
    pub(crate) fn from_code(code: u16) -> Option<Close> {
        ALL.into_iter().find(|c| c.code() == code)
    }
}

const ALL: [Close; 10] = [
    Close::GoingAway,
    Close::Internal,
    Close::TooSlow,
    Close::Replaced,
    Close::NotAuthenticated,
    Close::BadFrame,
    Close::Revoked,
    Close::RateLimited,
    Close::HeartbeatTimeout,
    Close::Reconnect,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in ALL {
            assert_eq!(Close::from_code(c.code()), Some(c));
        }
    }

    #[test]
    fn revocation_and_shutdown_end_the_session() {
        assert!(!Close::Revoked.keeps_session());
        assert!(!Close::GoingAway.keeps_session());
        assert!(!Close::Reconnect.keeps_session());
        assert!(Close::TooSlow.keeps_session());
        assert!(Close::HeartbeatTimeout.keeps_session());
    }
}
