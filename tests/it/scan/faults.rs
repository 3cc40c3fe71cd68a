//! `hostfit scan` on broken copies of the fixture trees: missing and garbage files, a missing
//! `/proc/meminfo`, and CPU measured between two samples while the files change.

use super::{TAKEN_AT, scan_args, scan_fixture, tree};
use crate::util::{Scratch, hostfit, s};
use hostfit::model::{Cores, ScanWarning, Snapshot};
use hostfit::probe::{
    self, ArchSource, DiskSource, EngineLimits, EngineSource, ScanConfig, SocketSource,
};
use std::path::Path;
use std::time::Duration;

/// Copies a fixture tree, links included, so that a test may change it.
pub(super) fn copy_tree(from: &Path, to: &Path) {
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
    let arg = |w: &ScanWarning, name: &str| w.args.get(name).cloned().unwrap_or_default();
    let cgroup = snap
        .warnings
        .iter()
        .find(|w| w.code == "cgroup_unreadable")
        .unwrap_or_else(|| panic!("{:#?}", snap.warnings));
    assert!(
        cgroup.message.contains("service 'docker'") && cgroup.message.contains("memory.stat"),
        "{cgroup:?}"
    );
    assert_eq!(
        (
            arg(cgroup, "kind"),
            arg(cgroup, "name"),
            arg(cgroup, "cause")
        ),
        ("service".into(), "docker".into(), "file_unreadable".into())
    );
    assert_eq!(
        arg(cgroup, "path"),
        "ROOT/sys/fs/cgroup/system.slice/docker.service/memory.stat"
    );
    let table = snap
        .warnings
        .iter()
        .find(|w| w.code == "format_unexpected")
        .unwrap_or_else(|| panic!("{:#?}", snap.warnings));
    assert!(table.message.contains("net table"), "{table:?}");
    assert_eq!(arg(table, "what"), "net table");
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
        "capture/engine/containers/json",
        "proc/pressure/cpu",
    ] {
        std::fs::write(dir.join(rel), "\u{0}(((garbage) 1 2 :: -5 ] [\n\n").expect("write");
    }
    let mut args = scan_args(&dir);
    args.extend(["--interval", "0", "--format", "json"].map(String::from));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = hostfit(&args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let snap: Snapshot = serde_json::from_str(&run.stdout).expect("json");
    assert!(snap.warnings.len() >= 4, "{:?}", snap.warnings);
    // a df file the user gave that is not df's output: an error naming the flag
    std::fs::write(dir.join("capture/df"), "garbage\n").expect("write");
    let run = hostfit(&args);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--df"), "{}", run.stderr);
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
        engine: EngineSource::Replies(dir.join("capture/engine")),
        engine_limits: EngineLimits::default(),
        disks: DiskSource::Df(
            probe::parse_df(&std::fs::read_to_string(dir.join("capture/df")).expect("df"))
                .expect("df lines"),
        ),
        taken_at: TAKEN_AT.to_string(),
        ticks_per_second: 100,
        page_size: 4096,
        arch: ArchSource::Tree,
        sockets: SocketSource::Tables,
        connect: Vec::new(),
    };
    let before_begin = std::time::Instant::now();
    let pending = probe::begin(&config, true).expect("the root opens");
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
    let wall = before_begin.elapsed().as_secs_f64();
    let close = |got: Cores, want: f64| (got.0 - want).abs() <= want * 0.1;
    assert!(
        close(snap.host.cpu.used, 1.5),
        "host {}",
        snap.host.cpu.used
    );
    // The interval the scan measured between its samples: never shorter than the wait (a
    // sleep does not return early), and never longer than the wall time around begin and
    // finish, which this test measured itself (plus the scan's rounding to milliseconds).
    // No fixed upper window: on a loaded 2-core machine the sleep can overrun by seconds,
    // and the figures below are scaled by the measured interval, so they hold all the same.
    let seconds = snap.host.cpu.interval_seconds.unwrap_or(0.0);
    assert!(
        seconds >= wait.as_secs_f64() && seconds <= wall + 0.001,
        "interval {seconds}s: the wait was {wait:?}, begin to finish took {wall}s"
    );
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
    assert!(
        !snap
            .warnings
            .iter()
            .any(|w| w.code == "cpu_not_measured" || w.message.contains("not measured")),
        "{:?}",
        snap.warnings
    );
}

/// Issue 8: two filesystems at one mount point give one disk (the one mounted last, which hides
/// the other) and a warning, so the snapshot keeps one disk per mount and `plan` accepts it.
#[test]
fn scan_two_filesystems_at_one_mount_point_give_one_disk() {
    let scratch = Scratch::new("scan-overmount");
    let dir = scratch.path("tree");
    copy_tree(&tree("cgroup-v2"), &dir);
    let mountinfo = dir.join("proc/self/mountinfo");
    let mut text = std::fs::read_to_string(&mountinfo).expect("mountinfo");
    text.push_str("95 60 8:17 / /boot/efi rw,relatime shared:50 - ext4 /dev/sdb1 rw\n");
    std::fs::write(&mountinfo, text).expect("write mountinfo");
    let df = dir.join("capture/df");
    let text = std::fs::read_to_string(&df).expect("df");
    let text = text
        .lines()
        .map(|l| {
            if l.ends_with(" /boot/efi") {
                "/dev/sdb1                   1073741824     104857600     968884224      10% /boot/efi"
                    .to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&df, text + "\n").expect("write df");
    let mut args = scan_args(&dir);
    args.extend(["--interval", "0", "--format", "json"].map(String::from));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = hostfit(&args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let snap: Snapshot = serde_json::from_str(&run.stdout).expect("json");
    let efi: Vec<_> = snap
        .host
        .disks
        .iter()
        .filter(|d| d.mount == "/boot/efi")
        .collect();
    assert_eq!(efi.len(), 1, "{:?}", snap.host.disks);
    assert_eq!(efi[0].device.as_deref(), Some("/dev/sdb1"));
    assert!(snap.warnings.iter().any(|w| w.code == "mount_shadowed"));
    // the snapshot loads in plan
    let snapshot = scratch.write("snapshot.json", &run.stdout);
    let plan = scratch.write(
        "plan.yaml",
        "services:\n  - { name: a, tiers: { minimum: { memory: 1MiB } } }\n",
    );
    let run = hostfit(&["plan", s(&plan), "--snapshot", s(&snapshot)]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}
