//! The planner: from a snapshot, a plan and an optional catalog to verdicts per scenario, what
//! fits now, warnings and the options. Pure: no I/O, no clock, no environment, no probes.

pub mod options;
pub mod reconcile;
pub mod scenario;
pub mod search;
pub mod verdict;
pub mod warnings;

pub use options::{Lightweight, Options, PhasedBatch, Upgrade};
pub use reconcile::{Reconciliation, contradictions, reconcile};
pub use scenario::{ScenarioResult, Selection};
pub use verdict::{Capacity, Checks, CpuCheck, DiskCheck, MemoryCheck, Verdict};
pub use warnings::{Warning, WarningCode};

use crate::model::{Catalog, Needs, PlanFile, Policy, Service, SizeRange, Snapshot, Tier};

/// Everything a report shows, computed once.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub title: Option<String>,
    pub policy: Policy,
    pub capacity: Capacity,
    pub reconciliation: Reconciliation,
    pub services: Vec<ServiceInfo>,
    pub scenarios: Vec<ScenarioResult>,
    pub fits_now: Selection,
    pub fits_tight: Selection,
    pub options: Options,
    pub warnings: Vec<Warning>,
}

/// A service as the reports show it, in priority order.
#[derive(Debug, Clone)]
pub struct ServiceInfo {
    pub name: String,
    pub purpose: Option<String>,
    pub port: Option<u16>,
    pub priority: u32,
    pub tiers: Vec<(Tier, Needs)>,
    pub parts: Vec<(String, SizeRange)>,
    pub parts_sum: Option<SizeRange>,
    pub alternatives: Vec<(String, Option<String>, Needs)>,
}

/// The plan's services, most important first: by priority, then by their order in the file.
pub fn by_priority(plan: &PlanFile) -> Vec<(u32, &Service)> {
    let mut ordered: Vec<(u32, usize, &Service)> = plan
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.priority.unwrap_or(i as u32 + 1), i, s))
        .collect();
    ordered.sort_by_key(|(p, i, _)| (*p, *i));
    ordered.into_iter().map(|(p, _, s)| (p, s)).collect()
}

/// The whole analysis of one plan on one host.
pub fn analyze(snapshot: &Snapshot, plan: &PlanFile, catalog: Option<&Catalog>) -> Analysis {
    let policy = plan.policy;
    let mut capacity = Capacity::of_snapshot(snapshot, &policy);
    // A burstable type sustains only its baseline share of each vCPU: plan on that.
    let burstable = snapshot
        .host
        .instance
        .as_deref()
        .and_then(|name| catalog.and_then(|c| c.find(name)))
        .filter(|t| t.baseline() < 1.0 && t.planning_cores().0 < capacity.cpu_cores.0);
    if let Some(t) = burstable {
        capacity.cpu_cores = t.planning_cores();
    }
    let ordered = by_priority(plan);
    let services = ordered
        .iter()
        .map(|(priority, s)| ServiceInfo {
            name: s.name.clone(),
            purpose: s.purpose.clone(),
            port: s.port,
            priority: *priority,
            tiers: s.tiers.present().map(|(t, n)| (t, *n)).collect(),
            parts: s.parts.iter().map(|p| (p.name.clone(), p.memory)).collect(),
            parts_sum: s.parts_sum(),
            alternatives: s
                .alternatives
                .iter()
                .map(|a| (a.name.clone(), a.purpose.clone(), a.needs))
                .collect(),
        })
        .collect();
    let scenarios = scenario::evaluate_all(plan, &capacity);
    let ordered_services: Vec<&Service> = ordered.iter().map(|(_, s)| *s).collect();
    let fits_now = scenario::fits_now(&ordered_services, &capacity);
    let fits_tight = scenario::fits_now(&ordered_services, &capacity.without_reserve());
    let mut warnings = warnings::snapshot_warnings(snapshot, &contradictions(snapshot));
    if let Some(t) = burstable {
        warnings.push(warnings::burstable_host(
            &t.name,
            t.vcpus,
            t.baseline(),
            t.planning_cores(),
        ));
    }
    warnings.extend(warnings::plan_warnings(snapshot, plan));
    let options = options::options(
        &options::OptionsInput {
            snapshot,
            policy: &policy,
            base: &capacity,
            services: &ordered_services,
            scenarios: &scenarios,
            fits_now: &fits_now,
            catalog,
        },
        &mut warnings,
    );
    Analysis {
        title: plan.title.clone(),
        policy,
        capacity,
        reconciliation: reconcile(snapshot),
        services,
        scenarios,
        fits_now,
        fits_tight,
        options,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Alternative, Bytes, Cores, CpuState, Disk, Host, ListeningPort, MemoryState, Needs, Part,
        Service, SizeRange, SwapState, Tiers, Workload, WorkloadKind,
    };
    use proptest::prelude::*;

    const MIB: u64 = 1 << 20;

    fn snapshot(total_mib: u64, available_mib: u64, ports: &[u16]) -> Snapshot {
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
        }
    }

    fn plan(services: Vec<Service>) -> PlanFile {
        PlanFile {
            title: None,
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
            Some("110 MiB".to_string())
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
    fn phased_batches_follow_priority_then_list_who_waits_and_who_never_fits() {
        // room = 1900 available - 1000 reserve = 900 MiB. In priority order a (400) and b (500)
        // fill it; c (300) and d (150) each fit alone but not after them; e (2000) never fits.
        let p = plan(vec![
            service("a", Some(1), 400, None),
            service("b", Some(2), 500, None),
            service("c", Some(3), 300, None),
            service("d", Some(4), 150, None),
            service("e", Some(5), 2000, None),
        ]);
        let a = analyze(&snapshot(10_000, 1_900, &[]), &p, None);
        let batches: Vec<Vec<String>> = a
            .options
            .phased
            .iter()
            .map(|b| b.services.clone())
            .collect();
        assert_eq!(batches, vec![vec!["a".to_string(), "b".into()]]);
        assert_eq!(a.options.waiting, vec!["c".to_string(), "d".into()]);
        assert_eq!(a.options.never_fit, vec!["e".to_string()]);
        assert_eq!(
            a.options.phased[0].check.expected_available_bytes,
            Bytes((1_900 - 900) * MIB)
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
    fn cgroup_limits_are_the_hosts_room() {
        let mut snap = snapshot(10_000, 8_000, &[]);
        snap.host.cpu.quota = Some(Cores(2.0));
        snap.host.memory.limit = Some(Bytes(1_000 * MIB));
        let a = analyze(&snap, &plan(vec![service("a", Some(1), 100, None)]), None);
        assert_eq!(a.capacity.cpu_cores, Cores(2.0));
        assert_eq!(a.capacity.memory_total, Bytes(1_000 * MIB));
        assert_eq!(a.capacity.memory_available, Bytes(1_000 * MIB));
        assert!(codes(&a).contains(&"cgroup_limited"));
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
}
