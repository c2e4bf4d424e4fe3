//! Thin wrappers over the libc calls the benchmark needs: CPU pinning,
//! the open-file limit, and the CPU-time clocks it reads.

use std::io;
use std::mem;
use std::time::Duration;

/// Turns a libc return value (-1 and `errno` on failure) into a `Result`.
pub fn check(ret: libc::c_int, what: &str) -> io::Result<libc::c_int> {
    if ret == -1 {
        let err = io::Error::last_os_error();
        Err(io::Error::new(err.kind(), format!("{what}: {err}")))
    } else {
        Ok(ret)
    }
}

/// Pins the calling thread to one CPU, so the writer and the reader never
/// share a core and their CPU times stay apart.
pub fn pin_current_thread(cpu: usize) -> io::Result<()> {
    if cpu >= libc::CPU_SETSIZE as usize {
        return Err(io::Error::other(format!("cpu {cpu} is out of range")));
    }
    // SAFETY: cpu_set_t is a plain bit set; all-zero is the empty set.
    let mut set: libc::cpu_set_t = unsafe { mem::zeroed() };
    // SAFETY: cpu was checked against CPU_SETSIZE above.
    unsafe { libc::CPU_SET(cpu, &mut set) };
    // SAFETY: set is a valid cpu_set_t of the size passed; 0 = this thread.
    let ret = unsafe { libc::sched_setaffinity(0, mem::size_of_val(&set), &set) };
    check(
        ret,
        &format!("sched_setaffinity to cpu {cpu} (is it online and allowed?)"),
    )
    .map(drop)
}

/// Raises the soft open-file limit to at least `needed` (two descriptors
/// per connection), up to the hard limit.
pub fn ensure_open_files(needed: u64) -> io::Result<()> {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: lim is a valid rlimit to fill in.
    check(
        unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) },
        "getrlimit(RLIMIT_NOFILE)",
    )?;
    if lim.rlim_cur >= needed {
        return Ok(());
    }
    if lim.rlim_max < needed {
        return Err(io::Error::other(format!(
            "need {needed} open files but the hard limit is {} (raise it with ulimit -Hn)",
            lim.rlim_max
        )));
    }
    lim.rlim_cur = needed;
    // SAFETY: lim is a valid rlimit.
    check(
        unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &lim) },
        "setrlimit(RLIMIT_NOFILE)",
    )
    .map(drop)
}

/// The calling thread's user and system CPU time. The total is exact (the
/// scheduler's runtime); the kernel splits it into user and system in the
/// ratio of the timer ticks that landed in each, so the split is a sample.
pub fn thread_rusage() -> (Duration, Duration) {
    // SAFETY: all-zero is a valid rusage to fill in.
    let mut ru: libc::rusage = unsafe { mem::zeroed() };
    // SAFETY: ru is valid; RUSAGE_THREAD cannot fail for the calling thread.
    let ret = unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut ru) };
    check(ret, "getrusage(RUSAGE_THREAD)").expect("Linux supports RUSAGE_THREAD since 2.6.26");
    (timeval(ru.ru_utime), timeval(ru.ru_stime))
}

fn timeval(tv: libc::timeval) -> Duration {
    Duration::from_secs(tv.tv_sec as u64) + Duration::from_micros(tv.tv_usec as u64)
}

/// CPU time of another thread of this process (the reader), read from
/// here through its CPU-time clock.
pub fn thread_cpu(thread: libc::pthread_t) -> Duration {
    let mut clock: libc::clockid_t = 0;
    // SAFETY: thread is a live thread of this process (the caller keeps
    // its JoinHandle), clock is valid to fill in.
    let ret = unsafe { libc::pthread_getcpuclockid(thread, &mut clock) };
    assert_eq!(ret, 0, "pthread_getcpuclockid failed for a live thread");
    clock_time(clock)
}

/// CPU time of the whole process: all threads, io_uring's workers included.
pub fn process_cpu() -> Duration {
    clock_time(libc::CLOCK_PROCESS_CPUTIME_ID)
}

fn clock_time(clock: libc::clockid_t) -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: ts is valid to fill in.
    let ret = unsafe { libc::clock_gettime(clock, &mut ts) };
    check(ret, "clock_gettime").expect("CPU-time clocks exist on Linux");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Time one CPU has spent in softirq (the loopback receive path among
/// others), from /proc/stat; `None` where that file cannot be read.
/// Tick-sampled, so only meaningful over a second or more.
pub fn cpu_softirq(cpu: usize) -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let label = format!("cpu{cpu}");
    let line = stat
        .lines()
        .find(|line| line.split_whitespace().next() == Some(label.as_str()))?;
    // Fields after the label: user nice system idle iowait irq softirq ...
    let ticks: u64 = line.split_whitespace().nth(7)?.parse().ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    (hz > 0).then(|| Duration::from_secs_f64(ticks as f64 / hz as f64))
}

/// The running kernel's release, for the header line.
pub fn kernel_release() -> String {
    std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "unknown".into())
}
