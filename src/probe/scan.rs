//! One scan of a host under a root: discover workloads and take the first CPU sample
//! (`begin`), wait, then take the second sample and read everything else (`Pending::finish`).
//! It turns failed sources into warnings; only unreadable `/proc/meminfo` or `/proc/stat` end it.

use super::cgroup::{CgroupLayout, Cgroups};
use super::cpu::{self, CpuTimes};
use super::disks::{self, DiskSource};
use super::docker::EngineSource;
use super::error::ProbeError;
use super::host::ArchSource;
use super::http::EngineLimits;
use super::mounts::{self, Mount};
use super::ports::SocketSource;
use super::processes::{self, Gaps, ProcStat, Process};
use super::root::{Root, RootDir};
use super::workloads::{self, Candidate, CgroupFigures, Interval};
use super::{discover, engines, host, sanity, warning};
use crate::model::{ScanWarning, Snapshot};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

/// What to scan and where each source is; the caller chooses, the probe only reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanConfig {
    /// The directory that stands for `/`.
    pub root: PathBuf,
    pub engine: EngineSource,
    /// How long the engine may take to connect, per request and in all.
    pub engine_limits: EngineLimits,
    pub disks: DiskSource,
    /// When the scan was taken, as the snapshot should say it.
    pub taken_at: String,
    /// Clock ticks per second of the times in `/proc/<pid>/stat` (USER_HZ).
    pub ticks_per_second: u64,
    /// Bytes per page of the kernel that wrote the files (`/proc/zoneinfo` and the RSS in
    /// `/proc/<pid>/stat` count pages).
    pub page_size: u64,
    /// Where the CPU architecture is read.
    pub arch: ArchSource,
    pub sockets: SocketSource,
    /// Database servers to ask for their live settings (`--connect`).
    pub connect: Vec<super::engines::Connect>,
}

/// CPU counters at one moment.
#[derive(Debug, Clone, Default)]
struct Counters {
    host: Option<CpuTimes>,
    cgroups: HashMap<String, u64>,
    /// Each process's `stat`, with its start time and ticks used.
    processes: HashMap<u32, ProcStat>,
}

/// A scan between its two samples.
#[derive(Debug)]
pub struct Pending<'a> {
    config: &'a ScanConfig,
    root: RootDir,
    warnings: Vec<ScanWarning>,
    mounts: Vec<Mount>,
    layout: CgroupLayout,
    candidates: Vec<Candidate>,
    first: Option<(Counters, Instant)>,
}

/// Finds the workloads and, when `measure_cpu`, takes the first CPU sample. Fails only when the
/// root cannot be opened: what it cannot read under it becomes a warning.
pub fn begin(config: &ScanConfig, measure_cpu: bool) -> Result<Pending<'_>, ProbeError> {
    let held = RootDir::open(&config.root)?;
    let root = held.root();
    let mut warnings = Vec::new();
    let mounts = match root
        .read("proc/self/mountinfo")
        .and_then(|t| mounts::parse_mountinfo(&t))
    {
        Ok(m) => m,
        Err(e) => {
            warnings.push(e.warning());
            Vec::new()
        }
    };
    let layout = CgroupLayout::from_mounts(&mounts);
    if layout.memory().is_none() {
        warnings.push(warning::no_memory_cgroup());
    }
    let cgroups = Cgroups {
        root,
        layout: layout.clone(),
    };
    let candidates = discover::discover(
        &config.engine,
        config.engine_limits,
        &cgroups,
        &mut warnings,
    );
    let first = measure_cpu.then(|| (sample(root, &cgroups, &candidates), Instant::now()));
    Ok(Pending {
        config,
        root: held,
        warnings,
        mounts,
        layout,
        candidates,
        first,
    })
}

fn sample(root: Root<'_>, cgroups: &Cgroups<'_>, candidates: &[Candidate]) -> Counters {
    let host = root
        .read("proc/stat")
        .ok()
        .and_then(|t| cpu::parse_proc_stat(&t).ok());
    let cgroups = candidates
        .iter()
        .filter(|c| c.cpu_counter)
        .filter_map(|c| Some((c.path.clone(), cgroups.cpu_usage_ns(&c.path).ok()?)))
        .collect();
    let processes = processes::list_pids(root)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|pid| Some((pid, processes::read_stat(root, pid).ok()?)))
        .collect();
    Counters {
        host,
        cgroups,
        processes,
    }
}

/// A cgroup-backed workload a sampler reads again without a whole scan: its name in the
/// snapshot, and where its figures are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub(crate) name: String,
    pub(crate) kind: crate::model::WorkloadKind,
    /// Its path in the memory hierarchy.
    pub(crate) path: String,
    /// True when its CPU time is the cgroup's own counter; else the sum of its processes'.
    pub(crate) cpu_counter: bool,
}

impl Pending<'_> {
    /// Takes the second sample and reads the rest of the host.
    pub fn finish(self) -> Result<Snapshot, ProbeError> {
        self.finish_with_targets().map(|(s, _)| s)
    }

    /// As `finish`, with where each cgroup-backed workload of the snapshot is read.
    pub(crate) fn finish_with_targets(self) -> Result<(Snapshot, Vec<Target>), ProbeError> {
        let Pending {
            config,
            root: held,
            mut warnings,
            mounts,
            layout,
            candidates,
            first,
        } = self;
        let root = held.root();
        let cgroups = Cgroups { root, layout };
        let second = first
            .as_ref()
            .map(|(before, at)| (before, sample(root, &cgroups, &candidates), at.elapsed()));
        let mut host = host::read_host(root, config, &cgroups, &mut warnings)?;
        if let Some((before, after, elapsed)) = &second {
            if let (Some(b), Some(a)) = (before.host, after.host) {
                host.cpu.used = cpu::busy_cores(b, a, host.cpu.cores.0 as u32);
            }
            host.cpu.interval_seconds = Some((elapsed.as_secs_f64() * 1000.0).round() / 1000.0);
        } else {
            host.cpu.interval_seconds = Some(0.0);
            warnings.push(warning::cpu_not_measured());
        }
        let real: Vec<&Mount> = mounts::real_filesystems(&mounts);
        for d in disks::measure(root, &config.disks, &real) {
            match d {
                // Two filesystems at one mount point: the one mounted last hides the other,
                // and a snapshot has one disk per mount.
                Ok(disk) => match host.disks.iter_mut().find(|x| x.mount == disk.mount) {
                    Some(hidden) => {
                        warnings.push(warning::mount_shadowed(&disk.mount));
                        *hidden = disk;
                    }
                    None => host.disks.push(disk),
                },
                Err(e) => warnings.push(e.warning()),
            }
        }
        if config.disks == DiskSource::NotMeasured {
            warnings.push(warning::disks_not_measured());
        }
        let measured = measure_cgroups(
            &cgroups,
            candidates,
            second.as_ref().map(|(b, a, _)| (*b, a)),
            &mut warnings,
        );
        // Each process in a measured cgroup, read from the cgroups now: it is counted there,
        // and its own memory is not read.
        let mut memory_paths: HashMap<u32, String> = HashMap::new();
        for (c, _) in &measured {
            for pid in cgroups.memory_pids(&c.path).unwrap_or_default() {
                memory_paths.entry(pid).or_insert_with(|| c.path.clone());
            }
        }
        let mut gaps = Gaps::default();
        let procs: Vec<Process> = processes::list_pids(root)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|pid| {
                let stat = second
                    .as_ref()
                    .and_then(|(_, after, _)| after.processes.get(&pid).cloned());
                let counted = memory_paths.contains_key(&pid);
                match processes::read_process(root, pid, stat, counted, config.page_size, &mut gaps)
                {
                    Ok(p) => p,
                    Err(e) => {
                        warnings.push(e.warning());
                        None
                    }
                }
            })
            .collect();
        let (listening, owners) =
            host::listening_ports(root, &config.sockets, &procs, &mut gaps, &mut warnings);
        host.listening_ports = listening;
        note_gaps(gaps, config.page_size, &mut warnings);
        let interval = second.as_ref().map(|(before, after, elapsed)| Interval {
            elapsed_ns: elapsed.as_nanos(),
            process_ticks: after
                .processes
                .iter()
                .filter_map(|(pid, now)| {
                    let then = before.processes.get(pid)?;
                    (then.start == now.start).then(|| (*pid, now.ticks.saturating_sub(then.ticks)))
                })
                .collect(),
            ticks_per_second: config.ticks_per_second,
        });
        let sources: Vec<(String, String, bool)> = measured
            .iter()
            .map(|(c, f)| (f.source.clone(), c.path.clone(), c.cpu_counter))
            .collect();
        let mut assembled = workloads::assemble(workloads::Inputs {
            measured,
            processes: &procs,
            memory_paths: &memory_paths,
            ports: &owners,
            interval: interval.as_ref(),
        });
        let engines = engines::Context {
            root,
            processes: &procs,
            host_memory: host.memory.total,
            connect: &config.connect,
        };
        engines::attach(&engines, &mut assembled, &mut warnings);
        let mut workloads: Vec<_> = assembled.into_iter().map(|a| a.workload).collect();
        // The workloads' active page cache (`active_file` on each) is counted by MemAvailable
        // too; the planner's reconciliation takes it out once.
        for r in workloads::unique_names(&mut workloads) {
            warnings.push(warning::workload_renamed(
                &r.name,
                &r.renamed,
                workloads::kind_word(r.kind),
            ));
        }
        let targets = workloads
            .iter()
            .filter_map(|w| {
                let source = w.source.as_deref()?;
                let (_, path, cpu_counter) = sources.iter().find(|(s, _, _)| s == source)?;
                Some(Target {
                    name: w.name.clone(),
                    kind: w.kind,
                    path: path.clone(),
                    cpu_counter: *cpu_counter,
                })
            })
            .collect();
        let mut snapshot = Snapshot {
            host,
            workloads,
            warnings,
            sampled: None,
        };
        sanity::cap(&mut snapshot);
        Ok((snapshot, targets))
    }
}

/// Reads each candidate's figures; one that vanished is dropped without a word.
fn measure_cgroups(
    cgroups: &Cgroups<'_>,
    candidates: Vec<Candidate>,
    counters: Option<(&Counters, &Counters)>,
    warnings: &mut Vec<ScanWarning>,
) -> Vec<(Candidate, CgroupFigures)> {
    let mut out = Vec::new();
    for c in candidates {
        let memory = match cgroups.memory(&c.path) {
            Ok(m) => m,
            // Gone with its directory: the workload ended mid-scan.
            Err(e) if e.is_gone() && !cgroups.exists(&c.path) => continue,
            Err(e) => {
                warnings.push(warning::cgroup_unreadable(
                    workloads::kind_word(c.kind()),
                    c.name(),
                    &e,
                ));
                continue;
            }
        };
        let cpu_ns = counters.and_then(|(b, a)| {
            let before = b.cgroups.get(&c.path)?;
            Some(a.cgroups.get(&c.path)?.saturating_sub(*before))
        });
        let source = cgroups
            .layout
            .memory()
            .map(|h| h.dir(&c.path).display().to_string())
            .unwrap_or_else(|| c.path.clone());
        let figures = CgroupFigures {
            memory,
            memory_limit: cgroups.memory_limit(&c.path).ok().flatten(),
            cpu_limit: cgroups.cpu_limit(&c.path).ok().flatten(),
            cpu_ns,
            source,
        };
        out.push((c, figures));
    }
    out
}

fn note_gaps(gaps: Gaps, page_size: u64, warnings: &mut Vec<ScanWarning>) {
    warnings.extend(gaps.skipped.iter().map(ProbeError::warning));
    if gaps.pss > 0 {
        warnings.push(warning::pss_unreadable(gaps.pss));
    }
    if gaps.exe > 0 {
        warnings.push(warning::exe_unreadable(gaps.exe));
    }
    if gaps.fds > 0 {
        warnings.push(warning::fds_unreadable(gaps.fds));
    }
    if gaps.rss_from_stat > 0 {
        warnings.push(warning::rss_from_stat(gaps.rss_from_stat, page_size));
    }
    if gaps.from_status > 0 {
        warnings.push(warning::process_from_status(gaps.from_status));
    }
}
