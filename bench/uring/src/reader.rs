//! The reader: one thread, pinned to its own CPU, that drains every client
//! socket through epoll and throws the bytes away, as a load generator
//! would. It only counts bytes, so the writer's totals can be checked.

use std::io;
use std::net::TcpStream;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::thread::JoinHandleExt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::sys;

pub struct Reader {
    received: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    handle: JoinHandle<io::Result<()>>,
}

impl Reader {
    /// Starts the thread and waits until it is pinned and polling, so a
    /// failure there is reported before any measurement.
    pub fn start(client: Vec<TcpStream>, cpu: usize) -> io::Result<Reader> {
        let received = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (ready_tx, ready_rx) = mpsc::channel();
        let (count, halt) = (received.clone(), stop.clone());
        let handle = thread::Builder::new()
            .name("reader".into())
            .spawn(move || {
                let epoll = match setup(&client, cpu) {
                    Ok(epoll) => epoll,
                    Err(err) => {
                        let _ = ready_tx.send(Err(err));
                        return Ok(());
                    }
                };
                let _ = ready_tx.send(Ok(()));
                drain(&client, &epoll, &count, &halt)
            })?;
        match ready_rx.recv() {
            Ok(Ok(())) => Ok(Reader {
                received,
                stop,
                handle,
            }),
            Ok(Err(err)) => Err(err),
            Err(_) => Err(io::Error::other("reader thread died while starting")),
        }
    }

    pub fn received(&self) -> u64 {
        self.received.load(Ordering::Relaxed)
    }

    /// The reader thread's CPU time so far.
    pub fn cpu(&self) -> Duration {
        sys::thread_cpu(self.handle.as_pthread_t())
    }

    /// Waits until `expected` bytes have arrived, giving up after `patience`
    /// without progress. Returns what had arrived.
    pub fn wait_for(&self, expected: u64, patience: Duration) -> u64 {
        let mut last = self.received();
        let mut since = Instant::now();
        while last < expected && since.elapsed() < patience {
            thread::sleep(Duration::from_millis(1));
            let now = self.received();
            if now != last {
                (last, since) = (now, Instant::now());
            }
        }
        last
    }

    pub fn stop(self) -> io::Result<()> {
        self.stop.store(true, Ordering::Relaxed);
        self.handle
            .join()
            .map_err(|_| io::Error::other("reader thread panicked"))?
    }
}

fn setup(client: &[TcpStream], cpu: usize) -> io::Result<OwnedFd> {
    sys::pin_current_thread(cpu)?;
    // SAFETY: plain syscall.
    let fd = sys::check(
        unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) },
        "epoll_create1",
    )?;
    // SAFETY: fd was just opened and is owned by nothing else.
    let epoll = unsafe { OwnedFd::from_raw_fd(fd) };
    for (i, stream) in client.iter().enumerate() {
        // Level-triggered: one read per wake-up, the rest comes back on
        // the next epoll_wait.
        let mut ev = libc::epoll_event {
            events: libc::EPOLLIN as u32,
            u64: i as u64,
        };
        // SAFETY: both descriptors are open; ev is valid.
        let ret = unsafe {
            libc::epoll_ctl(
                epoll.as_raw_fd(),
                libc::EPOLL_CTL_ADD,
                stream.as_raw_fd(),
                &mut ev,
            )
        };
        sys::check(ret, "epoll_ctl(ADD)")?;
    }
    Ok(epoll)
}

fn drain(
    client: &[TcpStream],
    epoll: &OwnedFd,
    count: &AtomicU64,
    stop: &AtomicBool,
) -> io::Result<()> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 256];
    while !stop.load(Ordering::Relaxed) {
        // A short timeout so `stop` is noticed while idle.
        // SAFETY: events has room for the length passed.
        let n = unsafe {
            libc::epoll_wait(
                epoll.as_raw_fd(),
                events.as_mut_ptr(),
                events.len() as i32,
                20,
            )
        };
        if n < 0 {
            let err = io::Error::last_os_error();
            if err.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(io::Error::new(err.kind(), format!("epoll_wait: {err}")));
        }
        for ev in &events[..n as usize] {
            let fd = client[ev.u64 as usize].as_raw_fd();
            // SAFETY: fd is open for the thread's life; buf is writable.
            let got = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            match got {
                1.. => {
                    count.fetch_add(got as u64, Ordering::Relaxed);
                }
                0 => {
                    return Err(io::Error::other(
                        "a connection was closed by the writer side",
                    ))
                }
                _ => {
                    let err = io::Error::last_os_error();
                    if err.kind() != io::ErrorKind::WouldBlock
                        && err.kind() != io::ErrorKind::Interrupted
                    {
                        return Err(io::Error::new(err.kind(), format!("read: {err}")));
                    }
                }
            }
        }
    }
    Ok(())
}
