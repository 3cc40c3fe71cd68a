//! Scenarios: the default one per tier and the plan's own, each summed and judged; and the best
//! choice of what fits now. Pure.

use super::search::{self, Candidate, Choice, CoverByPriority};
use super::verdict::{Capacity, Checks, Verdict};
use crate::model::{Needs, PlanFile, Service, Tier};
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
            let demands: Vec<(String, Tier, Needs)> = names
                .iter()
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
}

/// The options a service offers to the search, in the order ties are broken.
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
    out.push(Candidate {
        choice: Choice::Out,
        needs: Needs::default(),
    });
    out
}

/// The best choice under `capacity`: the most important services covered first, then the fewest
/// alternatives. Exact.
pub fn fits_now(services: &[&Service], capacity: &Capacity) -> Selection {
    let options: Vec<Vec<Candidate>> = services.iter().map(|s| candidates(s)).collect();
    let best = search::best_choice(&options, capacity, Needs::default(), &CoverByPriority);
    selection(services, &best, capacity)
}

pub fn selection(services: &[&Service], choices: &[Choice], capacity: &Capacity) -> Selection {
    let mut out = Selection::default();
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
