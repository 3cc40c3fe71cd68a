//! The phased option as a gated rollout: every service at its lowest tier, in batches (the plan's
//! own `phases`, then services of equal priority together, one priority after another), each with
//! the figures a new snapshot must show before it goes in, whether the current snapshot meets the
//! first gate, and each batch's verdict if the batches before it use exactly their estimates.
//! Pure.

use crate::model::{Bytes, Cores, Needs, Service};
use crate::plan::verdict::{Capacity, Verdict};
use serde::Serialize;

/// What a new snapshot must show before a batch goes in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gate {
    /// `host.memory.available` at least: the reserve plus the batch's memory.
    pub available_at_least_bytes: Bytes,
    /// CPU busy at most: the CPU limit less the batch's CPU (never below 0).
    pub cpu_busy_at_most_cores: Cores,
    /// The disk at `/` available at least: its reserve plus the batch's disk.
    pub disk_available_at_least_bytes: Option<Bytes>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhasedBatch {
    pub services: Vec<String>,
    #[serde(rename = "demand")]
    pub needs: Needs,
    pub gate: Gate,
    /// The gate against the current snapshot; only for the first batch.
    pub met_now: Option<bool>,
    /// The batch's verdict if the batches before it use exactly their estimates.
    pub by_estimate: Verdict,
}

/// The batches in rollout order: the plan's phases first, then the other services, those of
/// equal priority together, most important first. `services` come most important first.
pub fn batches<'a>(
    services: &[(u32, &'a Service)],
    phases: &[Vec<String>],
) -> Vec<Vec<&'a Service>> {
    let find = |name: &str| {
        services
            .iter()
            .find(|(_, s)| s.name == name)
            .map(|(_, s)| *s)
    };
    let mut out: Vec<Vec<&Service>> = phases
        .iter()
        .map(|phase| phase.iter().filter_map(|n| find(n)).collect::<Vec<_>>())
        .filter(|b| !b.is_empty())
        .collect();
    let named = |s: &Service| phases.iter().flatten().any(|n| *n == s.name);
    let mut last: Option<u32> = None;
    for (priority, service) in services.iter().filter(|(_, s)| !named(s)) {
        match out.last_mut() {
            Some(batch) if last == Some(*priority) => batch.push(service),
            _ => out.push(vec![*service]),
        }
        last = Some(*priority);
    }
    out
}

/// The lowest tier of each service of a batch, summed.
fn needs_of(batch: &[&Service]) -> Needs {
    batch
        .iter()
        .filter_map(|s| s.tiers.lowest().map(|(_, n)| *n))
        .sum()
}

/// The batches judged on `capacity`; `met_now` is given for the first batch when `now` is set.
pub fn judge(batches: &[Vec<&Service>], capacity: &Capacity, now: bool) -> Vec<PhasedBatch> {
    let mut used = Needs::default();
    batches
        .iter()
        .enumerate()
        .map(|(i, batch)| {
            let needs = needs_of(batch);
            let before = capacity.after(&used);
            let gate = Gate {
                available_at_least_bytes: capacity.memory_reserve
                    + capacity.memory_held
                    + needs.memory,
                cpu_busy_at_most_cores: Cores((capacity.cpu_limit().0 - needs.cpu.0).max(0.0)),
                disk_available_at_least_bytes: capacity
                    .disk
                    .as_ref()
                    .map(|d| d.reserve + needs.disk),
            };
            let met_now = (now && i == 0).then(|| {
                capacity.memory_available >= gate.available_at_least_bytes
                    && capacity.cpu_used.0 + needs.cpu.0 <= capacity.cpu_limit().0 + 1e-9
                    && capacity.disk.as_ref().is_none_or(|d| {
                        gate.disk_available_at_least_bytes
                            .is_none_or(|g| d.available >= g)
                    })
            });
            let by_estimate = before.check(&needs).verdict();
            used = used + needs;
            PhasedBatch {
                services: batch.iter().map(|s| s.name.clone()).collect(),
                needs,
                gate,
                met_now,
                by_estimate,
            }
        })
        .collect()
}

/// Each service alone at its lowest tier on `capacity`: those only `tight`, and those that do
/// not fit at all.
pub fn alone(services: &[(u32, &Service)], capacity: &Capacity) -> (Vec<String>, Vec<String>) {
    let mut tight = Vec::new();
    let mut none = Vec::new();
    for (_, s) in services {
        if let Some((_, needs)) = s.tiers.lowest() {
            match capacity.check(needs).verdict() {
                Verdict::Fits => {}
                Verdict::Tight => tight.push(s.name.clone()),
                Verdict::DoesNotFit => none.push(s.name.clone()),
            }
        }
    }
    (tight, none)
}
