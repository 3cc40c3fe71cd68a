//! Raising a cap: when the services run under a cgroup memory or CPU limit below the host and
//! the host itself has room for a scenario, the answer is a larger cap, not a new instance: the
//! smallest memory limit and CPU quota that make the scenario fit. Pure.

use super::mover::quota_for;
use crate::model::{Bytes, Cores, Needs, Policy, Snapshot};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaiseLimit {
    pub scenario: String,
    /// The smallest memory limit with which the scenario fits (the current one when memory fits).
    pub memory_bytes: Bytes,
    /// The smallest CPU quota with which it fits (the current one when CPU fits).
    pub cpu_cores: Cores,
    pub memory_now_bytes: Bytes,
    pub cpu_now_cores: Cores,
}

/// The smallest cap for `needs`, assuming the host itself has room for them; `growth` is held
/// for the databases under the cap to grow to their ceilings.
pub fn raise_limit(
    snapshot: &Snapshot,
    policy: &Policy,
    scenario: &str,
    needs: &Needs,
    growth: Bytes,
) -> RaiseLimit {
    let host = &snapshot.host;
    let total = host.memory.total;
    let limit = host.memory.limit.filter(|l| *l < total).unwrap_or(total);
    let held = host.memory.limit_used.unwrap_or(Bytes::ZERO);
    let available = host.memory.available.min(total);
    let share = policy.memory_reserve.get();
    // Under a limit L the room is min(available, L - held) - growth - share x L: it grows with
    // L until L - held reaches what the host has available.
    let wanted =
        (needs.memory.0 as f64 + held.0 as f64 + growth.0 as f64) / (1.0 - share).max(1e-9);
    let ceiling = (available + held).min(total);
    let smallest = Bytes::from_mib(Bytes(wanted.ceil() as u64).as_mib().ceil()).min(ceiling);
    let cores = host.cpu.cores;
    let quota = host.cpu.quota.filter(|q| q.0 < cores.0).unwrap_or(cores);
    let planned = host.cpu.used + needs.cpu;
    let cpu = Cores(quota_for(planned, policy.cpu_limit.get()).0.min(cores.0));
    RaiseLimit {
        scenario: scenario.to_string(),
        memory_bytes: smallest.max(limit),
        cpu_cores: if cpu.0 > quota.0 { cpu } else { quota },
        memory_now_bytes: limit,
        cpu_now_cores: quota,
    }
}
