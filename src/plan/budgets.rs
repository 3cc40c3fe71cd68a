//! Per-service budgets for one scenario, to write back as container limits: each service's
//! tier (its request) and its memory limit, the tier plus a share of the memory left, shared in
//! proportion to the tiers' memory (the rule the upgrade option uses). On the host as it is
//! when the scenario fits, on the planner's cheapest fitting upgrade, or for the lightweight
//! option (what fits now). Pure.

use super::Analysis;
use super::options::recommend::main_scenario;
use super::verdict::Verdict;
use crate::model::{Bytes, Needs, Tier};
use std::collections::BTreeMap;

/// Which host the budgets are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The host as it is; the scenario fits on it.
    AsIs,
    /// The cheapest type on which the scenario fits.
    Upgrade,
    /// What fits now: each service at its lowest tier, an alternative, or left out.
    Lightweight,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Budgets {
    /// The scenario; `None` for the lightweight option, which is not one.
    pub scenario: Option<String>,
    pub basis: Basis,
    /// The type moved to, for an upgrade.
    pub instance: Option<String>,
    pub services: Vec<ServiceBudget>,
    /// Service -> the alternative that replaces it (lightweight).
    pub replaced: BTreeMap<String, String>,
    /// Services not deployed (lightweight).
    pub left_out: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceBudget {
    pub name: String,
    pub tier: Tier,
    /// The tier's figures: what the service is planned to need.
    pub request: Needs,
    /// The memory limit: the tier plus its share of what is left.
    pub memory_limit: Bytes,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BudgetError {
    UnknownScenario {
        name: String,
        known: Vec<String>,
    },
    /// No type of the catalog (or no catalog) carries the scenario.
    NoUpgrade {
        scenario: String,
    },
    /// The scenario does not fit as the host is, and no option was chosen.
    DoesNotFit {
        scenario: String,
        verdict: Verdict,
    },
}

/// Each demand's memory plus a share of `left`, in proportion to its memory (equal shares when
/// every demand is zero), rounded down.
pub fn share_out(demands: &[(String, Tier, Needs)], left: u64) -> Vec<(String, Bytes)> {
    let total: u64 = demands.iter().map(|(_, _, n)| n.memory.0).sum();
    demands
        .iter()
        .map(|(name, _, n)| {
            let share = if total > 0 {
                n.memory.0 as f64 / total as f64
            } else {
                1.0 / demands.len().max(1) as f64
            };
            (
                name.clone(),
                n.memory + Bytes((left as f64 * share).floor() as u64),
            )
        })
        .collect()
}

fn with_limits(
    demands: &[(String, Tier, Needs)],
    limits: &BTreeMap<String, Bytes>,
) -> Vec<ServiceBudget> {
    demands
        .iter()
        .map(|(name, tier, needs)| ServiceBudget {
            name: name.clone(),
            tier: *tier,
            request: *needs,
            memory_limit: limits.get(name).copied().unwrap_or(needs.memory),
        })
        .collect()
}

/// The budgets of `scenario` (default: the one the recommendation is about) on `basis`
/// (default: as the host is when the scenario fits, else its cheapest fitting upgrade).
pub fn budgets(
    a: &Analysis,
    scenario: Option<&str>,
    basis: Option<Basis>,
) -> Result<Budgets, BudgetError> {
    if basis == Some(Basis::Lightweight) {
        return Ok(lightweight(a));
    }
    let s = match scenario {
        Some(name) => a.scenarios.iter().find(|s| s.name == name),
        None => main_scenario(&a.scenarios),
    }
    .ok_or_else(|| BudgetError::UnknownScenario {
        name: scenario.unwrap_or_default().to_string(),
        known: a.scenarios.iter().map(|s| s.name.clone()).collect(),
    })?;
    let basis = match basis {
        Some(b) => b,
        None if s.verdict == Verdict::Fits => Basis::AsIs,
        None if a
            .options
            .upgrade
            .iter()
            .any(|u| u.scenario == s.name && u.verdict == Verdict::Fits) =>
        {
            Basis::Upgrade
        }
        None => {
            return Err(BudgetError::DoesNotFit {
                scenario: s.name.clone(),
                verdict: s.verdict,
            });
        }
    };
    let mut out = Budgets {
        scenario: Some(s.name.clone()),
        basis,
        instance: None,
        services: Vec::new(),
        replaced: BTreeMap::new(),
        left_out: Vec::new(),
    };
    if basis == Basis::Upgrade {
        let u = a
            .options
            .upgrade
            .iter()
            .find(|u| u.scenario == s.name && u.verdict == Verdict::Fits)
            .ok_or_else(|| BudgetError::NoUpgrade {
                scenario: s.name.clone(),
            })?;
        out.instance = Some(u.instance.clone());
        out.services = with_limits(&s.demands, &u.budgets);
    } else {
        let left = i128::from(s.checks.memory.room) - i128::from(s.needs.memory.0);
        let left = u64::try_from(left.max(0)).unwrap_or(0);
        out.services = with_limits(
            &s.demands,
            &share_out(&s.demands, left).into_iter().collect(),
        );
    }
    Ok(out)
}

/// What fits now, each deployed service at its lowest tier with its share of the room left.
fn lightweight(a: &Analysis) -> Budgets {
    let fits = &a.fits_now;
    let demands: Vec<(String, Tier, Needs)> = fits
        .services
        .iter()
        .filter_map(|(name, tier)| {
            let info = a.services.iter().find(|s| &s.name == name)?;
            let needs = info
                .tiers
                .iter()
                .find(|(t, _)| t == tier)
                .map(|(_, n)| *n)?;
            Some((name.clone(), *tier, needs))
        })
        .collect();
    let left = u64::try_from(a.options.lightweight.memory_left_bytes).unwrap_or(0);
    Budgets {
        scenario: None,
        basis: Basis::Lightweight,
        instance: None,
        services: with_limits(&demands, &share_out(&demands, left).into_iter().collect()),
        replaced: fits.alternatives.clone(),
        left_out: fits.left_out.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;

    fn demand(name: &str, mib: u64) -> (String, Tier, Needs) {
        let needs = Needs {
            memory: Bytes(mib * MIB),
            ..Needs::default()
        };
        (name.to_string(), Tier::Minimum, needs)
    }

    #[test]
    fn what_is_left_is_shared_by_memory() {
        let out = share_out(&[demand("a", 100), demand("b", 300)], 400 * MIB);
        assert_eq!(
            out,
            [
                ("a".into(), Bytes(200 * MIB)),
                ("b".into(), Bytes(600 * MIB))
            ]
        );
        let zero = share_out(&[demand("a", 0), demand("b", 0)], 10 * MIB);
        assert_eq!(zero[0].1, Bytes(5 * MIB));
        assert_eq!(share_out(&[demand("a", 7)], 0)[0].1, Bytes(7 * MIB));
    }
}
