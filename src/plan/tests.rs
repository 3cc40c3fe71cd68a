//! Tests of the whole analysis on small hand-made hosts and plans.

use super::*;
use crate::model::{
    Alternative, Bytes, Cores, CpuState, Disk, Host, ListeningPort, MemoryState, Needs, Part,
    Service, SizeRange, SwapState, Tiers, Workload, WorkloadKind,
};
use crate::plan::options::Action;
use proptest::prelude::*;

const MIB: u64 = 1 << 20;

pub(crate) fn snapshot(total_mib: u64, available_mib: u64, ports: &[u16]) -> Snapshot {
    Snapshot {
        host: Host {
            name: "h".into(),
            taken_at: "t".into(),
            instance: None,
            arch: None,
            cpu: CpuState {
                cores: Cores(4.0),
                used: Cores(1.0),
                quota: None,
                interval_seconds: None,
            },
            memory: MemoryState {
                total: Bytes(total_mib * MIB),
                available: Bytes(available_mib * MIB),
                free: None,
                cached: None,
                buffers: None,
                shmem: None,
                sreclaimable: None,
                limit: None,
                limit_used: None,
            },
            swap: SwapState {
                total: Bytes(MIB),
                free: None,
            },
            disks: vec![Disk {
                mount: "/".into(),
                total: Bytes(100_000 * MIB),
                used: Bytes(0),
                available: Bytes(90_000 * MIB),
                device: None,
                fstype: None,
            }],
            listening_ports: ports.iter().map(|p| ListeningPort::number(*p)).collect(),
            pressure: None,
        },
        workloads: Vec::new(),
        warnings: Vec::new(),
        sampled: None,
    }
}

fn needs(mib: u64, cpu: f64) -> Needs {
    Needs {
        memory: Bytes(mib * MIB),
        cpu: Cores(cpu),
        disk: Bytes(0),
    }
}

fn service(name: &str, port: Option<u16>, minimum: u64, standard: Option<u64>) -> Service {
    Service {
        name: name.into(),
        purpose: None,
        port,
        priority: None,
        tiers: Tiers {
            minimum: Some(needs(minimum, 0.1)),
            standard: standard.map(|s| needs(s, 0.2)),
            ideal: None,
        },
        parts: Vec::new(),
        alternatives: Vec::new(),
        ..Service::default()
    }
}

fn plan(services: Vec<Service>) -> PlanFile {
    PlanFile {
        title: None,
        services_from: None,
        host: None,
        catalog: None,
        policy: Policy::default(),
        services,
        scenarios: Vec::new(),
        phases: Vec::new(),
    }
}

/// A catalog of one type, priced 1 a month.
fn one_type_catalog(name: &str, vcpus: u32, baseline: Option<f64>, memory: Bytes) -> Catalog {
    Catalog {
        name: "c".into(),
        description: None,
        instances: vec![crate::model::InstanceType {
            name: name.into(),
            family: name.into(),
            vcpus,
            cpu_baseline: baseline,
            memory,
            arch: crate::model::Arch::X86_64,
            price: 1.0,
            currency: "X".into(),
            period: crate::model::Period::Month,
            billing: crate::model::Billing::OnDemand,
            region: "r".into(),
            usable_memory: None,
            source: "test".into(),
            as_of: "now".into(),
            estimate: false,
        }],
    }
}

fn codes(a: &Analysis) -> Vec<&'static str> {
    a.warnings.iter().map(|w| w.code.key()).collect()
}

#[test]
fn a_service_without_the_tier_uses_its_nearest_lower_one() {
    let p = plan(vec![
        service("a", Some(1), 100, Some(200)),
        service("b", Some(2), 50, None),
    ]);
    let a = analyze(&snapshot(10_000, 5_000, &[]), &p, None);
    let standard = a.scenarios.iter().find(|s| s.name == "standard");
    assert_eq!(
        standard.map(|s| s.checks.memory.demand),
        Some(Bytes(250 * MIB))
    );
    assert_eq!(
        standard.and_then(|s| s.tiers_used.get("b").copied()),
        Some(Tier::Minimum)
    );
    // no service has `ideal`, so there is no default ideal scenario
    assert!(a.scenarios.iter().all(|s| s.name != "ideal"));
}

#[test]
fn port_warnings() {
    let p = plan(vec![
        service("a", Some(80), 1, None),
        service("b", Some(81), 1, None),
        service("c", Some(81), 1, None),
        service("d", None, 1, None),
    ]);
    let a = analyze(&snapshot(10_000, 5_000, &[80]), &p, None);
    let c = codes(&a);
    assert_eq!(
        c.iter().filter(|k| **k == "port_conflict").count(),
        2,
        "{c:?}"
    );
    assert_eq!(
        c.iter().filter(|k| **k == "port_unknown").count(),
        1,
        "{c:?}"
    );
    assert!(!c.contains(&"no_swap"));
    assert!(c.contains(&"no_catalog"));
}

#[test]
fn parts_above_a_tier_warn() {
    let mut s = service("a", Some(1), 100, None);
    s.parts = vec![
        Part {
            name: "x".into(),
            memory: SizeRange {
                min: Bytes(80 * MIB),
                max: Bytes(90 * MIB),
            },
        },
        Part {
            name: "y".into(),
            memory: SizeRange::exactly(Bytes(30 * MIB)),
        },
    ];
    let a = analyze(&snapshot(10_000, 5_000, &[]), &plan(vec![s]), None);
    let w = a
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::PartsExceedTier);
    assert_eq!(
        w.and_then(|w| w.args.get("parts_min").cloned()),
        Some(Value::Bytes(Bytes(110 * MIB)))
    );
}

#[test]
fn contradictions_are_warned_not_resolved() {
    let mut snap = snapshot(1000, 500, &[]);
    snap.host.memory.free = Some(Bytes(600 * MIB));
    snap.workloads.push(Workload::new(
        "w",
        WorkloadKind::Container,
        Bytes(700 * MIB),
        Cores(0.0),
    ));
    snap.host.disks[0].used = Bytes(20_000 * MIB);
    let a = analyze(&snap, &plan(vec![service("a", Some(1), 1, None)]), None);
    let variants: Vec<_> = a.warnings.iter().filter_map(|w| w.variant).collect();
    assert_eq!(
        variants,
        vec![
            "warn.inconsistent.free_above_available",
            "warn.inconsistent.workloads_above_used",
            "warn.inconsistent.disk_overfull"
        ]
    );
    // the reconciliation still adds up, with a negative "other"
    assert_eq!(a.reconciliation.other, -200 * MIB as i64);
}

#[test]
fn phased_is_a_rollout_of_every_service_with_a_gate_per_batch() {
    // room = 1900 available - 1000 reserve = 900 MiB. Priorities 1, 2, 2, 3: b and c share a batch.
    let mut p = plan(vec![
        service("a", Some(1), 400, None),
        service("b", Some(2), 500, None),
        service("c", Some(3), 300, None),
        service("e", Some(5), 2000, None),
    ]);
    p.services[2].priority = Some(2);
    p.services[1].priority = Some(2);
    p.services[0].priority = Some(1);
    p.services[3].priority = Some(3);
    let a = analyze(&snapshot(10_000, 1_900, &[]), &p, None);
    let batches: Vec<Vec<String>> = a
        .options
        .phased
        .iter()
        .map(|b| b.services.clone())
        .collect();
    assert_eq!(
        batches,
        vec![
            vec!["a".to_string()],
            vec!["b".into(), "c".into()],
            vec!["e".into()]
        ]
    );
    let first = &a.options.phased[0];
    // the gate: the reserve (1000) plus the batch (400), against 1900 available now
    assert_eq!(first.gate.available_at_least_bytes, Bytes(1_400 * MIB));
    assert_eq!(first.met_now, Some(true));
    assert_eq!(a.options.phased[1].met_now, None);
    // by estimate: a (400) fits in 900; b + c (800) after a: 500 left of the room, 1500 available
    let verdicts: Vec<Verdict> = a.options.phased.iter().map(|b| b.by_estimate).collect();
    assert_eq!(
        verdicts,
        vec![Verdict::Fits, Verdict::Tight, Verdict::DoesNotFit]
    );
    assert_eq!(a.options.alone_tight, Vec::<String>::new());
    assert_eq!(a.options.alone_does_not_fit, vec!["e".to_string()]);
}

#[test]
fn the_plans_own_phases_come_first() {
    let mut p = plan(vec![
        service("a", Some(1), 100, None),
        service("b", Some(2), 100, None),
        service("c", Some(3), 100, None),
    ]);
    p.phases = vec![vec!["c".into(), "a".into()]];
    let a = analyze(&snapshot(10_000, 5_000, &[]), &p, None);
    let batches: Vec<Vec<String>> = a
        .options
        .phased
        .iter()
        .map(|b| b.services.clone())
        .collect();
    assert_eq!(
        batches,
        vec![vec!["c".to_string(), "a".into()], vec!["b".into()]]
    );
}

#[test]
fn a_disk_bound_scenario_gets_no_instance_upgrade() {
    let mut snap = snapshot(10_000, 5_000, &[]);
    snap.host.disks[0].available = Bytes(100 * MIB);
    let mut s = service("a", Some(1), 100, None);
    s.tiers.minimum = Some(Needs {
        memory: Bytes(100 * MIB),
        cpu: Cores(0.1),
        disk: Bytes(500 * MIB),
    });
    let catalog = one_type_catalog("big", 64, None, Bytes(1 << 40));
    let a = analyze(&snap, &plan(vec![s]), Some(&catalog));
    assert_eq!(a.scenarios[0].verdict, Verdict::DoesNotFit);
    assert!(a.options.upgrade.is_empty());
    assert_eq!(a.options.disk_bound.len(), 1);
    assert_eq!(
        a.options.disk_bound[0].shortfall_bytes,
        Bytes((500 + 10_000 - 100) * MIB)
    );
    // the growth covers the shortfall and the reserve of what is added: 10400 / 0.9
    assert_eq!(
        a.options.disk_bound[0].disk_growth_bytes,
        Bytes::from_mib((10_400.0_f64 / 0.9).ceil())
    );
}

#[test]
fn a_burstable_host_is_planned_on_its_baseline() {
    let mut snap = snapshot(10_000, 5_000, &[]);
    snap.host.instance = Some("t".into());
    let catalog = one_type_catalog("t", 4, Some(0.25), Bytes(10_000 * MIB));
    let a = analyze(
        &snap,
        &plan(vec![service("a", Some(1), 100, None)]),
        Some(&catalog),
    );
    assert_eq!(a.capacity.cpu_cores, Cores(1.0));
    assert!(codes(&a).contains(&"burstable_host"));
}

#[test]
fn cgroup_limits_are_the_services_room() {
    let mut snap = snapshot(10_000, 8_000, &[]);
    snap.host.cpu.quota = Some(Cores(2.0));
    snap.host.memory.limit = Some(Bytes(1_000 * MIB));
    snap.host.memory.limit_used = Some(Bytes(300 * MIB));
    let a = analyze(&snap, &plan(vec![service("a", Some(1), 100, None)]), None);
    assert_eq!(a.capacity.cpu_cores, Cores(2.0));
    assert_eq!(a.capacity.memory_total, Bytes(1_000 * MIB));
    // min(MemAvailable 8000, limit 1000 - held 300)
    assert_eq!(a.capacity.memory_available, Bytes(700 * MIB));
    assert_eq!(a.capacity.memory_reserve, Bytes(100 * MIB));
    assert!(codes(&a).contains(&"cgroup_limited"));
}

#[test]
fn a_binding_cap_on_a_host_with_room_is_raised_not_upgraded() {
    let mut snap = snapshot(10_000, 8_000, &[]);
    snap.host.memory.limit = Some(Bytes(1_000 * MIB));
    snap.host.memory.limit_used = Some(Bytes(300 * MIB));
    // 900 MiB does not fit in 700 - 100 = 600 MiB of room under the cap
    let catalog = one_type_catalog("big", 64, None, Bytes(1 << 40));
    let a = analyze(
        &snap,
        &plan(vec![service("a", Some(1), 900, None)]),
        Some(&catalog),
    );
    assert_eq!(a.scenarios[0].verdict, Verdict::DoesNotFit);
    assert!(a.options.upgrade.is_empty(), "{:?}", a.options.upgrade);
    let raise = &a.options.raise_limit[0];
    // L x 0.9 - 300 >= 900  =>  L >= 1333.3 MiB
    assert_eq!(raise.memory_bytes, Bytes(1_334 * MIB));
    assert_eq!(raise.cpu_cores, Cores(4.0));
    let r = a.recommendation.as_ref().map(|r| r.action);
    assert_eq!(r, Some(Action::RaiseLimit));
}

proptest! {
    /// Whatever the host and services, what "fits now" deploys keeps every resource at `fits`.
    #[test]
    fn fits_now_never_exceeds_the_room(
        available in 0u64..4000,
        used_cpu in 0.0f64..4.0,
        tiers in proptest::collection::vec((1u64..1500, 0.0f64..2.0, proptest::bool::ANY), 1..6),
    ) {
        let services: Vec<Service> = tiers.iter().enumerate().map(|(i, (m, c, alt))| {
            let mut s = service(&format!("s{i}"), Some(1000 + i as u16), *m, None);
            s.tiers.minimum = Some(needs(*m, *c));
            if *alt {
                s.alternatives.push(Alternative { name: "api".into(), purpose: None, needs: needs(m / 4, 0.0) });
            }
            s
        }).collect();
        let mut snap = snapshot(4000, available, &[]);
        snap.host.cpu.used = Cores(used_cpu);
        let a = analyze(&snap, &plan(services), None);
        for sel in [&a.fits_now, &a.fits_tight] {
            let zero = sel.needs.memory == Bytes(0) && sel.needs.cpu.0 == 0.0 && sel.needs.disk == Bytes(0);
            let verdict = sel.checks.as_ref().map(|c| c.verdict());
            prop_assert!(zero || verdict == Some(Verdict::Fits) || std::ptr::eq(sel, &a.fits_tight) && verdict != Some(Verdict::DoesNotFit));
        }
        let c = a.fits_now.checks.as_ref().map(|c| c.memory.demand.0 as i128 <= i128::from(c.memory.room).max(0));
        prop_assert_eq!(c, Some(true));
    }
}

#[test]
fn the_current_type_is_never_its_own_upgrade() {
    // The host measures 4 cores; the catalog says its type has 16. CPU is short here, and the
    // current type would "fit" by its catalog figures: it must still not be offered.
    let mut snap = snapshot(10_000, 8_000, &[]);
    snap.host.instance = Some("now".into());
    let mut s = service("a", Some(1), 100, None);
    s.tiers.minimum = Some(needs(100, 3.5));
    let mut catalog = one_type_catalog("now", 16, None, Bytes(10_000 * MIB));
    let mut bigger = catalog.instances[0].clone();
    bigger.name = "bigger".into();
    bigger.price = 2.0;
    catalog.instances.push(bigger);
    let a = analyze(&snap, &plan(vec![s]), Some(&catalog));
    assert_eq!(a.scenarios[0].verdict, Verdict::DoesNotFit);
    let offered: Vec<&str> = a
        .options
        .upgrade
        .iter()
        .map(|u| u.instance.as_str())
        .collect();
    assert_eq!(offered, ["bigger"]);
}

#[test]
fn another_architecture_is_left_out_unless_allowed() {
    let mut snap = snapshot(10_000, 1_200, &[]);
    snap.host.arch = Some(crate::model::Arch::X86_64);
    let mut catalog = one_type_catalog("arm", 8, None, Bytes(64_000 * MIB));
    catalog.instances[0].arch = crate::model::Arch::Arm64;
    let mut x86 = catalog.instances[0].clone();
    x86.name = "x86".into();
    x86.arch = crate::model::Arch::X86_64;
    x86.price = 5.0;
    catalog.instances.push(x86);
    let p = plan(vec![service("a", Some(1), 2_000, None)]);
    let a = analyze(&snap, &p, Some(&catalog));
    let offered: Vec<&str> = a
        .options
        .upgrade
        .iter()
        .map(|u| u.instance.as_str())
        .collect();
    assert_eq!(offered, ["x86"]);
    assert_eq!(a.options.left_out_arch, 1);
    let mut allowed = p.clone();
    allowed.policy.allow_arch_change = true;
    let a = analyze(&snap, &allowed, Some(&catalog));
    let offered: Vec<&str> = a
        .options
        .upgrade
        .iter()
        .map(|u| u.instance.as_str())
        .collect();
    assert_eq!(offered, ["arm"]);
    assert_eq!(a.options.left_out_arch, 0);
}

/// Review of issue 7: a capped guest short on memory, CPU and disk, whose host has the memory and
/// CPU, gets a larger cap AND a larger disk, not a disk alone.
#[test]
fn a_capped_guest_short_on_disk_too_gets_both_a_larger_cap_and_disk() {
    let mut snap = snapshot(16_000, 12_000, &[]);
    snap.host.memory.limit = Some(Bytes(2_048 * MIB));
    snap.host.memory.limit_used = Some(Bytes(1_024 * MIB));
    snap.host.disks[0].total = Bytes(20_480 * MIB);
    snap.host.disks[0].available = Bytes(2_048 * MIB);
    let mut s = service("api", Some(1), 3_072, None);
    s.tiers.minimum = Some(Needs {
        memory: Bytes(3_072 * MIB),
        cpu: Cores(0.5),
        disk: Bytes(1_024 * MIB),
    });
    let catalog = one_type_catalog("big", 64, None, Bytes(1 << 40));
    let a = analyze(&snap, &plan(vec![s]), Some(&catalog));
    assert_eq!(a.options.raise_limit.len(), 1);
    assert_eq!(a.options.disk_bound.len(), 1);
    assert!(a.options.upgrade.is_empty());
    assert!(a.options.need_instance.is_empty());
    let r = a
        .recommendation
        .unwrap_or_else(|| panic!("a recommendation"));
    assert_eq!(r.action, Action::RaiseLimit);
    assert_eq!(
        r.disk_growth_bytes,
        a.options.disk_bound[0].disk_growth_bytes
    );
    assert!(r.disk_growth_bytes > Bytes::ZERO);
}

/// Review of issue 7: when only the disk is short, no instance is needed, and the rollout is not
/// judged on an instance the recommendation does not want.
#[test]
fn disk_only_needs_no_instance_and_no_rollout_on_one() {
    let mut snap = snapshot(1_843, 1_700, &[]);
    snap.host.disks[0].total = Bytes(40_960 * MIB);
    snap.host.disks[0].available = Bytes(2_048 * MIB);
    let mut s = service("a", Some(1), 1_024, None);
    s.tiers.minimum = Some(Needs {
        memory: Bytes(1_024 * MIB),
        cpu: Cores(0.5),
        disk: Bytes(5_120 * MIB),
    });
    let catalog = one_type_catalog("big", 64, None, Bytes(1 << 40));
    let a = analyze(&snap, &plan(vec![s]), Some(&catalog));
    assert_ne!(a.scenarios[0].verdict, Verdict::Fits);
    assert!(a.options.need_instance.is_empty());
    assert!(a.options.upgrade.is_empty());
    assert!(a.options.phased_on_upgrade.is_none());
    assert_eq!(a.options.disk_bound.len(), 1);
}

/// Review of issue 7: on a capped guest the upgrade carries what the guest holds, not what the
/// whole machine uses, and no type is credited with more memory than it has.
#[test]
fn a_capped_guest_carries_its_own_use_to_an_upgrade() {
    let mut snap = snapshot(16_384, 2_048, &[]);
    snap.host.cpu.quota = Some(Cores(1.5));
    snap.host.memory.limit = Some(Bytes(2_048 * MIB));
    snap.host.memory.limit_used = Some(Bytes(1_024 * MIB));
    snap.host.instance = Some("small".into());
    let mut catalog = one_type_catalog("small", 2, None, Bytes(2_048 * MIB));
    let mut eight = catalog.instances[0].clone();
    eight.name = "eight".into();
    eight.vcpus = 4;
    eight.memory = Bytes(8_192 * MIB);
    eight.price = 5.0;
    catalog.instances.push(eight);
    // memory short on the whole machine too (2048 available - 1638 reserve), so a type it is
    let a = analyze(
        &snap,
        &plan(vec![service("a", Some(1), 3_072, None)]),
        Some(&catalog),
    );
    let u = a
        .options
        .upgrade
        .iter()
        .find(|u| u.verdict == Verdict::Fits)
        .unwrap_or_else(|| panic!("an upgrade: {:?}", a.options));
    assert_eq!(u.instance, "eight");
    // held under the cap: 2048 - min(2048, 2048 - 1024) = 1024 MiB
    assert_eq!(u.carried_bytes, Bytes(1_024 * MIB));
    // share = limit / nominal of the current type = 1, never more
    assert_eq!(u.usable_memory_bytes, Bytes(8_192 * MIB));
}
