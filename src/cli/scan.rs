//! `hostfit scan`: chooses the root and the sources (the Docker socket from `DOCKER_HOST`, a
//! fixture tree's saved replies), times the interval, and writes the snapshot as a table, JSON or
//! YAML. The measuring itself is the probe's; no figure is computed here.

use super::error::CliError;
use super::output::write_output;
use crate::model::{Bytes, Snapshot, Workload};
use crate::probe::{self, DiskSource, EngineSource, ScanConfig, SocketSource};
use clap::{Args, ValueEnum};
use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A fixture tree carries this directory; a live root never does.
const FIXTURE_HOOKS: &str = "hostfit-fixture";

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Measure CPU use over this long: '0' (no CPU figures), '500ms', '1s', '2.5s'
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_interval)]
    pub interval: Duration,
    /// How to write the snapshot: a table to read, or the snapshot format `plan` loads
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: ScanFormat,
    /// Write to this file instead of standard output (written whole or not at all)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Read the host under this directory instead of /
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    Text,
    Json,
    Yaml,
}

/// `0`, `500ms`, `1s`, `2.5s`, `1m`; a bare number is seconds.
pub fn parse_interval(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let (number, scale) = if let Some(n) = t.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 60.0)
    } else {
        (t, 1.0)
    };
    let bad = || format!("'{text}' is not a duration: expected e.g. '0', '500ms', '1s' or '2.5s'");
    let value: f64 = number.trim().parse().map_err(|_| bad())?;
    if !value.is_finite() || value < 0.0 {
        return Err(bad());
    }
    let seconds = value * scale;
    if seconds > 3600.0 {
        return Err(format!("'{text}' is too long: at most one hour"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

pub fn run(args: &ScanArgs) -> Result<(), CliError> {
    let root = args.root.clone().unwrap_or_else(|| PathBuf::from("/"));
    if !root.is_dir() {
        return Err(CliError::Usage(format!(
            "'--root {}' is not a directory",
            root.display()
        )));
    }
    let snapshot = scan_snapshot(&root, args.interval)?;
    let text = render(&snapshot, args.format)?;
    write_output(args.output.as_deref(), text.as_bytes())
}

/// Scans the host under `root`, measuring CPU over `interval`.
pub fn scan_snapshot(root: &Path, interval: Duration) -> Result<Snapshot, CliError> {
    let (config, notes) = config_for(root, now_rfc3339());
    let pending = probe::begin(&config, !interval.is_zero());
    if !interval.is_zero() {
        std::thread::sleep(interval);
    }
    let mut snapshot = pending.finish().map_err(|e| CliError::Other {
        message: format!("cannot scan '{}': {e}", root.display()),
    })?;
    snapshot.warnings.extend(notes);
    Ok(snapshot)
}

/// The probe's sources for `root`: a fixture tree's hooks, else the live ones. Returns the
/// notes about choices the user should hear of (an ignored `DOCKER_HOST`).
fn config_for(root: &Path, taken_at: String) -> (ScanConfig, Vec<String>) {
    let hooks = root.join(FIXTURE_HOOKS);
    let mut notes = Vec::new();
    let fixture = hooks.is_dir();
    let engine = if hooks.join("engine").is_dir() {
        EngineSource::Replies(PathBuf::from(FIXTURE_HOOKS).join("engine"))
    } else {
        let mut sockets = Vec::new();
        if !fixture {
            match std::env::var("DOCKER_HOST") {
                Ok(host) if !host.is_empty() => match host.strip_prefix("unix://") {
                    Some(path) => sockets.push(PathBuf::from(path)),
                    None => notes.push(format!(
                        "DOCKER_HOST '{host}' is not a unix socket: only unix:// is read"
                    )),
                },
                _ => {}
            }
        }
        sockets.push(root.join("var/run/docker.sock"));
        sockets.push(root.join("run/podman/podman.sock"));
        EngineSource::Sockets(sockets)
    };
    let disks = if hooks.join("statvfs").is_file() {
        DiskSource::Table(PathBuf::from(FIXTURE_HOOKS).join("statvfs"))
    } else {
        DiskSource::Statvfs
    };
    // Netlink answers for the host this process runs on: only when that is the root.
    let live = !fixture && root.canonicalize().is_ok_and(|p| p == Path::new("/"));
    let sockets = if live {
        SocketSource::Netlink
    } else {
        SocketSource::Tables
    };
    let config = ScanConfig {
        root: root.to_path_buf(),
        sockets,
        engine,
        disks,
        taken_at,
        ticks_per_second: rustix::param::clock_ticks_per_second(),
    };
    (config, notes)
}

/// Now as `2026-11-28T16:50:07Z`.
fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339(secs)
}

fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rest = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The snapshot in the chosen format.
pub fn render(snapshot: &Snapshot, format: ScanFormat) -> Result<String, CliError> {
    let other = |e: &dyn std::fmt::Display| CliError::Other {
        message: format!("cannot write the snapshot: {e}"),
    };
    match format {
        ScanFormat::Json => serde_json::to_string_pretty(snapshot)
            .map(|s| s + "\n")
            .map_err(|e| other(&e)),
        ScanFormat::Yaml => serde_saphyr::to_string(snapshot).map_err(|e| other(&e)),
        ScanFormat::Text => Ok(render_text(snapshot)),
    }
}

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Disabled);
    t.force_no_tty();
    t.set_header(header.to_vec());
    t
}

fn right(t: &mut Table, from: usize) {
    for i in from..t.column_count() {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "-".to_string())
}

/// The table a person reads.
fn render_text(s: &Snapshot) -> String {
    let h = &s.host;
    let mut out = String::new();
    let _ = writeln!(out, "Host {} at {}", h.name, h.taken_at);
    let interval = h.cpu.interval_seconds.unwrap_or(0.0);
    let _ = writeln!(
        out,
        "CPU: {} cores online, {} busy over {interval} s, quota {}",
        h.cpu.cores.0,
        h.cpu.used,
        h.cpu
            .quota
            .map_or("none".to_string(), |q| format!("{q} cores"))
    );
    let m = &h.memory;
    let _ = writeln!(
        out,
        "Memory: total {}, available {} (MemAvailable), free {}, buff/cache {}, shmem {}, limit {}",
        m.total,
        m.available,
        opt(m.free),
        opt(m.cached),
        opt(m.shmem),
        m.limit.map_or("none".to_string(), |l| l.to_string())
    );
    let _ = writeln!(
        out,
        "Swap: total {}, free {}",
        h.swap.total,
        opt(h.swap.free)
    );
    if let Some(p) = &h.pressure {
        let pct = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.2}%"));
        let _ = writeln!(
            out,
            "Pressure (avg10): cpu some {}, memory some {} full {}, io some {}",
            pct(p.cpu_some_avg10),
            pct(p.memory_some_avg10),
            pct(p.memory_full_avg10),
            pct(p.io_some_avg10)
        );
    }
    let mut disks = table(&["Mount", "Device", "Type", "Total", "Used", "Available"]);
    for d in &h.disks {
        disks.add_row(vec![
            d.mount.clone(),
            opt(d.device.as_deref()),
            opt(d.fstype.as_deref()),
            d.total.to_string(),
            d.used.to_string(),
            d.available.to_string(),
        ]);
    }
    right(&mut disks, 3);
    let _ = writeln!(out, "\nDisks\n{disks}");
    let mut ports = table(&["Port", "Protocol", "Address", "Process"]);
    for p in &h.listening_ports {
        let proto = p.protocol.map(|p| format!("{p:?}").to_lowercase());
        ports.add_row(vec![
            p.port.to_string(),
            opt(proto),
            opt(p.address.as_deref()),
            opt(p.process.as_deref()),
        ]);
    }
    let _ = writeln!(out, "\nListening ports\n{ports}");
    let _ = writeln!(out, "\nWorkloads\n{}", workload_table(&s.workloads));
    let workloads: Bytes = s.workloads.iter().map(|w| w.memory).sum();
    let used = m.total.saturating_sub(m.available);
    let other = i128::from(used.0) - i128::from(workloads.0);
    let _ = writeln!(
        out,
        "\nMemory: total {} = available {} + workloads {} + other {}{:.1} MiB",
        m.total,
        m.available,
        workloads,
        if other < 0 { "-" } else { "" },
        other.unsigned_abs() as f64 / (1024.0 * 1024.0)
    );
    if !s.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings");
        for w in &s.warnings {
            let _ = writeln!(out, "  - {w}");
        }
    }
    out
}

fn workload_table(workloads: &[Workload]) -> Table {
    let mut t = table(&[
        "Kind",
        "Name",
        "Memory",
        "RSS",
        "PSS",
        "Page cache",
        "Mem limit",
        "CPU",
        "CPU limit",
        "Procs",
        "OOM",
        "Ports",
    ]);
    for w in workloads {
        let kind = serde_json::to_value(w.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let ports: Vec<String> = w.ports.iter().map(u16::to_string).collect();
        t.add_row(vec![
            kind,
            w.name.clone(),
            w.memory.to_string(),
            opt(w.rss),
            opt(w.pss),
            opt(w.page_cache),
            opt(w.memory_limit),
            w.cpu.to_string(),
            opt(w.cpu_limit),
            opt(w.processes),
            opt(w.oom_score),
            ports.join(" "),
        ]);
    }
    right(&mut t, 2);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("0"), Ok(Duration::ZERO));
        assert_eq!(parse_interval("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_interval("1s"), Ok(Duration::from_secs(1)));
        assert_eq!(parse_interval("2.5s"), Ok(Duration::from_millis(2500)));
        assert_eq!(parse_interval("2"), Ok(Duration::from_secs(2)));
        for bad in ["", "fast", "-1s", "1h", "NaNs", "inf", "2 weeks", "99999m"] {
            assert!(parse_interval(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_764_348_607), "2025-11-28T16:50:07Z");
    }
}
