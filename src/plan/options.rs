//! The options when a scenario does not fit: upgrade (the cheapest catalog type, its cost and
//! per-service budgets), lightweight (the exact best choice that fits now) and phased (batches with
//! the check between them). Pure.

use super::scenario::{ScenarioResult, Selection};
use super::search::{self, Candidate, Choice, CoverByPriority};
use super::verdict::{Capacity, Checks, Verdict};
use super::warnings::{Warning, WarningCode};
use crate::model::{Bytes, Catalog, Cores, InstanceType, Needs, Policy, Service, Snapshot, Tier};
use serde::Serialize;
use std::collections::BTreeMap;

/// Share of nominal memory a type's kernel reports as MemTotal when nothing better is known.
pub const DEFAULT_USABLE_SHARE: f64 = 0.925;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub catalog: Option<String>,
    pub current: Option<CurrentInstance>,
    /// How usable memory was estimated for the catalog's types.
    pub usable_rule: UsableRule,
    pub upgrade: Vec<Upgrade>,
    /// Scenarios for which no type of the catalog fits.
    pub no_upgrade: Vec<String>,
    /// For scenarios that do not fit: the same vCPUs with more memory, the upgrade people reach for.
    pub naive: Vec<Upgrade>,
    pub lightweight: Lightweight,
    pub phased: Vec<PhasedBatch>,
    /// Services that fit on this host alone but not after the batches.
    pub waiting: Vec<String>,
    /// Services that do not fit on this host even alone at their lowest tier.
    pub never_fit: Vec<String>,
    /// The cheapest type that takes every service at its lowest tier, when some wait or never fit.
    pub never_fit_upgrade: Option<Upgrade>,
    /// Scenarios whose memory and CPU fit now and only the disk does not: another instance type
    /// does not help, the disk must grow.
    pub disk_bound: Vec<DiskBound>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiskBound {
    pub scenario: String,
    pub mount: String,
    pub shortfall_bytes: Bytes,
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum UsableRule {
    /// The catalog's `usable_memory`, else nominal x this share (MemTotal / nominal of the current type).
    CurrentRatio { share: f64 },
    #[default]
    /// The catalog's `usable_memory`, else nominal x 0.925.
    Default,
}

impl UsableRule {
    pub fn share(self) -> f64 {
        match self {
            UsableRule::CurrentRatio { share } => share,
            UsableRule::Default => DEFAULT_USABLE_SHARE,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrentInstance {
    pub name: String,
    pub vcpus: u32,
    pub memory_bytes: Bytes,
    pub monthly_cost: f64,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Upgrade {
    pub scenario: String,
    pub instance: String,
    pub family: String,
    pub vcpus: u32,
    pub cpu_baseline: f64,
    pub planning_cores: Cores,
    pub memory_bytes: Bytes,
    pub usable_memory_bytes: Bytes,
    pub monthly_cost: f64,
    pub currency: String,
    /// Against the current instance, when the catalog knows it and prices it in the same currency.
    pub delta: Option<f64>,
    pub estimate: bool,
    pub verdict: Verdict,
    /// What is in use now and carried over to the new type.
    pub carried_bytes: Bytes,
    pub checks: Checks,
    /// Service -> memory limit on the new type: its tier plus a share of what is left.
    pub budgets: BTreeMap<String, Bytes>,
    #[serde(skip)]
    pub budget_order: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Lightweight {
    /// Deployed at their lowest tier.
    pub services: Vec<String>,
    /// Service -> the alternative that replaces it.
    pub alternatives: BTreeMap<String, String>,
    pub left_out: Vec<String>,
    /// Room left after it: memory in bytes (room - demand), CPU in cores.
    pub memory_left_bytes: i64,
    pub cpu_left_cores: Cores,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhasedBatch {
    pub services: Vec<String>,
    #[serde(skip)]
    pub needs: Needs,
    pub check: PhaseCheck,
}

/// What a new snapshot must show before the next batch goes on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseCheck {
    /// The figure to look at.
    pub figure: &'static str,
    /// Expected after this batch if the services use what their tier says.
    pub expected_available_bytes: Bytes,
    /// The least it may show before the next batch (or, after the last, the reserve).
    pub at_least_bytes: Bytes,
    /// And the CPU busy at most.
    pub cpu_used_at_most_cores: Cores,
}

/// Carries a host over to another type: what is in use stays in use.
struct Mover<'a> {
    snapshot: &'a Snapshot,
    policy: &'a Policy,
    base: &'a Capacity,
    rule: UsableRule,
    current: Option<CurrentInstance>,
}

impl Mover<'_> {
    fn usable(&self, t: &InstanceType) -> Bytes {
        t.usable_memory
            .unwrap_or_else(|| t.memory.scale(self.rule.share()))
    }

    fn in_use(&self) -> Bytes {
        let m = &self.snapshot.host.memory;
        m.total.saturating_sub(m.available)
    }

    fn capacity_on(&self, t: &InstanceType) -> Capacity {
        let usable = self.usable(t);
        Capacity {
            memory_total: usable,
            memory_available: usable.saturating_sub(self.in_use()),
            memory_reserve: usable.scale(self.policy.memory_reserve.get()),
            cpu_cores: t.planning_cores(),
            cpu_used: self.snapshot.host.cpu.used,
            cpu_limit_share: self.policy.cpu_limit.get(),
            disk: self.base.disk.clone(),
        }
    }

    /// Memory and CPU decide; the disk moves with the host unchanged.
    fn judge(
        &self,
        t: &InstanceType,
        scenario: &str,
        demands: &[(String, Tier, Needs)],
    ) -> Upgrade {
        let needs: Needs = demands.iter().map(|(_, _, n)| *n).sum();
        let capacity = self.capacity_on(t);
        let checks = capacity.check(&needs);
        let verdict = checks.memory.verdict.max(checks.cpu.verdict);
        let left =
            u64::try_from((i128::from(checks.memory.room) - i128::from(needs.memory.0)).max(0))
                .unwrap_or(0);
        let budgets: Vec<(String, Bytes)> = demands
            .iter()
            .map(|(name, _, n)| {
                let share = if needs.memory.0 > 0 {
                    n.memory.0 as f64 / needs.memory.0 as f64
                } else {
                    1.0 / demands.len().max(1) as f64
                };
                (
                    name.clone(),
                    n.memory + Bytes((left as f64 * share).floor() as u64),
                )
            })
            .collect();
        let monthly = t.monthly_cost();
        Upgrade {
            scenario: scenario.to_string(),
            instance: t.name.clone(),
            family: t.family.clone(),
            vcpus: t.vcpus,
            cpu_baseline: t.baseline(),
            planning_cores: t.planning_cores(),
            memory_bytes: t.memory,
            usable_memory_bytes: self.usable(t),
            monthly_cost: round2(monthly),
            currency: t.currency.clone(),
            delta: self
                .current
                .as_ref()
                .filter(|c| c.currency == t.currency)
                .map(|c| round2(monthly - c.monthly_cost)),
            estimate: t.estimate,
            verdict,
            carried_bytes: self.in_use(),
            checks,
            budget_order: budgets.iter().map(|(n, _)| n.clone()).collect(),
            budgets: budgets.into_iter().collect(),
        }
    }

    /// The cheapest type judged `fits` and, when cheaper, the cheapest judged no worse than `tight`.
    fn cheapest(
        &self,
        catalog: &Catalog,
        scenario: &str,
        demands: &[(String, Tier, Needs)],
        here: Verdict,
    ) -> (Option<Upgrade>, Option<Upgrade>) {
        let mut judged: Vec<Upgrade> = catalog
            .instances
            .iter()
            .map(|t| self.judge(t, scenario, demands))
            .collect();
        judged.sort_by(|a, b| {
            a.monthly_cost
                .total_cmp(&b.monthly_cost)
                .then_with(|| a.instance.cmp(&b.instance))
        });
        let fits = judged.iter().find(|u| u.verdict == Verdict::Fits).cloned();
        let tight = judged
            .iter()
            .find(|u| u.verdict != Verdict::DoesNotFit)
            .filter(|t| {
                fits.as_ref()
                    .is_none_or(|f| t.monthly_cost < f.monthly_cost)
            })
            .filter(|t| self.current.as_ref().is_none_or(|c| c.name != t.instance))
            // a tight type is an option only where the host now does not fit at all
            .filter(|_| here == Verdict::DoesNotFit)
            .cloned();
        (fits, tight)
    }
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// What the options are worked out from: the host as judged (`base`), and the rest of the analysis.
pub struct OptionsInput<'a> {
    pub snapshot: &'a Snapshot,
    pub policy: &'a Policy,
    pub base: &'a Capacity,
    pub services: &'a [&'a Service],
    pub scenarios: &'a [ScenarioResult],
    pub fits_now: &'a Selection,
    pub catalog: Option<&'a Catalog>,
}

pub fn options(input: &OptionsInput<'_>, warnings: &mut Vec<Warning>) -> Options {
    let OptionsInput {
        snapshot,
        policy,
        base,
        services,
        scenarios,
        fits_now,
        catalog,
    } = *input;
    let base = base.clone();
    let mut out = Options {
        lightweight: lightweight(fits_now, &base),
        ..Options::default()
    };
    let (batches, rest) = phased(services, &base);
    out.phased = batches;
    // Of the services no batch takes, those that fit alone wait; the others never fit here.
    for name in rest {
        let alone = services
            .iter()
            .find(|s| s.name == name)
            .and_then(|s| s.tiers.lowest())
            .is_some_and(|(_, n)| base.admits(n));
        if alone {
            out.waiting.push(name);
        } else {
            out.never_fit.push(name);
        }
    }

    let Some(catalog) = catalog else {
        warnings.push(Warning {
            code: WarningCode::NoCatalog,
            variant: None,
            args: BTreeMap::new(),
            scan: None,
        });
        return out;
    };
    out.catalog = Some(catalog.name.clone());
    let current = snapshot
        .host
        .instance
        .as_deref()
        .and_then(|n| catalog.find(n));
    if let (Some(name), None) = (snapshot.host.instance.as_deref(), current) {
        let mut args = BTreeMap::new();
        args.insert("instance", name.to_string());
        args.insert("catalog", catalog.name.clone());
        warnings.push(Warning {
            code: WarningCode::UnknownInstance,
            variant: None,
            args,
            scan: None,
        });
    }
    out.usable_rule = match current {
        Some(t) if t.memory.0 > 0 => UsableRule::CurrentRatio {
            share: snapshot.host.memory.total.0 as f64 / t.memory.0 as f64,
        },
        _ => UsableRule::Default,
    };
    out.current = current.map(|t| CurrentInstance {
        name: t.name.clone(),
        vcpus: t.vcpus,
        memory_bytes: t.memory,
        monthly_cost: round2(t.monthly_cost()),
        currency: t.currency.clone(),
    });
    let mover = Mover {
        snapshot,
        policy,
        base: &base,
        rule: out.usable_rule,
        current: out.current.clone(),
    };
    for scenario in scenarios.iter().filter(|s| s.verdict != Verdict::Fits) {
        // What another type can change: memory and CPU. The disk moves with the host.
        let here = scenario
            .checks
            .memory
            .verdict
            .max(scenario.checks.cpu.verdict);
        if here == Verdict::Fits {
            if let Some(d) = &scenario.checks.disk {
                out.disk_bound.push(DiskBound {
                    scenario: scenario.name.clone(),
                    mount: d.mount.clone(),
                    shortfall_bytes: d.shortfall,
                });
            }
            continue;
        }
        let (fits, tight) = mover.cheapest(catalog, &scenario.name, &scenario.demands, here);
        if fits.is_none() && tight.is_none() {
            out.no_upgrade.push(scenario.name.clone());
        }
        out.upgrade.extend(fits);
        out.upgrade.extend(tight);
        if let Some(cur) = current {
            let naive = catalog
                .instances
                .iter()
                .filter(|t| t.vcpus == cur.vcpus && t.memory > cur.memory && t.family == cur.family)
                .min_by(|a, b| a.monthly_cost().total_cmp(&b.monthly_cost()));
            if let Some(t) = naive {
                let judged = mover.judge(t, &scenario.name, &scenario.demands);
                if judged.verdict != Verdict::Fits {
                    out.naive.push(judged);
                }
            }
        }
    }
    if !out.never_fit.is_empty() || !out.waiting.is_empty() {
        let demands: Vec<(String, Tier, Needs)> = services
            .iter()
            .filter_map(|s| s.tiers.lowest().map(|(t, n)| (s.name.clone(), t, *n)))
            .collect();
        out.never_fit_upgrade = mover
            .cheapest(catalog, "phased", &demands, Verdict::DoesNotFit)
            .0;
    }
    out
}

fn lightweight(fits_now: &Selection, capacity: &Capacity) -> Lightweight {
    Lightweight {
        services: fits_now.services.iter().map(|(n, _)| n.clone()).collect(),
        alternatives: fits_now.alternatives.clone(),
        left_out: fits_now.left_out.clone(),
        memory_left_bytes: capacity
            .memory_room()
            .saturating_sub(i64::try_from(fits_now.needs.memory.0).unwrap_or(i64::MAX)),
        cpu_left_cores: Cores(capacity.cpu_limit().0 - capacity.cpu_used.0 - fits_now.needs.cpu.0),
    }
}

/// Services with the choice made for each.
type Picked<'a> = Vec<(&'a Service, Choice)>;

/// Batches in priority order: each the group of the services left (at their lowest tier) that
/// fits with the batches before it counted as used, the most important first (exact). What no
/// batch takes is returned apart.
pub fn phased(services: &[&Service], capacity: &Capacity) -> (Vec<PhasedBatch>, Vec<String>) {
    let mut remaining: Vec<&Service> = services.to_vec();
    let mut used = Needs::default();
    let mut batches: Vec<PhasedBatch> = Vec::new();
    loop {
        let options: Vec<Vec<Candidate>> = remaining
            .iter()
            .map(|s| {
                let mut v: Vec<Candidate> = s
                    .tiers
                    .lowest()
                    .map(|(_, n)| Candidate {
                        choice: Choice::Deploy,
                        needs: *n,
                    })
                    .into_iter()
                    .collect();
                v.push(Candidate {
                    choice: Choice::Out,
                    needs: Needs::default(),
                });
                v
            })
            .collect();
        let best = search::best_choice(&options, capacity, used, &CoverByPriority);
        let (batch, rest): (Picked<'_>, Picked<'_>) = remaining
            .iter()
            .copied()
            .zip(best)
            .partition(|(_, c)| *c == Choice::Deploy);
        if batch.is_empty() {
            break;
        }
        let needs: Needs = batch
            .iter()
            .filter_map(|(s, _)| s.tiers.lowest().map(|(_, n)| *n))
            .sum();
        used = used + needs;
        batches.push(PhasedBatch {
            services: batch.iter().map(|(s, _)| s.name.clone()).collect(),
            needs,
            check: PhaseCheck {
                figure: "host.memory.available",
                expected_available_bytes: capacity.memory_available.saturating_sub(used.memory),
                at_least_bytes: capacity.memory_reserve,
                cpu_used_at_most_cores: capacity.cpu_limit(),
            },
        });
        remaining = rest.into_iter().map(|(s, _)| s).collect();
        if remaining.is_empty() {
            break;
        }
    }
    // Before each next batch, the room it needs must still be there.
    for i in 0..batches.len().saturating_sub(1) {
        let next = batches[i + 1].needs;
        batches[i].check.at_least_bytes = capacity.memory_reserve + next.memory;
        batches[i].check.cpu_used_at_most_cores = Cores(capacity.cpu_limit().0 - next.cpu.0);
    }
    (batches, remaining.iter().map(|s| s.name.clone()).collect())
}
