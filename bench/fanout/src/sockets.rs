//! The WebSocket clients: connect, identify, then read (and heartbeat)
//! until told to stop, timing every benchmark message they receive.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::future::try_join_all;
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Sockets connected at once while opening the fleet.
const PARALLEL: usize = 64;

/// The running clients.
pub struct Fleet {
    readers: Vec<JoinHandle<Vec<u32>>>,
    stop: watch::Sender<bool>,
    /// Benchmark messages received so far, by all clients.
    pub received: Arc<AtomicU64>,
}

/// What every client shares: the clock base and the run's tag.
#[derive(Clone)]
pub struct Marker {
    pub base: Instant,
    tag: Arc<str>,
    /// `"content":"bench TAG ` as it appears in a `message.created` frame.
    needle: Arc<str>,
}

impl Marker {
    pub fn new(base: Instant, tag: &str) -> Self {
        Self {
            base,
            tag: tag.into(),
            needle: format!("\"content\":\"bench {tag} ").into(),
        }
    }

    /// The run's tag.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Nanoseconds since `base`.
    pub fn now(&self) -> u64 {
        self.base.elapsed().as_nanos() as u64
    }

    /// The send instant embedded in a frame of this run, if it is one.
    fn sent_at(&self, frame: &str) -> Option<u64> {
        let at = frame.find(&*self.needle)? + self.needle.len();
        let digits = &frame[at..];
        let end = digits.find(|c: char| !c.is_ascii_digit())?;
        digits[..end].parse().ok()
    }
}

impl Fleet {
    /// Connects one socket per token and identifies each; socket *i* goes
    /// to `addrs[i mod len]` (the instances of a cluster).
    pub async fn open(
        addrs: &[SocketAddr],
        tokens: &[&str],
        marker: &Marker,
    ) -> Result<Self, String> {
        let (stop, _) = watch::channel(false);
        let received = Arc::new(AtomicU64::new(0));
        let mut readers = Vec::with_capacity(tokens.len());
        for (b, batch) in tokens.chunks(PARALLEL).enumerate() {
            let opened = try_join_all(batch.iter().enumerate().map(|(i, t)| {
                let n = b * PARALLEL + i;
                identify(addrs[n % addrs.len()], t)
            }))
            .await?;
            for (ws, interval) in opened {
                let reader = read(
                    ws,
                    interval,
                    marker.clone(),
                    received.clone(),
                    stop.subscribe(),
                );
                readers.push(tokio::spawn(reader));
            }
        }
        Ok(Self {
            readers,
            stop,
            received,
        })
    }

    pub fn len(&self) -> usize {
        self.readers.len()
    }

    /// Stops every client; returns all latency samples (µs).
    pub async fn close(self) -> Vec<u32> {
        let _ = self.stop.send(true);
        let mut all = Vec::new();
        for reader in self.readers {
            if let Ok(samples) = reader.await {
                all.extend(samples);
            }
        }
        all
    }
}

/// Connects, reads `hello`, identifies and waits for `ready`.
async fn identify(addr: SocketAddr, token: &str) -> Result<(Ws, Duration), String> {
    let url = format!("ws://{addr}/ws");
    let (mut ws, _) = tokio_tungstenite::connect_async_with_config(url, None, true)
        .await
        .map_err(|e| format!("cannot open a socket: {e}"))?;
    let hello = next_json(&mut ws).await?;
    let interval = hello["data"]["heartbeat_interval_ms"]
        .as_u64()
        .unwrap_or(30_000);
    let identify = json!({"type": "identify", "data": {"token": token}});
    ws.send(Message::text(identify.to_string()))
        .await
        .map_err(|e| e.to_string())?;
    loop {
        let frame = next_json(&mut ws).await?;
        if frame["type"] == "ready" {
            return Ok((ws, Duration::from_millis(interval)));
        }
    }
}

async fn next_json(ws: &mut Ws) -> Result<Value, String> {
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(text))) => {
                return serde_json::from_str(text.as_str()).map_err(|e| e.to_string())
            }
            Some(Ok(Message::Close(frame))) => return Err(format!("closed: {frame:?}")),
            Some(Ok(_)) => continue,
            Some(Err(e)) => return Err(e.to_string()),
            None => return Err("socket ended".into()),
        }
    }
}

/// Reads until stopped, heartbeating well within the interval.
async fn read(
    mut ws: Ws,
    interval: Duration,
    marker: Marker,
    received: Arc<AtomicU64>,
    mut stop: watch::Receiver<bool>,
) -> Vec<u32> {
    let mut samples = Vec::new();
    let period = interval.mul_f64(0.6).max(Duration::from_millis(100));
    let mut beat = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    let heartbeat = json!({"type": "heartbeat", "data": {}}).to_string();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            _ = beat.tick() => {
                if ws.send(Message::text(heartbeat.clone())).await.is_err() {
                    break;
                }
            }
            message = ws.next() => match message {
                Some(Ok(Message::Text(text))) => {
                    if let Some(sent) = marker.sent_at(text.as_str()) {
                        let micros = marker.now().saturating_sub(sent) / 1_000;
                        samples.push(u32::try_from(micros).unwrap_or(u32::MAX));
                        received.fetch_add(1, Ordering::Relaxed);
                    }
                }
                Some(Ok(Message::Close(frame))) => {
                    eprintln!("a socket was closed by the server: {frame:?}");
                    break;
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break,
            },
        }
    }
    let _ = ws.close(None).await;
    samples
}
