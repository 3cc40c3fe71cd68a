//! Whether the host's services run under a cgroup limit (a container, an LXC guest, a VPS made
//! of one): the limits and the use of the top cgroup of each hierarchy the scan sees, which is
//! the root of its cgroup namespace. On a host that is the real root, which has none. The
//! scan's own cgroup says nothing of the services' and is not read. Reads through `Cgroups`.

use super::cgroup::Cgroups;
use super::error::ProbeError;
use super::warning;
use crate::model::{Bytes, Cores, ScanWarning};

/// The cap on the host, where there is one.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Cap {
    /// The memory limit, when below MemTotal.
    pub(crate) limit: Option<Bytes>,
    /// The capped cgroup's working set (usage less inactive_file), with `limit`.
    pub(crate) limit_used: Option<Bytes>,
    /// The CPU quota in cores, when below the cores online.
    pub(crate) quota: Option<Cores>,
}

/// A missing file is no limit (the real v2 root has no `memory.max` or `cpu.max`).
fn or_none<T>(
    read: Result<Option<T>, ProbeError>,
    unreadable: fn(&ProbeError) -> ScanWarning,
    warnings: &mut Vec<ScanWarning>,
) -> Option<T> {
    match read {
        Ok(v) => v,
        Err(e) if e.is_gone() => None,
        Err(e) => {
            warnings.push(unreadable(&e));
            None
        }
    }
}

/// The cap of the host whose MemTotal is `total` and which has `cores` online.
pub(crate) fn read_cap(
    cgroups: &Cgroups<'_>,
    total: Bytes,
    cores: u32,
    warnings: &mut Vec<ScanWarning>,
) -> Cap {
    let mut cap = Cap::default();
    if let Some(h) = cgroups.layout.memory() {
        let top = h.mount_root.clone();
        let limit = or_none(
            cgroups.effective_memory_limit(&top),
            warning::memory_limit_unreadable,
            warnings,
        );
        if let Some(limit) = limit.filter(|l| *l < total) {
            cap.limit = Some(limit);
            match cgroups.memory(&top) {
                Ok(m) => cap.limit_used = Some(m.working_set),
                Err(e) => warnings.push(warning::memory_limit_unreadable(&e)),
            }
        }
    }
    if let Some(h) = cgroups.layout.cpu_limit() {
        let top = h.mount_root.clone();
        let quota = or_none(
            cgroups.cpu_limit(&top),
            warning::cpu_quota_unreadable,
            warnings,
        );
        cap.quota = quota.filter(|q| q.0 < f64::from(cores));
    }
    cap
}
