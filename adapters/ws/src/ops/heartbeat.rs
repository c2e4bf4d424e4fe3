//! `heartbeat` → `heartbeat_ack`. Receiving any frame already reset the
//! socket's silence timer; the answer lets the client measure the link.

use crate::frame;

/// The answer to a heartbeat.
pub(crate) fn run() -> String {
    frame::heartbeat_ack()
}
