//! The last look at a snapshot before it leaves the probe: a figure no host can have (a size
//! above 1 EiB, a CPU figure above a million cores or not a number) is capped, and available
//! memory above the total is brought down to it, each with a warning naming the field, so that
//! a garbage tree still gives a snapshot `plan` accepts. Pure: it reads no file.

use super::warning;
use crate::model::{Bytes, Cores, ScanWarning, Snapshot};

/// The largest size a snapshot holds: 1 EiB.
pub(crate) const MAX_BYTES: Bytes = Bytes(1 << 60);
/// The most cores a CPU figure may say.
pub(crate) const MAX_CORES: f64 = 1e6;

fn bytes(what: &str, value: &mut Bytes, warnings: &mut Vec<ScanWarning>) {
    if *value > MAX_BYTES {
        warnings.push(warning::figure_capped(what, value.0, MAX_BYTES.0));
        *value = MAX_BYTES;
    }
}

fn some_bytes(what: &str, value: &mut Option<Bytes>, warnings: &mut Vec<ScanWarning>) {
    if let Some(v) = value {
        bytes(what, v, warnings);
    }
}

fn cores(what: &str, value: &mut Cores, warnings: &mut Vec<ScanWarning>) {
    let capped = if value.0.is_nan() || value.0 < 0.0 {
        0.0
    } else if value.0 > MAX_CORES {
        MAX_CORES
    } else {
        return;
    };
    warnings.push(warning::figure_capped(what, value.0, capped));
    *value = Cores(capped);
}

fn some_cores(what: &str, value: &mut Option<Cores>, warnings: &mut Vec<ScanWarning>) {
    if let Some(v) = value {
        cores(what, v, warnings);
    }
}

/// Caps what no host has, in place, and adds a warning for each figure changed.
pub(crate) fn cap(snapshot: &mut Snapshot) {
    let w = &mut snapshot.warnings;
    let host = &mut snapshot.host;
    cores("host.cpu.cores", &mut host.cpu.cores, w);
    cores("host.cpu.used", &mut host.cpu.used, w);
    some_cores("host.cpu.quota", &mut host.cpu.quota, w);
    let m = &mut host.memory;
    bytes("host.memory.total", &mut m.total, w);
    bytes("host.memory.available", &mut m.available, w);
    for (what, value) in [
        ("host.memory.free", &mut m.free),
        ("host.memory.cached", &mut m.cached),
        ("host.memory.buffers", &mut m.buffers),
        ("host.memory.shmem", &mut m.shmem),
        ("host.memory.sreclaimable", &mut m.sreclaimable),
        ("host.memory.limit", &mut m.limit),
        ("host.memory.limit_used", &mut m.limit_used),
    ] {
        some_bytes(what, value, w);
    }
    if m.available > m.total {
        w.push(warning::available_above_total(m.available, m.total));
        m.available = m.total;
    }
    bytes("host.swap.total", &mut host.swap.total, w);
    some_bytes("host.swap.free", &mut host.swap.free, w);
    for d in &mut host.disks {
        let at = |field: &str| format!("host.disks[{}].{field}", d.mount);
        let (total, used, available) = (at("total"), at("used"), at("available"));
        bytes(&total, &mut d.total, w);
        bytes(&used, &mut d.used, w);
        bytes(&available, &mut d.available, w);
    }
    for wl in &mut snapshot.workloads {
        let at = |field: &str| format!("workloads[{}].{field}", wl.name);
        bytes(&at("memory"), &mut wl.memory, w);
        cores(&at("cpu"), &mut wl.cpu, w);
        some_cores(&at("cpu_limit"), &mut wl.cpu_limit, w);
        for (field, value) in [
            ("rss", &mut wl.rss),
            ("pss", &mut wl.pss),
            ("page_cache", &mut wl.page_cache),
            ("active_file", &mut wl.active_file),
            ("memory_limit", &mut wl.memory_limit),
        ] {
            some_bytes(&at(field), value, w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CpuState, Host, MemoryState, SwapState, Workload, WorkloadKind};

    fn snapshot(total: u64, available: u64) -> Snapshot {
        Snapshot {
            host: Host {
                name: "h".into(),
                taken_at: "2000-01-01T00:00:00Z".into(),
                instance: None,
                arch: None,
                cpu: CpuState {
                    cores: Cores(2.0),
                    used: Cores(f64::NAN),
                    quota: None,
                    interval_seconds: None,
                },
                memory: MemoryState {
                    total: Bytes(total),
                    available: Bytes(available),
                    free: Some(Bytes(u64::MAX)),
                    cached: None,
                    buffers: None,
                    shmem: None,
                    sreclaimable: None,
                    limit: None,
                    limit_used: None,
                },
                swap: SwapState::default(),
                disks: Vec::new(),
                listening_ports: Vec::new(),
                pressure: None,
            },
            workloads: vec![Workload::new(
                "w",
                WorkloadKind::Process,
                Bytes(u64::MAX),
                Cores(1e9),
            )],
            warnings: Vec::new(),
            sampled: None,
        }
    }

    #[test]
    fn what_no_host_has_is_capped_and_said() {
        let mut s = snapshot(u64::MAX, u64::MAX);
        cap(&mut s);
        assert_eq!(s.host.memory.total, MAX_BYTES);
        assert_eq!(s.host.memory.available, MAX_BYTES);
        assert_eq!(s.host.memory.free, Some(MAX_BYTES));
        assert_eq!(s.host.cpu.used, Cores(0.0));
        assert_eq!(s.workloads[0].memory, MAX_BYTES);
        assert_eq!(s.workloads[0].cpu, Cores(MAX_CORES));
        let what: Vec<&str> = s.warnings.iter().map(|w| w.args["what"].as_str()).collect();
        assert_eq!(
            what,
            vec![
                "host.cpu.used",
                "host.memory.total",
                "host.memory.available",
                "host.memory.free",
                "workloads[w].memory",
                "workloads[w].cpu",
            ]
        );
    }

    #[test]
    fn available_is_at_most_the_total() {
        let mut s = snapshot(100, 300);
        s.host.memory.free = None;
        s.host.cpu.used = Cores(0.5);
        s.workloads.clear();
        cap(&mut s);
        assert_eq!(s.host.memory.available, Bytes(100));
        let codes: Vec<&str> = s.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(codes, vec!["available_above_total"]);
        let mut fine = snapshot(300, 100);
        fine.host.memory.free = None;
        fine.host.cpu.used = Cores(0.5);
        fine.workloads.clear();
        cap(&mut fine);
        assert!(fine.warnings.is_empty());
    }
}
