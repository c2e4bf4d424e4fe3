//! A minimal HTTP/1.1 client over one keep-alive TCP connection.
//!
//! The benchmark shares two cores with the server it measures, so the
//! client stays as light as it can: no connection pool, no TLS, just
//! `Content-Length` and chunked bodies, which is all `chat-server` sends.

use std::net::SocketAddr;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// One keep-alive connection.
pub struct Http {
    stream: BufReader<TcpStream>,
    host: String,
}

/// A response: status and body (JSON, or `Null` when empty).
pub struct Response {
    pub status: u16,
    pub body: Value,
}

impl Http {
    pub async fn connect(addr: SocketAddr) -> Result<Self, String> {
        let stream = TcpStream::connect(addr)
            .await
            .map_err(|e| format!("cannot connect to {addr}: {e}"))?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        Ok(Self {
            stream: BufReader::new(stream),
            host: addr.to_string(),
        })
    }

    /// Sends a request and reads its response.
    pub async fn call(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Result<Response, String> {
        self.send(method, path, token, body).await?;
        self.read().await
    }

    /// Writes a request (the caller reads the response with `read`).
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Result<(), String> {
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            self.host,
            body.len()
        );
        if let Some(token) = token {
            head.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        head.push_str("\r\n");
        head.push_str(&body);
        let stream = self.stream.get_mut();
        stream
            .write_all(head.as_bytes())
            .await
            .map_err(|e| e.to_string())
    }

    /// Reads one response.
    pub async fn read(&mut self) -> Result<Response, String> {
        let status_line = self.line().await?;
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad status line {status_line:?}"))?;
        let (mut length, mut chunked) = (0usize, false);
        loop {
            let line = self.line().await?;
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').unwrap_or((&line, ""));
            let (name, value) = (name.to_ascii_lowercase(), value.trim());
            if name == "content-length" {
                length = value.parse().map_err(|_| "bad content-length")?;
            } else if name == "transfer-encoding" && value.contains("chunked") {
                chunked = true;
            }
        }
        let bytes = if chunked {
            self.chunked().await?
        } else {
            self.exactly(length).await?
        };
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).map_err(|e| format!("bad JSON body: {e}"))?
        };
        Ok(Response { status, body })
    }

    async fn line(&mut self) -> Result<String, String> {
        let mut line = String::new();
        let n = self
            .stream
            .read_line(&mut line)
            .await
            .map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed by the server".into());
        }
        Ok(line.trim_end().to_owned())
    }

    async fn exactly(&mut self, n: usize) -> Result<Vec<u8>, String> {
        let mut buf = vec![0; n];
        self.stream
            .read_exact(&mut buf)
            .await
            .map_err(|e| e.to_string())?;
        Ok(buf)
    }

    async fn chunked(&mut self) -> Result<Vec<u8>, String> {
        let mut body = Vec::new();
        loop {
            let size = self.line().await?;
            let size = usize::from_str_radix(size.split(';').next().unwrap_or("").trim(), 16)
                .map_err(|_| format!("bad chunk size {size:?}"))?;
            let chunk = self.exactly(size).await?;
            self.line().await?;
            if size == 0 {
                return Ok(body);
            }
            body.extend_from_slice(&chunk);
        }
    }
}

/// Fails unless the response has the expected status.
pub fn expect(response: Response, status: u16, what: &str) -> Result<Value, String> {
    if response.status == status {
        Ok(response.body)
    } else {
        Err(format!(
            "{what}: expected {status}, got {} {}",
            response.status, response.body
        ))
    }
}
