//! Carrying a host over to another instance type: what is in use now stays in use, the type's
//! usable memory is estimated by one rule, a burstable type offers its baseline, and the disk at
//! `/` moves unchanged (it is not part of an instance type). Pure.

use crate::model::{Bytes, Cores, InstanceType, Policy, Snapshot};
use crate::plan::verdict::Capacity;
use serde::Serialize;

/// Share of nominal memory a type's kernel reports as MemTotal when nothing better is known.
pub const DEFAULT_USABLE_SHARE: f64 = 0.925;

/// How usable memory was estimated for the catalog's types.
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

/// Carries the host of a snapshot over to other types.
pub struct Mover<'a> {
    pub snapshot: &'a Snapshot,
    pub policy: &'a Policy,
    /// The services' room now (under their cap, when they have one): what is in use there is
    /// carried over.
    pub base: &'a Capacity,
    /// The host itself (caps aside), whose disk moves along.
    pub host: &'a Capacity,
    pub rule: UsableRule,
}

impl Mover<'_> {
    /// What the kernel will report as MemTotal on `t`.
    pub fn usable(&self, t: &InstanceType) -> Bytes {
        usable_memory(t, self.rule)
    }

    /// Memory in use now, carried over: MemTotal less MemAvailable, or on a capped host the
    /// limit less what is available under it (at least what the capped cgroup holds).
    pub fn in_use(&self) -> Bytes {
        self.base
            .memory_total
            .saturating_sub(self.base.memory_available)
    }

    /// The capacity the host would have on `t`.
    pub fn capacity_on(&self, t: &InstanceType) -> Capacity {
        let usable = self.usable(t);
        Capacity {
            memory_total: usable,
            memory_available: usable.saturating_sub(self.in_use()),
            memory_reserve: usable.scale(self.policy.memory_reserve.get()),
            // The databases move along, and may still grow there.
            memory_held: self.host.memory_held,
            cpu_cores: t.planning_cores(),
            cpu_used: self.snapshot.host.cpu.used,
            cpu_limit_share: self.policy.cpu_limit.get(),
            disk: self.host.disk.clone(),
        }
    }
}

/// What the kernel will report as MemTotal on `t`: the catalog's `usable_memory`, else its
/// nominal memory times the rule's share.
pub fn usable_memory(t: &InstanceType, rule: UsableRule) -> Bytes {
    t.usable_memory
        .unwrap_or_else(|| t.memory.scale(rule.share()))
}

/// The rule for a fleet's new instances: the share of the first host whose type the catalog
/// knows (MemTotal / nominal), else the default.
pub fn fleet_rule<'a>(
    snapshots: impl Iterator<Item = &'a Snapshot>,
    catalog: &crate::model::Catalog,
) -> UsableRule {
    snapshots
        .filter_map(|s| {
            let t = catalog.find(s.host.instance.as_deref()?)?;
            (t.memory.0 > 0).then(|| UsableRule::CurrentRatio {
                share: s.host.memory.total.0 as f64 / t.memory.0 as f64,
            })
        })
        .next()
        .unwrap_or_default()
}

/// A new instance of type `t` with nothing running yet: its usable memory all available, its
/// planning cores all free, and no disk to check (a catalog type has none).
pub fn fresh(t: &InstanceType, policy: &Policy, rule: UsableRule) -> Capacity {
    let usable = usable_memory(t, rule);
    Capacity {
        memory_total: usable,
        memory_available: usable,
        memory_reserve: usable.scale(policy.memory_reserve.get()),
        cpu_cores: t.planning_cores(),
        cpu_used: Cores(0.0),
        cpu_limit_share: policy.cpu_limit.get(),
        disk: None,
        memory_held: Bytes::ZERO,
    }
}

/// `capacity` with the disk at `/` grown by `growth` (its reserve grows with it).
pub fn with_disk_grown(capacity: &Capacity, growth: Bytes, reserve_share: f64) -> Capacity {
    let mut out = capacity.clone();
    if let Some(d) = out.disk.as_mut() {
        d.total += growth;
        d.available += growth;
        d.reserve = d.total.scale(reserve_share);
    }
    out
}

/// The growth of a disk that makes `shortfall` (against the room under the reserve) fit: the
/// reserve grows with the disk, so `growth x (1 - reserve share) >= shortfall`.
pub fn disk_growth(shortfall: Bytes, reserve_share: f64) -> Bytes {
    if shortfall == Bytes::ZERO {
        return Bytes::ZERO;
    }
    let keep = (1.0 - reserve_share).max(1e-9);
    // whole MiB, rounded up, so that the figure people type is enough
    let mib = (shortfall.as_mib() / keep).ceil();
    Bytes::from_mib(mib)
}

/// Cores of a CPU quota that keep `planned` within the CPU limit share, to two decimals up.
pub fn quota_for(planned: Cores, share: f64) -> Cores {
    Cores((planned.0 / share.max(1e-9) * 100.0 - 1e-9).ceil() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;

    #[test]
    fn disk_growth_covers_the_reserve_of_what_is_added() {
        // short by 900 MiB with a 10% reserve: 1000 MiB more, of which 100 MiB is reserve
        assert_eq!(disk_growth(Bytes(900 * MIB), 0.1), Bytes(1000 * MIB));
        assert_eq!(disk_growth(Bytes(1), 0.1), Bytes(MIB));
        assert_eq!(disk_growth(Bytes::ZERO, 0.1), Bytes::ZERO);
    }

    #[test]
    fn quotas_round_up_to_hundredths() {
        assert_eq!(quota_for(Cores(1.4), 0.7), Cores(2.0));
        assert_eq!(quota_for(Cores(1.0), 0.7), Cores(1.43));
    }
}
