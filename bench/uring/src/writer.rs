//! The two ways of writing frames to the server-side sockets, round robin
//! (frame i goes to socket i mod N, as a fan-out to N recipients does):
//! one `send(2)` per frame, or batches of K io_uring `IORING_OP_SEND`s
//! submitted with one `io_uring_enter(2)`.

use std::io;
use std::mem;
use std::os::fd::RawFd;

use io_uring::{opcode, types, IoUring};

/// What one mode's writing cost in syscalls, and how often the kernel did
/// not take a whole frame at once.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// Every syscall the writer made: send, io_uring_enter, and poll
    /// after EAGAIN.
    pub syscalls: u64,
    /// Sends refused with EAGAIN (socket send buffer full), then retried.
    pub eagain: u64,
    /// Sends that took only part of the frame; the rest was sent again.
    pub partial: u64,
}

/// The flags a server's `send` uses (Rust's std and mio pass the same): no
/// SIGPIPE on a closed peer. Used in both modes so they do the same work.
const SEND_FLAGS: libc::c_int = libc::MSG_NOSIGNAL;

/// Mode `send`: one `send(2)` per frame.
pub fn send_frames(fds: &[RawFd], frame: &[u8], writes: u64) -> io::Result<Tally> {
    let mut tally = Tally::default();
    for i in 0..writes {
        send_one(fds[(i % fds.len() as u64) as usize], frame, &mut tally)?;
    }
    Ok(tally)
}

fn send_one(fd: RawFd, frame: &[u8], tally: &mut Tally) -> io::Result<()> {
    let mut off = 0;
    while off < frame.len() {
        let rest = &frame[off..];
        tally.syscalls += 1;
        // SAFETY: fd is an open socket; rest is valid for its length.
        let sent = unsafe { libc::send(fd, rest.as_ptr().cast(), rest.len(), SEND_FLAGS) };
        if sent == 0 {
            return Err(io::Error::new(
                io::ErrorKind::WriteZero,
                "send took 0 bytes",
            ));
        }
        if sent > 0 {
            if (sent as usize) < rest.len() {
                tally.partial += 1;
            }
            off += sent as usize;
            continue;
        }
        let err = io::Error::last_os_error();
        match err.kind() {
            io::ErrorKind::WouldBlock => {
                tally.eagain += 1;
                wait_writable(fd, tally)?;
            }
            io::ErrorKind::Interrupted => {}
            _ => return Err(io::Error::new(err.kind(), format!("send: {err}"))),
        }
    }
    Ok(())
}

/// After EAGAIN: sleep until the socket has room rather than spin, so a
/// full buffer does not show up as writer CPU.
fn wait_writable(fd: RawFd, tally: &mut Tally) -> io::Result<()> {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLOUT,
        revents: 0,
    };
    tally.syscalls += 1;
    // SAFETY: pfd is one valid pollfd.
    let ret = unsafe { libc::poll(&mut pfd, 1, 1000) };
    if ret < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
        let err = io::Error::last_os_error();
        return Err(io::Error::new(err.kind(), format!("poll: {err}")));
    }
    Ok(())
}

/// A ring with room for `batch` submissions (the kernel rounds up to a
/// power of two; the completion queue is twice that).
pub fn ring(batch: usize) -> io::Result<IoUring> {
    let entries = batch.next_power_of_two().max(1);
    IoUring::new(entries as u32)
}

/// Mode `uring batch K`: K sends to K consecutive sockets, one
/// `submit_and_wait(K)`, then the K completions are checked.
pub fn uring_frames(
    ring: &mut IoUring,
    fds: &[RawFd],
    frame: &[u8],
    writes: u64,
    batch: usize,
) -> io::Result<Tally> {
    let mut tally = Tally::default();
    // (socket, bytes of the frame already sent) per send still to do;
    // reused across batches so the loop does not allocate.
    let mut pending: Vec<(RawFd, usize)> = Vec::with_capacity(batch);
    let mut again: Vec<(RawFd, usize)> = Vec::with_capacity(batch);
    let mut next = 0u64;
    while next < writes {
        let k = (writes - next).min(batch as u64);
        pending.clear();
        pending.extend((next..next + k).map(|i| (fds[(i % fds.len() as u64) as usize], 0)));
        next += k;
        // Normally one round; EAGAIN or a partial send adds another for
        // just those sockets, before the next batch so each socket's
        // bytes stay in order.
        while !pending.is_empty() {
            submit_round(ring, &pending, frame, &mut again, &mut tally)?;
            mem::swap(&mut pending, &mut again);
            again.clear();
        }
    }
    Ok(tally)
}

/// Submits one send per entry of `pending`, waits for all of them, and
/// puts the ones to redo in `again`.
fn submit_round(
    ring: &mut IoUring,
    pending: &[(RawFd, usize)],
    frame: &[u8],
    again: &mut Vec<(RawFd, usize)>,
    tally: &mut Tally,
) -> io::Result<()> {
    {
        let mut sq = ring.submission();
        for (slot, &(fd, off)) in pending.iter().enumerate() {
            let rest = &frame[off..];
            let sqe = opcode::Send::new(types::Fd(fd), rest.as_ptr(), rest.len() as u32)
                .flags(SEND_FLAGS)
                .build()
                .user_data(slot as u64);
            // SAFETY: the frame outlives the request: this function waits
            // for every completion before it returns.
            unsafe { sq.push(&sqe) }
                .map_err(|_| io::Error::other("io_uring submission queue full"))?;
        }
    }
    let mut reaped = 0;
    while reaped < pending.len() {
        // The first call submits and waits; a second is only needed if a
        // signal cut the wait short.
        enter(ring, pending.len() - reaped, tally)?;
        for cqe in ring.completion() {
            reaped += 1;
            let (fd, off) = pending[cqe.user_data() as usize];
            let want = frame.len() - off;
            match cqe.result() {
                n if n >= 0 && n as usize == want => {}
                n if n > 0 => {
                    tally.partial += 1;
                    again.push((fd, off + n as usize));
                }
                n if n == -libc::EAGAIN => {
                    tally.eagain += 1;
                    wait_writable(fd, tally)?;
                    again.push((fd, off));
                }
                n if n == -libc::EINTR => again.push((fd, off)),
                0 => {
                    return Err(io::Error::new(
                        io::ErrorKind::WriteZero,
                        "io_uring send took 0 bytes",
                    ))
                }
                n => {
                    let err = io::Error::from_raw_os_error(-n);
                    return Err(io::Error::new(err.kind(), format!("io_uring send: {err}")));
                }
            }
        }
    }
    Ok(())
}

/// One `io_uring_enter`: submit what is queued, wait for `want` completions.
fn enter(ring: &IoUring, want: usize, tally: &mut Tally) -> io::Result<()> {
    loop {
        tally.syscalls += 1;
        match ring.submit_and_wait(want) {
            Ok(_) => return Ok(()),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => {
                return Err(io::Error::new(err.kind(), format!("io_uring_enter: {err}")));
            }
        }
    }
}
