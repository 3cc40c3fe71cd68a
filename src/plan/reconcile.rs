//! The memory reconciliation: `total = available + workloads + other`, every line named, and the
//! contradictions a snapshot can hold. This is where the seed's two "available" figures part. Pure.

use crate::model::{Bytes, Snapshot};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reconciliation {
    #[serde(rename = "total_bytes")]
    pub total: Bytes,
    #[serde(rename = "available_bytes")]
    pub available: Bytes,
    #[serde(rename = "workloads_bytes")]
    pub workloads: Bytes,
    /// total - available - workloads: the kernel, processes outside the workloads and page cache
    /// that cannot be reclaimed. Negative only when the snapshot contradicts itself.
    #[serde(rename = "other_bytes")]
    pub other: i64,
    /// total - workloads: what "available" would be if only the workloads used memory, as the
    /// seed computed its 831 MB.
    #[serde(rename = "total_minus_workloads_bytes")]
    pub total_minus_workloads: i64,
    pub lines: Vec<ReconciliationLine>,
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
    let other = signed(
        i128::from(memory.total.0) - i128::from(memory.available.0) - i128::from(workloads.0),
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
    lines.push(ReconciliationLine {
        name: "other".into(),
        kind: "other",
        bytes: other,
    });
    Reconciliation {
        total: memory.total,
        available: memory.available,
        workloads,
        other,
        total_minus_workloads: signed(memory.total.signed_diff(workloads)),
        lines,
    }
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
    let workloads: Bytes = snapshot.workloads.iter().map(|w| w.memory).sum();
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
