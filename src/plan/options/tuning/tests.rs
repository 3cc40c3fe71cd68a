//! Tuning worked by hand on small hosts: the steps, the values advised and what each frees.

use crate::model::{Bytes, EngineBasis, EngineName, PlanFile, Snapshot};
use crate::plan::{Verdict, analyze};

const MIB: u64 = 1 << 20;

/// A 4 GiB host with 1000 MiB available, no reserve, and the workloads given (YAML lines).
fn host(workloads: &str) -> Snapshot {
    let text = format!(
        "host: {{name: h, taken_at: t, cpu: {{cores: 4, used: 0.5}}, memory: {{total: 4GiB, available: 1000MiB}}, swap: {{total: 1GiB}}, disks: [{{mount: /, total: 100GiB, used: 10GiB, available: 90GiB}}]}}\nworkloads:\n{workloads}"
    );
    serde_saphyr::from_str(&text).expect("a snapshot")
}

fn plan(memory_mib: u64, engines: &str) -> PlanFile {
    let text = format!(
        "policy: {{memory_reserve: 0%, engines: {engines}}}\nservices:\n  - name: app\n    port: 9000\n    tiers: {{minimum: {{memory: {memory_mib}MiB, cpu: 0.1, disk: 1GiB}}}}\n"
    );
    serde_saphyr::from_str(&text).expect("a plan")
}

const ES: &str = "  - name: es\n    kind: container\n    memory: 310MiB\n    engine: {name: elasticsearch, version: 8.11.1, inputs: {heap_max: 512MiB}}\n";
const PG: &str = "  - name: pg\n    kind: service\n    memory: 100MiB\n    engine: {name: postgresql, version: '15', inputs: {shared_buffers: 64MiB, max_connections: 40}}\n";

#[test]
fn the_elasticsearch_heap_lowered_just_enough() {
    // growth: 2 x 512 - 310 = 714 MiB; room 1000 - 714 = 286; the app wants 500: short 214.
    let a = analyze(&host(ES), &plan(500, "ceiling"), None);
    let s = &a.scenarios[0];
    assert_eq!(
        (s.verdict, s.engines),
        (Verdict::DoesNotFit, EngineBasis::Ceiling)
    );
    assert_eq!(s.checks.memory.shortfall, Bytes(214 * MIB));
    let t = &a.options.tuning[0];
    assert_eq!(t.steps.len(), 1);
    let step = &t.steps[0];
    // heap h frees 1024 - 2h; 214 is freed once h <= 405 MiB
    assert_eq!(
        (step.engine, step.setting.as_str(), step.from, step.to),
        (
            EngineName::Elasticsearch,
            "heap_max",
            (512 * MIB) as f64,
            (405 * MIB) as f64
        )
    );
    assert_eq!(step.frees, Bytes(214 * MIB));
    assert_eq!(t.verdict_after, Verdict::Fits);
    // On `now` nothing is held: the app fits and no tuning is offered.
    let now = analyze(&host(ES), &plan(500, "now"), None);
    assert_eq!(
        (now.scenarios[0].verdict, now.scenarios[0].engines),
        (Verdict::Fits, EngineBasis::Now)
    );
    assert!(now.options.tuning.is_empty());
}

#[test]
fn several_settings_when_one_is_not_enough() {
    // growth: ES 714, PG 578 - 100 = 478 (64 + 2 + 40 x 4 x 2 + 3 x 64); room 1000 - 1192 = -192.
    // The app wants 508: short 700. ES heap to 256 MiB frees 512; PG work_mem to 2 MiB frees
    // 40 x 2 x 2 = 160. For the 28 MiB left, the largest saving is now maintenance_work_mem (3
    // workers x up to 32 MiB = 96, where max_connections would free 20 x 2 x 2 = 80): each MiB
    // less frees 3, so 64 to 54 MiB frees 30.
    let a = analyze(&host(&format!("{ES}{PG}")), &plan(508, "ceiling"), None);
    assert_eq!(a.scenarios[0].checks.memory.shortfall, Bytes(700 * MIB));
    let t = &a.options.tuning[0];
    let steps: Vec<(&str, &str, f64, u64)> = t
        .steps
        .iter()
        .map(|s| {
            (
                s.workload.as_str(),
                s.setting.as_str(),
                s.to,
                s.frees.0 / MIB,
            )
        })
        .collect();
    assert_eq!(
        steps,
        vec![
            ("es", "heap_max", (256 * MIB) as f64, 512),
            ("pg", "work_mem", (2 * MIB) as f64, 160),
            ("pg", "maintenance_work_mem", (54 * MIB) as f64, 30),
        ]
    );
    assert_eq!(
        (t.frees, t.verdict_after),
        (Bytes(702 * MIB), Verdict::Fits)
    );
}

#[test]
fn halving_everything_may_not_be_enough() {
    // short 1500 MiB: ES frees at most 512; the scenario still does not fit.
    let a = analyze(&host(ES), &plan(1786, "ceiling"), None);
    let t = &a.options.tuning[0];
    assert_eq!(t.frees, Bytes(512 * MIB));
    assert_eq!(t.verdict_after, Verdict::DoesNotFit);
}
