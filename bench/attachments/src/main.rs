//! Attachment benchmark: starts `chat-server` (memory store, local blob
//! folder in a temporary directory), then has `--clients` clients (10)
//! upload a `--mib` MiB file (25) each, all at once, and download them all
//! at once, printing the throughput of each phase and the server's
//! resident memory (VmRSS) before and at its peak during each phase.
//! Streaming keeps the peak far below clients × file size.
//!
//! ```text
//! cargo run --release -p chat-bench-attachments -- --server-bin target/release/chat-server
//! ```

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use bytes::Bytes;
use serde_json::{json, Value};

struct Options {
    server_bin: String,
    clients: usize,
    mib: usize,
}

fn options() -> anyhow::Result<Options> {
    let mut o = Options {
        server_bin: String::new(),
        clients: 10,
        mib: 25,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--server-bin" => o.server_bin = value,
            "--clients" => o.clients = value.parse()?,
            "--mib" => o.mib = value.parse()?,
            other => bail!("unknown flag {other}"),
        }
    }
    if o.server_bin.is_empty() {
        bail!("give --server-bin PATH");
    }
    Ok(o)
}

fn start_server(o: &Options, dir: &std::path::Path) -> anyhow::Result<(Child, String)> {
    let mut child = Command::new(&o.server_bin)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--rate-limits",
            "off",
            "--storage",
            "memory",
        ])
        .arg("--max-upload-mib")
        .arg(o.mib.to_string())
        .arg("--data-dir")
        .arg(dir)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {}", o.server_bin))?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line)?;
    let listening: Value =
        serde_json::from_str(line.trim()).context("the first line is not JSON")?;
    let base = format!(
        "http://{}",
        listening["listening"].as_str().context("no address line")?
    );
    Ok((child, base))
}

/// The process's resident memory in KiB (Linux `/proc`), 0 elsewhere.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// Samples the peak RSS every 20 ms until `stop` is set.
fn sample_peak(pid: u32, stop: Arc<AtomicBool>) -> tokio::task::JoinHandle<u64> {
    tokio::spawn(async move {
        let mut peak = 0;
        while !stop.load(Ordering::Relaxed) {
            peak = peak.max(rss_kib(pid));
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        peak
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let o = options()?;
    let dir = std::env::temp_dir().join(format!("chat-bench-attachments-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (mut child, base) = start_server(&o, &dir)?;
    let result = run(&o, &base, child.id()).await;
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn run(o: &Options, base: &str, pid: u32) -> anyhow::Result<()> {
    let http = reqwest::Client::new();
    let (token, channel) = setup(&http, base).await?;
    let size = o.mib * 1024 * 1024;
    let boundary = "bench-boundary-5d1c0e";
    let mut body = Vec::with_capacity(size + 512);
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
    );
    body.extend((0..size).map(|i| (i % 251) as u8));
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let body = Bytes::from(body);

    let before = rss_kib(pid);
    println!(
        "Attachment benchmark: {} clients × {} MiB at once (server RSS before: {:.1} MiB)",
        o.clients,
        o.mib,
        before as f64 / 1024.0
    );

    let stop = Arc::new(AtomicBool::new(false));
    let peak = sample_peak(pid, stop.clone());
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..o.clients {
        let (http, body, token) = (http.clone(), body.clone(), token.clone());
        let url = format!("{base}/channels/{channel}/attachments");
        let ct = format!("multipart/form-data; boundary={boundary}");
        tasks.push(tokio::spawn(async move {
            let r = http
                .post(url)
                .bearer_auth(&token)
                .header("content-type", ct)
                .body(body)
                .send()
                .await?;
            let status = r.status();
            let v: Value = r.json().await?;
            if status.as_u16() != 201 {
                bail!("upload answered {status}: {v}");
            }
            Ok::<String, anyhow::Error>(v["id"].as_str().unwrap_or_default().to_owned())
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await??);
    }
    let up = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let up_peak = peak.await?;
    report("upload", o, up, before, up_peak);

    let stop = Arc::new(AtomicBool::new(false));
    let peak = sample_peak(pid, stop.clone());
    let received = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for id in ids {
        let (http, token, received) = (http.clone(), token.clone(), received.clone());
        let url = format!("{base}/attachments/{id}/big.bin");
        tasks.push(tokio::spawn(async move {
            let mut r = http.get(url).bearer_auth(&token).send().await?;
            if r.status().as_u16() != 200 {
                bail!("download answered {}", r.status());
            }
            while let Some(chunk) = r.chunk().await? {
                received.fetch_add(chunk.len() as u64, Ordering::Relaxed);
            }
            Ok::<(), anyhow::Error>(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    let down = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let down_peak = peak.await?;
    if received.load(Ordering::Relaxed) != (size * o.clients) as u64 {
        bail!(
            "downloaded {} bytes, expected {}",
            received.load(Ordering::Relaxed),
            size * o.clients
        );
    }
    report("download", o, down, before, down_peak);
    Ok(())
}

fn report(phase: &str, o: &Options, took: Duration, before: u64, peak: u64) {
    let total = (o.clients * o.mib) as f64;
    println!(
        "{phase:<9} {total:>6.0} MiB in {:>6.2} s = {:>7.1} MiB/s   server RSS peak {:>7.1} MiB (+{:.1} MiB)",
        took.as_secs_f64(),
        total / took.as_secs_f64(),
        peak as f64 / 1024.0,
        peak.saturating_sub(before) as f64 / 1024.0
    );
}

async fn setup(http: &reqwest::Client, base: &str) -> anyhow::Result<(String, String)> {
    let name = format!("bench{}", std::process::id());
    let auth: Value = http
        .post(format!("{base}/auth/signup"))
        .json(&json!({"username": name, "password": "benchmark password"}))
        .send()
        .await?
        .json()
        .await?;
    let token = auth["access_token"]
        .as_str()
        .context("signup failed")?
        .to_owned();
    let server: Value = http
        .post(format!("{base}/servers"))
        .bearer_auth(&token)
        .json(&json!({"name": "bench"}))
        .send()
        .await?
        .json()
        .await?;
    let channel = server["channels"][0]["id"]
        .as_str()
        .context("no channel")?
        .to_owned();
    Ok((token, channel))
}
