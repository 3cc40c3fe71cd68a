//! `hostfit plan`: read the plan, make the output ready (refusing one that is an input), read the
//! snapshot (or scan live) and the catalog, run the planner, render the report, and turn
//! `--check` into an exit status.

use super::args::{PlanArgs, ReportFormat};
use super::compose::ComposeSource;
use super::error::{CliError, InputError, Rendered};
use super::input::{load_yaml, parse_yaml};
use super::output::Output;
use super::problems::check_yaml;
use super::read::{join_relative, read_text};
use super::scan::SourceArgs;
use super::spans::SpanMap;
use crate::model::{Catalog, FieldPath, PlanFile, Snapshot};
use crate::plan::{self, Verdict};
use crate::report::messages::Msg;
use crate::report::{self, Lang, Report, ReportInput};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where the current state comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum SnapshotSource {
    File(PathBuf),
    Live(SourceArgs),
}

/// `hostfit plan` settings, validated.
#[derive(Debug, Clone)]
pub struct PlanConfig {
    /// The plan; without one, the services come from `compose` alone.
    pub plan: Option<PathBuf>,
    /// A compose file whose services are added, instead of the plan's `services_from`.
    pub compose: Option<PathBuf>,
    pub snapshot: Option<SnapshotSource>,
    pub catalog: Option<String>,
    pub format: ReportFormat,
    pub lang: Lang,
    pub output: Option<PathBuf>,
    pub check: bool,
    pub color: bool,
    /// `--history`: the database and how to read it.
    pub history: Option<(PathBuf, plan::history::HistorySettings)>,
}

impl PlanConfig {
    pub fn from_args(args: &PlanArgs, lang: Lang) -> PlanConfig {
        let snapshot = if let Some(path) = &args.snapshot {
            Some(SnapshotSource::File(path.clone()))
        } else if args.live {
            Some(SnapshotSource::Live(SourceArgs {
                root: args.root.clone(),
                df: args.df.clone(),
                engine_replies: args.engine_replies.clone(),
                connect: args.connect.clone(),
            }))
        } else {
            None
        };
        PlanConfig {
            plan: args.plan.clone(),
            compose: args.compose.clone(),
            snapshot,
            catalog: args.catalog.clone(),
            format: args.format,
            lang,
            color: args.format == ReportFormat::Text
                && args.out.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none(),
            output: args.out.output.clone(),
            check: args.check,
            history: args.history.db.clone().map(|db| {
                (
                    db,
                    plan::history::HistorySettings {
                        window_seconds: args.history.window.as_secs_f64(),
                        memory_basis: args.history.basis.basis(),
                        cpu_basis: args.history.cpu_basis.basis(),
                        ahead_seconds: args.history.ahead.map(|d| d.as_secs_f64()),
                    },
                )
            }),
        }
    }
}

fn base_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The plan, read and checked, and where the rest comes from.
pub struct Sources {
    /// The plan file's text; empty without a plan file.
    text: String,
    pub plan: PlanFile,
    /// The compose file the services come from, when any.
    pub compose: Option<ComposeSource>,
    snapshot: SnapshotSource,
    /// The catalog's name or file, and the folder a file name is relative to.
    catalog: Option<(String, PathBuf)>,
}

impl Sources {
    pub fn read(config: &PlanConfig) -> Result<Sources, CliError> {
        let (text, mut plan) = match &config.plan {
            Some(path) => {
                let text = read_text(path)?;
                let plan: PlanFile = parse_yaml(path, &text, config.lang)?;
                (text, plan)
            }
            None => (String::new(), PlanFile::default()),
        };
        let base = config
            .plan
            .as_deref()
            .map_or_else(|| PathBuf::from("."), base_dir);
        let compose_path = match (&config.compose, &plan.services_from) {
            (Some(path), _) => Some(path.clone()),
            (None, Some(rel)) => Some(join_relative(&base, Path::new(rel))),
            (None, None) => None,
        };
        let compose = match compose_path {
            Some(path) => Some(super::compose::load(&path, config.lang).map_err(|e| {
                at_plan_key(config, &text, config.compose.is_none(), "services_from", e)
            })?),
            None => None,
        };
        let place = config.plan.as_deref().map(|p| (p, text.as_str()));
        super::compose::merge_and_check(&mut plan, place, compose.as_ref(), config.lang)?;
        let snapshot = match (&config.snapshot, &plan.host) {
            (Some(s), _) => s.clone(),
            (None, Some(host)) => SnapshotSource::File(join_relative(&base, Path::new(host))),
            (None, None) => SnapshotSource::Live(SourceArgs::default()),
        };
        let catalog = match (&config.catalog, &plan.catalog) {
            (Some(spec), _) => Some((spec.clone(), PathBuf::from("."))),
            (None, Some(spec)) => Some((spec.clone(), base)),
            (None, None) => None,
        };
        Ok(Sources {
            text,
            plan,
            compose,
            snapshot,
            catalog,
        })
    }

    /// The files read, for `--output` to be compared with.
    fn files(&self, config: &PlanConfig) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = config.plan.iter().cloned().collect();
        files.extend(self.compose.iter().map(|c| c.path.clone()));
        match &self.snapshot {
            SnapshotSource::File(path) => files.push(path.clone()),
            SnapshotSource::Live(sources) => files.extend(sources.files()),
        }
        if let Some(path) = self
            .catalog
            .as_ref()
            .and_then(|(spec, base)| super::catalog::catalog_file(spec, base))
        {
            files.push(path);
        }
        files
    }
}

/// The snapshot (read, or scanned live) and the catalog the plan or the flags name.
fn load_rest(
    config: &PlanConfig,
    sources: &Sources,
) -> Result<(Snapshot, Option<Catalog>), CliError> {
    let text = &sources.text;
    let from_plan = config.snapshot.is_none();
    let snapshot = match &sources.snapshot {
        SnapshotSource::File(path) => {
            let (snapshot, snapshot_text) = load_yaml::<Snapshot>(path, config.lang)
                .map_err(|e| at_plan_key(config, text, from_plan, "host", e))?;
            check_yaml(path, &snapshot_text, &snapshot.problems(), config.lang)?;
            snapshot
        }
        SnapshotSource::Live(sources) => {
            super::scan::scan_snapshot(sources, Duration::from_secs(1))?
        }
    };
    let from_plan = config.catalog.is_none();
    let catalog = match &sources.catalog {
        Some((spec, base)) => Some(
            super::catalog::resolve_catalog(spec, base, config.lang)
                .map_err(|e| at_plan_key(config, text, from_plan, "catalog", e))?,
        ),
        None => None,
    };
    Ok((snapshot, catalog))
}

/// A file the plan names that cannot be read or found is reported at the plan's line that names
/// it; errors inside that file keep their own location.
fn at_plan_key(
    config: &PlanConfig,
    text: &str,
    from_plan: bool,
    key: &str,
    e: CliError,
) -> CliError {
    let message = match &e {
        CliError::Read { .. }
        | CliError::TooLarge { .. }
        | CliError::NotRegular { .. }
        | CliError::UnknownCatalog { .. }
        | CliError::CatalogFormat { .. } => e.sentence(&Msg::new(config.lang)),
        _ => return e,
    };
    let place = SpanMap::of_yaml(text).value(&FieldPath::keys(&[key]));
    match (place, &config.plan) {
        (Some(p), Some(plan)) if from_plan => {
            InputError::at(plan, text, p.line, p.column, message).into()
        }
        _ => e,
    }
}

/// Renders one report into memory, so nothing is written unless all of it is ready.
pub fn render(format: ReportFormat, input: &ReportInput<'_>) -> Result<Vec<u8>, CliError> {
    let mut buffer = Vec::new();
    let writer: &dyn Report = match format {
        ReportFormat::Text => &report::text::Text,
        ReportFormat::Markdown => &report::markdown::Markdown,
        ReportFormat::Json => &report::json::Json,
        ReportFormat::Html => &report::html::Html,
    };
    writer
        .write(input, &mut buffer)
        .map_err(|e| CliError::Render {
            what: Rendered::Report,
            error: e.to_string(),
        })?;
    Ok(buffer)
}

/// A plan loaded with everything it names, and analysed.
pub struct Loaded {
    pub sources: Sources,
    pub snapshot: Snapshot,
    pub analysis: plan::Analysis,
}

/// Reads the plan (and its compose file), makes `output` ready (refusing one that is an
/// input), reads the snapshot and the catalog, and runs the planner.
pub fn load(config: &PlanConfig, output: Option<&Path>) -> Result<(Loaded, Output), CliError> {
    let sources = Sources::read(config)?;
    let dirs = match &sources.snapshot {
        SnapshotSource::Live(live) => live.dirs(),
        SnapshotSource::File(_) => Vec::new(),
    };
    let mut inputs = sources.files(config);
    inputs.extend(config.history.as_ref().map(|(db, _)| db.clone()));
    let out = Output::open_outside(output, &inputs, &dirs)?;
    let (mut snapshot, catalog) = load_rest(config, &sources)?;
    let analysis = match &config.history {
        Some((db, settings)) => {
            let window = Duration::from_secs_f64(settings.window_seconds);
            let history = super::history::read_window(db, window)?;
            snapshot = plan::history::at_basis(&snapshot, &history, settings);
            plan::history::analyze_with_history(
                &snapshot,
                &sources.plan,
                catalog.as_ref(),
                &history,
                settings,
            )
        }
        None => plan::analyze(&snapshot, &sources.plan, catalog.as_ref()),
    };
    let loaded = Loaded {
        sources,
        snapshot,
        analysis,
    };
    Ok((loaded, out))
}

/// Runs `hostfit plan`; returns the exit status (0, or 1 under `--check` when a scenario does not fit).
pub fn run(config: &PlanConfig) -> Result<u8, CliError> {
    let (loaded, output) = load(config, config.output.as_deref())?;
    let (snapshot, analysis) = (&loaded.snapshot, &loaded.analysis);
    let input = ReportInput {
        analysis,
        snapshot,
        lang: config.lang,
        color: config.color,
    };
    let bytes = render(config.format, &input)?;
    let failed = analysis
        .scenarios
        .iter()
        .any(|s| s.verdict == Verdict::DoesNotFit);
    let status = if config.check && failed { 1 } else { 0 };
    // A reader that closed the pipe has what it wanted; the verdict still stands.
    match output.write(&bytes) {
        Err(e) if !e.is_broken_pipe() => Err(e),
        _ => Ok(status),
    }
}
