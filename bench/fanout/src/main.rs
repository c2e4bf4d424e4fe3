//! # chat-bench-fanout
//!
//! Measures what SPEC.md's performance bars ask of the real-time gateway,
//! against a real `chat-server`: it signs users up over REST, creates
//! servers and joins users through invites, opens one identified
//! WebSocket per user, then has a few senders `POST` messages at a fixed
//! total rate. Every message carries its send instant, so each delivery
//! gives a send-to-receipt latency.
//!
//! It prints deliveries/s, p50/p99/max latency, lost deliveries (expected
//! − received; must be 0), and, when it started the server itself
//! (`--server-bin`), the server's RSS per socket and CPU time per
//! delivered event from /proc. `--idle` opens idle identified sockets
//! only and reports memory per socket. `--login-burst K` keeps K clients
//! logging in (argon2id on the server) while the messages are sent.
//!
//! Why a separate package: it is a client program with its own
//! dependencies, built and run on demand (see `run.sh`), never by tests.

mod burst;
mod http;
mod server;
mod setup;
mod sockets;

use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use futures::future::join_all;
use serde_json::json;

use burst::Burst;
use http::Http;
use server::Server;
use setup::World;
use sockets::{Fleet, Marker};

const USAGE: &str = "usage: chat-bench-fanout (--server-bin PATH | --url http://IP:PORT) [options]
  --users N          users, one socket each (default 1000)
  --servers S        chat servers the users are spread over (default 10)
  --senders M        users that send (default 10)
  --rate R           messages per second, all senders together (default 250)
  --seconds T        how long to send (default 10)
  --idle K           instead: K idle identified sockets over --users users (default 100)
  --login-burst K    K clients log in back to back while the messages are sent (default 0)
  --storage KIND     memory (default) or sqlite (a fresh file in the temp folder)
  --server-arg ARG   extra argument for the server (repeatable)
  --instances N      start N servers (with --server-bin; give them --cluster and a
                     shared store through --server-arg); sockets and senders are
                     spread over them round robin (default 1)
  --redis-pid PID    also report this Redis process's CPU per delivery
";

struct Args {
    server_bin: Option<String>,
    url: Option<String>,
    server_args: Vec<String>,
    storage: String,
    users: Option<usize>,
    servers: usize,
    senders: usize,
    rate: f64,
    seconds: f64,
    idle: Option<usize>,
    login_burst: usize,
    instances: usize,
    redis_pid: Option<u32>,
}

impl Args {
    fn parse() -> Result<Self, String> {
        let mut a = Args {
            server_bin: None,
            url: None,
            server_args: Vec::new(),
            storage: "memory".into(),
            users: None,
            servers: 10,
            senders: 10,
            rate: 250.0,
            seconds: 10.0,
            idle: None,
            login_burst: 0,
            instances: 1,
            redis_pid: None,
        };
        let mut it = std::env::args().skip(1);
        while let Some(flag) = it.next() {
            let (flag, inline) = match flag.split_once('=') {
                Some((f, v)) => (f.to_owned(), Some(v.to_owned())),
                None => (flag, None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| it.next())
                    .ok_or(format!("{flag} needs a value"))
            };
            match flag.as_str() {
                "--server-bin" => a.server_bin = Some(value()?),
                "--url" => a.url = Some(value()?),
                "--server-arg" => a.server_args.push(value()?),
                "--storage" => a.storage = value()?,
                "--users" => a.users = Some(number(&value()?)?),
                "--servers" => a.servers = number(&value()?)?,
                "--senders" => a.senders = number(&value()?)?,
                "--rate" => a.rate = number(&value()?)?,
                "--seconds" => a.seconds = number(&value()?)?,
                "--idle" => a.idle = Some(number(&value()?)?),
                "--login-burst" => a.login_burst = number(&value()?)?,
                "--instances" => a.instances = number::<usize>(&value()?)?.max(1),
                "--redis-pid" => a.redis_pid = Some(number(&value()?)?),
                "-h" | "--help" => return Err(USAGE.into()),
                other => return Err(format!("unknown option {other}\n{USAGE}")),
            }
        }
        if a.server_bin.is_none() == a.url.is_none() {
            return Err(format!(
                "give exactly one of --server-bin and --url\n{USAGE}"
            ));
        }
        Ok(a)
    }
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.parse().map_err(|_| format!("not a number: {text}"))
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(e) => {
            eprintln!("chat-bench-fanout: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `Ok(false)` when messages were lost.
async fn run() -> Result<bool, String> {
    let args = Args::parse()?;
    let tag = run_tag();
    let mut servers = Vec::new();
    match (&args.server_bin, &args.url) {
        (Some(bin), _) => {
            for _ in 0..args.instances {
                servers.push(Server::start(bin, &args.storage, &tag, &args.server_args).await?);
            }
        }
        (None, Some(url)) => servers.push(Server::at(url)?),
        (None, None) => return Err(USAGE.into()),
    }
    let started = Instant::now();
    for server in &servers {
        println!(
            "server: {} (pid {:?}), run tag {tag}",
            server.addr,
            server.pid()
        );
    }
    match args.idle {
        Some(sockets) => idle(&servers[0], &args, &tag, sockets).await.map(|()| true),
        None => fanout(&servers, &args, &tag).await,
    }
    .inspect(|_| println!("total time: {:.1} s", started.elapsed().as_secs_f64()))
}

/// A short random-enough tag, so repeated runs against one server do not
/// collide on usernames.
fn run_tag() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{:x}", (nanos ^ u128::from(std::process::id())) & 0xff_ffff)
}

async fn populate(server: &Server, args: &Args, tag: &str, users: usize) -> Result<World, String> {
    let t = Instant::now();
    let world = setup::prepare(server.addr, tag, users, args.servers).await?;
    println!(
        "setup: {} users in {} servers over REST in {:.1} s",
        world.users.len(),
        world.servers.len(),
        t.elapsed().as_secs_f64()
    );
    Ok(world)
}

/// Opens the sockets and reports the server's memory per socket.
async fn open_fleet(server: &Server, tokens: &[&str], marker: &Marker) -> Result<Fleet, String> {
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = server.rss_kib();
    let t = Instant::now();
    let fleet = Fleet::open(&[server.addr], tokens, marker).await?;
    println!(
        "sockets: {} identified in {:.1} s",
        fleet.len(),
        t.elapsed().as_secs_f64()
    );
    // Let presence events and allocator activity settle before measuring.
    tokio::time::sleep(Duration::from_secs(2)).await;
    if let (Some(before), Some(after)) = (before, server.rss_kib()) {
        let per = (after.saturating_sub(before) * 1024) as f64 / fleet.len().max(1) as f64;
        println!(
            "server RSS: {before} KiB before sockets, {after} KiB with them: {per:.0} bytes per socket"
        );
        println!(
            "{}",
            json!({"rss_kib_before": before, "rss_kib_after": after, "rss_bytes_per_socket": per.round()})
        );
    }
    Ok(fleet)
}

async fn idle(server: &Server, args: &Args, tag: &str, sockets: usize) -> Result<(), String> {
    let world = populate(server, args, tag, args.users.unwrap_or(100)).await?;
    let tokens: Vec<&str> = (0..sockets)
        .map(|i| world.users[i % world.users.len()].token.as_str())
        .collect();
    let marker = Marker::new(Instant::now(), tag);
    let fleet = open_fleet(server, &tokens, &marker).await?;
    fleet.close().await;
    Ok(())
}

async fn fanout(servers: &[Server], args: &Args, tag: &str) -> Result<bool, String> {
    let server = &servers[0];
    let world = populate(server, args, tag, args.users.unwrap_or(1000)).await?;
    let tokens: Vec<&str> = world.users.iter().map(|u| u.token.as_str()).collect();
    let marker = Marker::new(Instant::now(), tag);
    let fleet = if servers.len() == 1 {
        open_fleet(server, &tokens, &marker).await?
    } else {
        let addrs: Vec<_> = servers.iter().map(|s| s.addr).collect();
        let t = Instant::now();
        let fleet = Fleet::open(&addrs, &tokens, &marker).await?;
        println!(
            "sockets: {} identified over {} instances in {:.1} s",
            fleet.len(),
            addrs.len(),
            t.elapsed().as_secs_f64()
        );
        tokio::time::sleep(Duration::from_secs(2)).await;
        fleet
    };

    let burst = (args.login_burst > 0)
        .then(|| Burst::start(server.addr, tag, world.users.len(), args.login_burst));
    let cpu_before: Vec<_> = servers.iter().map(Server::cpu_micros).collect();
    let redis_before = args.redis_pid.and_then(server::cpu_micros_of);
    let t = Instant::now();
    let expected = send_all(servers, args, &world, &marker).await?;
    let sending = t.elapsed();
    if let Some(burst) = burst {
        let logins = burst.stop().await?;
        println!(
            "login burst: {} clients, {logins} logins while sending ({:.1}/s)",
            args.login_burst,
            logins as f64 / sending.as_secs_f64()
        );
    }
    // Wait for the last deliveries (bounded).
    let deadline = Instant::now() + Duration::from_secs(5);
    while fleet.received.load(Ordering::Relaxed) < expected && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let cpu_after: Vec<_> = servers.iter().map(Server::cpu_micros).collect();
    let redis_after = args.redis_pid.and_then(server::cpu_micros_of);
    let received = fleet.received.load(Ordering::Relaxed);
    let mut samples = fleet.close().await;
    samples.sort_unstable();
    let total = |before: &[Option<u64>], after: &[Option<u64>]| -> Option<(u64, u64)> {
        let mut sum = (0, 0);
        for (b, a) in before.iter().zip(after) {
            sum.0 += (*b)?;
            sum.1 += (*a)?;
        }
        Some(sum)
    };
    report(
        &samples,
        expected,
        received,
        sending,
        total(&cpu_before, &cpu_after),
    );
    if servers.len() > 1 {
        for (i, (b, a)) in cpu_before.iter().zip(&cpu_after).enumerate() {
            if let (Some(b), Some(a)) = (b, a) {
                let per = (a - b) as f64 / received.max(1) as f64;
                println!(
                    "instance {i} CPU: {:.2} s, {per:.2} µs per delivered event (all deliveries)",
                    (a - b) as f64 / 1e6
                );
            }
        }
    }
    if let (Some(b), Some(a)) = (redis_before, redis_after) {
        let per = (a - b) as f64 / received.max(1) as f64;
        println!(
            "redis CPU: {:.2} s, {per:.2} µs per delivered event",
            (a - b) as f64 / 1e6
        );
        println!("{}", json!({"redis_cpu_us_per_delivery": per}));
    }
    Ok(received == expected)
}

/// Runs the senders; returns how many deliveries the accepted messages owe.
async fn send_all(
    servers: &[Server],
    args: &Args,
    world: &World,
    marker: &Marker,
) -> Result<u64, String> {
    let senders = args.senders.clamp(1, world.users.len());
    let per_sender = args.rate / senders as f64;
    let count = (args.rate * args.seconds / senders as f64).round() as usize;
    let period = Duration::from_secs_f64(1.0 / per_sender);
    let start = tokio::time::Instant::now() + Duration::from_millis(100);
    let tasks = (0..senders).map(|j| {
        let s = world.server_of(j);
        let channel = world.servers[s].channel_id.clone();
        let token = world.users[j].token.clone();
        let members = world.servers[s].members;
        // Spread the senders evenly over each period.
        let first = start + period.mul_f64(j as f64 / senders as f64);
        let marker = marker.clone();
        // Senders spread over the instances too.
        let addr = servers[j % servers.len()].addr;
        async move {
            let mut http = Http::connect(addr).await?;
            let mut tick = tokio::time::interval_at(first, period);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let path = format!("/channels/{channel}/messages");
            let mut owed = 0;
            for k in 0..count {
                tick.tick().await;
                let content = format!("bench {} {} {j}-{k}", marker.tag(), marker.now());
                let body = json!({"content": content});
                let r = http.call("POST", &path, Some(&token), Some(&body)).await?;
                if r.status == 201 {
                    owed += members;
                } else {
                    eprintln!("a send failed: {} {}", r.status, r.body);
                }
            }
            Ok::<u64, String>(owed)
        }
    });
    let mut owed = 0;
    for result in join_all(tasks).await {
        owed += result?;
    }
    Ok(owed)
}

fn percentile(sorted: &[u32], p: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(
    samples: &[u32],
    expected: u64,
    received: u64,
    sending: Duration,
    cpu: Option<(u64, u64)>,
) {
    let secs = sending.as_secs_f64();
    let (p50, p99) = (percentile(samples, 0.50), percentile(samples, 0.99));
    let max = samples.last().copied().unwrap_or(0);
    let lost = expected.saturating_sub(received);
    println!(
        "deliveries: {received} of {expected} expected in {secs:.1} s: {:.0}/s",
        received as f64 / secs
    );
    println!(
        "latency send→receipt: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(p50),
        ms(p99),
        ms(max)
    );
    println!("lost: {lost}");
    let cpu_per = cpu.map(|(a, b)| (b - a) as f64 / received.max(1) as f64);
    if let (Some((a, b)), Some(per)) = (cpu, cpu_per) {
        println!(
            "server CPU: {:.2} s for {received} deliveries: {per:.2} µs per delivered event",
            (b - a) as f64 / 1e6
        );
    }
    println!(
        "{}",
        json!({
            "deliveries": received, "expected": expected, "lost": lost,
            "deliveries_per_sec": (received as f64 / secs).round(),
            "p50_ms": ms(p50), "p99_ms": ms(p99), "max_ms": ms(max),
            "cpu_us_per_delivery": cpu_per,
        })
    );
}

fn ms(micros: u32) -> f64 {
    f64::from(micros) / 1000.0
}
