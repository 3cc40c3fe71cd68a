//! The planner on structured input: a snapshot, a plan and a small catalog built from arbitrary
//! figures, kept to what `hostfit plan` accepts (no `problems()` in any of the three), then
//! `plan::analyze` and every report. Invariants: an upgrade said to fit has memory and CPU that
//! fit; what fits now keeps every resource at `fits` unless it asks none of it; the JSON report
//! is valid JSON.

use arbitrary::Arbitrary;
use hostfit::model::{
    Alternative, Arch, Billing, Bytes, Catalog, Cores, CpuState, Disk, EngineBasis, Host,
    InstanceType, MemoryState, Needs, Part, Period, PlanFile, Policy, Ratio, ScenarioSpec, Service,
    SizeRange, Snapshot, SwapState, Tier, Tiers, Workload, WorkloadKind,
};
use hostfit::plan::{Verdict, analyze};
use hostfit::report::json::Json;
use hostfit::report::markdown::Markdown;
use hostfit::report::text::Text;
use hostfit::report::{Lang, Report, ReportInput};
use std::collections::BTreeSet;

/// A size: a 16-bit figure in B, KiB, MiB, GiB, TiB or PiB (at most 1 EiB, as sizes are read).
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Size(u16, u8);

impl Size {
    fn bytes(self) -> Bytes {
        let shift = u32::from(self.1 % 6) * 10;
        Bytes((u64::from(self.0) << shift).min(Bytes::MAX_INPUT))
    }
}

/// CPU in millicores, at most a million cores.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Milli(u32);

impl Milli {
    fn cores(self) -> Cores {
        Cores(f64::from(self.0 % 1_000_000_001) / 1000.0)
    }
}

/// A share in whole percent.
fn share(percent: u8) -> Ratio {
    Ratio::new(f64::from(percent % 101) / 100.0).unwrap_or_else(|_| unreachable!())
}

#[derive(Arbitrary, Debug)]
pub struct NeedsIn {
    memory: Size,
    cpu: Milli,
    disk: Size,
}

impl NeedsIn {
    fn needs(&self) -> Needs {
        Needs {
            memory: self.memory.bytes(),
            cpu: self.cpu.cores(),
            disk: self.disk.bytes(),
        }
    }
}

#[derive(Arbitrary, Debug)]
pub struct ServiceIn {
    tiers: [Option<NeedsIn>; 3],
    priority: Option<u8>,
    alternatives: Vec<NeedsIn>,
    parts: Vec<(Size, Size)>,
}

#[derive(Arbitrary, Debug)]
pub struct DiskIn {
    mount: u8,
    total: Size,
    used: Size,
    available: Size,
}

#[derive(Arbitrary, Debug)]
pub struct WorkloadIn {
    kind: u8,
    memory: Size,
    cpu: Milli,
    active_file: Option<Size>,
}

#[derive(Arbitrary, Debug)]
pub struct TypeIn {
    vcpus: u8,
    baseline: Option<u8>,
    memory: Size,
    usable: Option<Size>,
    price_cents: u32,
    hourly: bool,
    arm: bool,
}

#[derive(Arbitrary, Debug)]
pub struct Input {
    cores: Milli,
    used: Milli,
    quota: Option<Milli>,
    total: Size,
    available: Size,
    limit: Option<(Size, Option<Size>)>,
    swap: Size,
    arm: bool,
    disks: Vec<DiskIn>,
    workloads: Vec<WorkloadIn>,
    reserves: (u8, u8, u8),
    allow_arch_change: bool,
    engines_now: bool,
    services: Vec<ServiceIn>,
    scenarios: Vec<(u8, Vec<u8>)>,
    phases: Vec<Vec<u8>>,
    catalog: Vec<TypeIn>,
    current: Option<u8>,
    zh: bool,
}

const MOUNTS: [&str; 3] = ["/", "/data", "/var/lib"];
const KINDS: [WorkloadKind; 5] = [
    WorkloadKind::Container,
    WorkloadKind::Service,
    WorkloadKind::Process,
    WorkloadKind::Cgroup,
    WorkloadKind::Other,
];

fn snapshot(input: &Input, catalog: Option<&Catalog>) -> Snapshot {
    // one disk per mount, as the snapshot's checks require
    let mut mounts = BTreeSet::new();
    let disks = input.disks.iter().take(3);
    let disks = disks.filter(|d| mounts.insert(usize::from(d.mount) % MOUNTS.len()));
    let disks = disks.map(|d| Disk {
        mount: MOUNTS[usize::from(d.mount) % MOUNTS.len()].to_string(),
        total: d.total.bytes(),
        used: d.used.bytes(),
        available: d.available.bytes(),
        device: None,
        fstype: None,
    });
    let workloads = input
        .workloads
        .iter()
        .take(6)
        .enumerate()
        .map(|(i, w)| Workload {
            name: format!("w{i}"),
            kind: KINDS[usize::from(w.kind) % KINDS.len()],
            memory: w.memory.bytes(),
            cpu: w.cpu.cores(),
            image: None,
            rss: None,
            pss: None,
            page_cache: None,
            active_file: w.active_file.map(Size::bytes),
            memory_limit: None,
            cpu_limit: None,
            ports: Vec::new(),
            oom_score: None,
            oom_score_adj: None,
            engine: None,
            processes: None,
            source: None,
            labels: Default::default(),
        });
    let instance = input.current.and_then(|i| {
        let types = &catalog?.instances;
        types
            .get(usize::from(i) % types.len().max(1))
            .map(|t| t.name.clone())
    });
    // a limit of zero is refused; without a limit there is no figure of its use
    let limit = input.limit.filter(|(l, _)| l.bytes().0 > 0);
    Snapshot {
        host: Host {
            name: "fuzz".into(),
            taken_at: "2025-10-07T08:00:00Z".into(),
            instance,
            arch: Some(if input.arm { Arch::Arm64 } else { Arch::X86_64 }),
            cpu: CpuState {
                cores: input.cores.cores(),
                used: input.used.cores(),
                quota: input.quota.map(Milli::cores),
                interval_seconds: None,
            },
            memory: MemoryState {
                total: input.total.bytes(),
                available: input.available.bytes(),
                free: None,
                cached: None,
                buffers: None,
                shmem: None,
                sreclaimable: None,
                limit: limit.map(|(l, _)| l.bytes()),
                limit_used: limit.and_then(|(_, u)| u.map(Size::bytes)),
            },
            swap: SwapState {
                total: input.swap.bytes(),
                free: None,
            },
            disks: disks.collect(),
            listening_ports: Vec::new(),
            pressure: None,
        },
        workloads: workloads.collect(),
        warnings: Vec::new(),
        sampled: None,
    }
}

fn service(i: usize, s: &ServiceIn) -> Service {
    let [minimum, standard, ideal] = &s.tiers;
    Service {
        name: format!("s{i}"),
        purpose: None,
        port: None,
        priority: s.priority.map(|p| u32::from(p % 8) + 1),
        tiers: Tiers {
            minimum: minimum.as_ref().map(NeedsIn::needs),
            standard: standard.as_ref().map(NeedsIn::needs),
            ideal: ideal.as_ref().map(NeedsIn::needs),
        },
        parts: s
            .parts
            .iter()
            .take(3)
            .enumerate()
            .map(|(j, (a, b))| Part {
                name: format!("p{j}"),
                memory: SizeRange {
                    min: a.bytes().min(b.bytes()),
                    max: a.bytes().max(b.bytes()),
                },
            })
            .collect(),
        alternatives: s
            .alternatives
            .iter()
            .take(3)
            .enumerate()
            .map(|(j, n)| Alternative {
                name: format!("a{j}"),
                purpose: None,
                needs: n.needs(),
            })
            .collect(),
        ..Service::default()
    }
}

/// Names of services by index, each named once, as the plan's checks require.
fn names(indices: &[u8], count: usize, taken: &mut BTreeSet<usize>) -> Vec<String> {
    indices
        .iter()
        .map(|i| usize::from(*i) % count)
        .filter(|i| taken.insert(*i))
        .map(|i| format!("s{i}"))
        .collect()
}

fn plan(input: &Input) -> PlanFile {
    let services: Vec<Service> = input
        .services
        .iter()
        .take(16)
        .enumerate()
        .map(|(i, s)| service(i, s))
        .collect();
    let count = services.len().max(1);
    let scenarios = input.scenarios.iter().take(3).enumerate();
    let scenarios = scenarios.map(|(j, (tier, listed))| ScenarioSpec {
        name: format!("scenario{j}"),
        tier: Tier::ALL[usize::from(*tier) % 3],
        services: names(listed, count, &mut BTreeSet::new()),
    });
    // no empty scenario or phase: the plan's checks refuse them
    let scenarios = scenarios.filter(|s| !s.services.is_empty());
    let mut phased = BTreeSet::new();
    let phases = input.phases.iter().take(4);
    let phases = phases.map(|p| names(p, count, &mut phased));
    let phases = phases.filter(|p| !p.is_empty());
    let (memory, cpu, disk) = input.reserves;
    PlanFile {
        title: None,
        host: None,
        catalog: None,
        policy: Policy {
            memory_reserve: share(memory),
            cpu_limit: share(cpu),
            disk_reserve: share(disk),
            allow_arch_change: input.allow_arch_change,
            engines: if input.engines_now {
                EngineBasis::Now
            } else {
                EngineBasis::Ceiling
            },
        },
        services,
        scenarios: scenarios.collect(),
        phases: phases.collect(),
        services_from: None,
    }
}

fn catalog(input: &Input) -> Option<Catalog> {
    let instances = input
        .catalog
        .iter()
        .take(8)
        .enumerate()
        .map(|(i, t)| InstanceType {
            name: format!("t{i}"),
            family: "t".into(),
            vcpus: u32::from(t.vcpus.max(1)),
            cpu_baseline: t.baseline.map(|b| f64::from(b % 100 + 1) / 100.0),
            memory: t.memory.bytes(),
            arch: if t.arm { Arch::Arm64 } else { Arch::X86_64 },
            price: f64::from(t.price_cents) / 100.0,
            currency: "USD".into(),
            period: if t.hourly {
                Period::Hour
            } else {
                Period::Month
            },
            billing: if t.hourly {
                Billing::OnDemand
            } else {
                Billing::Subscription
            },
            region: "r".into(),
            usable_memory: t.usable.map(|u| u.bytes().min(t.memory.bytes())),
            source: "fuzz".into(),
            as_of: "2025-10-07".into(),
            estimate: false,
        });
    let instances: Vec<InstanceType> = instances.collect();
    (!instances.is_empty()).then(|| Catalog {
        name: "fuzz".into(),
        description: None,
        instances,
    })
}

/// Builds the three inputs (made to pass the checks where that costs nothing); those `hostfit
/// plan` would refuse are skipped, as it refuses them.
pub fn check(input: &Input) {
    let plan = plan(input);
    let catalog = catalog(input);
    let snapshot = snapshot(input, catalog.as_ref());
    if !plan.problems().is_empty()
        || !snapshot.problems().is_empty()
        || catalog.as_ref().is_some_and(|c| !c.problems().is_empty())
    {
        return;
    }
    let analysis = analyze(&snapshot, &plan, catalog.as_ref());
    for upgrade in &analysis.options.upgrade {
        if upgrade.verdict == Verdict::Fits {
            let checks = &upgrade.checks;
            assert_eq!(checks.memory.verdict, Verdict::Fits, "{upgrade:#?}");
            assert_eq!(checks.cpu.verdict, Verdict::Fits, "{upgrade:#?}");
        }
    }
    let now = &analysis.fits_now;
    if let Some(checks) = &now.checks {
        let memory = checks.memory.verdict == Verdict::Fits || now.needs.memory == Bytes::ZERO;
        let cpu = checks.cpu.verdict == Verdict::Fits || now.needs.cpu.0 == 0.0;
        let disk = checks
            .disk
            .as_ref()
            .is_none_or(|d| d.verdict == Verdict::Fits)
            || now.needs.disk == Bytes::ZERO;
        assert!(memory && cpu && disk, "fits now: {now:#?}");
    }
    let lang = if input.zh { Lang::Zh } else { Lang::En };
    let report = ReportInput {
        analysis: &analysis,
        snapshot: &snapshot,
        lang,
        color: false,
    };
    let value = hostfit::report::json::value(&report);
    let text = serde_json::to_string(&value).unwrap_or_else(|e| panic!("JSON: {e}"));
    let back: Result<serde_json::Value, _> = serde_json::from_str(&text);
    assert!(
        back.is_ok(),
        "the JSON report does not read: {back:?}\n{text}"
    );
    let formats: [&dyn Report; 3] = [&Json, &Markdown, &Text];
    for format in formats {
        let mut out = Vec::new();
        let written = format.write(&report, &mut out);
        assert!(written.is_ok(), "{written:?}");
        assert!(
            std::str::from_utf8(&out).is_ok(),
            "a report that is not UTF-8"
        );
    }
}
