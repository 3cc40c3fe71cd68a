//! The planner: from a snapshot, a plan and an optional catalog to verdicts per scenario, what
//! fits now, warnings and the options. Pure: no I/O, no clock, no environment, no probes.

pub mod options;
pub mod reconcile;
pub mod scenario;
pub mod search;
pub mod verdict;
pub mod warnings;

pub use options::{Lightweight, Options, PhasedBatch, Upgrade};
pub use reconcile::{Reconciliation, contradictions, reconcile};
pub use scenario::{ScenarioResult, Selection};
pub use verdict::{Capacity, Checks, CpuCheck, DiskCheck, MemoryCheck, Verdict};
pub use warnings::{Warning, WarningCode};

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
    pub warnings: Vec<Warning>,
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
    let capacity = Capacity::of_snapshot(snapshot, &policy);
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
    let scenarios = scenario::evaluate_all(plan, &capacity);
    let ordered_services: Vec<&Service> = ordered.iter().map(|(_, s)| *s).collect();
    let fits_now = scenario::fits_now(&ordered_services, &capacity);
    let fits_tight = scenario::fits_now(&ordered_services, &capacity.without_reserve());
    let mut warnings = warnings::snapshot_warnings(snapshot, &contradictions(snapshot));
    warnings.extend(warnings::plan_warnings(snapshot, plan));
    let options = options::options(
        snapshot,
        &policy,
        &ordered_services,
        &scenarios,
        &fits_now,
        catalog,
        &mut warnings,
    );
    Analysis {
        title: plan.title.clone(),
        policy,
        capacity,
        reconciliation: reconcile(snapshot),
        services,
        scenarios,
        fits_now,
        fits_tight,
        options,
        warnings,
    }
}
