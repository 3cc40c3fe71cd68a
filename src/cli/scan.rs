//! `hostfit scan`: chooses the root and the sources (live system calls for `/`; for a tree, its
//! files and what `--df` and `--engine-replies` recorded on its host; the Docker socket from
//! `DOCKER_HOST`), times the interval, and writes the snapshot as JSON or YAML, or has
//! `report::scan` write it as tables in en or zh. The measuring itself is the probe's; no figure
//! is computed and no word of the table is chosen here.

use super::args::LangArg;
use super::error::{CliError, Rendered};
use super::output::Output;
use crate::model::{ScanWarning, Snapshot};
use crate::probe::{
    self, ArchSource, Connect, DiskSource, EngineLimits, EngineSource, ScanConfig, Secret,
    SocketSource, warning,
};
use crate::report::{self, Lang};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The page size assumed for a tree, which does not record its own.
const TREE_PAGE_SIZE: u64 = 4096;

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Measure CPU use over this long: '0' (no CPU figures), '500ms', '1s', '2.5s'
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = super::span::parse_interval)]
    pub interval: Duration,
    /// How to write the snapshot: a table to read, or the snapshot format `plan` loads
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: ScanFormat,
    /// Write to this file instead of standard output (written whole or not at all)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Sample over this long instead of once ('10m', '1h'): the snapshot then carries now,
    /// p50, p95, p99 and max of each figure (and the minimum of available memory). Ctrl-C
    /// ends the window early and still writes what was sampled
    #[arg(long = "for", value_name = "DURATION", value_parser = super::span::parse_positive_span)]
    pub window: Option<Duration>,
    /// With --for: one sample this often, each measuring CPU over its own interval
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = super::span::parse_every, requires = "window")]
    pub every: Duration,
    #[command(flatten)]
    pub sources: SourceArgs,
    /// Language of the text table; default from LC_ALL, LC_MESSAGES or LANG (zh_* gives
    /// Chinese), else English. JSON and YAML are the same in every language
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Where a scan reads the host: `hostfit scan` and `hostfit plan --live` take the same flags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct SourceArgs {
    /// Read the host under this directory instead of / (a mounted host, a container's view, a
    /// captured tree); only / itself is measured with system calls
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Disks from this file: the output of 'df -P -B1' (or 'df --output=target,size,used,avail
    /// -B1') taken on the host. Under --root other than /, disks are not measured without it
    #[arg(long, value_name = "FILE")]
    pub df: Option<PathBuf>,
    /// Containers from recorded Docker Engine API replies in this directory ('containers/json'
    /// and 'containers/ID/json') instead of asking a socket, to replay a captured host
    #[arg(long, value_name = "DIR")]
    pub engine_replies: Option<PathBuf>,
    /// Read a database's live settings from the server itself: ENGINE=DSN, ENGINE one of
    /// postgresql, mysql (also MariaDB), redis; e.g. 'redis=redis://127.0.0.1:6379'. Repeat
    /// for more. The DSN holds no password: it is read from HOSTFIT_ENGINE_PASSWORD, or the
    /// file HOSTFIT_ENGINE_PASSWORD_FILE names (ENGINE in capitals: POSTGRESQL, MYSQL, REDIS),
    /// and never printed
    #[arg(long, value_name = "ENGINE=DSN")]
    pub connect: Vec<String>,
}

impl SourceArgs {
    /// The files read, for `--output` to be compared with.
    pub fn files(&self) -> Vec<PathBuf> {
        self.df.iter().cloned().collect()
    }

    /// The directories read (the recorded replies, a tree other than `/`), which `--output`
    /// must not be inside.
    pub fn dirs(&self) -> Vec<PathBuf> {
        self.engine_replies
            .iter()
            .chain(self.root.iter())
            .cloned()
            .collect()
    }

    /// The directory that stands for `/`.
    pub fn root(&self) -> PathBuf {
        self.root.clone().unwrap_or_else(|| PathBuf::from("/"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    Text,
    Json,
    Yaml,
}

/// Runs `hostfit scan`; `lang` words the text table. The output is made ready before the scan,
/// so that an unwritable `--output` is said before the interval is waited out.
pub fn run(args: &ScanArgs, lang: Lang) -> Result<(), CliError> {
    let mut inputs: Vec<&Path> = Vec::new();
    if let Some(df) = &args.sources.df {
        inputs.push(df);
    }
    let root = args.sources.root();
    if !root.is_dir() {
        return Err(CliError::RootNotDir { root });
    }
    let output = Output::open_outside(args.output.as_deref(), &inputs, &args.sources.dirs())?;
    let snapshot = match args.window {
        Some(window) => super::sampling::sampled_scan(
            &args.sources,
            window,
            args.every,
            &crate::report::messages::Msg::new(lang),
        )?,
        None => scan_snapshot(&args.sources, args.interval)?,
    };
    let bytes = render(&snapshot, args.format, lang)?;
    output.write(&bytes)
}

/// Scans the host the sources describe, measuring CPU over `interval`.
pub fn scan_snapshot(sources: &SourceArgs, interval: Duration) -> Result<Snapshot, CliError> {
    let root = sources.root();
    let (config, notes) = config_for(sources, super::clock::now_rfc3339())?;
    let cannot = |e: probe::ProbeError| CliError::Scan {
        root: root.clone(),
        error: e.to_string(),
    };
    let pending = probe::begin(&config, !interval.is_zero()).map_err(cannot)?;
    if !interval.is_zero() {
        std::thread::sleep(interval);
    }
    let mut snapshot = pending.finish().map_err(cannot)?;
    snapshot.warnings.extend(notes);
    Ok(snapshot)
}

/// The probe's sources: system calls (statvfs, netlink, uname) for the root `/` of this
/// machine only; a tree's own files and the recordings the flags name otherwise. Returns the
/// notes about choices the user should hear of (an ignored `DOCKER_HOST`).
pub(super) fn config_for(
    sources: &SourceArgs,
    taken_at: String,
) -> Result<(ScanConfig, Vec<ScanWarning>), CliError> {
    let root = sources.root();
    if !root.is_dir() {
        return Err(CliError::RootNotDir { root });
    }
    let live = root.canonicalize().is_ok_and(|p| p == Path::new("/"));
    let mut notes = Vec::new();
    let engine = match &sources.engine_replies {
        Some(dir) if !dir.is_dir() => {
            return Err(CliError::FlagNotDir {
                flag: "--engine-replies",
                path: dir.clone(),
            });
        }
        Some(dir) => EngineSource::Replies(dir.clone()),
        None => {
            let mut sockets = Vec::new();
            // DOCKER_HOST names an engine of this machine: not the one of a tree.
            if live {
                match std::env::var("DOCKER_HOST") {
                    Ok(host) if !host.is_empty() => match host.strip_prefix("unix://") {
                        Some(path) => sockets.push(PathBuf::from(path)),
                        None => notes.push(warning::docker_host_ignored(&host)),
                    },
                    _ => {}
                }
            }
            sockets.push(root.join("var/run/docker.sock"));
            sockets.push(root.join("run/podman/podman.sock"));
            EngineSource::Sockets(sockets)
        }
    };
    let disks = match &sources.df {
        Some(path) => {
            let text = super::read::read_text(path)?;
            let lines = probe::parse_df(&text).map_err(|e| CliError::DfInvalid {
                path: path.clone(),
                error: e.to_string(),
            })?;
            DiskSource::Df(lines)
        }
        None if live => DiskSource::Statvfs,
        None => DiskSource::NotMeasured,
    };
    // Netlink answers for the host this process runs on: only when that is the root.
    let sockets = if live {
        SocketSource::Netlink
    } else {
        SocketSource::Tables
    };
    let config = ScanConfig {
        root,
        sockets,
        engine,
        engine_limits: EngineLimits::default(),
        disks,
        taken_at,
        ticks_per_second: rustix::param::clock_ticks_per_second(),
        // A tree does not say its page size: 4 KiB, as on x86_64 and most arm64 kernels.
        arch: if live {
            ArchSource::Uname
        } else {
            ArchSource::Tree
        },
        page_size: if live {
            rustix::param::page_size() as u64
        } else {
            TREE_PAGE_SIZE
        },
        connect: connects(&sources.connect)?,
    };
    Ok((config, notes))
}

/// The `--connect` values read, each with its password from the environment or the file the
/// environment names.
fn connects(values: &[String]) -> Result<Vec<Connect>, CliError> {
    values
        .iter()
        .map(|v| {
            let mut c = probe::parse_connect(v).map_err(|reason| CliError::Connect { reason })?;
            let variable = probe::password_variable(c.engine);
            c.password = match std::env::var(&variable) {
                Ok(p) if !p.is_empty() => Some(Secret::new(p)),
                _ => match std::env::var_os(format!("{variable}_FILE")) {
                    Some(path) if !path.is_empty() => {
                        let text = super::read::read_text(Path::new(&path))?;
                        Some(Secret::new(text.trim_end_matches(['\r', '\n'])))
                    }
                    _ => None,
                },
            };
            Ok(c)
        })
        .collect()
}

/// The snapshot in the chosen format; `lang` matters to the text table only.
pub fn render(snapshot: &Snapshot, format: ScanFormat, lang: Lang) -> Result<Vec<u8>, CliError> {
    let other = |e: &dyn std::fmt::Display| CliError::Render {
        what: Rendered::Snapshot,
        error: e.to_string(),
    };
    match format {
        ScanFormat::Json => serde_json::to_string_pretty(snapshot)
            .map(|s| (s + "\n").into_bytes())
            .map_err(|e| other(&e)),
        ScanFormat::Yaml => serde_saphyr::to_string(snapshot)
            .map(String::into_bytes)
            .map_err(|e| other(&e)),
        ScanFormat::Text => {
            let mut out = Vec::new();
            report::scan::write_text(snapshot, lang, &mut out).map_err(|e| other(&e))?;
            Ok(out)
        }
    }
}
