//! A capped host (an LXC guest on arm64): the cap and its use read from the top of the cgroup
//! namespace, each figure checked against the tree's own files, and shown in the text view.

use super::{scan_fixture, tree};
use crate::util::{hostfit, s};
use hostfit::model::{Bytes, Cores};

/// An LXC guest: the top of its cgroup namespace is capped below MemTotal and the CPUs online.
/// Every figure of the cap is read here from the tree's files.
#[test]
fn scan_capped_host_records_its_cap() {
    let dir = tree("lxc-v2");
    let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).expect("a tree file");
    let number = |text: &str| -> u64 { text.trim().parse().expect("a number") };
    let stat_value = |key: &str| -> u64 {
        let stat = read("sys/fs/cgroup/memory.stat");
        let line = stat
            .lines()
            .find(|l| l.split_whitespace().next() == Some(key))
            .expect("a memory.stat line");
        number(line.split_whitespace().nth(1).expect("a value"))
    };
    let limit = number(&read("sys/fs/cgroup/memory.max"));
    let used = number(&read("sys/fs/cgroup/memory.current")) - stat_value("inactive_file");
    let cpu_max = read("sys/fs/cgroup/cpu.max");
    let (quota, period) = cpu_max.trim().split_once(' ').expect("QUOTA PERIOD");
    let quota = number(quota) as f64 / number(period) as f64;
    let snap = scan_fixture(&dir, "json");
    let total_kib: u64 = number(
        read("proc/meminfo")
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("MemTotal:"))
            .and_then(|l| l.trim().strip_suffix("kB"))
            .expect("MemTotal in kB"),
    );
    assert!(
        limit < total_kib * 1024,
        "the fixture must cap below MemTotal"
    );
    assert_eq!(snap.host.memory.limit, Some(Bytes(limit)));
    assert_eq!(snap.host.memory.limit_used, Some(Bytes(used)));
    assert_eq!(snap.host.cpu.quota, Some(Cores(quota)));
    assert_eq!(read("proc/sys/kernel/arch").trim(), "aarch64");
    assert_eq!(snap.host.arch, Some(hostfit::model::Arch::Arm64));
    // a tree without proc/sys/kernel/arch leaves it unset: not this machine's
    assert_eq!(scan_fixture(&tree("cgroup-v1"), "json").host.arch, None);
}

/// The text view of a capped arm64 host shows the architecture and the cap with its use.
#[test]
fn scan_text_shows_the_cap_and_the_architecture() {
    let dir = tree("lxc-v2");
    let run = hostfit(&["scan", "--root", s(&dir), "--interval", "0", "--lang", "en"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    for needle in [
        "CPU architecture",
        "arm64",
        "CPU quota of the cgroup (cores)",
        "1.50",
        "Memory limit of the cgroup",
        "2048 MiB",
        "Memory used under the limit (working set)",
        "900 MiB",
    ] {
        assert!(
            run.stdout.contains(needle),
            "no '{needle}' in:\n{}",
            run.stdout
        );
    }
}
