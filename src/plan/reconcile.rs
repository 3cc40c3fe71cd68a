//! The memory reconciliation: `total = available + workloads + other`, every line named, and the
//! contradictions a snapshot can hold. This is where the seed's two "available" figures part. Pure.

use crate::model::{Bytes, EngineBasis, Snapshot};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reconciliation {
    #[serde(rename = "total_bytes")]
    pub total: Bytes,
    #[serde(rename = "available_bytes")]
    pub available: Bytes,
    #[serde(rename = "workloads_bytes")]
    pub workloads: Bytes,
    /// Page cache the workloads' working sets include (their cgroups' `active_file`) that
    /// MemAvailable counts as available too: counted twice, so taken out once.
    #[serde(rename = "workload_cache_bytes")]
    pub workload_cache: Bytes,
    /// total - available - (workloads - workload cache): the kernel, processes outside the workloads and page cache
    /// that cannot be reclaimed. Negative only when the snapshot contradicts itself.
    #[serde(rename = "other_bytes")]
    pub other: i64,
    /// total - (workloads - workload cache): what "available" would be if only the workloads used
    /// memory, as the seed computed its 831 MB.
    #[serde(rename = "total_minus_workloads_bytes")]
    pub total_minus_workloads: i64,
    pub lines: Vec<ReconciliationLine>,
    /// What the databases among the workloads are budgeted at (`plan::engines`).
    pub engines: EngineBasis,
    /// Held out of `available` for them to grow to that budget: not room for new services.
    #[serde(rename = "engine_growth_bytes")]
    pub engine_growth: Bytes,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReconciliationLine {
    pub name: String,
    /// `available`, `workload` or `other`
    pub kind: &'static str,
    #[serde(rename = "bytes")]
    pub bytes: i64,
}

/// A figure of the snapshot that contradicts another.
#[derive(Debug, Clone, PartialEq)]
pub enum Contradiction {
    FreeAboveAvailable {
        free: Bytes,
        available: Bytes,
    },
    AvailableAboveTotal {
        available: Bytes,
        total: Bytes,
    },
    WorkloadsAboveUsed {
        workloads: Bytes,
        used: Bytes,
    },
    DiskOverfull {
        mount: String,
        used: Bytes,
        available: Bytes,
        total: Bytes,
    },
}

fn signed(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

pub fn reconcile(snapshot: &Snapshot) -> Reconciliation {
    let memory = &snapshot.host.memory;
    let workloads: Bytes = snapshot.workloads.iter().map(|w| w.memory).sum();
    let cache = workload_cache(snapshot);
    let other = signed(
        i128::from(memory.total.0) - i128::from(memory.available.0) - i128::from(workloads.0)
            + i128::from(cache.0),
    );
    let mut lines = vec![ReconciliationLine {
        name: "available".into(),
        kind: "available",
        bytes: signed(i128::from(memory.available.0)),
    }];
    lines.extend(snapshot.workloads.iter().map(|w| ReconciliationLine {
        name: w.name.clone(),
        kind: "workload",
        bytes: signed(i128::from(w.memory.0)),
    }));
    if cache > Bytes::ZERO {
        lines.push(ReconciliationLine {
            name: "workload_cache".into(),
            kind: "workload_cache",
            bytes: -signed(i128::from(cache.0)),
        });
    }
    lines.push(ReconciliationLine {
        name: "other".into(),
        kind: "other",
        bytes: other,
    });
    Reconciliation {
        total: memory.total,
        available: memory.available,
        workloads,
        workload_cache: cache,
        other,
        total_minus_workloads: signed(memory.total.signed_diff(workloads.saturating_sub(cache))),
        lines,
        engines: EngineBasis::Now,
        engine_growth: Bytes::ZERO,
    }
}

/// The active page cache inside the workloads' cgroups, which both their working sets and
/// MemAvailable count; zero for a snapshot that does not say.
pub fn workload_cache(snapshot: &Snapshot) -> Bytes {
    snapshot
        .workloads
        .iter()
        .filter_map(|w| w.active_file.map(|a| a.min(w.memory)))
        .sum()
}

/// Figures that cannot all be true at once. Reported, never silently resolved.
pub fn contradictions(snapshot: &Snapshot) -> Vec<Contradiction> {
    let memory = &snapshot.host.memory;
    let mut found = Vec::new();
    if let Some(free) = memory.free
        && free > memory.available
    {
        found.push(Contradiction::FreeAboveAvailable {
            free,
            available: memory.available,
        });
    }
    if memory.available > memory.total {
        found.push(Contradiction::AvailableAboveTotal {
            available: memory.available,
            total: memory.total,
        });
    }
    let workloads = snapshot
        .workloads
        .iter()
        .map(|w| w.memory)
        .sum::<Bytes>()
        .saturating_sub(workload_cache(snapshot));
    let used = memory.total.saturating_sub(memory.available);
    if workloads > used {
        found.push(Contradiction::WorkloadsAboveUsed { workloads, used });
    }
    for disk in &snapshot.host.disks {
        if disk.used + disk.available > disk.total {
            found.push(Contradiction::DiskOverfull {
                mount: disk.mount.clone(),
                used: disk.used,
                available: disk.available,
                total: disk.total,
            });
        }
    }
    found
}
