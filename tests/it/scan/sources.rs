//! Where a scan of a tree reads what the tree cannot hold: disks from `--df` only (never statvfs of
//! the machine running the test), recorded engine replies from `--engine-replies`, the same flags
//! on `plan --live --root`, and a bad flag refused with its name.

use super::{faults, tree};
use crate::util::{Scratch, hostfit, root, s};
use hostfit::model::Snapshot;

/// Under `--root`, disks come from `--df` or are not measured: never from statvfs of the
/// machine running the test. A tree's `hostfit-fixture` directory (the old test seam) is just
/// a directory.
#[test]
fn scan_tree_disks_come_from_df_only() {
    let scratch = Scratch::new("scan-df-only");
    let dir = scratch.path("host");
    faults::copy_tree(&tree("cgroup-v1"), &dir);
    std::fs::create_dir_all(dir.join("hostfit-fixture")).expect("mkdir");
    std::fs::write(dir.join("hostfit-fixture/statvfs"), "/ 4096 10 5 5\n").expect("write");
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
    let snap: Snapshot = serde_json::from_str(&run.stdout).expect("a snapshot");
    assert!(snap.host.disks.is_empty(), "{:?}", snap.host.disks);
    assert!(
        snap.warnings.iter().any(|w| w.code == "disks_not_measured"),
        "{:?}",
        snap.warnings
    );
    // with --df, the tree's own figures, matched to its mount table: '/' as df printed it
    let df = tree("cgroup-v1").join("capture/df");
    let text = std::fs::read_to_string(&df).expect("df");
    let root_line: Vec<u64> = text
        .lines()
        .find(|l| l.ends_with("% /"))
        .expect("a line for /")
        .split_whitespace()
        .skip(1)
        .take(3)
        .map(|w| w.parse().expect("a number"))
        .collect();
    let run = hostfit(&[
        "scan",
        "--root",
        s(&dir),
        "--df",
        s(&df),
        "--interval",
        "0",
        "--format",
        "json",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let snap: Snapshot = serde_json::from_str(&run.stdout).expect("a snapshot");
    let root_disk = snap.root_disk().expect("a disk at /");
    assert_eq!(
        (root_disk.total.0, root_disk.used.0, root_disk.available.0),
        (root_line[0], root_line[1], root_line[2])
    );
    assert_eq!(root_disk.device.as_deref(), Some("/dev/mapper/centos-root"));
    let mounts: Vec<&str> = snap.host.disks.iter().map(|d| d.mount.as_str()).collect();
    assert_eq!(mounts, vec!["/", "/boot", "/data"]);
}

#[test]
fn scan_source_flags_are_checked() {
    let dir = tree("cgroup-v1");
    let run = hostfit(&[
        "scan",
        "--root",
        s(&dir),
        "--engine-replies",
        "/nonexistent/replies",
        "--interval",
        "0",
    ]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--engine-replies"), "{}", run.stderr);
    let run = hostfit(&[
        "scan",
        "--root",
        s(&dir),
        "--df",
        "/nonexistent/df",
        "--interval",
        "0",
    ]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("/nonexistent/df"), "{}", run.stderr);
    let help = hostfit(&["scan", "--help"]);
    for flag in ["--root", "--df", "--engine-replies"] {
        assert!(help.stdout.contains(flag), "{flag}: {}", help.stdout);
    }
}

/// `plan --live --root` takes the same sources as `scan`: the container of the hybrid tree is found
/// from its recorded replies, and its disk from df.
#[test]
fn plan_of_a_tree_takes_the_scan_sources() {
    let dir = tree("hybrid");
    let plan = root().join("examples/aliyun-2c2g/plan.yaml");
    let capture = dir.join("capture");
    let run = hostfit(&[
        "plan",
        s(&plan),
        "--live",
        "--root",
        s(&dir),
        "--df",
        s(&capture.join("df")),
        "--engine-replies",
        s(&capture.join("engine")),
        "--format",
        "json",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let text = report.to_string();
    assert!(text.contains("hostfit-busy"), "{text}");
    // without --live the sources are refused
    let run = hostfit(&["plan", s(&plan), "--df", s(&capture.join("df"))]);
    assert_eq!(run.status, 2);
}
