//! The command line as clap sees it. Nothing below `cli` sees these types: `config` turns them
//! into validated settings.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "hostfit",
    version,
    about = "Will these new services fit on this server, and if not, what exactly should we do?"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Weigh the services of a plan against a host: verdicts, what fits now, and the options
    Plan(PlanArgs),
    /// Measure this host (or a fixture tree) and its workloads, writing a snapshot
    Scan(super::scan::ScanArgs),
    /// List a catalog of instance types, or import one from a provider's price file
    Catalog(super::catalog::CatalogArgs),
    /// Write the plan's per-service budgets back as docker-compose limits or Kubernetes resources
    Export(super::export::ExportArgs),
    /// Write a commented starter plan.yaml (and with --live a snapshot of this host)
    Init(super::init::InitArgs),
    /// Print the completion script of a shell
    Completions(super::shell::CompletionsArgs),
    /// Print the man page, made from the same definitions as --help
    Man(super::shell::ManArgs),
    /// Place the services of a plan across a fleet (snapshots, Prometheus or kubectl output),
    /// explain what does not fit, and price new instances for the rest
    Place(super::place::PlaceArgs),
    /// Sample this host into a history database until stopped (see docs/history.md)
    Record(super::record::RecordArgs),
    /// Summarize a history database per workload, with the forecast of growth
    History(super::history::HistoryArgs),
    /// Measure what a service really needs and print a plan entry with its tiers
    Profile(super::profile::ProfileArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Markdown,
    Json,
    /// One self-contained page with charts (inline CSS and SVG, no script)
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Zh,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Language of the report; default from LC_ALL, LC_MESSAGES or LANG (zh_* gives Chinese), else English
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Write the report to this file instead of standard output (written whole or not at all)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The plan: the services to add, their tiers, the policy and scenarios (YAML)
    #[arg(value_name = "PLAN", required_unless_present = "compose")]
    pub plan: Option<PathBuf>,
    /// Add the services of this docker-compose file (instead of the plan's `services_from`)
    #[arg(long, value_name = "FILE")]
    pub compose: Option<PathBuf>,
    /// The current state of the host, instead of the plan's `host`
    #[arg(long, value_name = "FILE", conflicts_with = "live")]
    pub snapshot: Option<PathBuf>,
    /// Scan this host now instead of reading a snapshot
    #[arg(long)]
    pub live: bool,
    /// With --live: read the host under this directory instead of / (as 'hostfit scan --root')
    #[arg(long, value_name = "DIR", requires = "live")]
    pub root: Option<PathBuf>,
    /// With --live: disks from the output of 'df -P -B1' in this file (as 'hostfit scan --df')
    #[arg(long, value_name = "FILE", requires = "live")]
    pub df: Option<PathBuf>,
    /// With --live: containers from recorded Engine API replies in this directory (as
    /// 'hostfit scan --engine-replies')
    #[arg(long, value_name = "DIR", requires = "live")]
    pub engine_replies: Option<PathBuf>,
    /// With --live: read a database's live settings from the server (as 'hostfit scan
    /// --connect'); the password from HOSTFIT_ENGINE_PASSWORD or HOSTFIT_ENGINE_PASSWORD_FILE
    /// (ENGINE in capitals), never here
    #[arg(long, value_name = "ENGINE=DSN", requires = "live")]
    pub connect: Vec<String>,
    /// A built-in catalog name (aliyun, aws) or a catalog file, instead of the plan's `catalog`
    #[arg(long, value_name = "NAME|PATH")]
    pub catalog: Option<String>,
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: ReportFormat,
    #[command(flatten)]
    pub out: OutputArgs,
    /// Exit with status 1 when any scenario does not fit
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub history: HistoryPlanArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BasisArg {
    Now,
    P50,
    P95,
    P99,
    Max,
}

impl BasisArg {
    pub fn basis(self) -> crate::model::Basis {
        use crate::model::Basis;
        match self {
            BasisArg::Now => Basis::Now,
            BasisArg::P50 => Basis::P50,
            BasisArg::P95 => Basis::P95,
            BasisArg::P99 => Basis::P99,
            BasisArg::Max => Basis::Max,
        }
    }
}

/// Planning on a recorded history instead of one moment.
#[derive(Debug, Clone, Args)]
pub struct HistoryPlanArgs {
    /// Judge on this history database ('hostfit record'): available memory, CPU busy and each
    /// workload's figures come from it, the rest from the snapshot
    #[arg(long = "history", value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// With --history: the window read, back from now
    #[arg(long, value_name = "DURATION", default_value = "7d", value_parser = super::span::parse_positive_span, requires = "db")]
    pub window: std::time::Duration,
    /// With --history: memory on this basis: 'max' is the least available memory seen, 'p99'
    /// the level it stayed above 99% of the time, 'now' the last sample
    #[arg(long, value_enum, default_value = "max", requires = "db")]
    pub basis: BasisArg,
    /// With --history: CPU busy on this basis
    #[arg(long, value_enum, default_value = "p95", requires = "db")]
    pub cpu_basis: BasisArg,
    /// With --history: judge the scenarios also against the available memory this far ahead,
    /// at the rate fitted over the window ('30d'), and say which verdicts change
    #[arg(long, value_name = "DURATION", value_parser = super::span::parse_positive_span, requires = "db")]
    pub ahead: Option<std::time::Duration>,
}
