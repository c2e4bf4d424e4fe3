//! The loopback connections: what a server's accepted WebSockets look like
//! to the kernel once the handshake is over.

use std::io;
use std::net::{TcpListener, TcpStream};

/// One end of each connection: `server` is written by the writer,
/// `client` is drained by the reader.
pub struct Connections {
    pub server: Vec<TcpStream>,
    pub client: Vec<TcpStream>,
}

/// Opens `n` loopback TCP connections, TCP_NODELAY and non-blocking on
/// both ends as a server and a load generator would set them.
pub fn connect(n: usize) -> io::Result<Connections> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(|e| io::Error::new(e.kind(), format!("bind 127.0.0.1:0: {e}")))?;
    let addr = listener.local_addr()?;
    let mut conns = Connections {
        server: Vec::with_capacity(n),
        client: Vec::with_capacity(n),
    };
    for i in 0..n {
        // One connect then one accept, so the listen backlog never matters.
        let client = TcpStream::connect(addr)
            .map_err(|e| io::Error::new(e.kind(), format!("connection {i}: connect: {e}")))?;
        let (server, _) = listener
            .accept()
            .map_err(|e| io::Error::new(e.kind(), format!("connection {i}: accept: {e}")))?;
        for stream in [&client, &server] {
            stream.set_nodelay(true)?;
            // The writer must never sleep in send(): a full socket shows
            // up as EAGAIN, which is counted.
            stream.set_nonblocking(true)?;
        }
        conns.client.push(client);
        conns.server.push(server);
    }
    Ok(conns)
}

/// A server-to-client WebSocket text frame of exactly `bytes` bytes
/// (header included, unmasked as server frames are). The kernel does not
/// look at it; it is realistic only so a packet capture makes sense.
pub fn ws_frame(bytes: usize) -> Vec<u8> {
    let mut frame = vec![b'x'; bytes];
    if bytes < 2 {
        return frame;
    }
    frame[0] = 0x81; // FIN + text
    if bytes - 2 <= 125 {
        frame[1] = (bytes - 2) as u8;
    } else if bytes >= 4 && bytes - 4 <= 0xffff {
        frame[1] = 126;
        frame[2..4].copy_from_slice(&((bytes - 4) as u16).to_be_bytes());
    } else if bytes >= 10 {
        frame[1] = 127;
        frame[2..10].copy_from_slice(&((bytes - 10) as u64).to_be_bytes());
    }
    frame
}

#[cfg(test)]
mod tests {
    use super::ws_frame;

    #[test]
    fn frame_headers() {
        let f = ws_frame(130);
        assert_eq!((f.len(), f[0], f[1]), (130, 0x81, 126));
        assert_eq!(u16::from_be_bytes([f[2], f[3]]), 126);
        let f = ws_frame(100);
        assert_eq!((f.len(), f[1]), (100, 98));
    }
}
