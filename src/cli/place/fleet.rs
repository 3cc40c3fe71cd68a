//! The fleet `hostfit place` works on: snapshot files (patterns expanded here), a Prometheus
//! server (credentials from the environment, never printed), or the output of `kubectl get
//! nodes,pods -A -o json`; then the labels of `--host-labels`. Host names must be unique.

use super::PlaceArgs;
use super::error::{PlaceError, is_prom_duration, parse_seconds};
use crate::cli::error::CliError;
use crate::cli::input::load_yaml;
use crate::cli::problems::check_yaml;
use crate::cli::read::read_text;
use crate::model::{Fleet, FleetHost, HostLabels, Labels, Snapshot};
use crate::probe::kubernetes::parse_kubernetes;
use crate::probe::prometheus::{Auth, PromSource, assemble, fetch};
use crate::report::Lang;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug)]
pub(super) enum FleetSource {
    Files(Vec<PathBuf>),
    Prometheus(PromSource),
    /// `None` for standard input.
    Kubernetes(Option<PathBuf>),
}

/// Whether a file name matches a pattern of `*` (any run) and `?` (one character).
fn matches(pattern: &[char], name: &[char]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some(('*', rest)) => (0..=name.len()).any(|i| matches(rest, &name[i..])),
        Some(('?', rest)) => !name.is_empty() && matches(rest, &name[1..]),
        Some((c, rest)) => name.first() == Some(c) && matches(rest, &name[1..]),
    }
}

/// The files a `--hosts` value names: itself, or the files of its folder its name matches, sorted.
fn expand(value: &str) -> Result<Vec<PathBuf>, CliError> {
    let path = Path::new(value);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let Some(name) = name.filter(|n| n.contains(['*', '?'])) else {
        return Ok(vec![path.to_path_buf()]);
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let pattern: Vec<char> = name.chars().collect();
    let entries = std::fs::read_dir(&dir).map_err(|source| CliError::Read {
        path: dir.clone(),
        source,
    })?;
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n: Vec<char> = e.file_name().to_string_lossy().chars().collect();
            matches(&pattern, &n) && e.path().is_file()
        })
        .map(|e| dir.join(e.file_name()))
        .collect();
    out.sort();
    if out.is_empty() {
        return Err(CliError::Place(PlaceError::NoHosts {
            pattern: value.to_string(),
        }));
    }
    Ok(out)
}

/// Credentials from the environment: a bearer token, else a user and password.
fn auth_from_env() -> Auth {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if let Some(token) = var("HOSTFIT_PROMETHEUS_TOKEN") {
        Auth::Bearer(token)
    } else if let Some(user) = var("HOSTFIT_PROMETHEUS_USER") {
        Auth::Basic {
            user,
            password: var("HOSTFIT_PROMETHEUS_PASSWORD").unwrap_or_default(),
        }
    } else {
        Auth::None
    }
}

impl FleetSource {
    pub(super) fn of(args: &PlaceArgs) -> Result<FleetSource, CliError> {
        if let Some(url) = &args.prometheus {
            if !is_prom_duration(&args.window) {
                return Err(CliError::Place(PlaceError::BadWindow {
                    value: args.window.clone(),
                }));
            }
            let timeout = parse_seconds(&args.timeout)
                .filter(|s| *s > 0.0)
                .ok_or_else(|| {
                    CliError::Place(PlaceError::BadTime {
                        value: args.timeout.clone(),
                    })
                })?;
            return Ok(FleetSource::Prometheus(PromSource {
                url: url.clone(),
                auth: auth_from_env(),
                timeout: Duration::from_secs_f64(timeout),
                window: args.window.clone(),
            }));
        }
        if let Some(path) = &args.kubernetes {
            let stdin = path.as_os_str() == "-";
            return Ok(FleetSource::Kubernetes((!stdin).then(|| path.clone())));
        }
        let mut files = Vec::new();
        for value in &args.hosts {
            files.extend(expand(value)?);
        }
        Ok(FleetSource::Files(files))
    }

    /// The files read, for `--output` to be compared with.
    pub(super) fn files(&self) -> Vec<PathBuf> {
        match self {
            FleetSource::Files(f) => f.clone(),
            FleetSource::Kubernetes(Some(p)) => vec![p.clone()],
            FleetSource::Kubernetes(None) => vec![PathBuf::from("-")],
            _ => Vec::new(),
        }
    }
}

pub(super) fn load_fleet(
    source: &FleetSource,
    labels: Option<&Path>,
    lang: Lang,
) -> Result<Fleet, CliError> {
    let mut fleet = match source {
        FleetSource::Files(files) => {
            let mut fleet = Fleet::default();
            for path in files {
                let (snapshot, text) = load_yaml::<Snapshot>(path, lang)?;
                check_yaml(path, &text, &snapshot.problems(), lang)?;
                fleet.hosts.push(FleetHost {
                    snapshot,
                    labels: Labels::new(),
                });
            }
            fleet
        }
        FleetSource::Prometheus(p) => {
            let answers = fetch(p).map_err(|e| {
                CliError::Place(PlaceError::Prometheus {
                    url: p.url.clone(),
                    error: e.to_string(),
                })
            })?;
            assemble(&answers, &crate::cli::clock::now_rfc3339())
        }
        FleetSource::Kubernetes(path) => {
            let text = read_text(path.as_deref().unwrap_or(Path::new("-")))?;
            let name = path
                .as_ref()
                .map_or("-".to_string(), |p| p.display().to_string());
            parse_kubernetes(&text, &crate::cli::clock::now_rfc3339())
                .map_err(|error| CliError::Place(PlaceError::Kubernetes { path: name, error }))?
        }
    };
    let mut seen = std::collections::BTreeSet::new();
    for host in &fleet.hosts {
        if !seen.insert(host.name().to_string()) {
            return Err(CliError::Place(PlaceError::DuplicateHost {
                host: host.name().to_string(),
            }));
        }
    }
    if let Some(path) = labels {
        let (labels, _) = load_yaml::<HostLabels>(path, lang)?;
        if let Some(host) = fleet.label(&labels).into_iter().next() {
            return Err(CliError::Place(PlaceError::UnknownLabelHost { host }));
        }
    }
    Ok(fleet)
}
