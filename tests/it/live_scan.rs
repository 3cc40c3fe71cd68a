//! `hostfit scan` on this machine with the real servers scripts/with-components starts:
//! PostgreSQL and Redis each in its own cgroup, and a busybox container under a real Docker
//! engine. Each test reads the kernel's files itself, right after the scan, and compares. A
//! component that was not started is skipped with a line saying so.

use crate::util::hostfit;
use hostfit::model::{Bytes, Snapshot, Workload, WorkloadKind};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const CGROUP: &str = "/sys/fs/cgroup";

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The variables a component exports, or `None` after saying the test is skipped.
fn component(label: &str, names: &[&str]) -> Option<Vec<String>> {
    let values: Option<Vec<String>> = names.iter().map(|n| var(n)).collect();
    if values.is_none() {
        println!("SKIP live scan {label}: not started");
    }
    values
}

/// One scan of this host, shared by the tests (each scan takes a second).
fn live() -> &'static Snapshot {
    static SCAN: OnceLock<Snapshot> = OnceLock::new();
    SCAN.get_or_init(|| {
        let run = hostfit(&["scan", "--format", "json", "--interval", "1s"]);
        assert_eq!(run.status, 0, "stderr: {}", run.stderr);
        serde_json::from_str(&run.stdout).expect("a JSON snapshot")
    })
}

fn workload<'a>(snap: &'a Snapshot, name: &str, kind: WorkloadKind) -> &'a Workload {
    snap.workloads
        .iter()
        .find(|w| w.name == name && w.kind == kind)
        .unwrap_or_else(|| {
            let names: Vec<String> = snap
                .workloads
                .iter()
                .map(|w| format!("{} ({:?})", w.name, w.kind))
                .collect();
            panic!(
                "no {kind:?} workload '{name}' in the scan: {}",
                names.join(", ")
            )
        })
}

fn read_u64(path: &Path) -> Option<u64> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

fn stat_key(path: &Path, key: &str) -> Option<u64> {
    std::fs::read_to_string(path).ok()?.lines().find_map(|l| {
        let (k, v) = l.split_once(' ')?;
        (k == key).then(|| v.trim().parse().ok()).flatten()
    })
}

/// The kernel's figure for a cgroup's working set, read now: v1 `memory.usage_in_bytes -
/// total_inactive_file`, v2 `memory.current - inactive_file`, at least 0.
fn working_set(relative: &str) -> Option<(PathBuf, u64)> {
    let v1 = Path::new(CGROUP).join("memory").join(relative);
    if v1.is_dir() {
        let usage = read_u64(&v1.join("memory.usage_in_bytes"))?;
        let inactive = stat_key(&v1.join("memory.stat"), "total_inactive_file")?;
        return Some((v1, usage.saturating_sub(inactive)));
    }
    let v2 = Path::new(CGROUP).join(relative);
    let current = read_u64(&v2.join("memory.current"))?;
    let inactive = stat_key(&v2.join("memory.stat"), "inactive_file")?;
    Some((v2, current.saturating_sub(inactive)))
}

fn within(got: u64, want: u64, share: f64) -> bool {
    (got as f64 - want as f64).abs() <= want as f64 * share
}

fn check_cgroup_service(label: &str, prefix: &str) {
    let Some(v) = component(
        label,
        &[&format!("{prefix}_CGROUP"), &format!("{prefix}_PID")],
    ) else {
        return;
    };
    let (cgroup, pid) = (&v[0], &v[1]);
    let snap = live();
    let w = workload(snap, cgroup, WorkloadKind::Service);
    let (dir, kernel) = working_set(cgroup).expect("the cgroup's memory files");
    assert!(
        within(w.memory.0, kernel, 0.01),
        "{label}: scan says {} bytes, {} says {kernel}",
        w.memory.0,
        dir.display()
    );
    assert!(w.processes.unwrap_or(0) >= 1);
    if let Some(port) = var(&format!("{prefix}_PORT")).and_then(|p| p.parse::<u16>().ok()) {
        assert!(
            w.ports.contains(&port),
            "{label}: port {port} not in {:?}",
            w.ports
        );
        let listed = snap.host.listening_ports.iter().any(|l| l.port == port);
        assert!(
            listed,
            "{label}: port {port} is not among the listening ports"
        );
    }
    // its processes are not counted again among the groups by executable
    let pid: u32 = pid.parse().expect("a pid");
    let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
    if let Some(name) = exe
        .as_ref()
        .and_then(|e| e.file_name())
        .and_then(|n| n.to_str())
    {
        let again = snap
            .workloads
            .iter()
            .find(|w| w.name == name && w.kind == WorkloadKind::Process);
        if let Some(again) = again {
            assert!(
                again.memory.0 < kernel / 2,
                "{label}: '{name}' counted twice"
            );
        }
    }
}

#[test]
fn live_scan_postgres() {
    check_cgroup_service("postgres", "HOSTFIT_PG");
}

#[test]
fn live_scan_redis() {
    check_cgroup_service("redis", "HOSTFIT_REDIS");
}

#[test]
fn live_scan_docker_container() {
    let names = [
        "DOCKER_HOST",
        "HOSTFIT_DOCKER_CONTAINER",
        "HOSTFIT_DOCKER_CONTAINER_ID",
    ];
    let Some(v) = component("docker", &names) else {
        return;
    };
    let (name, id) = (&v[1], &v[2]);
    let snap = live();
    let w = workload(snap, name, WorkloadKind::Container);
    let (dir, kernel) = [
        format!("docker/{id}"),
        format!("system.slice/docker-{id}.scope"),
    ]
    .iter()
    .find_map(|rel| working_set(rel))
    .expect("the container's memory cgroup");
    assert!(
        within(w.memory.0, kernel, 0.01),
        "container: scan says {} bytes, {} says {kernel}",
        w.memory.0,
        dir.display()
    );
    assert_eq!(w.memory_limit, Some(Bytes(256 << 20)));
    // it holds the 64 MiB it wrote to its /dev/shm, and not much more
    if let Some(alloc) = var("HOSTFIT_DOCKER_ALLOC_BYTES").and_then(|a| a.parse::<u64>().ok()) {
        assert!(
            w.memory.0 >= alloc && w.memory.0 < alloc + (32 << 20),
            "container holds {} bytes, allocated {alloc}",
            w.memory.0
        );
    }
    assert!(
        (w.cpu.0 - 0.5).abs() <= 0.1,
        "container CPU {} cores, expected 0.5 +/- 0.1",
        w.cpu
    );
    assert_eq!(w.image.as_deref(), Some("local/busybox:1"));
    if let Some(alloc) = var("HOSTFIT_DOCKER_ALLOC_BYTES").and_then(|a| a.parse::<u64>().ok()) {
        assert!(
            w.memory.0 >= alloc * 9 / 10,
            "container holds {} bytes, allocated {alloc}",
            w.memory.0
        );
    }
}

#[test]
fn live_scan_host_available_is_memavailable() {
    let snap = live();
    let meminfo = std::fs::read_to_string("/proc/meminfo").expect("/proc/meminfo");
    let kb = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemAvailable:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse::<u64>().ok())
        .expect("MemAvailable");
    let got = snap.host.memory.available.0;
    assert!(
        within(got, kb * 1024, 0.02),
        "scan {got}, /proc/meminfo {}",
        kb * 1024
    );
    assert!(snap.host.cpu.cores.0 >= 1.0);
    assert!(
        snap.host.disks.iter().any(|d| d.mount == "/"),
        "no root disk"
    );
    // Reconciliation: total = available + (workloads - their active page cache, which
    // MemAvailable counts too) + other, with other never negative on a real machine.
    let workloads: u64 = snap.workloads.iter().map(|w| w.memory.0).sum();
    let cache: u64 = snap
        .workloads
        .iter()
        .filter_map(|w| w.active_file.map(|a| a.0.min(w.memory.0)))
        .sum();
    let used = snap.host.memory.total.0 - got;
    assert!(
        workloads - cache <= used,
        "workloads {workloads} less cache {cache} exceed total - available {used}"
    );
}

/// `hostfit plan --live` analyses this machine, and its reconciliation adds up to the byte.
#[test]
fn live_plan_reconciles_this_host() {
    let plan = crate::util::example("aliyun-2c2g").join("plan.yaml");
    let run = crate::util::hostfit(&["plan", crate::util::s(&plan), "--live", "--format", "json"]);
    let j = crate::util::json(&run);
    let r = &j["reconciliation"];
    let n = |k: &str| r[k].as_i64().unwrap_or(i64::MIN);
    assert_eq!(
        n("total_bytes"),
        n("available_bytes") + n("workloads_bytes") - n("workload_cache_bytes") + n("other_bytes"),
        "{r}"
    );
    assert!(n("other_bytes") >= 0, "{r}");
    let lines: i64 = r["lines"]
        .as_array()
        .map(|a| a.iter().map(|l| l["bytes"].as_i64().unwrap_or(0)).sum())
        .unwrap_or(0);
    assert_eq!(lines, n("total_bytes"), "every line named and summed");
    assert!(j["scenarios"].as_array().is_some_and(|a| a.len() == 4));
}
