//! The planner: from a snapshot, a plan and an optional catalog to verdicts per scenario, what
//! fits now, warnings and the options. Pure: no I/O, no clock, no environment, no probes.

pub mod budgets;
pub mod engines;
pub mod forecast;
pub mod history;
pub mod oom;
pub mod options;
pub mod place;
pub mod profile;
pub mod reconcile;
pub mod room;
pub mod scenario;
pub mod search;
pub mod verdict;
pub mod warnings;

pub use engines::{EngineBudget, EngineLine};
pub use oom::OomVictim;
pub use options::{
    Action, Gate, Lightweight, Options, PhasedBatch, PhasedOnUpgrade, RaiseLimit, Reason,
    Recommendation, Risk, TuneStep, Tuning, Upgrade,
};
pub use reconcile::{Reconciliation, contradictions, reconcile};
pub use scenario::{ScenarioResult, Selection};
pub use verdict::{Capacity, Checks, CpuCheck, DiskCheck, MemoryCheck, Verdict};
pub use warnings::{Value, Warning, WarningCode};

use crate::model::{Catalog, Needs, PlanFile, Policy, Service, SizeRange, Snapshot, Tier};

/// Everything a report shows, computed once.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub title: Option<String>,
    pub policy: Policy,
    pub capacity: Capacity,
    pub reconciliation: Reconciliation,
    pub services: Vec<ServiceInfo>,
    pub scenarios: Vec<ScenarioResult>,
    pub fits_now: Selection,
    pub fits_tight: Selection,
    pub options: Options,
    /// The one action advised, for the main scenario; `None` only for a plan without scenarios.
    pub recommendation: Option<Recommendation>,
    pub warnings: Vec<Warning>,
    /// The databases among the workloads, and what each is budgeted at.
    pub engines: EngineBudget,
    /// The OOM killer's order of the workloads, when a scenario is tight or does not fit.
    pub oom_order: Vec<OomVictim>,
    /// What a recorded history added (`hostfit plan --history`): the basis, the forecast and
    /// the verdicts ahead; `None` for a plan on one snapshot.
    pub history: Option<history::HistoryAnalysis>,
}

/// A service as the reports show it, in priority order.
#[derive(Debug, Clone)]
pub struct ServiceInfo {
    pub name: String,
    pub purpose: Option<String>,
    pub port: Option<u16>,
    pub priority: u32,
    pub tiers: Vec<(Tier, Needs)>,
    pub parts: Vec<(String, SizeRange)>,
    pub parts_sum: Option<SizeRange>,
    pub alternatives: Vec<(String, Option<String>, Needs)>,
}

/// The plan's services, most important first: by priority, then by their order in the file.
pub fn by_priority(plan: &PlanFile) -> Vec<(u32, &Service)> {
    let mut ordered: Vec<(u32, usize, &Service)> = plan
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.priority.unwrap_or(i as u32 + 1), i, s))
        .collect();
    ordered.sort_by_key(|(p, i, _)| (*p, *i));
    ordered.into_iter().map(|(p, _, s)| (p, s)).collect()
}

/// The whole analysis of one plan on one host.
pub fn analyze(snapshot: &Snapshot, plan: &PlanFile, catalog: Option<&Catalog>) -> Analysis {
    let policy = plan.policy;
    let verdict::Planned {
        capacity,
        host,
        burstable,
        engines,
    } = verdict::planned(snapshot, &policy, catalog);
    let ordered = by_priority(plan);
    let services = ordered
        .iter()
        .map(|(priority, s)| ServiceInfo {
            name: s.name.clone(),
            purpose: s.purpose.clone(),
            port: s.port,
            priority: *priority,
            tiers: s.tiers.present().map(|(t, n)| (t, *n)).collect(),
            parts: s.parts.iter().map(|p| (p.name.clone(), p.memory)).collect(),
            parts_sum: s.parts_sum(),
            alternatives: s
                .alternatives
                .iter()
                .map(|a| (a.name.clone(), a.purpose.clone(), a.needs))
                .collect(),
        })
        .collect();
    let mut scenarios = scenario::evaluate_all(plan, &capacity);
    for s in &mut scenarios {
        s.engines = engines.basis;
    }
    let fits_now = scenario::fits_now(&ordered, &capacity);
    let fits_tight = scenario::fits_now(&ordered, &capacity.without_reserve());
    let mut warnings = warnings::snapshot_warnings(snapshot, &contradictions(snapshot));
    if let Some(t) = burstable {
        warnings.push(warnings::burstable_host(
            &t.name,
            t.vcpus,
            t.baseline(),
            t.planning_cores(),
        ));
    }
    warnings.extend(warnings::plan_warnings(snapshot, plan));
    warnings.extend(warnings::engine_warnings(&engines.lines));
    let squeezed = scenarios.iter().any(|s| s.verdict != Verdict::Fits);
    let oom_order = if squeezed {
        oom::order(snapshot)
    } else {
        Vec::new()
    };
    warnings.extend(oom_order.first().and_then(warnings::database_first_oom));
    let (mut options, recommendation) = options::options(
        &options::OptionsInput {
            snapshot,
            policy: &policy,
            base: &capacity,
            host: &host,
            services: &ordered,
            phases: &plan.phases,
            scenarios: &scenarios,
            fits_now: &fits_now,
            catalog,
        },
        &mut warnings,
    );
    options.tuning = options::tuning::tuning(&scenarios, &capacity, &engines);
    let mut reconciliation = reconcile(snapshot);
    reconciliation.engines = engines.basis;
    reconciliation.engine_growth = engines.growth;
    Analysis {
        title: plan.title.clone(),
        policy,
        capacity,
        reconciliation,
        services,
        scenarios,
        fits_now,
        fits_tight,
        options,
        recommendation,
        warnings,
        engines,
        oom_order,
        history: None,
    }
}

#[cfg(test)]
mod tests;
