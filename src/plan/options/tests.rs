//! Every upgrade the planner offers, checked against a brute-force scan of the catalog by the
//! rules written out again here: random hosts (capped, disk-bound, burstable, of either
//! architecture, with a known or unknown current type), plans and catalogs.

use crate::model::{
    Arch, Billing, Bytes, Catalog, Cores, CpuState, Disk, Host, InstanceType, MemoryState, Needs,
    Period, PlanFile, Policy, Ratio, Service, Snapshot, SwapState, Tiers,
};
use crate::plan::{Verdict, analyze};
use proptest::prelude::*;

const MIB: u64 = 1 << 20;

/// An instance type: vCPUs, baseline percent, memory in 512 MiB steps, usable percent, price,
/// hourly, arm64.
type TypeSpec = (u32, Option<u32>, u64, Option<u64>, u32, bool, bool);

#[derive(Debug, Clone)]
struct Case {
    total_mib: u64,
    available_mib: u64,
    cores: u32,
    used_tenths: u32,
    disk: Option<(u64, u64)>,
    cap: Option<(u64, u64, u32)>,
    host_arm: bool,
    current: Option<usize>,
    unknown_current: bool,
    allow_arch_change: bool,
    reserve: u32,
    cpu_limit: u32,
    disk_reserve: u32,
    services: Vec<(u64, u32, u64)>,
    types: Vec<TypeSpec>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        (512u64..8192, 0u64..100, 1u32..9, 0u32..30),
        proptest::option::of((1u64..200, 0u64..100)),
        proptest::option::of((10u64..100, 0u64..100, 1u32..100)),
        (
            any::<bool>(),
            proptest::option::of(0usize..12),
            any::<bool>(),
            any::<bool>(),
        ),
        (0u32..30, 30u32..101, 0u32..30),
        proptest::collection::vec((16u64..3000, 1u32..30, 0u64..8000), 1..4),
        proptest::collection::vec(
            (
                1u32..17,
                proptest::option::of(5u32..101),
                1u64..65,
                proptest::option::of(50u64..101),
                1u32..5000,
                any::<bool>(),
                any::<bool>(),
            ),
            1..12,
        ),
    )
        .prop_map(|(host, disk, cap, who, policy, services, types)| Case {
            total_mib: host.0,
            available_mib: host.0 * host.1 / 100,
            cores: host.2,
            used_tenths: host.3.min(host.2 * 10),
            disk: disk.map(|(gib, share)| (gib * 1024, gib * 1024 * share / 100)),
            cap,
            host_arm: who.0,
            current: who.1,
            unknown_current: who.2,
            allow_arch_change: who.3,
            reserve: policy.0,
            cpu_limit: policy.1,
            disk_reserve: policy.2,
            services,
            types,
        })
}

fn ratio(percent: u32) -> Ratio {
    Ratio::new(f64::from(percent) / 100.0).unwrap_or_else(|e| panic!("{e}"))
}

fn build(c: &Case) -> (Snapshot, PlanFile, Catalog) {
    let instances: Vec<InstanceType> = c
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| InstanceType {
            name: format!("t{i}"),
            family: format!("f{}", i % 3),
            vcpus: t.0,
            cpu_baseline: t.1.map(|b| f64::from(b) / 100.0),
            memory: Bytes(t.2 * 512 * MIB),
            arch: if t.6 { Arch::Arm64 } else { Arch::X86_64 },
            price: f64::from(t.4) / if t.5 { 1000.0 } else { 1.0 },
            currency: "X".into(),
            period: if t.5 { Period::Hour } else { Period::Month },
            billing: Billing::OnDemand,
            region: "r".into(),
            usable_memory: t.3.map(|share| Bytes(t.2 * 512 * MIB * share / 100)),
            source: "s".into(),
            as_of: "2026-01-01".into(),
            estimate: false,
        })
        .collect();
    let current = c
        .current
        .filter(|i| *i < instances.len())
        .map(|i| format!("t{i}"));
    let instance = if c.unknown_current {
        Some("not-in-the-catalog".to_string())
    } else {
        current
    };
    let total = Bytes(c.total_mib * MIB);
    let (limit, limit_used, quota) = match c.cap {
        Some((share, held, q)) => {
            let limit = Bytes(c.total_mib * share / 100 * MIB);
            let used = Bytes(limit.0 * held / 100);
            let quota = Cores(f64::from(c.cores) * f64::from(q) / 100.0);
            (Some(limit), Some(used), Some(quota))
        }
        None => (None, None, None),
    };
    let snapshot = Snapshot {
        host: Host {
            name: "h".into(),
            taken_at: "2026-01-01T00:00:00Z".into(),
            instance,
            arch: Some(if c.host_arm {
                Arch::Arm64
            } else {
                Arch::X86_64
            }),
            cpu: CpuState {
                cores: Cores(f64::from(c.cores)),
                used: Cores(f64::from(c.used_tenths) / 10.0),
                quota,
                interval_seconds: None,
            },
            memory: MemoryState {
                total,
                available: Bytes(c.available_mib * MIB),
                free: None,
                cached: None,
                buffers: None,
                shmem: None,
                sreclaimable: None,
                limit,
                limit_used,
            },
            swap: SwapState::default(),
            disks: c
                .disk
                .map(|(t, a)| Disk {
                    mount: "/".into(),
                    total: Bytes(t * MIB),
                    used: Bytes((t - a) * MIB),
                    available: Bytes(a * MIB),
                    device: None,
                    fstype: None,
                })
                .into_iter()
                .collect(),
            listening_ports: Vec::new(),
            pressure: None,
        },
        workloads: Vec::new(),
        warnings: Vec::new(),
        sampled: None,
    };
    let services = c
        .services
        .iter()
        .enumerate()
        .map(|(i, (m, cpu, d))| Service {
            name: format!("s{i}"),
            purpose: None,
            port: Some(9000 + i as u16),
            priority: None,
            tiers: Tiers {
                minimum: Some(Needs {
                    memory: Bytes(m * MIB),
                    cpu: Cores(f64::from(*cpu) / 10.0),
                    disk: Bytes(d * MIB),
                }),
                standard: None,
                ideal: None,
            },
            parts: Vec::new(),
            alternatives: Vec::new(),
            ..Service::default()
        })
        .collect();
    let plan = PlanFile {
        title: None,
        services_from: None,
        host: None,
        catalog: None,
        policy: Policy {
            memory_reserve: ratio(c.reserve),
            cpu_limit: ratio(c.cpu_limit),
            disk_reserve: ratio(c.disk_reserve),
            allow_arch_change: c.allow_arch_change,
            ..Policy::default()
        },
        services,
        scenarios: Vec::new(),
        phases: Vec::new(),
    };
    let catalog = Catalog {
        name: "c".into(),
        description: None,
        instances,
    };
    (snapshot, plan, catalog)
}

fn scale(b: u64, share: f64) -> u64 {
    (b as f64 * share).round() as u64
}

fn monthly(t: &InstanceType) -> f64 {
    match t.period {
        Period::Month => t.price,
        Period::Hour => t.price * 730.0,
    }
}

/// The upgrade rules, written out again: which type each scenario should get, with its disk
/// growth, or why none (a raised cap or a disk growth settle it instead).
#[derive(Debug, PartialEq)]
enum Expected {
    /// Memory and CPU fit on the host itself: a larger cap where the services' cap binds, a
    /// larger disk where the disk is short, and no instance.
    OnThisHost {
        raise: bool,
        disk: bool,
    },
    Type(Option<(String, u64)>),
}

fn expected(c: &Case, snapshot: &Snapshot, plan: &PlanFile, catalog: &Catalog) -> Expected {
    let p = &plan.policy;
    let (r, cl, dr) = (
        p.memory_reserve.get(),
        p.cpu_limit.get(),
        p.disk_reserve.get(),
    );
    let demand: u64 = c.services.iter().map(|s| s.0 * MIB).sum();
    let cpu_demand: f64 = c.services.iter().map(|s| f64::from(s.1) / 10.0).sum();
    let disk_demand: u64 = c.services.iter().map(|s| s.2 * MIB).sum();
    let total = c.total_mib * MIB;
    let available = (c.available_mib * MIB).min(total);
    let used = f64::from(c.used_tenths) / 10.0;
    let current = snapshot
        .host
        .instance
        .as_deref()
        .and_then(|n| catalog.instances.iter().find(|t| t.name == n));
    let mut host_cores = f64::from(c.cores);
    if let Some(t) = current {
        let b = t.cpu_baseline.unwrap_or(1.0);
        if b < 1.0 && f64::from(t.vcpus) * b < host_cores {
            host_cores = f64::from(t.vcpus) * b;
        }
    }
    let mem_ok = demand as i128 <= available as i128 - scale(total, r) as i128;
    let cpu_ok = used + cpu_demand <= host_cores * cl + 1e-9;
    let disk_short = c.disk.map_or(0, |(t, a)| {
        let room = (a * MIB) as i128 - scale(t * MIB, dr) as i128;
        u64::try_from((disk_demand as i128 - room).max(0)).unwrap_or(0)
    });
    // Under the cap: total = the limit, available = min(MemAvailable, limit - held), cores =
    // the quota (or the baseline of a burstable type, when lower).
    let (cap_total, cap_available, cap_cores) = match c.cap {
        Some((share, held, q)) => {
            let limit = c.total_mib * share / 100 * MIB;
            let limit = if limit < total { limit } else { total };
            let held = limit * held / 100;
            let quota = f64::from(c.cores) * f64::from(q) / 100.0;
            let cores = if quota < f64::from(c.cores) {
                quota
            } else {
                f64::from(c.cores)
            };
            (
                limit,
                available.min(limit.saturating_sub(held)),
                cores.min(host_cores),
            )
        }
        None => (total, available, host_cores),
    };
    if mem_ok && cpu_ok {
        let here_mem = demand as i128 <= cap_available as i128 - scale(cap_total, r) as i128;
        let here_cpu = used + cpu_demand <= cap_cores * cl + 1e-9;
        return Expected::OnThisHost {
            raise: c.cap.is_some() && !(here_mem && here_cpu),
            disk: disk_short > 0,
        };
    }
    let share = current.map_or(0.925, |t| (cap_total as f64 / t.memory.0 as f64).min(1.0));
    let in_use = cap_total.saturating_sub(cap_available);
    let arch = if c.host_arm {
        Arch::Arm64
    } else {
        Arch::X86_64
    };
    let growth = if disk_short == 0 {
        0
    } else {
        ((disk_short as f64 / MIB as f64) / (1.0 - dr).max(1e-9)).ceil() as u64 * MIB
    };
    let mut best: Option<(f64, String)> = None;
    for t in &catalog.instances {
        if current.is_some_and(|cur| cur.name == t.name) {
            continue;
        }
        if !c.allow_arch_change && t.arch != arch {
            continue;
        }
        let usable = t
            .usable_memory
            .map_or_else(|| scale(t.memory.0, share), |u| u.0);
        let free = usable.saturating_sub(in_use);
        let fits_memory = demand as i128 <= free as i128 - scale(usable, r) as i128;
        let cores = f64::from(t.vcpus) * t.cpu_baseline.unwrap_or(1.0);
        let fits_cpu = used + cpu_demand <= cores * cl + 1e-9;
        if fits_memory && fits_cpu {
            let key = (monthly(t), t.name.clone());
            if best
                .as_ref()
                .is_none_or(|b| key.0 < b.0 || (key.0 == b.0 && key.1 < b.1))
            {
                best = Some(key);
            }
        }
    }
    Expected::Type(best.map(|(_, name)| (name, growth)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn every_upgrade_is_the_cheapest_that_fits_by_the_rules(c in case()) {
        let (snapshot, plan, catalog) = build(&c);
        let a = analyze(&snapshot, &plan, Some(&catalog));
        let s = &a.scenarios[0];
        let want = expected(&c, &snapshot, &plan, &catalog);
        let o = &a.options;
        if s.verdict == Verdict::Fits {
            prop_assert!(o.upgrade.is_empty() && o.raise_limit.is_empty() && o.disk_bound.is_empty());
            return Ok(());
        }
        match want {
            Expected::OnThisHost { raise, disk } => {
                prop_assert_eq!(o.raise_limit.len(), usize::from(raise));
                prop_assert_eq!(o.disk_bound.len(), usize::from(disk));
                prop_assert!(o.upgrade.is_empty(), "{:?}", o.upgrade);
            }
            Expected::Type(want) => {
                let got = o
                    .upgrade
                    .iter()
                    .find(|u| u.verdict == Verdict::Fits)
                    .map(|u| (u.instance.clone(), u.disk_growth_bytes.0));
                prop_assert_eq!(got, want);
            }
        }
        let host_arch = if c.host_arm { Arch::Arm64 } else { Arch::X86_64 };
        for u in &o.upgrade {
            prop_assert!(Some(&u.instance) != snapshot.host.instance.as_ref());
            prop_assert!(c.allow_arch_change || u.arch == host_arch);
            if u.verdict == Verdict::Fits {
                prop_assert_eq!(u.checks.memory.verdict, Verdict::Fits);
                prop_assert_eq!(u.checks.cpu.verdict, Verdict::Fits);
                if let (Some(d), Some((t, avail))) = (&u.checks.disk, c.disk) {
                    // the disk fits once grown: its reserve grows with it
                    let grown_total = t * MIB + u.disk_growth_bytes.0;
                    let room = (avail * MIB + u.disk_growth_bytes.0) as i128
                        - scale(grown_total, plan.policy.disk_reserve.get()) as i128;
                    prop_assert!(i128::from(d.demand.0) <= room, "{:?} {}", d, u.disk_growth_bytes.0);
                    prop_assert!(d.verdict == Verdict::Fits || u.disk_growth_bytes.0 > 0);
                }
            }
        }
    }
}
