//! # chat-bench-uring
//!
//! The kernel floor of a WebSocket server's fan-out on loopback: the CPU
//! it takes to write one small frame (130 bytes by default, a typical
//! `message.created`) to one of many TCP sockets.
//!
//! Why: the server's profile puts about 62 % of its CPU in the
//! per-delivery `sendto` of such frames to 1,000 sockets. This measures
//! that cost alone, with no server around it, once with one `send(2)` per
//! frame (what the server does now) and once per batch size K with
//! io_uring: K `IORING_OP_SEND`s to K different sockets, submitted with one
//! `io_uring_enter(2)`. The difference is what batching the syscalls
//! across sockets could save per delivery.
//!
//! How: N loopback connections; the writer (the main thread, pinned to
//! one CPU) owns the server ends and writes the frames round robin; a
//! reader thread pinned to another CPU drains the client ends with epoll.
//! For each mode it reports the writer thread's user and system CPU
//! (`getrusage(RUSAGE_THREAD)`), wall time and syscalls per write, then
//! checks that the reader got every byte.
//!
//! Caveat, printed with the results: on loopback the receive side (TCP
//! receive in softirq, waking the reader) runs in the sender's context,
//! so it is charged to the writer in every mode. Batching cannot save that
//! part; it can only save per-syscall overhead.

mod args;
mod net;
mod reader;
mod sys;
mod writer;

use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use args::{Args, Parsed};
use reader::Reader;
use writer::Tally;

/// Frames per socket sent before measuring, untimed: TCP's congestion
/// window and buffer autotuning settle, and the first-touch page faults
/// are out of the way.
const WARM_UP_PER_SOCKET: u64 = 8;

/// How long to wait for the reader to catch up without it making progress
/// before declaring bytes missing.
const DRAIN_PATIENCE: Duration = Duration::from_secs(2);

fn main() -> ExitCode {
    let args = match args::parse(std::env::args().skip(1)) {
        Ok(Parsed::Run(args)) => args,
        Ok(Parsed::Help) => {
            print!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("chat-bench-uring: {msg}\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("chat-bench-uring: {err}");
            ExitCode::from(1)
        }
    }
}

/// Runs every mode; `Ok(false)` when the reader's byte count did not match.
fn run(args: &Args) -> io::Result<bool> {
    // Two descriptors per connection, plus a few for the rings and epoll.
    sys::ensure_open_files(2 * args.sockets as u64 + 64)?;
    let conns = net::connect(args.sockets)?;
    let fds: Vec<RawFd> = conns.server.iter().map(|s| s.as_raw_fd()).collect();
    let reader = Reader::start(conns.client, args.reader_cpu)?;
    sys::pin_current_thread(args.writer_cpu)?;

    println!(
        "chat-bench-uring: {} loopback TCP sockets, {}-byte frames, {} writes per mode; \
         writer on cpu {}, reader on cpu {}; kernel {}",
        args.sockets,
        args.frame_bytes,
        args.writes,
        args.writer_cpu,
        args.reader_cpu,
        sys::kernel_release()
    );

    let mut bench = Bench {
        fds,
        frame: net::ws_frame(args.frame_bytes),
        reader,
        writer_cpu: args.writer_cpu,
        expected: 0,
        written: 0,
    };
    bench.warm_up()?;

    let mut rows = vec![bench.measure("send".into(), args.writes, |fds, frame| {
        writer::send_frames(fds, frame, args.writes)
    })?];
    match writer::ring(1) {
        Ok(_) => {
            for &k in &args.batches {
                let mut ring = writer::ring(k).map_err(|e| {
                    io::Error::new(e.kind(), format!("io_uring setup ({k} entries): {e}"))
                })?;
                let mode = format!("uring batch {k}");
                rows.push(bench.measure(mode, args.writes, |fds, frame| {
                    writer::uring_frames(&mut ring, fds, frame, args.writes, k)
                })?);
            }
        }
        Err(err) => println!(
            "io_uring unavailable ({err}); see /proc/sys/kernel/io_uring_disabled. \
             Only the send mode was run."
        ),
    }

    print_table(&rows);
    print_elsewhere(&rows, args.writer_cpu);
    let ok = print_check(&rows, &bench, args);
    print_notes();

    // Stop the reader before the server ends close, or it would see EOF.
    let Bench { reader, .. } = bench;
    reader.stop()?;
    drop(conns.server);
    Ok(ok)
}

/// What a mode cost, from just before its first write.
struct Row {
    mode: String,
    writes: u64,
    /// Start of the first write to the return of the last.
    wall: Duration,
    /// Writer thread CPU over the same span.
    user: Duration,
    sys: Duration,
    tally: Tally,
    /// From the first write until the reader has drained everything.
    reader: Duration,
    /// Other threads of this process (io_uring workers, if any) over that span.
    other: Duration,
    /// Softirq time on the writer's CPU over that span, in any context.
    softirq: Option<Duration>,
    /// Bytes the reader had in total after this mode, and should have had.
    received: u64,
    expected: u64,
}

struct Bench {
    fds: Vec<RawFd>,
    frame: Vec<u8>,
    reader: Reader,
    writer_cpu: usize,
    /// Bytes the reader should have received so far, over all modes.
    expected: u64,
    /// Frames written so far, over all modes (warm-up included).
    written: u64,
}

impl Bench {
    fn warm_up(&mut self) -> io::Result<()> {
        let writes = WARM_UP_PER_SOCKET * self.fds.len() as u64;
        writer::send_frames(&self.fds, &self.frame, writes)?;
        self.add_written(writes);
        let got = self.reader.wait_for(self.expected, DRAIN_PATIENCE);
        if got != self.expected {
            return Err(io::Error::other(format!(
                "warm-up: reader got {got} bytes of {}",
                self.expected
            )));
        }
        Ok(())
    }

    fn add_written(&mut self, writes: u64) {
        self.written += writes;
        self.expected += writes * self.frame.len() as u64;
    }

    /// Runs one mode and measures it, then waits for the reader to drain,
    /// so the next mode starts with empty sockets.
    fn measure(
        &mut self,
        mode: String,
        writes: u64,
        body: impl FnOnce(&[RawFd], &[u8]) -> io::Result<Tally>,
    ) -> io::Result<Row> {
        let before = Snapshot::take(self);
        let tally = body(&self.fds, &self.frame)
            .map_err(|e| io::Error::new(e.kind(), format!("{mode}: {e}")))?;
        let wall = before.at.elapsed();
        let (user, sys) = sys::thread_rusage();
        self.add_written(writes);
        let received = self.reader.wait_for(self.expected, DRAIN_PATIENCE);
        let after = Snapshot::take(self);

        let writer_span = (after.writer_user + after.writer_sys)
            .saturating_sub(before.writer_user + before.writer_sys);
        let reader = after.reader.saturating_sub(before.reader);
        Ok(Row {
            mode,
            writes,
            wall,
            user: user.saturating_sub(before.writer_user),
            sys: sys.saturating_sub(before.writer_sys),
            tally,
            reader,
            other: after
                .process
                .saturating_sub(before.process)
                .saturating_sub(writer_span)
                .saturating_sub(reader),
            softirq: after
                .softirq
                .zip(before.softirq)
                .map(|(a, b)| a.saturating_sub(b)),
            received,
            expected: self.expected,
        })
    }
}

/// The clocks read before and after a mode.
struct Snapshot {
    at: Instant,
    writer_user: Duration,
    writer_sys: Duration,
    reader: Duration,
    process: Duration,
    softirq: Option<Duration>,
}

impl Snapshot {
    fn take(bench: &Bench) -> Snapshot {
        let softirq = sys::cpu_softirq(bench.writer_cpu);
        let reader = bench.reader.cpu();
        let process = sys::process_cpu();
        let (writer_user, writer_sys) = sys::thread_rusage();
        Snapshot {
            at: Instant::now(),
            writer_user,
            writer_sys,
            reader,
            process,
            softirq,
        }
    }
}

/// Microseconds per write.
fn per_write(d: Duration, writes: u64) -> f64 {
    d.as_secs_f64() * 1e6 / writes as f64
}

fn print_table(rows: &[Row]) {
    println!();
    println!("Writer thread (all kernel work of a loopback send, receive side included):");
    println!(
        "{:<16} {:>9} {:>7} {:>10} {:>9} {:>9} {:>9} {:>7} {:>10} {:>6} {:>7}",
        "mode",
        "writes",
        "wall s",
        "writes/s",
        "user µs/w",
        "sys µs/w",
        "cpu µs/w",
        "vs send",
        "syscalls/w",
        "EAGAIN",
        "partial"
    );
    let base = rows.first().map(|r| per_write(r.user + r.sys, r.writes));
    for r in rows {
        let cpu = per_write(r.user + r.sys, r.writes);
        let vs = base.map_or("-".to_string(), |b| {
            format!("{:+.0}%", (cpu / b - 1.0) * 100.0)
        });
        println!(
            "{:<16} {:>9} {:>7.3} {:>10.0} {:>9.3} {:>9.3} {:>9.3} {:>7} {:>10.3} {:>6} {:>7}",
            r.mode,
            r.writes,
            r.wall.as_secs_f64(),
            r.writes as f64 / r.wall.as_secs_f64(),
            per_write(r.user, r.writes),
            per_write(r.sys, r.writes),
            cpu,
            vs,
            r.tally.syscalls as f64 / r.writes as f64,
            r.tally.eagain,
            r.tally.partial
        );
    }
}

fn print_elsewhere(rows: &[Row], writer_cpu: usize) {
    println!();
    println!("Elsewhere, µs per write (first write until the reader has drained):");
    println!(
        "{:<16} {:>11} {:>14} {:>16}",
        "mode",
        "reader",
        "other threads",
        format!("softirq cpu{writer_cpu}")
    );
    for r in rows {
        let softirq = r.softirq.map_or("n/a".to_string(), |d| {
            format!("{:.3}", per_write(d, r.writes))
        });
        println!(
            "{:<16} {:>11.3} {:>14.3} {:>16}",
            r.mode,
            per_write(r.reader, r.writes),
            per_write(r.other, r.writes),
            softirq
        );
    }
}

/// Prints the byte check; false on any mismatch.
fn print_check(rows: &[Row], bench: &Bench, args: &Args) -> bool {
    println!();
    let mut ok = true;
    for r in rows.iter().filter(|r| r.received != r.expected) {
        ok = false;
        println!(
            "MISMATCH after {}: reader has {} bytes, expected {} ({} missing)",
            r.mode,
            r.received,
            r.expected,
            r.expected as i128 - r.received as i128
        );
    }
    let total = bench.reader.received();
    if total != bench.expected {
        ok = false;
    }
    println!(
        "reader received {total} bytes; expected {} writes (warm-up included) x {} bytes = {}: {}",
        bench.written,
        args.frame_bytes,
        bench.expected,
        if ok { "verified" } else { "MISMATCH" }
    );
    ok
}

fn print_notes() {
    println!(
        "
Notes: on loopback, sending a segment also runs the receive path (TCP receive
in softirq, waking the reader) in the sender's context, so the writer's sys
time holds both halves in every mode; what differs between rows is the cost
of the syscalls themselves, which is what batching can save. 'softirq' is
tick-sampled from /proc/stat for the writer's CPU (mostly that receive path,
already inside 'sys' when it ran in the writer's context). 'other threads'
would show io_uring worker threads if sends were handed off to them.
User/sys split is tick-sampled; their sum is exact."
    );
}
