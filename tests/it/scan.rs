//! `hostfit scan` on the fixture trees under tests/fixtures/hosts (cgroup v1, v2, hybrid), each
//! compared with its expected snapshot, and the scan's flags, formats and faults.

use crate::util::{Scratch, hostfit, hostfit_env, root, s};
use hostfit::model::{Bytes, Cores, Snapshot};
use hostfit::probe::{self, DiskSource, EngineSource, ScanConfig};
use std::path::{Path, PathBuf};
use std::time::Duration;

const TREES: &[&str] = &["cgroup-v1", "cgroup-v2", "hybrid"];
/// The `taken_at` the expected snapshots carry; a scan's own is replaced by it.
const TAKEN_AT: &str = "2000-01-01T00:00:00Z";

fn tree(name: &str) -> PathBuf {
    root().join("tests/fixtures/hosts").join(name)
}

fn parse_snapshot(text: &str) -> Snapshot {
    serde_saphyr::from_str(text).expect("a snapshot")
}

/// A scan of `dir` as the binary writes it in `format`, with `taken_at` and the root's path
/// replaced so that it compares with an expected file.
fn scan_fixture(dir: &Path, format: &str) -> Snapshot {
    let run = hostfit_env(
        &[
            "scan",
            "--root",
            s(dir),
            "--interval",
            "0",
            "--format",
            format,
        ],
        &[("DOCKER_HOST", "unix:///nonexistent/docker.sock")],
    );
    assert_eq!(run.status, 0, "stderr: {}", run.stderr);
    assert!(run.stderr.is_empty(), "stderr: {}", run.stderr);
    let mut snap = parse_snapshot(&run.stdout);
    normalize(&mut snap, dir);
    snap
}

fn normalize(snap: &mut Snapshot, dir: &Path) {
    snap.host.taken_at = TAKEN_AT.to_string();
    let prefix = format!("{}/", dir.display());
    for w in &mut snap.warnings {
        *w = w.replace(&prefix, "ROOT/");
    }
}

fn check(name: &str, format: &str) {
    let dir = tree(name);
    let expected_text =
        std::fs::read_to_string(dir.join("expected.yaml")).expect("expected.yaml is readable");
    let expected = parse_snapshot(&expected_text);
    let actual = scan_fixture(&dir, format);
    if actual != expected {
        let shown = serde_saphyr::to_string(&actual).unwrap_or_default();
        panic!("{name} ({format}) differs from expected.yaml; the scan gave:\n{shown}");
    }
}

#[test]
fn scan_fixture_v1_matches_expected() {
    check("cgroup-v1", "yaml");
}

#[test]
fn scan_fixture_v2_matches_expected() {
    check("cgroup-v2", "yaml");
}

#[test]
fn scan_fixture_hybrid_matches_expected() {
    check("hybrid", "json");
}

#[test]
fn scan_fixture_figures_by_hand() {
    // cgroup-v2.rst: working set = memory.current - inactive_file
    let v2 = scan_fixture(&tree("cgroup-v2"), "json");
    let web = v2.workloads.iter().find(|w| w.name == "web").expect("web");
    assert_eq!(web.memory, Bytes((100 - 20) << 20));
    assert_eq!(web.memory_limit, Some(Bytes(512 << 20)));
    assert_eq!(web.cpu_limit, Some(Cores(1.0)));
    assert_eq!(web.image.as_deref(), Some("nginx:1.25"));
    assert_eq!(v2.host.memory.available, Bytes(5_600_000 * 1024));
    assert_eq!(v2.host.memory.limit, Some(Bytes(1 << 30)));
    assert_eq!(v2.host.cpu.quota, Some(Cores(2.0)));
    assert!(
        !v2.workloads
            .iter()
            .any(|w| w.name == "cron" || w.name == "migrate")
    );
    // v1: usage_in_bytes - total_inactive_file; the tighter limit of an ancestor applies
    let v1 = scan_fixture(&tree("cgroup-v1"), "json");
    let nginx = v1
        .workloads
        .iter()
        .find(|w| w.name == "nginx")
        .expect("nginx");
    assert_eq!((nginx.memory, nginx.processes), (Bytes(40 << 20), Some(2)));
    assert_eq!(v1.host.memory.limit, Some(Bytes(1 << 30)));
    assert_eq!(v1.host.cpu.quota, Some(Cores(1.5)));
    assert!(v1.host.pressure.is_none());
    assert!(
        v1.warnings
            .iter()
            .any(|w| w.contains("no Docker or Podman socket"))
    );
    // hybrid: the container's cgroup in every v1 controller
    let hybrid = scan_fixture(&tree("hybrid"), "yaml");
    let busy = hybrid
        .workloads
        .iter()
        .find(|w| w.name == "hostfit-busy")
        .expect("busy");
    assert_eq!(busy.memory, Bytes(66 << 20));
    assert_eq!(busy.memory_limit, Some(Bytes(256 << 20)));
    assert_eq!(busy.cpu_limit, Some(Cores(0.5)));
    let mounts: Vec<&str> = hybrid.host.disks.iter().map(|d| d.mount.as_str()).collect();
    assert_eq!(mounts, vec!["/", "/var/lib/hostfit"]);
}

#[test]
fn scan_fixture_reconciles() {
    for name in TREES {
        let snap = scan_fixture(&tree(name), "json");
        let m = &snap.host.memory;
        let workloads: u64 = snap.workloads.iter().map(|w| w.memory.0).sum();
        let other = m.total.0 - m.available.0 - workloads;
        assert_eq!(m.available.0 + workloads + other, m.total.0, "{name}");
        assert!(
            workloads <= m.total.0 - m.available.0,
            "{name}: workloads exceed total - available"
        );
    }
}

#[test]
fn scan_expected_snapshots_load_in_plan() {
    for name in TREES {
        let snapshot = tree(name).join("expected.yaml");
        let plan = root().join("examples/aliyun-2c2g/plan.yaml");
        let run = hostfit(&[
            "plan",
            s(&plan),
            "--snapshot",
            s(&snapshot),
            "--format",
            "json",
        ]);
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
    }
}

#[test]
fn scan_text_is_a_table() {
    let run = hostfit(&["scan", "--root", s(&tree("cgroup-v2")), "--interval", "0"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    for needle in [
        "Workloads",
        "postgresql@15-main",
        "hostfit-redis",
        "docker-proxy",
        "/boot/efi",
        "Warnings",
    ] {
        assert!(
            run.stdout.contains(needle),
            "no '{needle}' in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn scan_bad_interval_names_the_flag() {
    for bad in ["fast", "-1s", "1h"] {
        let flag = format!("--interval={bad}");
        let run = hostfit(&["scan", &flag, "--root", s(&tree("hybrid"))]);
        assert_eq!(run.status, 2, "{bad}");
        assert!(run.stderr.contains("--interval"), "{bad}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}

#[test]
fn scan_accepts_the_documented_intervals() {
    for good in ["0", "500ms", "0.2s"] {
        let run = hostfit(&[
            "scan",
            "--interval",
            good,
            "--root",
            s(&tree("hybrid")),
            "--format",
            "json",
        ]);
        assert_eq!(run.status, 0, "{good}: {}", run.stderr);
    }
}

#[test]
fn scan_output_file_is_written_whole() {
    let scratch = Scratch::new("scan-output");
    let out = scratch.path("snap.json");
    let run = hostfit(&[
        "scan",
        "--root",
        s(&tree("cgroup-v1")),
        "--interval",
        "0",
        "--format",
        "json",
        "--output",
        s(&out),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let text = std::fs::read_to_string(&out).expect("the output file");
    let snap: Snapshot = serde_json::from_str(&text).expect("a JSON snapshot");
    assert_eq!(snap.host.name, "legacy-01");
    let leftovers: Vec<_> = std::fs::read_dir(&scratch.0)
        .expect("dir")
        .flatten()
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary files left behind");
    // a folder that does not exist: an error, and nothing written
    let missing = scratch.path("no/such/dir/snap.json");
    let run = hostfit(&[
        "scan",
        "--root",
        s(&tree("cgroup-v1")),
        "--interval",
        "0",
        "--output",
        s(&missing),
    ]);
    assert_eq!(run.status, 2);
    assert!(!missing.exists());
}

#[test]
fn scan_bad_root_is_an_error() {
    let run = hostfit(&[
        "scan",
        "--root",
        "/nonexistent/hostfit/root",
        "--interval",
        "0",
    ]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--root"), "{}", run.stderr);
}

/// Copies a fixture tree, links included, so that a test may change it.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let kind = entry.file_type().expect("file type");
        let target = to.join(entry.file_name());
        if kind.is_symlink() {
            let link = std::fs::read_link(entry.path()).expect("read_link");
            std::os::unix::fs::symlink(link, &target).expect("symlink");
        } else if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn scan_missing_cgroup_file_is_a_warning() {
    let scratch = Scratch::new("scan-missing-file");
    let dir = scratch.path("host");
    copy_tree(&tree("cgroup-v2"), &dir);
    std::fs::remove_file(dir.join("sys/fs/cgroup/system.slice/docker.service/memory.stat"))
        .expect("rm");
    std::fs::remove_file(dir.join("proc/pressure/io")).expect("rm");
    std::fs::write(dir.join("proc/net/tcp6"), "garbage\n 0: 1 2\n").expect("write");
    let snap = scan_fixture(&dir, "json");
    assert!(!snap.workloads.iter().any(|w| w.name == "docker"));
    let joined = snap.warnings.join("\n");
    assert!(
        joined.contains("service 'docker'") && joined.contains("memory.stat"),
        "{joined}"
    );
    assert!(joined.contains("net table"), "{joined}");
    let pressure = snap.host.pressure.expect("pressure");
    assert_eq!(pressure.io_some_avg10, None);
    // the processes of the unreadable cgroup are still counted, once, by executable
    assert!(snap.workloads.iter().any(|w| w.name == "dockerd"));
}

#[test]
fn scan_without_meminfo_fails_cleanly() {
    let scratch = Scratch::new("scan-no-meminfo");
    let dir = scratch.path("host");
    copy_tree(&tree("hybrid"), &dir);
    std::fs::remove_file(dir.join("proc/meminfo")).expect("rm");
    let run = hostfit(&["scan", "--root", s(&dir), "--interval", "0"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("meminfo"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn scan_garbage_files_do_not_panic() {
    let scratch = Scratch::new("scan-garbage");
    let dir = scratch.path("host");
    copy_tree(&tree("hybrid"), &dir);
    for rel in [
        "proc/self/mountinfo",
        "proc/stat",
        "proc/4000/stat",
        "proc/4000/cgroup",
        "proc/3000/smaps_rollup",
        "sys/fs/cgroup/memory/hostfit-pg/memory.stat",
        "hostfit-fixture/engine/containers/json",
        "hostfit-fixture/statvfs",
        "proc/pressure/cpu",
    ] {
        std::fs::write(dir.join(rel), "\u{0}(((garbage) 1 2 :: -5 ] [\n\n").expect("write");
    }
    let run = hostfit(&[
        "scan",
        "--root",
        s(&dir),
        "--interval",
        "0",
        "--format",
        "json",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let snap: Snapshot = serde_json::from_str(&run.stdout).expect("json");
    assert!(snap.warnings.len() >= 4, "{:?}", snap.warnings);
    // with neither /proc/stat nor sysfs, there is no core count: an error, not a guess
    std::fs::write(dir.join("sys/devices/system/cpu/online"), "x\n").expect("write");
    let run = hostfit(&["scan", "--root", s(&dir), "--interval", "0"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("cpu list"), "{}", run.stderr);
}

/// CPU between the two samples: the host from /proc/stat, a container from cpuacct.usage, a
/// cgroup without a CPU directory from its processes' ticks.
#[test]
fn scan_measures_cpu_between_two_samples() {
    let scratch = Scratch::new("scan-cpu");
    let dir = scratch.path("host");
    copy_tree(&tree("hybrid"), &dir);
    let cid = "9f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    let config = ScanConfig {
        root: dir.clone(),
        engine: EngineSource::Replies(PathBuf::from("hostfit-fixture/engine")),
        disks: DiskSource::Table(PathBuf::from("hostfit-fixture/statvfs")),
        taken_at: TAKEN_AT.to_string(),
        ticks_per_second: 100,
    };
    let pending = probe::begin(&config, true);
    let started = std::time::Instant::now();
    let wait = Duration::from_millis(600);
    // over the wait: the host 1.5 of 2 cores busy, the container 0.5 core, postgres 0.25
    let stat_path = dir.join("proc/stat");
    let stat = std::fs::read_to_string(&stat_path).expect("stat");
    let ticks = 60u64; // 0.6 s at 100 Hz, two cores: 120 ticks in all, 90 busy
    let first = stat.lines().next().unwrap_or("");
    let mut f: Vec<u64> = first
        .split_whitespace()
        .skip(1)
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    f[0] += 90;
    f[3] += 2 * ticks - 90;
    let line = format!(
        "cpu  {}",
        f.iter().map(u64::to_string).collect::<Vec<_>>().join(" ")
    );
    std::fs::write(&stat_path, stat.replacen(first, &line, 1)).expect("write stat");
    let usage = dir.join(format!("sys/fs/cgroup/cpuacct/docker/{cid}/cpuacct.usage"));
    let before: u64 = std::fs::read_to_string(&usage)
        .expect("usage")
        .trim()
        .parse()
        .expect("n");
    std::fs::write(&usage, format!("{}\n", before + 300_000_000)).expect("write usage");
    let pg = dir.join("proc/4000/stat");
    let text = std::fs::read_to_string(&pg).expect("pg stat");
    // utime 3000 -> 3015: 15 ticks = 0.15 s of CPU over 0.6 s
    std::fs::write(&pg, text.replacen(" 3000 500 ", " 3015 500 ", 1)).expect("write pg stat");
    std::thread::sleep(wait.saturating_sub(started.elapsed()));
    let snap = pending.finish().expect("a snapshot");
    let close = |got: Cores, want: f64| (got.0 - want).abs() <= want * 0.1;
    assert!(
        close(snap.host.cpu.used, 1.5),
        "host {}",
        snap.host.cpu.used
    );
    let seconds = snap.host.cpu.interval_seconds.unwrap_or(0.0);
    assert!((0.6..0.8).contains(&seconds), "{seconds}");
    let busy = snap
        .workloads
        .iter()
        .find(|w| w.name == "hostfit-busy")
        .expect("busy");
    assert!(
        close(busy.cpu, 0.5 * 0.6 / seconds),
        "container {}",
        busy.cpu
    );
    let pg = snap
        .workloads
        .iter()
        .find(|w| w.name == "hostfit-pg")
        .expect("pg");
    assert!(close(pg.cpu, 0.25 * 0.6 / seconds), "postgres {}", pg.cpu);
    assert!(!snap.warnings.iter().any(|w| w.contains("not measured")));
}
