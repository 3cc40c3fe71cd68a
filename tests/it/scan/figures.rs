//! Figures a tree gets wrong or leaves out: a process with only its `stat`, a `MemTotal` that is
//! not a number, sizes and CPU counts no host has. The scan says what it did, with the value it
//! read, and what it writes is a snapshot `plan` accepts.

use super::faults::copy_tree;
use super::{normalize, parse_snapshot, scan_args, tree};
use crate::util::{Scratch, hostfit, root, s};
use hostfit::model::{Bytes, Cores, Snapshot};
use std::path::Path;

/// `scan --root dir` (with the tree's recordings) as YAML, the root's path replaced by ROOT/.
fn scan(dir: &Path) -> (Snapshot, String) {
    let mut args = scan_args(dir);
    args.extend(["--interval", "0", "--format", "yaml"].map(String::from));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = hostfit(&args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut snap = parse_snapshot(&run.stdout);
    normalize(&mut snap, dir);
    (snap, run.stdout)
}

/// `plan` loads the scan's output as its snapshot.
fn plan_accepts(scratch: &Scratch, yaml: &str) {
    let path = scratch.write("snapshot.yaml", yaml);
    let plan = root().join("examples/aliyun-2c2g/plan.yaml");
    let run = hostfit(&["plan", s(&plan), "--snapshot", s(&path), "--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[test]
fn scan_process_with_only_stat_counts_its_rss_pages() {
    let scratch = Scratch::new("scan-stat-only");
    let dir = scratch.path("host");
    copy_tree(&tree("cgroup-v1"), &dir);
    // python3 (2001) keeps only its stat: field 24 is its RSS in pages
    std::fs::remove_file(dir.join("proc/2001/status")).expect("rm");
    let stat = std::fs::read_to_string(dir.join("proc/2001/stat")).expect("stat");
    let after_comm = stat.rsplit_once(')').expect("a comm").1;
    let pages: u64 = after_comm
        .split_whitespace()
        .nth(24 - 3)
        .expect("field 24")
        .parse()
        .expect("a number");
    let (snap, _) = scan(&dir);
    let python = snap
        .workloads
        .iter()
        .find(|w| w.name == "python3.6")
        .unwrap_or_else(|| panic!("{:#?}", snap.workloads));
    assert_eq!(python.rss, Some(Bytes(pages * 4096)));
    assert_eq!(python.memory, Bytes(pages * 4096));
    let w = snap
        .warnings
        .iter()
        .find(|w| w.code == "rss_from_stat")
        .unwrap_or_else(|| panic!("{:#?}", snap.warnings));
    assert_eq!(
        (w.args["count"].as_str(), w.args["page_size"].as_str()),
        ("1", "4096")
    );
}

#[test]
fn scan_reports_a_bad_memtotal_with_its_value() {
    let scratch = Scratch::new("scan-bad-memtotal");
    let dir = scratch.path("host");
    copy_tree(&tree("cgroup-v1"), &dir);
    let path = dir.join("proc/meminfo");
    let text = std::fs::read_to_string(&path).expect("meminfo");
    let total_line = text.lines().next().expect("a first line").to_string();
    std::fs::write(&path, text.replace(&total_line, "MemTotal:       12x4 kB")).expect("write");
    let run = hostfit(&["scan", "--root", s(&dir), "--interval", "0"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr_flat().contains("'MemTotal' is '12x4 kB'"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("no 'MemTotal' line"), "{}", run.stderr);
}

#[test]
fn scan_caps_what_no_host_has() {
    let scratch = Scratch::new("scan-absurd");
    let dir = scratch.path("host");
    copy_tree(&tree("cgroup-v1"), &dir);
    std::fs::write(dir.join("sys/devices/system/cpu/online"), "0-4294967294\n").expect("write");
    let path = dir.join("proc/meminfo");
    let text = std::fs::read_to_string(&path).expect("meminfo");
    let total_line = text.lines().next().expect("a first line").to_string();
    let huge = text.replace(&total_line, "MemTotal:       18446744073709551615 kB");
    std::fs::write(&path, huge).expect("write");
    let (snap, yaml) = scan(&dir);
    // /proc/stat lists two CPUs: they are taken instead of 4294967295
    let listed = std::fs::read_to_string(dir.join("proc/stat"))
        .expect("stat")
        .lines()
        .filter(|l| l.starts_with("cpu") && !l.starts_with("cpu "))
        .count();
    assert_eq!(snap.host.cpu.cores, Cores(listed as f64));
    assert_eq!(snap.host.memory.total, Bytes(1 << 60));
    let capped: Vec<(&str, &str)> = snap
        .warnings
        .iter()
        .filter(|w| w.code == "figure_capped")
        .map(|w| (w.args["what"].as_str(), w.args["value"].as_str()))
        .collect();
    let used: Vec<&str> = snap
        .warnings
        .iter()
        .filter(|w| w.code == "figure_capped")
        .map(|w| w.args["used"].as_str())
        .collect();
    assert_eq!(used, vec!["2", "1152921504606846976"]);
    assert_eq!(
        capped,
        vec![
            ("ROOT/sys/devices/system/cpu/online", "4294967295"),
            ("host.memory.total", "18446744073709551615"),
        ]
    );
    plan_accepts(&scratch, &yaml);
}
