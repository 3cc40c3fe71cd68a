//! Verdicts per resource: the room a host leaves under a policy, and whether a demand fits in it,
//! is tight (only without the reserve or above the CPU limit) or does not fit. Pure arithmetic.

use crate::model::{Bytes, Catalog, Cores, InstanceType, Needs, Policy, Snapshot};
use serde::Serialize;

/// Ordered from best to worst, so the worst of several is their maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Fits,
    Tight,
    DoesNotFit,
}

impl Verdict {
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Fits => "fits",
            Verdict::Tight => "tight",
            Verdict::DoesNotFit => "does_not_fit",
        }
    }
}

/// What a host offers, before any new service: the three resources with their reserves.
#[derive(Debug, Clone, PartialEq)]
pub struct Capacity {
    pub memory_total: Bytes,
    pub memory_available: Bytes,
    pub memory_reserve: Bytes,
    /// Held back from `memory_available` for the workloads running now to grow to their budget
    /// (database engines to their ceilings, `plan::engines`): not room for new services.
    pub memory_held: Bytes,
    pub cpu_cores: Cores,
    pub cpu_used: Cores,
    pub cpu_limit_share: f64,
    pub disk: Option<DiskCapacity>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DiskCapacity {
    pub mount: String,
    pub total: Bytes,
    pub available: Bytes,
    pub reserve: Bytes,
}

/// A host as the planner judges it, one host of a fleet or the only one: the room its services
/// have (under their cap), the host itself, and the burstable type it is planned on, if any.
#[derive(Debug, Clone)]
pub struct Planned<'a> {
    pub capacity: Capacity,
    pub host: Capacity,
    pub burstable: Option<&'a InstanceType>,
    /// What each database is counted at, and the growth to their ceilings held out of the room.
    pub engines: super::engines::EngineBudget,
}

/// The capacities of a snapshot's host under a policy. A burstable type (known to the catalog)
/// sustains only its baseline share of each vCPU: the host is planned on that. The databases'
/// growth to their ceilings (under `policy.engines`) is held out of the room, here and on any
/// new type.
pub fn planned<'a>(
    snapshot: &Snapshot,
    policy: &Policy,
    catalog: Option<&'a Catalog>,
) -> Planned<'a> {
    let engines = super::engines::budget(snapshot, policy.engines);
    let mut capacity = Capacity::of_snapshot(snapshot, policy).holding(engines.growth);
    let mut host = Capacity::of_host(snapshot, policy).holding(engines.growth);
    let burstable = snapshot
        .host
        .instance
        .as_deref()
        .and_then(|name| catalog.and_then(|c| c.find(name)))
        .filter(|t| t.baseline() < 1.0 && t.planning_cores().0 < host.cpu_cores.0);
    if let Some(t) = burstable {
        capacity.cpu_cores = Cores(capacity.cpu_cores.0.min(t.planning_cores().0));
        host.cpu_cores = t.planning_cores();
    }
    Planned {
        capacity,
        host,
        burstable,
        engines,
    }
}

impl Capacity {
    /// The room the services have on a snapshot's host under a policy. When they run under a
    /// cgroup cap below the host (a VPS, an LXC host, a container), the cap is their host:
    /// total = the memory limit, available = min(MemAvailable, limit − what the capped cgroup
    /// holds), the reserve a share of the limit, cores = the CPU quota.
    pub fn of_snapshot(snapshot: &Snapshot, policy: &Policy) -> Capacity {
        let memory = &snapshot.host.memory;
        let mut capacity = Capacity::of_host(snapshot, policy);
        if let Some(limit) = memory.limit.filter(|l| *l < memory.total) {
            let held = memory.limit_used.unwrap_or(Bytes::ZERO);
            capacity.memory_total = limit;
            capacity.memory_available = memory.available.min(limit.saturating_sub(held));
            capacity.memory_reserve = limit.scale(policy.memory_reserve.get());
        }
        let cpu = &snapshot.host.cpu;
        if let Some(quota) = cpu.quota.filter(|q| q.0 < cpu.cores.0) {
            capacity.cpu_cores = quota;
        }
        capacity
    }

    /// The host itself, caps aside: MemTotal, MemAvailable and every core online.
    pub fn of_host(snapshot: &Snapshot, policy: &Policy) -> Capacity {
        let memory = &snapshot.host.memory;
        Capacity {
            memory_total: memory.total,
            memory_available: memory.available.min(memory.total),
            memory_reserve: memory.total.scale(policy.memory_reserve.get()),
            memory_held: Bytes::ZERO,
            cpu_cores: snapshot.host.cpu.cores,
            cpu_used: snapshot.host.cpu.used,
            cpu_limit_share: policy.cpu_limit.get(),
            disk: snapshot.root_disk().map(|d| DiskCapacity {
                mount: d.mount.clone(),
                total: d.total,
                available: d.available,
                reserve: d.total.scale(policy.disk_reserve.get()),
            }),
        }
    }

    /// Whether the services run under a cap below the host.
    pub fn is_capped(snapshot: &Snapshot) -> bool {
        let host = &snapshot.host;
        host.memory.limit.is_some_and(|l| l < host.memory.total)
            || host.cpu.quota.is_some_and(|q| q.0 < host.cpu.cores.0)
    }

    /// This capacity after `used` more is in use: less available, more CPU busy, less disk.
    pub fn after(&self, used: &Needs) -> Capacity {
        Capacity {
            memory_available: self.memory_available.saturating_sub(used.memory),
            cpu_used: self.cpu_used + used.cpu,
            disk: self.disk.as_ref().map(|d| DiskCapacity {
                available: d.available.saturating_sub(used.disk),
                ..d.clone()
            }),
            ..self.clone()
        }
    }

    /// The same host with no reserve and the CPU limit at every core: what `tight` allows.
    pub fn without_reserve(&self) -> Capacity {
        Capacity {
            memory_reserve: Bytes::ZERO,
            cpu_limit_share: 1.0,
            disk: self.disk.as_ref().map(|d| DiskCapacity {
                reserve: Bytes::ZERO,
                ..d.clone()
            }),
            ..self.clone()
        }
    }

    /// This capacity with `held` kept back for the workloads already running to grow.
    pub fn holding(&self, held: Bytes) -> Capacity {
        Capacity {
            memory_held: held,
            ..self.clone()
        }
    }

    /// What new services may use at most: available less what is held for growth.
    pub fn memory_usable(&self) -> Bytes {
        self.memory_available.saturating_sub(self.memory_held)
    }

    /// Room for new memory: available less what is held and the reserve (negative when the
    /// reserve is already used).
    pub fn memory_room(&self) -> i64 {
        clamp_i64(
            self.memory_available.signed_diff(self.memory_reserve) - i128::from(self.memory_held.0),
        )
    }

    pub fn cpu_limit(&self) -> Cores {
        Cores(self.cpu_cores.0 * self.cpu_limit_share)
    }

    /// Whether `needs` keeps every resource at `fits`. A demand of zero always does.
    pub fn admits(&self, needs: &Needs) -> bool {
        self.check(needs).verdict() == Verdict::Fits
            || (needs.memory == Bytes::ZERO && needs.cpu.0 <= 0.0 && needs.disk == Bytes::ZERO)
    }

    pub fn check(&self, needs: &Needs) -> Checks {
        Checks {
            memory: self.check_memory(needs.memory),
            cpu: self.check_cpu(needs.cpu),
            disk: self.disk.as_ref().map(|d| d.check(needs.disk)),
        }
    }

    pub fn check_memory(&self, demand: Bytes) -> MemoryCheck {
        let room = self.memory_room();
        let (verdict, shortfall) = judge_bytes(demand, room, self.memory_usable());
        MemoryCheck {
            demand,
            room,
            available: self.memory_available,
            held: self.memory_held,
            reserve: self.memory_reserve,
            verdict,
            shortfall,
            shortfall_percent_of_total: percent(shortfall.0 as f64, self.memory_total.0 as f64),
        }
    }

    pub fn check_cpu(&self, demand: Cores) -> CpuCheck {
        let limit = self.cpu_limit();
        let planned = self.cpu_used + demand;
        const EPS: f64 = super::room::CPU_EPS;
        let verdict = if planned.0 <= limit.0 + EPS {
            Verdict::Fits
        } else if planned.0 <= self.cpu_cores.0 + EPS {
            Verdict::Tight
        } else {
            Verdict::DoesNotFit
        };
        CpuCheck {
            demand,
            used: self.cpu_used,
            planned,
            limit,
            cores: self.cpu_cores,
            room: Cores(limit.0 - self.cpu_used.0),
            verdict,
            shortfall: Cores((planned.0 - limit.0).max(0.0)),
        }
    }
}

impl DiskCapacity {
    pub fn room(&self) -> i64 {
        clamp_i64(self.available.signed_diff(self.reserve))
    }

    pub fn check(&self, demand: Bytes) -> DiskCheck {
        let room = self.room();
        let (verdict, shortfall) = judge_bytes(demand, room, self.available);
        DiskCheck {
            mount: self.mount.clone(),
            demand,
            room,
            available: self.available,
            reserve: self.reserve,
            verdict,
            shortfall,
        }
    }
}

/// Memory and disk alike: `fits` within the room, `tight` within what is available, and the
/// shortfall against the room.
fn judge_bytes(demand: Bytes, room: i64, available: Bytes) -> (Verdict, Bytes) {
    let over = i128::from(demand.0) - i128::from(room);
    let verdict = if over <= 0 {
        Verdict::Fits
    } else if demand <= available {
        Verdict::Tight
    } else {
        Verdict::DoesNotFit
    };
    (
        verdict,
        Bytes(u64::try_from(over.max(0)).unwrap_or(u64::MAX)),
    )
}

fn clamp_i64(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

fn percent(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        ((part / whole) * 1000.0).round() / 10.0
    } else {
        0.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemoryCheck {
    #[serde(rename = "demand_bytes")]
    pub demand: Bytes,
    /// available - held - reserve; negative when the reserve is already eaten into.
    #[serde(rename = "room_bytes")]
    pub room: i64,
    #[serde(rename = "available_bytes")]
    pub available: Bytes,
    /// Held for the running databases to grow to their ceilings.
    #[serde(rename = "held_bytes")]
    pub held: Bytes,
    #[serde(rename = "reserve_bytes")]
    pub reserve: Bytes,
    pub verdict: Verdict,
    #[serde(rename = "shortfall_bytes")]
    pub shortfall: Bytes,
    pub shortfall_percent_of_total: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CpuCheck {
    #[serde(rename = "demand_cores")]
    pub demand: Cores,
    #[serde(rename = "used_cores")]
    pub used: Cores,
    /// used + demand
    #[serde(rename = "planned_cores")]
    pub planned: Cores,
    /// cpu_limit x cores
    #[serde(rename = "limit_cores")]
    pub limit: Cores,
    #[serde(rename = "host_cores")]
    pub cores: Cores,
    /// limit - used
    #[serde(rename = "room_cores")]
    pub room: Cores,
    pub verdict: Verdict,
    #[serde(rename = "shortfall_cores")]
    pub shortfall: Cores,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiskCheck {
    pub mount: String,
    #[serde(rename = "demand_bytes")]
    pub demand: Bytes,
    #[serde(rename = "room_bytes")]
    pub room: i64,
    #[serde(rename = "available_bytes")]
    pub available: Bytes,
    #[serde(rename = "reserve_bytes")]
    pub reserve: Bytes,
    pub verdict: Verdict,
    #[serde(rename = "shortfall_bytes")]
    pub shortfall: Bytes,
}

/// The three checks of one demand. A snapshot without a `/` disk has no disk check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checks {
    pub memory: MemoryCheck,
    pub cpu: CpuCheck,
    pub disk: Option<DiskCheck>,
}

impl Checks {
    /// The worst of the three.
    pub fn verdict(&self) -> Verdict {
        let disk = self.disk.as_ref().map_or(Verdict::Fits, |d| d.verdict);
        self.memory.verdict.max(self.cpu.verdict).max(disk)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;

    fn host(available_mib: u64, total_mib: u64) -> Capacity {
        Capacity {
            memory_total: Bytes(total_mib * MIB),
            memory_available: Bytes(available_mib * MIB),
            memory_reserve: Bytes(total_mib * MIB / 10),
            memory_held: Bytes::ZERO,
            cpu_cores: Cores(2.0),
            cpu_used: Cores(0.5),
            cpu_limit_share: 0.7,
            disk: Some(DiskCapacity {
                mount: "/".into(),
                total: Bytes(100 * MIB),
                available: Bytes(50 * MIB),
                reserve: Bytes(10 * MIB),
            }),
        }
    }

    fn check_memory(available: u64, total: u64, demand: u64, verdict: Verdict, shortfall: u64) {
        let c = host(available, total).check_memory(Bytes(demand * MIB));
        assert_eq!(
            (c.verdict, c.shortfall),
            (verdict, Bytes(shortfall * MIB)),
            "{available} {total} {demand}"
        );
    }

    #[test]
    fn memory_verdicts_at_their_edges() {
        // total 1000, reserve 100, available 500: room 400
        check_memory(500, 1000, 400, Verdict::Fits, 0);
        check_memory(500, 1000, 401, Verdict::Tight, 1);
        check_memory(500, 1000, 500, Verdict::Tight, 100);
        check_memory(500, 1000, 501, Verdict::DoesNotFit, 101);
        // available below the reserve: negative room, even zero demand is short
        check_memory(50, 1000, 0, Verdict::Tight, 50);
        check_memory(50, 1000, 10, Verdict::Tight, 60);
    }

    #[test]
    fn held_memory_is_not_room() {
        // total 1000, reserve 100, available 500, 150 held for growth: room 250, usable 350
        let h = host(500, 1000).holding(Bytes(150 * MIB));
        assert_eq!(h.memory_room(), 250 * MIB as i64);
        let c = |d: u64| {
            let m = h.check_memory(Bytes(d * MIB));
            (m.verdict, m.shortfall)
        };
        assert_eq!(c(250), (Verdict::Fits, Bytes::ZERO));
        assert_eq!(c(350), (Verdict::Tight, Bytes(100 * MIB)));
        assert_eq!(c(351), (Verdict::DoesNotFit, Bytes(101 * MIB)));
    }

    #[test]
    fn cpu_verdicts_against_the_limit_then_the_cores() {
        let h = host(500, 1000);
        assert_eq!(h.check_cpu(Cores(0.9)).verdict, Verdict::Fits); // 1.4 = 0.7 x 2
        assert_eq!(h.check_cpu(Cores(0.91)).verdict, Verdict::Tight);
        assert_eq!(h.check_cpu(Cores(1.5)).verdict, Verdict::Tight); // 2.0
        let over = h.check_cpu(Cores(1.6));
        assert_eq!(over.verdict, Verdict::DoesNotFit);
        assert!((over.shortfall.0 - 0.7).abs() < 1e-9);
    }

    #[test]
    fn disk_room_keeps_its_reserve() {
        let h = host(500, 1000);
        let d = h.disk.as_ref().map(|d| d.check(Bytes(41 * MIB)));
        assert_eq!(
            d.map(|d| (d.verdict, d.shortfall)),
            Some((Verdict::Tight, Bytes(MIB)))
        );
    }

    #[test]
    fn worst_of_three() {
        let h = host(500, 1000);
        let checks = h.check(&Needs {
            memory: Bytes(10 * MIB),
            cpu: Cores(1.6),
            disk: Bytes(0),
        });
        assert_eq!(checks.verdict(), Verdict::DoesNotFit);
        assert!(!h.admits(&Needs {
            memory: Bytes(10 * MIB),
            cpu: Cores(1.6),
            disk: Bytes(0)
        }));
        assert!(h.without_reserve().admits(&Needs {
            memory: Bytes(500 * MIB),
            cpu: Cores(1.5),
            disk: Bytes(50 * MIB)
        }));
    }
}
