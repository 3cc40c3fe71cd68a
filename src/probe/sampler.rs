//! Sampling a host again and again at little cost, for `hostfit record` and `hostfit profile
//! --container`: a whole scan now and then finds the workloads (and measures the process
//! groups, which have no cgroup to read); in between, each sample reads only `meminfo`, `stat`
//! and each cgroup-backed workload's memory and CPU counter (a workload without a counter of its
//! own has its processes' times summed every ten seconds). Chooses no path and decides no fit.

use super::cgroup::{CgroupLayout, Cgroups};
use super::cpu::{self, CpuTimes};
use super::error::ProbeError;
use super::meminfo;
use super::mounts;
use super::processes;
use super::root::{Root, RootDir};
use super::scan::{self, ScanConfig, Target};
use crate::model::{Bytes, Cores, Snapshot, WorkloadKind};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// One sample of the host and its workloads.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub memory_total: Bytes,
    pub available: Bytes,
    pub cpu_cores: Cores,
    /// Cores busy since the previous sample; `None` for the first.
    pub cpu_used: Option<Cores>,
    pub workloads: Vec<WorkloadReading>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorkloadReading {
    pub name: String,
    pub kind: WorkloadKind,
    /// The working set (a cgroup's usage less its inactive page cache; PSS or RSS for a group
    /// of processes).
    pub memory: Bytes,
    /// Cores used since the previous sample; `None` when not measured (the first sample, and
    /// process groups, measured only by the whole scans).
    pub cpu: Option<Cores>,
}

/// How often a workload without a CPU counter of its own has its processes' times summed:
/// reading every process's `stat` each second would cost more than the rest of the sample.
const SUMMED_CPU_EVERY: Duration = Duration::from_secs(10);

/// CPU counters at one moment.
#[derive(Debug, Default)]
struct Counters {
    host: Option<CpuTimes>,
    /// Nanoseconds (cgroup counter) or clock ticks (sum of processes) per workload path, and
    /// when each was read.
    workloads: HashMap<String, (u64, Instant)>,
}

/// Samples a host under its root; a whole scan every `rescan`.
#[derive(Debug)]
pub struct Sampler {
    config: ScanConfig,
    rescan: Duration,
    root: RootDir,
    layout: CgroupLayout,
    targets: Vec<Target>,
    last_scan: Option<Instant>,
    /// The snapshot of the last whole scan.
    snapshot: Option<Snapshot>,
    before: Counters,
}

impl Sampler {
    /// A sampler of the host `config` describes; fails only when the root cannot be opened.
    pub fn new(config: ScanConfig, rescan: Duration) -> Result<Sampler, ProbeError> {
        let root = RootDir::open(&config.root)?;
        let layout = match root
            .root()
            .read("proc/self/mountinfo")
            .and_then(|t| mounts::parse_mountinfo(&t))
        {
            Ok(m) => CgroupLayout::from_mounts(&m),
            Err(_) => CgroupLayout::from_mounts(&[]),
        };
        Ok(Sampler {
            config,
            rescan,
            root,
            layout,
            targets: Vec::new(),
            last_scan: None,
            snapshot: None,
            before: Counters::default(),
        })
    }

    /// The snapshot of the last whole scan (for the host's name and the warnings).
    pub fn snapshot(&self) -> Option<&Snapshot> {
        self.snapshot.as_ref()
    }

    /// The names and kinds of the cgroup-backed workloads sampled each time.
    pub fn workloads(&self) -> impl Iterator<Item = (&str, WorkloadKind)> {
        self.targets.iter().map(|t| (t.name.as_str(), t.kind))
    }

    /// Takes one sample, scanning the whole host first when the last scan is `rescan` old.
    pub fn sample(&mut self, taken_at: &str) -> Result<Reading, ProbeError> {
        let mut groups = Vec::new();
        let due = self.last_scan.is_none_or(|t| t.elapsed() >= self.rescan);
        if due {
            self.config.taken_at = taken_at.to_string();
            let (snapshot, targets) = scan::begin(&self.config, false)?.finish_with_targets()?;
            groups = snapshot
                .workloads
                .iter()
                .filter(|w| !targets.iter().any(|t| t.name == w.name))
                .map(|w| WorkloadReading {
                    name: w.name.clone(),
                    kind: w.kind,
                    memory: w.memory,
                    cpu: None,
                })
                .collect();
            if targets != self.targets {
                self.before.workloads.clear();
            }
            self.targets = targets;
            self.snapshot = Some(snapshot);
            self.last_scan = Some(Instant::now());
        }
        let root = self.root.root();
        let cgroups = Cgroups {
            root,
            layout: self.layout.clone(),
        };
        let (memory_total, available) = self.memory(root)?;
        let cpu_cores = self
            .snapshot
            .as_ref()
            .map_or(Cores(1.0), |s| s.host.cpu.cores);
        let at = Instant::now();
        let mut now = Counters {
            host: root
                .read("proc/stat")
                .ok()
                .and_then(|t| cpu::parse_proc_stat(&t).ok()),
            workloads: HashMap::new(),
        };
        let mut fresh: Vec<&str> = Vec::new();
        for t in &self.targets {
            let last = self.before.workloads.get(&t.path);
            let due = t.cpu_counter
                || last.is_none_or(|(_, when)| at.duration_since(*when) >= SUMMED_CPU_EVERY);
            if due {
                if let Some(c) = counter(root, &cgroups, t) {
                    now.workloads.insert(t.path.clone(), (c, at));
                    fresh.push(&t.path);
                }
            } else if let Some(kept) = last {
                now.workloads.insert(t.path.clone(), *kept);
            }
        }
        let cpu_used = match (self.before.host, now.host) {
            (Some(a), Some(b)) => Some(cpu::busy_cores(a, b, cpu_cores.0 as u32)),
            _ => None,
        };
        let ticks = self.config.ticks_per_second.max(1);
        let mut workloads: Vec<WorkloadReading> = self
            .targets
            .iter()
            .filter_map(|t| {
                let memory = cgroups.memory(&t.path).ok()?.working_set;
                let cpu = match (
                    self.before.workloads.get(&t.path),
                    now.workloads.get(&t.path),
                ) {
                    (Some((a, then)), Some((b, when))) if fresh.contains(&t.path.as_str()) => {
                        let ns = when.duration_since(*then).as_nanos();
                        let delta = b.saturating_sub(*a);
                        if t.cpu_counter {
                            Some(cpu::cores_from_ns(delta, ns))
                        } else {
                            Some(cpu::cores_from_ns(
                                delta.saturating_mul(1_000_000_000) / ticks,
                                ns,
                            ))
                        }
                    }
                    _ => None,
                };
                Some(WorkloadReading {
                    name: t.name.clone(),
                    kind: t.kind,
                    memory,
                    cpu,
                })
            })
            .collect();
        workloads.extend(groups);
        self.before = now;
        Ok(Reading {
            memory_total,
            available,
            cpu_cores,
            cpu_used,
            workloads,
        })
    }

    /// MemTotal and MemAvailable; the last scan's estimate where the kernel gives no
    /// MemAvailable (before 3.14).
    fn memory(&self, root: Root<'_>) -> Result<(Bytes, Bytes), ProbeError> {
        let info = meminfo::parse_meminfo(&root.read("proc/meminfo")?);
        let total = info.total()?;
        let available = info
            .get("MemAvailable")
            .or_else(|| self.snapshot.as_ref().map(|s| s.host.memory.available))
            .unwrap_or_default();
        Ok((total, available.min(total)))
    }
}

/// A workload's CPU counter: the cgroup's nanoseconds, or its processes' clock ticks.
fn counter(root: Root<'_>, cgroups: &Cgroups<'_>, t: &Target) -> Option<u64> {
    if t.cpu_counter {
        return cgroups.cpu_usage_ns(&t.path).ok();
    }
    let pids = cgroups.memory_pids(&t.path).ok()?;
    Some(
        pids.into_iter()
            .filter_map(|pid| processes::read_stat(root, pid).ok())
            .map(|s| s.ticks)
            .sum(),
    )
}
