//! Tuning: when a scenario's memory does not fit, the database settings to lower so that it
//! does, each with the memory it frees and the risk it brings. A setting is lowered at most to
//! half its value and never below a floor; each round takes the largest saving left, and the
//! last step lowers only as far as needed. What a step frees is worked out by the model's formula: the
//! engine's budget before less its budget after a restart with the new value. Pure.

use crate::model::engine::{self, effective};
use crate::model::{Bytes, EngineBasis, EngineName};
use crate::plan::engines::{EngineBudget, EngineLine, budget_of};
use crate::plan::scenario::ScenarioResult;
use crate::plan::verdict::{Capacity, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;

const MIB: f64 = 1024.0 * 1024.0;

/// What lowering a setting risks, as the report words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    /// A smaller cache: more reads from disk, slower queries.
    SmallerCache,
    /// Sorts, hashes and joins spill to disk sooner.
    Spill,
    /// Connections above the new limit are refused.
    FewerConnections,
    /// A smaller JVM or Go heap: more garbage collection, large requests refused sooner.
    SmallerHeap,
    /// Keys are evicted, or writes refused, once the data reaches the new limit.
    Eviction,
    /// Maintenance (VACUUM, index builds) runs slower.
    SlowerMaintenance,
    /// MyISAM/Aria tables (few, in an InnoDB server) read from disk more.
    MyisamCache,
}

impl Risk {
    pub fn key(self) -> &'static str {
        match self {
            Risk::SmallerCache => "smaller_cache",
            Risk::Spill => "spill",
            Risk::FewerConnections => "fewer_connections",
            Risk::SmallerHeap => "smaller_heap",
            Risk::Eviction => "eviction",
            Risk::SlowerMaintenance => "slower_maintenance",
            Risk::MyisamCache => "myisam_cache",
        }
    }
}

/// A setting that may be lowered: its lowest sensible value (bytes or a count) and its risk.
struct Tunable {
    setting: &'static str,
    floor: f64,
    /// Whether it is a count (stepped by 1) rather than a size (stepped by 1 MiB).
    count: bool,
    risk: Risk,
}

const fn size(setting: &'static str, floor_mib: f64, risk: Risk) -> Tunable {
    Tunable {
        setting,
        floor: floor_mib * MIB,
        count: false,
        risk,
    }
}

const fn count(setting: &'static str, floor: f64, risk: Risk) -> Tunable {
    Tunable {
        setting,
        floor,
        count: true,
        risk,
    }
}

fn tunables(engine: EngineName) -> Vec<Tunable> {
    match engine.family() {
        EngineName::Postgresql => vec![
            size("shared_buffers", 32.0, Risk::SmallerCache),
            size("work_mem", 1.0, Risk::Spill),
            count("max_connections", 10.0, Risk::FewerConnections),
            size("maintenance_work_mem", 16.0, Risk::SlowerMaintenance),
        ],
        EngineName::Mysql => vec![
            size("innodb_buffer_pool_size", 32.0, Risk::SmallerCache),
            size("key_buffer_size", 8.0, Risk::MyisamCache),
            size("aria_pagecache_buffer_size", 8.0, Risk::MyisamCache),
            size("sort_buffer_size", 0.25, Risk::Spill),
            count("max_connections", 10.0, Risk::FewerConnections),
        ],
        EngineName::Redis => vec![size("maxmemory", 16.0, Risk::Eviction)],
        EngineName::Elasticsearch => vec![size("heap_max", 256.0, Risk::SmallerHeap)],
        EngineName::Neo4j => vec![
            size("pagecache", 64.0, Risk::SmallerCache),
            size("heap_max", 256.0, Risk::SmallerHeap),
        ],
        EngineName::Mongodb => vec![size("wiredtiger_cache", 256.0, Risk::SmallerCache)],
        EngineName::Weaviate => vec![size("memory_limit", 128.0, Risk::SmallerHeap)],
        _ => Vec::new(),
    }
}

/// One setting lowered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TuneStep {
    pub workload: String,
    pub engine: EngineName,
    pub setting: String,
    /// Its value now and the one advised: bytes for sizes, a number for counts.
    pub from: f64,
    pub to: f64,
    /// Whether `from` and `to` are counts rather than bytes.
    pub count: bool,
    #[serde(rename = "frees_bytes")]
    pub frees: Bytes,
    pub risk: Risk,
}

/// The tuning that makes a scenario's memory fit, or the most it can free.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tuning {
    pub scenario: String,
    /// What the engines are budgeted at while tuning them.
    pub basis: EngineBasis,
    pub steps: Vec<TuneStep>,
    #[serde(rename = "frees_bytes")]
    pub frees: Bytes,
    /// The memory shortfall it answers.
    #[serde(rename = "shortfall_bytes")]
    pub shortfall: Bytes,
    /// The scenario's verdict once every step is made (memory, CPU and disk together).
    pub verdict_after: Verdict,
}

/// An engine as tuning changes it.
struct State<'a> {
    line: &'a EngineLine,
    inputs: BTreeMap<String, f64>,
}

impl State<'_> {
    /// (usage after a restart, budget) with `inputs`: an engine cannot use more than its
    /// ceiling once restarted with it.
    fn after(&self, basis: EngineBasis, inputs: &BTreeMap<String, f64>) -> (Bytes, Bytes) {
        let ceiling = engine::ceiling(self.line.engine, inputs).bytes;
        let now = ceiling.map_or(self.line.now, |c| self.line.now.min(c));
        (now, budget_of(basis, now, ceiling, self.line.limit))
    }

    fn budget(&self, basis: EngineBasis) -> Bytes {
        self.after(basis, &self.inputs).1
    }

    fn with(&self, setting: &str, value: f64) -> BTreeMap<String, f64> {
        let mut i = self.inputs.clone();
        i.insert(setting.to_string(), value);
        i
    }
}

/// The tuning for each scenario whose memory does not fit on `capacity`.
pub fn tuning(
    scenarios: &[ScenarioResult],
    capacity: &Capacity,
    engines: &EngineBudget,
) -> Vec<Tuning> {
    scenarios
        .iter()
        .filter(|s| s.checks.memory.verdict != Verdict::Fits)
        .filter_map(|s| for_scenario(s, capacity, engines))
        .collect()
}

fn for_scenario(s: &ScenarioResult, capacity: &Capacity, engines: &EngineBudget) -> Option<Tuning> {
    let basis = engines.policy;
    let shortfall = s.checks.memory.shortfall;
    let mut states: Vec<State<'_>> = engines
        .lines
        .iter()
        .filter(|l| tunable(l))
        .map(|l| State {
            line: l,
            inputs: l.inputs.clone(),
        })
        .collect();
    let mut steps = Vec::new();
    let mut remaining = shortfall;
    let mut done: Vec<(usize, &'static str)> = Vec::new();
    // Each round takes the setting that, lowered as far as allowed, frees the most now (what
    // one step frees depends on the steps before it: work_mem times max_connections).
    while remaining > Bytes::ZERO {
        let mut best: Option<(usize, Tunable, f64, f64, Bytes)> = None;
        for (i, st) in states.iter().enumerate() {
            for t in tunables(st.line.engine) {
                if done.contains(&(i, t.setting)) {
                    continue;
                }
                let from = effective(st.line.engine, &st.inputs, t.setting);
                let lowest = step(t.count, (from / 2.0).max(t.floor), true);
                if lowest >= from || from.is_nan() {
                    continue;
                }
                let frees = st
                    .budget(basis)
                    .saturating_sub(st.after(basis, &st.with(t.setting, lowest)).1);
                if frees > best.as_ref().map_or(Bytes::ZERO, |b| b.4) {
                    best = Some((i, t, from, lowest, frees));
                }
            }
        }
        let Some((i, t, from, lowest, most)) = best else {
            break;
        };
        done.push((i, t.setting));
        let st = &states[i];
        let before = st.budget(basis);
        let frees_at = |v: f64| before.saturating_sub(st.after(basis, &st.with(t.setting, v)).1);
        // The largest value that frees what is left, else the lowest allowed.
        let to = if most >= remaining {
            let (mut lo, mut hi) = (lowest, from);
            let unit = if t.count { 1.0 } else { MIB };
            while hi - lo > unit {
                let mid = step(t.count, (lo + hi) / 2.0, false);
                if mid <= lo || mid >= hi {
                    break;
                }
                if frees_at(mid) >= remaining {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            lo
        } else {
            lowest
        };
        let frees = frees_at(to);
        remaining = remaining.saturating_sub(frees);
        let (workload, engine) = (st.line.workload.clone(), st.line.engine);
        states[i].inputs.insert(t.setting.to_string(), to);
        steps.push(TuneStep {
            workload,
            engine,
            setting: t.setting.to_string(),
            from,
            to,
            count: t.count,
            frees,
            risk: t.risk,
        });
    }
    if steps.is_empty() {
        return None;
    }
    // The capacity once the engines are restarted with the new values.
    let (mut released, mut held) = (Bytes::ZERO, Bytes::ZERO);
    for st in &states {
        let (now, budget) = st.after(basis, &st.inputs);
        released += st.line.now.saturating_sub(now);
        held += budget.saturating_sub(now);
    }
    let untouched: Bytes = engines
        .lines
        .iter()
        .filter(|l| !tunable(l))
        .map(|l| l.growth)
        .sum();
    let after = Capacity {
        memory_available: capacity.memory_available + released,
        memory_held: held + untouched,
        ..capacity.clone()
    };
    Some(Tuning {
        scenario: s.name.clone(),
        basis,
        frees: steps.iter().map(|st| st.frees).sum(),
        steps,
        shortfall,
        verdict_after: after.check(&s.needs).verdict(),
    })
}

/// Whether tuning may change `line`: it has a ceiling, and the formula gives that ceiling from
/// its settings (a hand-written snapshot may give a ceiling without the settings behind it).
fn tunable(line: &EngineLine) -> bool {
    line.ceiling.is_some() && engine::ceiling(line.engine, &line.inputs).bytes == line.ceiling
}

/// A value on the grid of its kind: whole counts, whole MiB for sizes; `up` rounds up.
fn step(count: bool, v: f64, up: bool) -> f64 {
    let unit = if count { 1.0 } else { MIB };
    let n = v / unit;
    (if up { n.ceil() } else { n.floor() }) * unit
}

#[cfg(test)]
mod tests;
