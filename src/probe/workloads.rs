//! Turning cgroups, containers and processes into workloads: one figure per definition, no
//! process counted twice (a process inside a reported cgroup is not grouped again). Pure
//! assembly from values the scan fetched; it must not read files itself.

use super::cgroup::is_within;
use super::cgroup_stats::CgroupMemory;
use super::docker::Container;
use super::processes::Process;
use super::systemd::NamedCgroup;
use crate::model::{Bytes, Cores, Workload, WorkloadKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How many process groups are named before the rest become "other".
pub(crate) const NAMED_GROUPS: usize = 10;

/// A cgroup-backed workload found before the measurement started.
#[derive(Debug, Clone)]
pub(crate) enum Origin {
    Container(Container),
    /// A systemd unit or a cgroup made by hand.
    Cgroup(NamedCgroup),
}

#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) origin: Origin,
    /// Its path in the memory hierarchy.
    pub(crate) path: String,
    /// True when its CPU time can be read from the cgroup's own counter; else it is the sum
    /// of its processes' times.
    pub(crate) cpu_counter: bool,
}

impl Candidate {
    pub(crate) fn kind(&self) -> WorkloadKind {
        match &self.origin {
            Origin::Container(_) => WorkloadKind::Container,
            Origin::Cgroup(c) => c.kind,
        }
    }

    pub(crate) fn name(&self) -> &str {
        match &self.origin {
            Origin::Container(c) => &c.name,
            Origin::Cgroup(s) => &s.name,
        }
    }
}

/// The figures read for one candidate at the end of the measurement.
#[derive(Debug, Clone, Default)]
pub(crate) struct CgroupFigures {
    pub(crate) memory: CgroupMemory,
    pub(crate) memory_limit: Option<Bytes>,
    pub(crate) cpu_limit: Option<Cores>,
    /// CPU time used over the interval, in nanoseconds, when the counter was read twice.
    pub(crate) cpu_ns: Option<u64>,
    /// Where the figures were read.
    pub(crate) source: String,
}

/// CPU use over the measurement.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interval {
    pub(crate) elapsed_ns: u128,
    /// Clock ticks each process used, by PID.
    pub(crate) process_ticks: HashMap<u32, u64>,
    pub(crate) ticks_per_second: u64,
}

impl Interval {
    fn cores_from_ticks(&self, ticks: u64) -> Cores {
        if self.elapsed_ns == 0 || self.ticks_per_second == 0 {
            return Cores::ZERO;
        }
        let seconds = self.elapsed_ns as f64 / 1e9;
        Cores(ticks as f64 / self.ticks_per_second as f64 / seconds)
    }
}

/// Everything `assemble` needs.
pub(crate) struct Inputs<'a> {
    /// Candidates with the figures read for them (those that vanished are absent).
    pub(crate) measured: Vec<(Candidate, CgroupFigures)>,
    pub(crate) processes: &'a [Process],
    /// Each process's path in the memory hierarchy, by PID.
    pub(crate) memory_paths: &'a HashMap<u32, String>,
    /// The ports each process listens on, by PID.
    pub(crate) ports: &'a HashMap<u32, BTreeSet<u16>>,
    pub(crate) interval: Option<&'a Interval>,
}

/// A workload with what the engines probe reads further: its processes, and the container
/// it is, when it is one.
#[derive(Debug, Clone)]
pub(crate) struct Assembled {
    pub(crate) workload: Workload,
    /// Its processes' PIDs, in increasing order.
    pub(crate) pids: Vec<u32>,
    pub(crate) container: Option<Container>,
}

#[derive(Default)]
struct Members {
    count: u32,
    ticks: u64,
    ports: BTreeSet<u16>,
    /// The highest `oom_score` of the members, and that process's `oom_score_adj`.
    oom: Option<(i64, Option<i64>)>,
    pids: Vec<u32>,
    rss: Option<Bytes>,
    pss: Option<Bytes>,
    memory: Bytes,
    source: Option<String>,
}

impl Members {
    fn add(&mut self, p: &Process, ticks: u64, ports: Option<&BTreeSet<u16>>) {
        self.count += 1;
        self.ticks = self.ticks.saturating_add(ticks);
        if let Some(ports) = ports {
            self.ports.extend(ports.iter().copied());
        }
        if let Some(score) = p.oom_score
            && self.oom.is_none_or(|(best, _)| score > best)
        {
            self.oom = Some((score, p.oom_score_adj));
        }
        self.pids.push(p.pid);
        if let Some(r) = p.rss {
            self.rss = Some(self.rss.unwrap_or_default() + r);
        }
        if let Some(s) = p.pss {
            self.pss = Some(self.pss.unwrap_or_default() + s);
        }
        self.memory += p.memory();
        if self.source.is_none() {
            self.source = p.exe.clone();
        }
    }

    fn merge(&mut self, other: Members) {
        self.count += other.count;
        self.ticks = self.ticks.saturating_add(other.ticks);
        self.ports.extend(other.ports);
        if let Some((score, adj)) = other.oom
            && self.oom.is_none_or(|(best, _)| score > best)
        {
            self.oom = Some((score, adj));
        }
        self.pids.extend(other.pids);
        self.rss = add_opt(self.rss, other.rss);
        self.pss = add_opt(self.pss, other.pss);
        self.memory += other.memory;
    }
}

/// The score and, where it is not 0, the adjustment.
fn oom_pair(oom: Option<(i64, Option<i64>)>) -> (Option<i64>, Option<i64>) {
    match oom {
        Some((score, adj)) => (Some(score), adj.filter(|a| *a != 0)),
        None => (None, None),
    }
}

fn sorted(mut pids: Vec<u32>) -> Vec<u32> {
    pids.sort_unstable();
    pids
}

fn add_opt(a: Option<Bytes>, b: Option<Bytes>) -> Option<Bytes> {
    match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or_default() + b.unwrap_or_default()),
    }
}

/// The word for a kind, as the snapshot writes it.
pub(crate) fn kind_word(kind: WorkloadKind) -> &'static str {
    match kind {
        WorkloadKind::Container => "container",
        WorkloadKind::Service => "service",
        WorkloadKind::Process => "process",
        WorkloadKind::Cgroup => "cgroup",
        WorkloadKind::Other => "other",
    }
}

/// A workload whose name an earlier one had: what it was called and is called now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Renamed {
    pub(crate) name: String,
    pub(crate) renamed: String,
    pub(crate) kind: WorkloadKind,
}

/// Makes every name unique: the first workload with a name keeps it (containers, then
/// cgroups, then process groups by size; the catch-all `other` always keeps its name), and a
/// later one gets its kind added (`nginx-process`), then a number if that is taken too.
pub(crate) fn unique_names(workloads: &mut [Workload]) -> Vec<Renamed> {
    let mut taken: BTreeSet<String> = workloads
        .iter()
        .filter(|w| w.kind == WorkloadKind::Other)
        .map(|w| w.name.clone())
        .collect();
    let mut out = Vec::new();
    for w in workloads
        .iter_mut()
        .filter(|w| w.kind != WorkloadKind::Other)
    {
        if taken.insert(w.name.clone()) {
            continue;
        }
        let base = format!("{}-{}", w.name, kind_word(w.kind));
        let mut candidate = base.clone();
        let mut n = 2;
        while taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(candidate.clone());
        out.push(Renamed {
            name: std::mem::replace(&mut w.name, candidate.clone()),
            renamed: candidate,
            kind: w.kind,
        });
    }
    out
}

/// The workloads: cgroup-backed ones in the order found, then the ten largest process groups,
/// then "other" for the rest. Names may repeat; `unique_names` makes them unique.
pub(crate) fn assemble(inputs: Inputs<'_>) -> Vec<Assembled> {
    let ticks_of = |pid: u32| {
        inputs
            .interval
            .and_then(|i| i.process_ticks.get(&pid))
            .copied()
            .unwrap_or(0)
    };
    let cores_from_ticks = |t: u64| {
        inputs
            .interval
            .map(|i| i.cores_from_ticks(t))
            .unwrap_or(Cores::ZERO)
    };
    let mut members: Vec<Members> = inputs.measured.iter().map(|_| Members::default()).collect();
    let mut groups: BTreeMap<String, Members> = BTreeMap::new();
    for p in inputs.processes {
        let path = inputs.memory_paths.get(&p.pid);
        let owner = path.and_then(|path| {
            inputs
                .measured
                .iter()
                .position(|(c, _)| is_within(path, &c.path))
        });
        let target = match owner {
            Some(i) => &mut members[i],
            None => groups.entry(p.name().to_string()).or_default(),
        };
        target.add(p, ticks_of(p.pid), inputs.ports.get(&p.pid));
    }
    let mut out = Vec::new();
    for ((candidate, figures), m) in inputs.measured.iter().zip(members) {
        let cpu = match (figures.cpu_ns, inputs.interval) {
            (Some(ns), Some(i)) if candidate.cpu_counter => {
                super::cpu::cores_from_ns(ns, i.elapsed_ns)
            }
            _ => cores_from_ticks(m.ticks),
        };
        let kind = candidate.kind();
        let mut w = Workload::new(candidate.name(), kind, figures.memory.working_set, cpu);
        w.rss = figures.memory.rss;
        w.page_cache = figures.memory.page_cache;
        w.active_file = figures.memory.active_file;
        w.memory_limit = figures.memory_limit;
        w.cpu_limit = figures.cpu_limit;
        w.ports = m.ports.into_iter().collect();
        (w.oom_score, w.oom_score_adj) = oom_pair(m.oom);
        w.processes = Some(m.count);
        w.source = Some(figures.source.clone());
        let mut container = None;
        if let Origin::Container(c) = &candidate.origin {
            w.image = c.image.clone();
            w.labels = c.labels.clone();
            w.memory_limit = w.memory_limit.or(c.memory_limit);
            w.cpu_limit = w.cpu_limit.or(c.cpu_limit);
            container = Some(c.clone());
        }
        out.push(Assembled {
            workload: w,
            pids: sorted(m.pids),
            container,
        });
    }
    let mut ranked: Vec<(String, Members)> = groups.into_iter().collect();
    ranked.sort_by(|a, b| b.1.memory.cmp(&a.1.memory).then_with(|| a.0.cmp(&b.0)));
    let rest = if ranked.len() > NAMED_GROUPS {
        ranked.split_off(NAMED_GROUPS)
    } else {
        Vec::new()
    };
    let group_workload = |name: &str, kind: WorkloadKind, m: Members| {
        let mut w = Workload::new(name, kind, m.memory, cores_from_ticks(m.ticks));
        w.rss = m.rss;
        w.pss = m.pss;
        w.ports = m.ports.into_iter().collect();
        (w.oom_score, w.oom_score_adj) = oom_pair(m.oom);
        w.processes = Some(m.count);
        w.source = m.source;
        Assembled {
            workload: w,
            pids: sorted(m.pids),
            container: None,
        }
    };
    for (name, m) in ranked {
        out.push(group_workload(&name, WorkloadKind::Process, m));
    }
    if !rest.is_empty() {
        let mut all = Members::default();
        for (_, m) in rest {
            all.merge(m);
        }
        out.push(group_workload("other", WorkloadKind::Other, all));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::processes::ProcStat;

    fn process(pid: u32, exe: &str, pss_kib: u64) -> Process {
        Process {
            pid,
            stat: ProcStat {
                comm: exe.into(),
                kernel_thread: false,
                dead: false,
                ticks: 0,
                start: 1,
                rss_pages: None,
            },
            exe: Some(format!("/usr/bin/{exe}")),
            rss: Some(Bytes(pss_kib * 2048)),
            pss: Some(Bytes(pss_kib * 1024)),
            oom_score: Some(i64::from(pid)),
            oom_score_adj: None,
        }
    }

    fn workloads(out: Vec<Assembled>) -> Vec<Workload> {
        out.into_iter().map(|a| a.workload).collect()
    }

    fn service(name: &str, path: &str, working_set: u64) -> (Candidate, CgroupFigures) {
        let candidate = Candidate {
            origin: Origin::Cgroup(NamedCgroup {
                name: name.into(),
                path: path.into(),
                kind: WorkloadKind::Service,
            }),
            path: path.into(),
            cpu_counter: true,
        };
        let figures = CgroupFigures {
            memory: CgroupMemory {
                working_set: Bytes(working_set),
                ..CgroupMemory::default()
            },
            cpu_ns: Some(500_000_000),
            source: format!("/sys/fs/cgroup/memory{path}"),
            ..CgroupFigures::default()
        };
        (candidate, figures)
    }

    #[test]
    fn processes_in_a_reported_cgroup_are_not_grouped_again() {
        let procs = vec![
            process(10, "postgres", 100),
            process(11, "postgres", 50),
            process(20, "postgres", 7),
        ];
        let paths: HashMap<u32, String> = [
            (10, "/hostfit-pg".to_string()),
            (11, "/hostfit-pg/child".to_string()),
            (20, "/".to_string()),
        ]
        .into();
        let ports: HashMap<u32, BTreeSet<u16>> = [(10, BTreeSet::from([5432]))].into();
        let interval = Interval {
            elapsed_ns: 1_000_000_000,
            process_ticks: [(20, 50)].into(),
            ticks_per_second: 100,
        };
        let out = workloads(assemble(Inputs {
            measured: vec![service("hostfit-pg", "/hostfit-pg", 1 << 30)],
            processes: &procs,
            memory_paths: &paths,
            ports: &ports,
            interval: Some(&interval),
        }));
        assert_eq!(out.len(), 2);
        assert_eq!(
            (out[0].name.as_str(), out[0].kind),
            ("hostfit-pg", WorkloadKind::Service)
        );
        assert_eq!(out[0].memory, Bytes(1 << 30));
        assert_eq!(out[0].processes, Some(2));
        assert_eq!(out[0].ports, vec![5432]);
        assert_eq!(out[0].oom_score, Some(11));
        assert_eq!(out[0].cpu, Cores(0.5));
        assert_eq!(
            (out[1].name.as_str(), out[1].kind),
            ("postgres", WorkloadKind::Process)
        );
        assert_eq!(out[1].memory, Bytes(7 * 1024));
        assert_eq!(out[1].cpu, Cores(0.5));
    }

    #[test]
    fn ten_largest_groups_then_other() {
        let procs: Vec<Process> = (1..=13)
            .map(|i| process(i, &format!("p{i:02}"), u64::from(i)))
            .collect();
        let out = workloads(assemble(Inputs {
            measured: Vec::new(),
            processes: &procs,
            memory_paths: &HashMap::new(),
            ports: &HashMap::new(),
            interval: None,
        }));
        let names: Vec<&str> = out.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "p13", "p12", "p11", "p10", "p09", "p08", "p07", "p06", "p05", "p04", "other"
            ]
        );
        let other = &out[10];
        assert_eq!(
            (other.kind, other.processes, other.memory),
            (WorkloadKind::Other, Some(3), Bytes(6 * 1024))
        );
        let total: Bytes = out.iter().map(|w| w.memory).sum();
        assert_eq!(total, Bytes((1..=13).sum::<u64>() * 1024));
    }

    #[test]
    fn names_are_made_unique_by_kind() {
        let w = |name: &str, kind| Workload::new(name, kind, Bytes(1), Cores::ZERO);
        let mut list = vec![
            w("nginx", WorkloadKind::Container),
            w("nginx", WorkloadKind::Service),
            w("process_api", WorkloadKind::Cgroup),
            w("process_api", WorkloadKind::Process),
            w("nginx", WorkloadKind::Process),
            w("nginx-process", WorkloadKind::Process),
            w("other", WorkloadKind::Process),
            w("other", WorkloadKind::Other),
        ];
        let renamed = unique_names(&mut list);
        let names: Vec<&str> = list.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "nginx",
                "nginx-service",
                "process_api",
                "process_api-process",
                "nginx-process",
                "nginx-process-process",
                "other-process",
                "other",
            ]
        );
        assert_eq!(renamed.len(), 5);
        assert_eq!(
            renamed[0],
            Renamed {
                name: "nginx".into(),
                renamed: "nginx-service".into(),
                kind: WorkloadKind::Service
            }
        );
        // the same input gives the same names
        let mut again = list.clone();
        assert!(unique_names(&mut again).is_empty());
    }

    #[test]
    fn without_pss_the_rss_is_counted() {
        let mut p = process(5, "python3", 10);
        p.pss = None;
        let out = workloads(assemble(Inputs {
            measured: Vec::new(),
            processes: &[p],
            memory_paths: &HashMap::new(),
            ports: &HashMap::new(),
            interval: None,
        }));
        assert_eq!((out[0].memory, out[0].pss), (Bytes(20 * 1024), None));
    }
}
