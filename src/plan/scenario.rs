//! Scenarios: the default one per tier and the plan's own, each summed and judged; and the best
//! choice of what fits now. Pure.

use super::room::Room;
use super::search::{self, Candidate, Choice, Item};
use super::verdict::{Capacity, Checks, Verdict};
use crate::model::{EngineBasis, Needs, PlanFile, Service, Tier};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioResult {
    pub name: String,
    pub tier: Tier,
    /// `default` (one per tier) or `plan` (from the plan's `scenarios`).
    pub origin: &'static str,
    pub services: Vec<String>,
    /// The tier each service is counted at (a service without the asked tier uses its nearest lower one).
    pub tiers_used: BTreeMap<String, Tier>,
    #[serde(skip)]
    pub needs: Needs,
    #[serde(skip)]
    pub demands: Vec<(String, Tier, Needs)>,
    pub verdict: Verdict,
    /// What the databases among the workloads are budgeted at in this verdict.
    pub engines: EngineBasis,
    #[serde(flatten)]
    pub checks: Checks,
}

/// The scenarios to judge: one per tier that any service has, then the plan's own.
pub fn scenario_specs(plan: &PlanFile) -> Vec<(String, Tier, Vec<String>, &'static str)> {
    let ordered: Vec<String> = super::by_priority(plan)
        .into_iter()
        .map(|(_, s)| s.name.clone())
        .collect();
    let mut specs: Vec<(String, Tier, Vec<String>, &'static str)> = Tier::ALL
        .into_iter()
        .filter(|t| plan.services.iter().any(|s| s.tiers.get(*t).is_some()))
        .map(|t| (t.key().to_string(), t, ordered.clone(), "default"))
        .collect();
    specs.extend(
        plan.scenarios
            .iter()
            .map(|s| (s.name.clone(), s.tier, s.services.clone(), "plan")),
    );
    specs
}

pub fn evaluate_all(plan: &PlanFile, capacity: &Capacity) -> Vec<ScenarioResult> {
    scenario_specs(plan)
        .into_iter()
        .map(|(name, tier, names, origin)| {
            let mut seen = std::collections::BTreeSet::new();
            let demands: Vec<(String, Tier, Needs)> = names
                .iter()
                .filter(|n| seen.insert(n.as_str()))
                .filter_map(|n| plan.services.iter().find(|s| &s.name == n))
                .filter_map(|s| {
                    s.tiers
                        .resolve(tier)
                        .map(|(t, needs)| (s.name.clone(), t, *needs))
                })
                .collect();
            let needs: Needs = demands.iter().map(|(_, _, n)| *n).sum();
            let checks = capacity.check(&needs);
            ScenarioResult {
                name,
                tier,
                origin,
                services: demands.iter().map(|(n, _, _)| n.clone()).collect(),
                tiers_used: demands.iter().map(|(n, t, _)| (n.clone(), *t)).collect(),
                needs,
                demands,
                verdict: checks.verdict(),
                engines: EngineBasis::Now,
                checks,
            }
        })
        .collect()
}

/// A choice for every service: deployed at its lowest tier, replaced by an alternative, or out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    /// Deployed at their lowest tier, most important first.
    pub services: Vec<(String, Tier)>,
    /// Service -> the alternative chosen for it.
    pub alternatives: BTreeMap<String, String>,
    pub left_out: Vec<String>,
    pub needs: Needs,
    pub checks: Option<Checks>,
    /// Whether the search proved this the best choice (it stops at a node budget).
    pub proven_optimal: bool,
    /// When not proven: per priority class, the services that could be covered at most.
    pub bound: Option<Vec<(u32, u64)>>,
}

/// The options a service offers to the search, in the order ties are broken (leaving it out is
/// always possible and not listed).
pub fn candidates(service: &Service) -> Vec<Candidate> {
    let mut out = Vec::new();
    if let Some((_, needs)) = service.tiers.lowest() {
        out.push(Candidate {
            choice: Choice::Deploy,
            needs: *needs,
        });
    }
    out.extend(
        service
            .alternatives
            .iter()
            .enumerate()
            .map(|(i, a)| Candidate {
                choice: Choice::Alternative(i),
                needs: a.needs,
            }),
    );
    out
}

/// The best choice under `capacity` by the one rule: the most services of the most important
/// priority class first, then of the next, then the fewest alternatives. `services` come with
/// their priority, most important first. Exact unless the search meets its node budget, which
/// the result says.
pub fn fits_now(services: &[(u32, &Service)], capacity: &Capacity) -> Selection {
    let items: Vec<Item> = services
        .iter()
        .map(|(class, s)| Item {
            class: *class,
            options: candidates(s),
        })
        .collect();
    let outcome = search::best_choice(&items, &Room::of(capacity), search::NODE_BUDGET);
    let plain: Vec<&Service> = services.iter().map(|(_, s)| *s).collect();
    let mut out = selection(&plain, &outcome.choices, capacity);
    out.proven_optimal = outcome.proven_optimal;
    out.bound = outcome.bound;
    out
}

pub fn selection(services: &[&Service], choices: &[Choice], capacity: &Capacity) -> Selection {
    let mut out = Selection {
        proven_optimal: true,
        ..Selection::default()
    };
    for (service, choice) in services.iter().zip(choices) {
        match choice {
            Choice::Deploy => {
                if let Some((tier, needs)) = service.tiers.lowest() {
                    out.services.push((service.name.clone(), tier));
                    out.needs = out.needs + *needs;
                }
            }
            Choice::Alternative(i) => {
                if let Some(a) = service.alternatives.get(*i) {
                    out.alternatives
                        .insert(service.name.clone(), a.name.clone());
                    out.needs = out.needs + a.needs;
                }
            }
            Choice::Out => out.left_out.push(service.name.clone()),
        }
    }
    out.checks = Some(capacity.check(&out.needs));
    out
}
