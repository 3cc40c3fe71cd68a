//! `hostfit place`: the plan read and checked, the fleet loaded (snapshot files, Prometheus or
//! `kubectl` output, with labels), the time budget turned into steps, the placement run and its
//! report rendered and written whole. The placement itself is `plan::place`'s.

mod error;
mod fleet;

pub use error::PlaceError;

use super::args::{LangArg, OutputArgs, ReportFormat};
use super::error::{CliError, Rendered};
use super::input::parse_yaml;
use super::output::Output;
use super::read::{join_relative, read_text};
use crate::model::{PlanFile, Tier};
use crate::plan::place::{PlaceInput, Settings, place};
use crate::report::Lang;
use crate::report::place::{PlaceReport, PlaceReportInput};
use clap::{Args, ValueEnum};
use fleet::{FleetSource, load_fleet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Steps of local search per second of `--time`, measured on a 2-core machine with 10,000
/// replicas on 1,500 hosts (bench/place.sh (b)); a step is one test in plain numbers of one
/// replica against one host's room (a test by every rule counts as five).
pub const STEPS_PER_SECOND: f64 = 200_000_000.0;

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("source").required(true).args(["hosts", "prometheus", "kubernetes"]))]
pub struct PlaceArgs {
    /// The plan: services with replicas, spread, on, not_on, requires (YAML)
    #[arg(value_name = "PLAN")]
    pub plan: PathBuf,
    /// Snapshot files, one per host; a pattern such as 'snapshots/*.json' is expanded here
    #[arg(long, value_name = "FILE|PATTERN", num_args = 1..)]
    pub hosts: Vec<String>,
    /// A Prometheus server whose node_exporter (and cAdvisor) metrics describe the hosts;
    /// credentials from HOSTFIT_PROMETHEUS_TOKEN, or HOSTFIT_PROMETHEUS_USER and
    /// HOSTFIT_PROMETHEUS_PASSWORD
    #[arg(long, value_name = "URL")]
    pub prometheus: Option<String>,
    /// With --prometheus: the window peaks are taken over (a Prometheus duration)
    #[arg(
        long,
        value_name = "DURATION",
        default_value = "7d",
        requires = "prometheus"
    )]
    pub window: String,
    /// With --prometheus: the most one query may take
    #[arg(
        long,
        value_name = "DURATION",
        default_value = "10s",
        requires = "prometheus"
    )]
    pub timeout: String,
    /// The output of 'kubectl get nodes,pods -A -o json' ('-' for standard input)
    #[arg(long, value_name = "FILE|-")]
    pub kubernetes: Option<PathBuf>,
    /// Labels per host (YAML: host name -> {label: value}) for the services' `requires`
    #[arg(long, value_name = "FILE")]
    pub host_labels: Option<PathBuf>,
    /// A built-in catalog name (aliyun, aws) or a catalog file, to price new instances
    #[arg(long, value_name = "NAME|PATH")]
    pub catalog: Option<String>,
    /// The tier to place each service at (its nearest lower one); default its lowest
    #[arg(long, value_enum)]
    pub tier: Option<TierArg>,
    /// Time for the local search, as steps that take about that long (deterministic)
    #[arg(long, value_name = "DURATION", default_value = "1s")]
    pub time: String,
    /// Seed of the local search
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Also: how many more copies of this service each host takes after the placement
    #[arg(long, value_name = "SERVICE")]
    pub count: Option<String>,
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: ReportFormat,
    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TierArg {
    Minimum,
    Standard,
    Ideal,
}

impl PlaceArgs {
    pub fn lang(&self) -> Option<LangArg> {
        self.out.lang
    }
}

fn settings(args: &PlaceArgs) -> Result<Settings, CliError> {
    let seconds = error::parse_seconds(&args.time).ok_or_else(|| {
        CliError::Place(PlaceError::BadTime {
            value: args.time.clone(),
        })
    })?;
    Ok(Settings {
        tier: args.tier.map(|t| match t {
            TierArg::Minimum => Tier::Minimum,
            TierArg::Standard => Tier::Standard,
            TierArg::Ideal => Tier::Ideal,
        }),
        steps: (seconds * STEPS_PER_SECOND) as u64,
        seed: args.seed,
        count: args.count.clone(),
        ..Settings::default()
    })
}

/// Runs `hostfit place`; status 0 when the report is written.
pub fn run(args: &PlaceArgs, lang: Lang) -> Result<u8, CliError> {
    let settings = settings(args)?;
    let text = read_text(&args.plan)?;
    let mut plan: PlanFile = parse_yaml(&args.plan, &text, lang)?;
    // A compose file's services join the plan's, each replica placed on its own.
    let compose = match &plan.services_from {
        Some(rel) => {
            let base = match args.plan.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let mut c = super::compose::load(&join_relative(&base, Path::new(rel)), lang)?;
            c.services = c.services.as_replicas();
            Some(c)
        }
        None => None,
    };
    super::compose::merge_and_check(
        &mut plan,
        Some((args.plan.as_path(), text.as_str())),
        compose.as_ref(),
        lang,
    )?;
    if let Some(name) = args
        .count
        .as_ref()
        .filter(|n| !plan.services.iter().any(|s| &s.name == *n))
    {
        return Err(CliError::Place(PlaceError::UnknownService {
            service: name.clone(),
        }));
    }
    let source = FleetSource::of(args)?;
    let mut inputs = vec![args.plan.clone()];
    inputs.extend(compose.as_ref().map(|c| c.path.clone()));
    inputs.extend(source.files());
    inputs.extend(args.host_labels.clone());
    let output = Output::open(args.out.output.as_deref(), &inputs)?;
    let fleet = load_fleet(&source, args.host_labels.as_deref(), lang)?;
    let base = args.plan.parent().map(PathBuf::from).unwrap_or_default();
    let catalog = match (&args.catalog, &plan.catalog) {
        (Some(spec), _) => Some(super::catalog::resolve_catalog(
            spec,
            &PathBuf::from("."),
            lang,
        )?),
        (None, Some(spec)) => Some(super::catalog::resolve_catalog(spec, &base, lang)?),
        (None, None) => None,
    };
    let placement = place(&PlaceInput {
        fleet: &fleet,
        plan: &plan,
        catalog: catalog.as_ref(),
        settings: &settings,
    });
    let input = PlaceReportInput {
        placement: &placement,
        title: plan.title.as_deref(),
        lang,
        color: args.format == ReportFormat::Text
            && args.out.output.is_none()
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none(),
    };
    let writer: &dyn PlaceReport = match args.format {
        ReportFormat::Text => &crate::report::place::text::Text,
        ReportFormat::Markdown => &crate::report::place::markdown::Markdown,
        ReportFormat::Json => &crate::report::place::json::Json,
        ReportFormat::Html => &crate::report::place::html::Html,
    };
    let mut bytes = Vec::new();
    writer
        .write(&input, &mut bytes)
        .map_err(|e| CliError::Render {
            what: Rendered::Report,
            error: e.to_string(),
        })?;
    output.write(&bytes)?;
    Ok(0)
}
