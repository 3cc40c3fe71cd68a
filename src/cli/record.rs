//! `hostfit record --db FILE [--every 30s] [--retain 30d]`: samples the host into its history
//! database until stopped (SIGINT or SIGTERM end it after the sample in hand; SIGKILL loses at
//! most that one). Each sample is one transaction; every five minutes the samples older than
//! two days are rolled up and what is older than the retention goes. Any error of the store
//! (a full disk, a read-only or newer file) ends it with status 2.

use super::args::LangArg;
use super::error::CliError;
use super::output::Interrupt;
use super::sampling::pause;
use super::scan::SourceArgs;
use super::span::{parse_every, parse_positive_span, show_span};
use crate::probe::{self, Sampler, Store};
use crate::report::Lang;
use crate::report::messages::Msg;
use clap::Args;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How often the whole host is scanned again (new workloads, process groups): a whole scan
/// costs as much CPU as a hundred samples.
const RESCAN: Duration = Duration::from_secs(300);
/// How often samples are rolled up and the retention applied.
const MAINTAIN: Duration = Duration::from_secs(300);

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The history database (SQLite), created when it does not exist
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// One sample this often
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_every)]
    pub every: Duration,
    /// Delete what is older than this
    #[arg(long, value_name = "DURATION", default_value = "30d", value_parser = parse_positive_span)]
    pub retain: Duration,
    /// Stop after this long instead of running until stopped
    #[arg(long = "for", value_name = "DURATION", value_parser = parse_positive_span)]
    pub window: Option<Duration>,
    /// Print nothing when starting and stopping
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Say on standard error each sample as it is taken and once it is written (its time in
    /// milliseconds)
    #[arg(long, short = 'v')]
    pub verbose: bool,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Language of the messages; default from LC_ALL, LC_MESSAGES or LANG
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Drops from this process the pages of its read-only file mappings (its code and constants,
/// and the libraries') that the start touched: parsing the command line, the whole scan and
/// opening the database use code a recorder then does not run for minutes. The pages stay in
/// the page cache and come back on their next use. A mapping with anonymous pages (one the
/// loader wrote to before making it read-only) is left alone, so no content can be lost.
fn shed_startup_pages() {
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return;
    };
    let mut mapping: Option<(usize, usize)> = None;
    for line in smaps.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if let [range, perms, _, _, inode, ..] = fields.as_slice()
            && range.contains('-')
            && perms.len() == 4
        {
            mapping = None;
            if *inode != "0" && !perms.contains('w') {
                mapping = range.split_once('-').and_then(|(a, b)| {
                    Some((
                        usize::from_str_radix(a, 16).ok()?,
                        usize::from_str_radix(b, 16).ok()?,
                    ))
                });
            }
            continue;
        }
        if let (Some((start, end)), ["Anonymous:", "0", "kB"]) = (mapping, fields.as_slice()) {
            // SAFETY: a whole mapping of this process from the kernel's own list, read-only,
            // backed by a file and holding no anonymous page: every page is the file's, and
            // MADV_DONTNEED only makes the next use read it from the page cache again.
            let _ = unsafe {
                rustix::mm::madvise(
                    start as *mut std::ffi::c_void,
                    end.saturating_sub(start),
                    rustix::mm::Advice::LinuxDontNeed,
                )
            };
            mapping = None;
        }
    }
}

pub fn run(args: &RecordArgs, lang: Lang) -> Result<(), CliError> {
    let msg = Msg::new(lang);
    let root = args.sources.root();
    let (config, _) = super::scan::config_for(&args.sources, super::clock::now_rfc3339())?;
    let cannot = |e: probe::ProbeError| CliError::Scan {
        root: root.clone(),
        error: e.to_string(),
    };
    let interrupt = Interrupt::catch();
    let mut sampler = Sampler::new(config, RESCAN).map_err(cannot)?;
    let taking = |n: u64, t: i64| {
        if args.verbose {
            eprintln!(
                "{}",
                msg.f(
                    "history.record.taking",
                    &[("n", n.to_string()), ("t", t.to_string())],
                )
            );
        }
    };
    let mut t = now_ms();
    taking(1, t);
    let mut reading = sampler
        .sample(&super::clock::now_rfc3339())
        .map_err(cannot)?;
    // Before SQLite's code comes in: the scan's pages and SQLite's are then not resident together.
    shed_startup_pages();
    let host = sampler
        .snapshot()
        .map(|s| s.host.name.clone())
        .unwrap_or_default();
    let mut store = Store::open_for_recording(&args.db, &host)?;
    let retain_ms = i64::try_from(args.retain.as_millis()).unwrap_or(i64::MAX);
    store.maintain(t, retain_ms)?;
    if !args.quiet {
        eprintln!(
            "{}",
            msg.f(
                "history.record.start",
                &[
                    ("every", show_span(args.every)),
                    ("path", args.db.display().to_string()),
                    ("retain", show_span(args.retain)),
                ],
            )
        );
    }
    shed_startup_pages();
    // The ticks count from here: the first sample's whole scan and opening the store are slow.
    let start = Instant::now();
    let mut samples: u64 = 0;
    let mut maintained = Instant::now();
    let mut tick: u32 = 0;
    loop {
        store.append(t, &reading)?;
        samples += 1;
        if args.verbose {
            eprintln!(
                "{}",
                msg.f(
                    "history.record.sample",
                    &[("n", samples.to_string()), ("t", t.to_string())],
                )
            );
        }
        if maintained.elapsed() >= MAINTAIN {
            store.maintain(t, retain_ms)?;
            maintained = Instant::now();
        }
        tick = tick.saturating_add(1);
        let mut due = args.every.saturating_mul(tick);
        // A sample that took longer than the interval skips the ticks it missed.
        let elapsed = start.elapsed();
        if elapsed > due {
            let behind = elapsed.as_nanos() / args.every.as_nanos().max(1);
            tick = u32::try_from(behind).unwrap_or(u32::MAX).saturating_add(1);
            due = args.every.saturating_mul(tick);
        }
        if args.window.is_some_and(|w| due > w) {
            break;
        }
        pause(due.saturating_sub(start.elapsed()), &interrupt);
        if interrupt.came() {
            break;
        }
        t = now_ms();
        taking(samples + 1, t);
        reading = sampler
            .sample(&super::clock::now_rfc3339())
            .map_err(cannot)?;
    }
    if !args.quiet {
        eprintln!(
            "{}",
            msg.f(
                "history.record.stopped",
                &[("samples", samples.to_string())]
            )
        );
    }
    Ok(())
}
