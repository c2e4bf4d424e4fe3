//! REST benchmark: starts `chat-server` (or uses `--url`), then measures
//! `POST /channels/{id}/messages` and `GET /channels/{id}/messages?limit=50`
//! with C concurrent clients, printing requests/s and p50/p99/max latency.
//!
//! ```text
//! cargo run --release -p chat-bench-rest -- --server-bin target/release/chat-server \
//!     --storage sqlite --requests 5000 --concurrency 8
//! ```

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde_json::{json, Value};

struct Options {
    server_bin: Option<String>,
    url: Option<String>,
    storage: String,
    database_url: Option<String>,
    requests: usize,
    concurrency: usize,
}

fn options() -> anyhow::Result<Options> {
    let mut o = Options {
        server_bin: None,
        url: None,
        storage: "memory".into(),
        database_url: None,
        requests: 5000,
        concurrency: 8,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--server-bin" => o.server_bin = Some(value),
            "--url" => o.url = Some(value),
            "--storage" => o.storage = value,
            "--database-url" => o.database_url = Some(value),
            "--requests" => o.requests = value.parse()?,
            "--concurrency" => o.concurrency = value.parse()?,
            other => bail!("unknown flag {other}"),
        }
    }
    Ok(o)
}

/// Starts the binary on a free port; returns it with its base URL.
fn start_server(o: &Options, bin: &str, dir: &std::path::Path) -> anyhow::Result<(Child, String)> {
    let mut cmd = Command::new(bin);
    cmd.args([
        "--listen",
        "127.0.0.1:0",
        "--rate-limits",
        "off",
        "--storage",
        &o.storage,
    ])
    .arg("--data-dir")
    .arg(dir)
    .env("RUST_LOG", "warn")
    .stdout(Stdio::piped());
    match (&o.database_url, o.storage.as_str()) {
        (Some(url), _) => {
            cmd.args(["--database-url", url]);
        }
        (None, "sqlite") => {
            cmd.arg("--database-url").arg(dir.join("bench.db"));
        }
        _ => {}
    }
    let mut child = cmd.spawn().with_context(|| format!("cannot start {bin}"))?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line)?;
    // The binary's one machine-readable line: {"listening":"127.0.0.1:PORT"}.
    let listening: serde_json::Value =
        serde_json::from_str(line.trim()).context("the first line is not JSON")?;
    let base = format!(
        "http://{}",
        listening["listening"].as_str().context("no address line")?
    );
    Ok((child, base))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let o = options()?;
    let dir = std::env::temp_dir().join(format!("chat-bench-rest-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut child = None;
    let base = match (&o.url, &o.server_bin) {
        (Some(url), _) => url.clone(),
        (None, Some(bin)) => {
            let (c, base) = start_server(&o, bin, &dir)?;
            child = Some(c);
            base
        }
        (None, None) => bail!("give --server-bin PATH or --url URL"),
    };
    let result = run(&o, &base).await;
    if let Some(mut c) = child {
        let _ = c.kill();
        let _ = c.wait();
    }
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn run(o: &Options, base: &str) -> anyhow::Result<()> {
    let http = reqwest::Client::new();
    let (token, channel) = setup(&http, base).await?;
    let token: Arc<str> = token.into();
    let path: Arc<str> = format!("{base}/channels/{channel}/messages").into();
    println!(
        "REST benchmark: store {}, {} requests, {} concurrent clients",
        o.storage, o.requests, o.concurrency
    );
    println!(
        "{:<44} {:>10} {:>9} {:>9} {:>9}",
        "operation", "req/s", "p50 ms", "p99 ms", "max ms"
    );
    let (post_url, post_token) = (path.clone(), token.clone());
    let post = measure(o, &http, move |client, i| {
        let req = client
            .post(&*post_url)
            .bearer_auth(&post_token)
            .json(&json!({"content": format!("bench message {i}")}));
        async move {
            req.send()
                .await
                .map(|r| r.status().as_u16() == 201)
                .unwrap_or(false)
        }
    })
    .await;
    report("POST /channels/{id}/messages", &post);
    let get_url: Arc<str> = format!("{path}?limit=50").into();
    let get = measure(o, &http, move |client, _| {
        let req = client.get(&*get_url).bearer_auth(&token);
        async move {
            req.send()
                .await
                .map(|r| r.status().as_u16() == 200)
                .unwrap_or(false)
        }
    })
    .await;
    report("GET /channels/{id}/messages?limit=50", &get);
    Ok(())
}

/// Signs up, creates a server; returns the token and the general channel.
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
    let id = server["id"].as_str().context("create server failed")?;
    let details: Value = http
        .get(format!("{base}/servers/{id}"))
        .bearer_auth(&token)
        .send()
        .await?
        .json()
        .await?;
    let channel = details["channels"][0]["id"]
        .as_str()
        .context("no channel")?
        .to_owned();
    Ok((token, channel))
}

struct Measured {
    latencies: Vec<Duration>,
    failures: usize,
    elapsed: Duration,
}

/// Runs `o.requests` calls of `call` spread over `o.concurrency` tasks.
async fn measure<F, Fut>(o: &Options, http: &reqwest::Client, call: F) -> Measured
where
    F: Fn(&reqwest::Client, usize) -> Fut + Send + Sync + 'static + Clone,
    Fut: std::future::Future<Output = bool> + Send,
{
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..o.concurrency {
        let (next, call, http, total) = (next.clone(), call.clone(), http.clone(), o.requests);
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut failures = 0;
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= total {
                    break;
                }
                let t = Instant::now();
                if !call(&http, i).await {
                    failures += 1;
                }
                lat.push(t.elapsed());
            }
            (lat, failures)
        }));
    }
    let mut m = Measured {
        latencies: Vec::new(),
        failures: 0,
        elapsed: Duration::ZERO,
    };
    for t in tasks {
        if let Ok((lat, f)) = t.await {
            m.latencies.extend(lat);
            m.failures += f;
        }
    }
    m.elapsed = start.elapsed();
    m
}

fn report(name: &str, m: &Measured) {
    let mut l = m.latencies.clone();
    l.sort();
    let pct = |p: f64| {
        l.get(((l.len() as f64 * p) as usize).min(l.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let rate = l.len() as f64 / m.elapsed.as_secs_f64();
    println!(
        "{:<44} {:>10.0} {:>9.2} {:>9.2} {:>9.2}{}",
        name,
        rate,
        ms(pct(0.50)),
        ms(pct(0.99)),
        ms(l.last().copied().unwrap_or_default()),
        if m.failures > 0 {
            format!("  ({} failed)", m.failures)
        } else {
            String::new()
        }
    );
}
