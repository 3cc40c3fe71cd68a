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
    /// Say on standard error each sample once it is written (its time in milliseconds)
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

/// Asks the kernel to take back the pages of the program's read-only file mappings (its code
/// and constants, and the libraries') that the start touched: parsing the command line, the
/// whole scan and opening the database use code a recorder then does not run for minutes. The
/// pages stay on disk and come back on their next use; `MADV_PAGEOUT` only reclaims, so no
/// content is lost even where the loader wrote to a mapping before making it read-only.
fn shed_startup_pages() {
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else {
        return;
    };
    for line in maps.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [range, perms, _, _, inode, ..] = fields.as_slice() else {
            continue;
        };
        if *inode == "0" || perms.contains('w') {
            continue;
        }
        let Some((start, end)) = range.split_once('-') else {
            continue;
        };
        let (Ok(start), Ok(end)) = (
            usize::from_str_radix(start, 16),
            usize::from_str_radix(end, 16),
        ) else {
            continue;
        };
        // SAFETY: the range is a whole mapping of this process, read from the kernel's own
        // list, and MADV_PAGEOUT changes no content: pages are read back on their next use.
        let _ = unsafe {
            rustix::mm::madvise(
                start as *mut std::ffi::c_void,
                end.saturating_sub(start),
                rustix::mm::Advice::LinuxPageOut,
            )
        };
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
    let mut t = now_ms();
    let mut reading = sampler
        .sample(&super::clock::now_rfc3339())
        .map_err(cannot)?;
    // Before SQLite's code comes in: the scan's pages and SQLite's are then not resident together.
    shed_startup_pages();
    // The ticks count from the first sample, which a whole scan makes slower than the rest.
    let start = Instant::now();
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
