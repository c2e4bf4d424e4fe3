//! Command-line options, parsed by hand (two integers and a list do not
//! need a parser crate).

pub const USAGE: &str = "usage: chat-bench-uring [options]
  --sockets N        loopback TCP connections the frames are spread over (default 1000)
  --frame-bytes B    bytes per frame, WebSocket header included (default 130)
  --writes W         frames written in each mode (default 1000000)
  --batches LIST     io_uring batch sizes, comma-separated, each <= sockets
                     (default 1,8,32,128, those <= sockets)
  --writer-cpu C     CPU the writer (this program's main thread) is pinned to (default 0)
  --reader-cpu C     CPU the reader thread is pinned to (default 1)
";

#[derive(Debug, Clone)]
pub struct Args {
    pub sockets: usize,
    pub frame_bytes: usize,
    pub writes: u64,
    pub batches: Vec<usize>,
    pub writer_cpu: usize,
    pub reader_cpu: usize,
}

impl Default for Args {
    fn default() -> Self {
        Args {
            sockets: 1000,
            frame_bytes: 130,
            writes: 1_000_000,
            batches: vec![1, 8, 32, 128],
            writer_cpu: 0,
            reader_cpu: 1,
        }
    }
}

/// What the command line asked for: a run, or the usage text.
pub enum Parsed {
    Run(Args),
    Help,
}

pub fn parse(argv: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let mut args = Args::default();
    let mut it = argv.into_iter();
    let mut batches_given = false;
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Ok(Parsed::Help);
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--sockets" => args.sockets = number(&flag, &value)?,
            "--frame-bytes" => args.frame_bytes = number(&flag, &value)?,
            "--writes" => args.writes = number(&flag, &value)?,
            "--batches" => {
                batches_given = true;
                args.batches = value
                    .split(',')
                    .map(|part| number(&flag, part.trim()))
                    .collect::<Result<_, _>>()?
            }
            "--writer-cpu" => args.writer_cpu = number(&flag, &value)?,
            "--reader-cpu" => args.reader_cpu = number(&flag, &value)?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if !batches_given {
        // The default list adapts to fewer sockets; an explicit one is checked.
        let sockets = args.sockets;
        args.batches.retain(|&k| k <= sockets);
    }
    check(&args)?;
    Ok(Parsed::Run(args))
}

/// Parses a non-negative integer; `_` may group digits (`1_000_000`).
fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .replace('_', "")
        .parse()
        .map_err(|_| format!("{flag}: not a number: {value:?}"))
}

fn check(args: &Args) -> Result<(), String> {
    if args.sockets == 0 || args.frame_bytes == 0 || args.writes == 0 {
        return Err("--sockets, --frame-bytes and --writes must be at least 1".into());
    }
    if args.frame_bytes > u32::MAX as usize {
        return Err("--frame-bytes is too large".into());
    }
    // A batch goes to K *different* sockets, as a fan-out to K recipients
    // would; more than N would put two frames for one socket in one batch,
    // whose order io_uring does not promise.
    if let Some(&k) = args.batches.iter().find(|&&k| k == 0 || k > args.sockets) {
        return Err(format!(
            "--batches: {k} is not between 1 and --sockets ({})",
            args.sockets
        ));
    }
    if args.writer_cpu == args.reader_cpu {
        return Err("--writer-cpu and --reader-cpu must differ".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &str) -> Result<Args, String> {
        match parse(line.split_whitespace().map(String::from))? {
            Parsed::Run(args) => Ok(args),
            Parsed::Help => Err("help".into()),
        }
    }

    #[test]
    fn defaults_and_overrides() {
        let args = run("").expect("defaults parse");
        assert_eq!(args.sockets, 1000);
        assert_eq!(args.batches, vec![1, 8, 32, 128]);
        let args = run("--sockets 64 --writes 1_000 --batches 4,64").expect("parses");
        assert_eq!((args.sockets, args.writes), (64, 1000));
        assert_eq!(args.batches, vec![4, 64]);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(run("--sockets 8 --batches 16").is_err());
        let args = run("--sockets 16").expect("default batches shrink to fit");
        assert_eq!(args.batches, vec![1, 8]);
        assert!(run("--writer-cpu 1 --reader-cpu 1").is_err());
        assert!(run("--writes").is_err());
        assert!(run("--frobnicate 3").is_err());
    }
}
