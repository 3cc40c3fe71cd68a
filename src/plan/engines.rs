//! What the database workloads are budgeted at: under `policy.engines: ceiling` (the default)
//! `max(now, ceiling)` for an engine whose ceiling is known, its container's memory limit
//! capping the ceiling (the cgroup kills it there first); under `now`, or without a known
//! ceiling, what it uses now. The growth above now is held back from the room for new services.
//! Pure.

use crate::model::engine::{self, Term};
use crate::model::{Bytes, Engine, EngineBasis, EngineName, Snapshot, Workload};
use serde::Serialize;
use std::collections::BTreeMap;

/// One database workload as the plan counts it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EngineLine {
    pub workload: String,
    pub engine: EngineName,
    pub version: Option<String>,
    /// The workload's memory in the snapshot.
    #[serde(rename = "now_bytes")]
    pub now: Bytes,
    /// What its settings allow it; `null` when they set no bound.
    #[serde(rename = "ceiling_bytes")]
    pub ceiling: Option<Bytes>,
    /// Its container's memory limit, when that is below the ceiling.
    #[serde(rename = "limit_bytes")]
    pub limit: Option<Bytes>,
    /// What the plan counts: `max(now, min(ceiling, limit))` on `ceiling`, else `now`.
    #[serde(rename = "budget_bytes")]
    pub budget: Bytes,
    /// budget - now: held back from the room.
    #[serde(rename = "growth_bytes")]
    pub growth: Bytes,
    /// What this line is budgeted at.
    pub basis: EngineBasis,
    pub formula: String,
    /// The formula's parts with their values: why it may grow.
    pub terms: Vec<Term>,
    /// The settings, as the formula reads them (tuning changes them).
    #[serde(skip)]
    pub inputs: BTreeMap<String, f64>,
}

/// The engines of a snapshot, budgeted.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct EngineBudget {
    /// `policy.engines`.
    pub policy: EngineBasis,
    /// What the verdicts rest on: `ceiling` when at least one engine is budgeted at its
    /// ceiling, else `now`.
    pub basis: EngineBasis,
    /// The sum of the lines' growth: held back from the room for new services.
    #[serde(rename = "growth_bytes")]
    pub growth: Bytes,
    /// What the growth would be at the ceilings, whatever the policy: what `now` leaves out.
    #[serde(rename = "growth_at_ceiling_bytes")]
    pub growth_at_ceiling: Bytes,
    pub lines: Vec<EngineLine>,
}

/// What `now` becomes and what the plan then counts, for an engine of ceiling `ceiling`
/// (`None`: no bound) under `basis`.
pub fn budget_of(
    basis: EngineBasis,
    now: Bytes,
    ceiling: Option<Bytes>,
    limit: Option<Bytes>,
) -> Bytes {
    let capped = match (ceiling, limit) {
        (Some(c), Some(l)) => Some(c.min(l)),
        (c, _) => c,
    };
    match (basis, capped) {
        (EngineBasis::Ceiling, Some(c)) => now.max(c),
        _ => now,
    }
}

/// The memory the engine of `w` sees: its container's limit, else the host's.
pub fn ram_of(snapshot: &Snapshot, w: &Workload) -> Bytes {
    let total = snapshot.host.memory.total;
    w.memory_limit.filter(|l| *l < total).unwrap_or(total)
}

/// The settings of `e`, the defaults of its version filled in where a hand-written snapshot
/// leaves them out.
pub fn inputs_of(e: &Engine, ram: Bytes) -> BTreeMap<String, f64> {
    let mut full = e.clone();
    full.complete(ram);
    full.values()
}

/// One line for the engine on `w`.
pub fn line(snapshot: &Snapshot, w: &Workload, e: &Engine, policy: EngineBasis) -> EngineLine {
    let ram = ram_of(snapshot, w);
    let inputs = inputs_of(e, ram);
    let worked = engine::ceiling(e.name, &inputs);
    // A snapshot's own figure stands; a hand-written one without it gets the formula's.
    let ceiling = e.ceiling_bytes.or(worked.bytes);
    let limit = w.memory_limit.filter(|l| ceiling.is_some_and(|c| *l < c));
    let now = w.memory;
    let budget = budget_of(policy, now, ceiling, limit);
    let basis = if policy == EngineBasis::Ceiling && ceiling.is_some() {
        EngineBasis::Ceiling
    } else {
        EngineBasis::Now
    };
    EngineLine {
        workload: w.name.clone(),
        engine: e.name,
        version: e.version.clone(),
        now,
        ceiling,
        limit,
        budget,
        growth: budget.saturating_sub(now),
        basis,
        formula: worked.formula.to_string(),
        terms: worked.terms,
        inputs,
    }
}

/// Every engine of the snapshot under `policy`.
pub fn budget(snapshot: &Snapshot, policy: EngineBasis) -> EngineBudget {
    let lines: Vec<EngineLine> = snapshot
        .workloads
        .iter()
        .filter_map(|w| Some(line(snapshot, w, w.engine.as_ref()?, policy)))
        .collect();
    let basis = if lines.iter().any(|l| l.basis == EngineBasis::Ceiling) {
        EngineBasis::Ceiling
    } else {
        EngineBasis::Now
    };
    let growth_at_ceiling = lines
        .iter()
        .map(|l| budget_of(EngineBasis::Ceiling, l.now, l.ceiling, l.limit).saturating_sub(l.now))
        .sum();
    EngineBudget {
        policy,
        basis,
        growth: lines.iter().map(|l| l.growth).sum(),
        growth_at_ceiling,
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::engine::Source;
    use crate::model::{Cores, CpuState, Host, MemoryState, WorkloadKind};

    const MIB: u64 = 1 << 20;

    fn snapshot(workloads: Vec<Workload>) -> Snapshot {
        Snapshot {
            host: Host {
                name: "h".into(),
                taken_at: "t".into(),
                instance: None,
                arch: None,
                cpu: CpuState {
                    cores: Cores(2.0),
                    used: Cores(0.0),
                    quota: None,
                    interval_seconds: None,
                },
                memory: MemoryState {
                    total: Bytes(2048 * MIB),
                    available: Bytes(1024 * MIB),
                    free: None,
                    cached: None,
                    buffers: None,
                    shmem: None,
                    sreclaimable: None,
                    limit: None,
                    limit_used: None,
                },
                swap: Default::default(),
                disks: Vec::new(),
                listening_ports: Vec::new(),
                pressure: None,
            },
            workloads,
            warnings: Vec::new(),
            sampled: None,
        }
    }

    fn es(memory_mib: u64, heap_mib: u64, limit_mib: Option<u64>) -> Workload {
        let mut w = Workload::new(
            "es",
            WorkloadKind::Container,
            Bytes(memory_mib * MIB),
            Cores(0.0),
        );
        let mut e = Engine::new(EngineName::Elasticsearch);
        e.version = Some("8.11.1".into());
        e.set("heap_max", (heap_mib * MIB) as f64, Source::CommandLine);
        w.engine = Some(e);
        w.memory_limit = limit_mib.map(|m| Bytes(m * MIB));
        w
    }

    #[test]
    fn growth_is_what_the_ceiling_adds_to_now() {
        // 310 MiB now, heap 512 MiB: ceiling 1024 MiB, 714 MiB more.
        let b = budget(&snapshot(vec![es(310, 512, None)]), EngineBasis::Ceiling);
        assert_eq!(b.basis, EngineBasis::Ceiling);
        let l = &b.lines[0];
        assert_eq!(
            (l.ceiling, l.budget, l.growth),
            (Some(Bytes(1024 * MIB)), Bytes(1024 * MIB), Bytes(714 * MIB))
        );
        assert_eq!(b.growth, Bytes(714 * MIB));
        // on `now`, nothing is held
        let now = budget(&snapshot(vec![es(310, 512, None)]), EngineBasis::Now);
        assert_eq!(
            (now.basis, now.growth, now.lines[0].budget),
            (EngineBasis::Now, Bytes::ZERO, Bytes(310 * MIB))
        );
    }

    #[test]
    fn a_container_limit_caps_the_ceiling_and_now_may_be_above_it() {
        // ceiling 1024 MiB, limit 768 MiB: the cgroup stops it at 768 MiB.
        let b = budget(
            &snapshot(vec![es(310, 512, Some(768))]),
            EngineBasis::Ceiling,
        );
        assert_eq!(
            (b.lines[0].limit, b.lines[0].budget),
            (Some(Bytes(768 * MIB)), Bytes(768 * MIB))
        );
        // using more than its ceiling already: budgeted at now, no growth
        let over = budget(&snapshot(vec![es(1100, 512, None)]), EngineBasis::Ceiling);
        assert_eq!(
            (over.lines[0].budget, over.growth),
            (Bytes(1100 * MIB), Bytes::ZERO)
        );
    }

    #[test]
    fn an_unbounded_engine_is_counted_at_now() {
        let mut w = Workload::new("cache", WorkloadKind::Container, Bytes(7 * MIB), Cores(0.0));
        w.engine = Some(Engine::new(EngineName::Redis));
        let b = budget(&snapshot(vec![w]), EngineBasis::Ceiling);
        assert_eq!(
            (b.lines[0].ceiling, b.lines[0].basis, b.basis),
            (None, EngineBasis::Now, EngineBasis::Now)
        );
        assert_eq!(b.growth, Bytes::ZERO);
    }
}
