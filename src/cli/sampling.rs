//! `hostfit scan --for 10m --every 5s`: whole scans back to back, each measuring CPU over its
//! own interval, under a progress bar on standard error (hidden when it is not a terminal).
//! The first Ctrl-C (or SIGTERM) ends the window early and what was sampled is still written;
//! a second one ends hostfit at once. The figures over the window are the model's arithmetic.

use super::clock;
use super::error::CliError;
use super::output::Interrupt;
use super::scan::SourceArgs;
use crate::model::Snapshot;
use crate::model::history::SampleLog;
use crate::probe;
use crate::report::messages::Msg;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// A progress bar over `total`, counted in seconds, on standard error when it is a terminal.
pub fn progress_bar(total: Duration, label: String) -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(total.as_secs().max(1)), target);
    if let Ok(style) = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} s {msg}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(label);
    bar
}

/// Waits up to `d`, returning early once `interrupt` came.
pub(super) fn pause(d: Duration, interrupt: &Interrupt) {
    interrupt.wait(d);
}

/// Scans the host again and again over `window`, one sample every `every`, and returns the
/// last snapshot with the figures over the window.
pub fn sampled_scan(
    sources: &SourceArgs,
    window: Duration,
    every: Duration,
    msg: &Msg,
) -> Result<Snapshot, CliError> {
    let root = sources.root();
    let (mut config, notes) = super::scan::config_for(sources, clock::now_rfc3339())?;
    let cannot = |e: probe::ProbeError| CliError::Scan {
        root: root.clone(),
        error: e.to_string(),
    };
    let interrupt = Interrupt::catch();
    let bar = progress_bar(window, msg.t("history.progress.sampling"));
    let start = Instant::now();
    // The figures of every sample, and the last snapshot whole.
    let mut log = SampleLog::default();
    let mut last: Snapshot = loop {
        config.taken_at = clock::now_rfc3339();
        let pending = probe::begin(&config, true).map_err(cannot)?;
        let left = window.saturating_sub(start.elapsed());
        pause(every.min(left.max(Duration::from_millis(100))), &interrupt);
        let snapshot = pending.finish().map_err(cannot)?;
        log.push(&snapshot);
        let elapsed = start.elapsed();
        bar.set_position(elapsed.as_secs().min(window.as_secs()));
        bar.set_message(format!("({})", log.len()));
        if interrupt.came() || elapsed + Duration::from_millis(50) >= window {
            break snapshot;
        }
    };
    bar.finish_and_clear();
    let interrupted = interrupt.came();
    drop(interrupt);
    let window_seconds = (start.elapsed().as_secs_f64() * 10.0).round() / 10.0;
    let summary = log.summary(every.as_secs_f64(), window_seconds, interrupted);
    last.sampled = summary;
    last.warnings.extend(notes);
    Ok(last)
}
