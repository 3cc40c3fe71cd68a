//! `hostfit export compose`: the plan's per-service budgets written back where limits live, as
//! a `docker-compose.override.yml` (the default) or as Kubernetes resources. Loads and analyses
//! the plan as `hostfit plan` does, asks `plan::budgets` for the figures and has
//! `report::export` write them.

use super::args::LangArg;
use super::error::{CliError, Rendered};
use super::plan_cmd::{self, PlanConfig, SnapshotSource};
use crate::plan::budgets::{self, Basis};
use crate::report::Lang;
use crate::report::export::{self, ExportInput};
use clap::{Args, Subcommand, ValueEnum};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub command: ExportCommand,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write each service's memory budget and CPU tier as compose limits (or Kubernetes resources)
    Compose(ComposeArgs),
}

#[derive(Debug, Args)]
pub struct ComposeArgs {
    /// The plan (its `services_from` names the compose file)
    #[arg(value_name = "PLAN", required_unless_present = "compose")]
    pub plan: Option<PathBuf>,
    /// The compose file, instead of the plan's `services_from`
    #[arg(long, value_name = "FILE")]
    pub compose: Option<PathBuf>,
    /// The current state of the host, instead of the plan's `host`
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,
    /// A built-in catalog name (aliyun, aws) or a catalog file, instead of the plan's `catalog`
    #[arg(long, value_name = "NAME|PATH")]
    pub catalog: Option<String>,
    /// The scenario whose tiers are written (default: the one the recommendation is about)
    #[arg(long, short = 's', value_name = "NAME")]
    pub scenario: Option<String>,
    /// The option the budgets are for (default: the host as it is when the scenario fits,
    /// else its cheapest fitting upgrade)
    #[arg(long, value_enum)]
    pub option: Option<OptionArg>,
    /// What to write: a docker-compose override, or Kubernetes resources per service
    #[arg(long, value_enum, default_value = "compose")]
    pub to: Target,
    /// Write to this file (e.g. docker-compose.override.yml) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of the comments; default from LC_ALL, LC_MESSAGES or LANG (zh_* gives
    /// Chinese), else English
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OptionArg {
    /// The cheapest type on which the scenario fits
    Upgrade,
    /// What fits now, without buying anything
    Lightweight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// A docker-compose.override.yml setting deploy.resources
    Compose,
    /// resources.requests and resources.limits per service
    Kubernetes,
}

/// The language flag of the command.
pub fn lang_flag(args: &ExportArgs) -> Option<LangArg> {
    match &args.command {
        ExportCommand::Compose(a) => a.lang,
    }
}

/// Runs `hostfit export`.
pub fn run(args: &ExportArgs, lang: Lang) -> Result<(), CliError> {
    let ExportCommand::Compose(a) = &args.command;
    let config = PlanConfig {
        plan: a.plan.clone(),
        compose: a.compose.clone(),
        snapshot: a.snapshot.clone().map(SnapshotSource::File),
        catalog: a.catalog.clone(),
        format: super::args::ReportFormat::Text,
        lang,
        output: None,
        check: false,
        color: false,
        history: None,
    };
    let (loaded, output) = plan_cmd::load(&config, a.output.as_deref())?;
    let basis = a.option.map(|o| match o {
        OptionArg::Upgrade => Basis::Upgrade,
        OptionArg::Lightweight => Basis::Lightweight,
    });
    let figures = budgets::budgets(&loaded.analysis, a.scenario.as_deref(), basis)
        .map_err(CliError::Export)?;
    let compose = loaded.sources.compose.as_ref();
    let names: Option<Vec<String>> =
        compose.map(|c| c.services.services.iter().map(|s| s.name.clone()).collect());
    let replicas = compose.map_or_else(BTreeMap::new, |c| c.services.replicas.clone());
    let source = a
        .plan
        .as_ref()
        .or(a.compose.as_ref())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let input = ExportInput {
        budgets: &figures,
        replicas: &replicas,
        compose_services: names.as_deref(),
        source,
        lang,
    };
    let mut bytes = Vec::new();
    match a.to {
        Target::Compose => export::compose_override(&input, &mut bytes),
        Target::Kubernetes => export::kubernetes(&input, &mut bytes),
    }
    .map_err(|e| CliError::Render {
        what: Rendered::Report,
        error: e.to_string(),
    })?;
    output.write(&bytes)
}
