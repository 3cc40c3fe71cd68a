//! Placement across a fleet: every replica of every service on a host, keeping each host's every
//! resource at `fits` under the plan's policy (the single-host rule: `Capacity` and `Room`), or
//! unplaced with the reasons per host; then the cheapest new instances for the rest. One host is
//! the fleet of one. The search: the classic heuristics (`heuristics`), the best kept, improved by
//! local search (`improve`) within a work budget, or solved exactly (`exact`) when small; the
//! volume lower bound (`bound`) beside it. Deterministic for an input and a seed. Pure: the time
//! budget arrives as a number of steps.

// Several arrays indexed by the same resource read better as `for d in 0..DIMS`.
#![allow(clippy::needless_range_loop)]

pub mod bound;
pub mod count;
pub mod exact;
pub mod heuristics;
pub mod improve;
pub mod instance;
pub mod layered;
pub mod purchase;
pub mod reasons;
pub mod state;

pub use count::{CountResult, HostCount};
pub use purchase::{Purchase, PurchaseLine};
pub use reasons::{ReasonCode, ReasonGroup};

use crate::model::{Arch, Catalog, Fleet, MissingHost, Needs, PlanFile, Policy, Tier};
use crate::plan::options::mover::fleet_rule;
use crate::plan::verdict::{Checks, Verdict};
use heuristics::Heuristic;
use instance::Instance;
use serde::Serialize;
use state::{Key, State};

/// How hard to look.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The tier each service is placed at (its nearest lower one); its lowest when `None`.
    pub tier: Option<Tier>,
    /// Steps of local search (one step: whether one replica fits one host's room, in plain
    /// numbers; a test by every rule counts as five), from `--time`.
    pub steps: u64,
    pub seed: u64,
    /// Instances of at most this many replicas are solved exactly.
    pub exact_items: usize,
    /// Nodes the exact search may visit before it settles.
    pub exact_nodes: u64,
    /// `--count SERVICE`.
    pub count: Option<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            tier: None,
            steps: 200_000_000,
            seed: 1,
            exact_items: 30,
            exact_nodes: 2_000_000,
            count: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placed {
    pub service: String,
    pub replica: u32,
    pub host: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unplaced {
    pub service: String,
    pub replica: u32,
    pub reasons: Vec<ReasonGroup>,
    /// Whether a new instance may take it (not when `on` names only existing hosts, nor when
    /// no catalog type is large enough).
    pub buyable: bool,
}

/// A host after the placement: what it takes and its verdicts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HostResult {
    pub name: String,
    /// The host's figures as planned on: MemTotal (or its cap) and cores.
    pub memory_total: crate::model::Bytes,
    pub cores: crate::model::Cores,
    pub services: Vec<String>,
    pub added: Needs,
    pub verdict: Verdict,
    pub checks: Checks,
}

/// One heuristic's result, for the report to show beside the answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeuristicResult {
    pub name: &'static str,
    pub placed: u64,
    pub hosts_used: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Search {
    /// The heuristic the answer started from.
    pub start: &'static str,
    /// `exact` (branch and bound) or `local_search`.
    pub method: &'static str,
    /// Whether the branch and bound finished, which proves the answer best.
    pub proven_optimal: bool,
    pub steps: u64,
    pub heuristics: Vec<HeuristicResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placement {
    pub tier: Option<Tier>,
    pub policy: Policy,
    pub replicas: usize,
    pub placements: Vec<Placed>,
    pub unplaced: Vec<Unplaced>,
    pub hosts: Vec<HostResult>,
    pub missing: Vec<MissingHost>,
    pub hosts_used: usize,
    /// The fewest hosts the placed replicas could use: the larger of `volume_bound` and
    /// `bound::count_bound`.
    pub lower_bound: usize,
    /// The fewest hosts the placed replicas could use by volume alone.
    pub volume_bound: usize,
    /// hosts_used / lower_bound.
    pub ratio: Option<f64>,
    /// hosts_used / volume_bound.
    pub volume_ratio: Option<f64>,
    pub search: Search,
    pub purchase: Option<Purchase>,
    pub count: Option<CountResult>,
}

/// What a placement reads.
pub struct PlaceInput<'a> {
    pub fleet: &'a Fleet,
    pub plan: &'a PlanFile,
    pub catalog: Option<&'a Catalog>,
    pub settings: &'a Settings,
}

/// The heuristics' assignments and the best of them by the one rule (the first on a tie).
pub fn best_heuristic(inst: &Instance) -> (Heuristic, State, Vec<HeuristicResult>) {
    // Each heuristic is independent of the others: they run side by side, and are compared in
    // their fixed order, so the answer does not depend on which ends first.
    let states: Vec<State> = std::thread::scope(|scope| {
        let running: Vec<_> = Heuristic::ALL
            .iter()
            .map(|h| scope.spawn(move || h.run(inst)))
            .collect();
        running
            .into_iter()
            .zip(Heuristic::ALL)
            .map(|(r, h)| r.join().unwrap_or_else(|_| h.run(inst)))
            .collect()
    });
    let mut results = Vec::new();
    let mut best: Option<(Heuristic, State, Key)> = None;
    for (h, state) in Heuristic::ALL.into_iter().zip(states) {
        let key = state.key(inst);
        results.push(HeuristicResult {
            name: h.key(),
            placed: key.total(),
            hosts_used: key.bins,
        });
        if best.as_ref().is_none_or(|(_, _, k)| key > *k) {
            best = Some((h, state, key));
        }
    }
    match best {
        Some((h, s, _)) => (h, s, results),
        None => (Heuristic::FirstFit, State::empty(inst), results),
    }
}

/// The share of the steps the layered construction may take (one in this many).
const LAYERED_SHARE: u64 = 4;

/// The assignment of `inst`: the best heuristic (or the layered construction, when the count
/// limits the instance and it does better), then the exact search when small, else local
/// search; and how it was found.
pub fn solve(inst: &Instance, settings: &Settings) -> (State, Search) {
    let (start, mut state, heuristics) = best_heuristic(inst);
    let mut start = start.key();
    let all = inst.items.len();
    let volume = bound::volume_bound(inst, 0..all);
    let count = bound::count_bound(inst, 0..all);
    let mut layered = layered::Layered::new(inst, settings.steps / LAYERED_SHARE, settings.seed);
    if count > volume
        && let Some(built) = layered.construct(state.bins_used())
        && built.key(inst) > state.key(inst)
    {
        state = built;
        start = "layered";
    }
    let target = volume.max(count);
    let budget = settings.steps.saturating_sub(layered.work);
    let mut improver = improve::Improver::new(inst, budget, settings.seed, target);
    improver.run(&mut state);
    let mut search = Search {
        start,
        method: "local_search",
        proven_optimal: false,
        steps: layered.work + improver.work,
        heuristics,
    };
    if all <= settings.exact_items {
        let exact = exact::solve(inst, &state, settings.exact_nodes);
        state = exact.state;
        search.method = "exact";
        search.proven_optimal = exact.proven;
        search.steps += exact.nodes;
    }
    (state, search)
}

/// The whole placement of a plan on a fleet.
pub fn place(input: &PlaceInput<'_>) -> Placement {
    let plan = input.plan;
    let settings = input.settings;
    let inst = Instance::build(input.fleet, plan, input.catalog, settings.tier);
    let (state, search) = solve(&inst, settings);
    let item_name = |i: usize| inst.rules[inst.items[i].service].name.clone();
    let placements: Vec<Placed> = (0..inst.items.len())
        .filter_map(|i| {
            state.host_of[i].map(|b| Placed {
                service: item_name(i),
                replica: inst.items[i].replica,
                host: inst.bins[b as usize].name.clone(),
            })
        })
        .collect();
    let left: Vec<usize> = (0..inst.items.len())
        .filter(|i| state.host_of[*i].is_none())
        .collect();
    let arch = input
        .fleet
        .hosts
        .first()
        .and_then(|h| h.snapshot.host.arch)
        .unwrap_or(Arch::X86_64);
    let to_buy: Vec<usize> = left
        .iter()
        .copied()
        .filter(|i| inst.rules[inst.items[*i].service].on.is_empty())
        .collect();
    let purchase = input.catalog.filter(|_| !left.is_empty()).and_then(|c| {
        let rule = fleet_rule(input.fleet.hosts.iter().map(|h| &h.snapshot), c);
        purchase::purchase(&inst, &to_buy, c, &plan.policy, rule, arch)
    });
    let unbuyable = |i: usize| {
        !to_buy.contains(&i) || purchase.as_ref().is_none_or(|p| p.unbuyable.contains(&i))
    };
    let unplaced = left
        .iter()
        .map(|&i| Unplaced {
            service: item_name(i),
            replica: inst.items[i].replica,
            reasons: reasons::reasons(&inst, &state, i),
            buyable: !unbuyable(i),
        })
        .collect();
    let hosts = inst
        .bins
        .iter()
        .enumerate()
        .map(|(b, bin)| {
            let mut services: Vec<String> = Vec::new();
            let mut added = Needs::default();
            let mut members: Vec<usize> = state.members[b].iter().map(|m| *m as usize).collect();
            members.sort_unstable();
            for m in members {
                added = added + inst.items[m].needs;
                let name = item_name(m);
                if !services.contains(&name) {
                    services.push(name);
                }
            }
            let checks = bin.capacity.check(&added);
            HostResult {
                name: bin.name.clone(),
                memory_total: bin.capacity.memory_total,
                cores: bin.capacity.cpu_cores,
                services,
                verdict: checks.verdict(),
                added,
                checks,
            }
        })
        .collect();
    let hosts_used = state.bins_used();
    let placed = || (0..inst.items.len()).filter(|i| state.host_of[*i].is_some());
    let volume_bound = bound::volume_bound(&inst, placed());
    let lower_bound = volume_bound.max(bound::count_bound(&inst, placed()));
    Placement {
        tier: settings.tier,
        policy: plan.policy,
        replicas: inst.items.len(),
        placements,
        unplaced,
        hosts,
        missing: input.fleet.missing.clone(),
        hosts_used,
        lower_bound,
        volume_bound,
        ratio: (lower_bound > 0).then(|| hosts_used as f64 / lower_bound as f64),
        volume_ratio: (volume_bound > 0).then(|| hosts_used as f64 / volume_bound as f64),
        search,
        purchase,
        count: settings
            .count
            .as_deref()
            .and_then(|name| count::count(&inst, &state, name)),
    }
}

#[cfg(test)]
mod tests;
