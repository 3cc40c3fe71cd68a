//! `hostfit scan --root` on other projects' fixture trees, unmodified (`../shared/fixtures/
//! third-party`): kernels before 3.14 without `MemAvailable`, processes with only a `stat` or a
//! `status` file, no mount table, no disks of their own. Every figure of the snapshot is checked
//! against values this test reads from the tree's files and the arithmetic written here (the
//! kernel's `si_mem_available` since 3.14, page by page), never against the program's own.

use super::{normalize, parse_snapshot};
use crate::util::{hostfit, root, s};
use hostfit::model::{Bytes, Cores, Protocol, Snapshot};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// The page size the scan assumes for a tree, which does not record its own.
const PAGE: u64 = 4096;
/// PF_KTHREAD in `stat`'s flags.
const PF_KTHREAD: u64 = 0x0020_0000;

fn third_party(name: &str) -> PathBuf {
    let dir = root().join("../shared/fixtures/third-party").join(name);
    assert!(
        dir.join("proc/meminfo").is_file(),
        "the third-party fixture tree '{}' is missing",
        dir.display()
    );
    dir
}

fn read(dir: &Path, rel: &str) -> Option<String> {
    std::fs::read_to_string(dir.join(rel)).ok()
}

/// meminfo's `Key: N kB` lines, in kB.
fn meminfo(dir: &Path) -> HashMap<String, u64> {
    read(dir, "proc/meminfo")
        .expect("meminfo")
        .lines()
        .filter_map(|l| {
            let (key, rest) = l.split_once(':')?;
            let kb = rest.trim().strip_suffix("kB")?.trim().parse().ok()?;
            Some((key.to_string(), kb))
        })
        .collect()
}

/// `si_mem_available` as mm/show_mem.c has it, in pages: MemFree less the reserve (for each
/// zone, the largest `protection` entry plus the high watermark, at most its managed pages),
/// plus the file LRU pages and the reclaimable slab, each less min(half of it, the low
/// watermarks added up); not below zero.
fn si_mem_available(mem: &HashMap<String, u64>, zoneinfo: &str) -> u64 {
    let pages = |key: &str| (mem.get(key).copied().unwrap_or(0) * 1024 / PAGE) as i64;
    let (mut reserve, mut low) = (0i64, 0i64);
    // each zone: (low, high, managed, max protection)
    let mut zones: Vec<[i64; 4]> = Vec::new();
    let mut seen: Vec<BTreeSet<&str>> = Vec::new();
    for line in zoneinfo.lines() {
        if line.starts_with("Node ") {
            zones.push([0; 4]);
            seen.push(BTreeSet::new());
            continue;
        }
        let (Some(zone), Some(seen)) = (zones.last_mut(), seen.last_mut()) else {
            continue;
        };
        let words: Vec<&str> = line.split_whitespace().collect();
        let slot = match words.first() {
            Some(&"low") => 0,
            Some(&"high") => 1,
            Some(&"managed") => 2,
            Some(&"protection:") => 3,
            _ => continue,
        };
        if !seen.insert(words[0]) {
            continue;
        }
        zone[slot] = if slot == 3 {
            line.split(['(', ')', ','])
                .filter_map(|w| w.trim().parse::<i64>().ok())
                .max()
                .unwrap_or(0)
        } else {
            words[1].parse().expect("a watermark")
        };
    }
    for [l, high, managed, protection] in zones {
        reserve += (protection + high).min(managed);
        low += l;
    }
    let mut available = pages("MemFree") - reserve;
    let cache = pages("Active(file)") + pages("Inactive(file)");
    available += cache - (cache / 2).min(low);
    let slab = pages("SReclaimable");
    available += slab - (slab / 2).min(low);
    available.max(0) as u64 * PAGE
}

/// What one process is, read the way the scan's rules say, each file by this test.
#[derive(Debug, Default, Clone, PartialEq)]
struct Group {
    processes: u32,
    memory: u64,
    rss: Option<u64>,
    pss: Option<u64>,
}

fn kb_line(text: &str, key: &str) -> Option<u64> {
    text.lines().find_map(|l| {
        let rest = l.strip_prefix(key)?.strip_prefix(':')?;
        Some(rest.split_whitespace().next()?.parse::<u64>().ok()? * 1024)
    })
}

/// The process groups by name: from `stat` (comm, flags, state, RSS pages) or, without it,
/// `status`; memory from PSS, else VmRSS, else `stat`'s pages.
fn groups(dir: &Path) -> BTreeMap<String, Group> {
    let mut out: BTreeMap<String, Group> = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("proc")).expect("proc").flatten() {
        let pid = entry.file_name().to_string_lossy().into_owned();
        if !pid.bytes().all(|b| b.is_ascii_digit()) || !entry.path().is_dir() {
            continue;
        }
        let file = |name: &str| read(dir, &format!("proc/{pid}/{name}"));
        let (status, rollup) = (file("status"), file("smaps_rollup"));
        let (name, stat_rss) = match file("stat") {
            Some(stat) => {
                let open = stat.find('(').expect("(");
                let close = stat.rfind(')').expect(")");
                let fields: Vec<&str> = stat[close + 1..].split_whitespace().collect();
                let flags: u64 = fields[9 - 3].parse().expect("flags");
                if flags & PF_KTHREAD != 0 || matches!(fields[0], "Z" | "X") {
                    continue;
                }
                let rss_pages: u64 = fields[24 - 3].parse().expect("rss");
                (stat[open + 1..close].to_string(), Some(rss_pages * PAGE))
            }
            None => match status.as_deref() {
                Some(text) if text.contains("VmSize:") => {
                    let name = text
                        .lines()
                        .find_map(|l| l.strip_prefix("Name:"))
                        .expect("Name")
                        .trim()
                        .to_string();
                    (name, None)
                }
                _ => continue,
            },
        };
        let vm_rss = status.as_deref().and_then(|t| kb_line(t, "VmRSS"));
        let pss = rollup.as_deref().and_then(|t| kb_line(t, "Pss"));
        let rss = match (&status, pss) {
            (Some(_), _) => vm_rss,
            (None, None) => stat_rss,
            (None, Some(_)) => None,
        };
        let g = out.entry(name).or_default();
        g.processes += 1;
        g.memory += pss.or(rss).unwrap_or(0);
        g.rss = rss.map(|r| g.rss.unwrap_or(0) + r).or(g.rss);
        g.pss = pss.map(|p| g.pss.unwrap_or(0) + p).or(g.pss);
    }
    out
}

/// The distinct (port, protocol) of the listening TCP (state 0A) and unconnected UDP (07,
/// remote port 0) sockets of the tree's tables.
fn listening(dir: &Path) -> BTreeSet<(u16, Protocol)> {
    let mut out = BTreeSet::new();
    for (table, protocol, state) in [
        ("tcp", Protocol::Tcp, "0A"),
        ("tcp6", Protocol::Tcp, "0A"),
        ("udp", Protocol::Udp, "07"),
        ("udp6", Protocol::Udp, "07"),
    ] {
        let Some(text) = read(dir, &format!("proc/net/{table}")) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 10 || f[3] != state || !f[2].ends_with(":0000") && state == "07" {
                continue;
            }
            let port = u16::from_str_radix(f[1].rsplit(':').next().expect("port"), 16)
                .expect("a hex port");
            if port != 0 {
                out.insert((port, protocol));
            }
        }
    }
    out
}

/// `some avg10=` (or `full`) of a PSI file.
fn avg10(dir: &Path, file: &str, kind: &str) -> Option<f64> {
    read(dir, &format!("proc/pressure/{file}"))?
        .lines()
        .find(|l| l.starts_with(kind))?
        .split_whitespace()
        .find_map(|w| w.strip_prefix("avg10="))?
        .parse()
        .ok()
}

/// Cores: sysfs's online list when the tree has it, else `/proc/stat`'s cpuN lines.
fn cores(dir: &Path) -> f64 {
    match read(dir, "sys/devices/system/cpu/online") {
        Some(list) => list
            .trim()
            .split(',')
            .map(|part| match part.split_once('-') {
                Some((a, b)) => b.parse::<u32>().expect("n") - a.parse::<u32>().expect("n") + 1,
                None => 1,
            })
            .sum::<u32>() as f64,
        None => read(dir, "proc/stat")
            .expect("stat")
            .lines()
            .filter(|l| l.starts_with("cpu") && l.as_bytes().get(3).is_some_and(u8::is_ascii_digit))
            .count() as f64,
    }
}

fn scan(dir: &Path) -> Snapshot {
    let run = hostfit(&[
        "scan",
        "--root",
        s(dir),
        "--interval",
        "0",
        "--format",
        "yaml",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut snap = parse_snapshot(&run.stdout);
    normalize(&mut snap, dir);
    snap
}

fn check(name: &str) {
    let dir = third_party(name);
    let snap = scan(&dir);
    let mem = meminfo(&dir);
    let kb = |key: &str| mem.get(key).map(|v| Bytes(v * 1024));
    assert!(
        !mem.contains_key("MemAvailable"),
        "{name}: the tree should predate 3.14"
    );
    let host = &snap.host;
    assert_eq!(host.cpu.cores, Cores(cores(&dir)), "{name}");
    assert_eq!(Some(host.memory.total), kb("MemTotal"), "{name}");
    let zoneinfo = read(&dir, "proc/zoneinfo").expect("zoneinfo");
    assert_eq!(
        host.memory.available,
        Bytes(si_mem_available(&mem, &zoneinfo)),
        "{name}"
    );
    assert_eq!(host.memory.free, kb("MemFree"), "{name}");
    assert_eq!(host.memory.buffers, kb("Buffers"), "{name}");
    assert_eq!(
        host.memory.cached,
        Some(kb("Buffers").unwrap_or_default() + kb("Cached").unwrap_or_default()),
        "{name}"
    );
    assert_eq!(host.memory.shmem, kb("Shmem"), "{name}");
    assert_eq!(host.memory.sreclaimable, kb("SReclaimable"), "{name}");
    assert_eq!(
        (host.memory.limit, host.memory.limit_used, host.cpu.quota),
        (None, None, None)
    );
    assert_eq!(Some(host.swap.total), kb("SwapTotal"), "{name}");
    assert_eq!(host.swap.free, kb("SwapFree"), "{name}");
    // no disk of the machine running the test, and no name or architecture it does not have
    assert!(host.disks.is_empty(), "{name}: {:?}", host.disks);
    assert!(read(&dir, "proc/sys/kernel/hostname").is_none());
    assert_eq!(host.name, "localhost");
    assert_eq!(host.arch, None);
    let pressure = host.pressure.clone().unwrap_or_default();
    assert_eq!(
        pressure.cpu_some_avg10,
        avg10(&dir, "cpu", "some"),
        "{name}"
    );
    assert_eq!(
        pressure.memory_some_avg10,
        avg10(&dir, "memory", "some"),
        "{name}"
    );
    assert_eq!(
        pressure.memory_full_avg10,
        avg10(&dir, "memory", "full"),
        "{name}"
    );
    assert_eq!(pressure.io_some_avg10, avg10(&dir, "io", "some"), "{name}");
    let ports: BTreeSet<(u16, Protocol)> = host
        .listening_ports
        .iter()
        .map(|p| (p.port, p.protocol.expect("a protocol")))
        .collect();
    assert_eq!(ports, listening(&dir), "{name}");
    let scanned: BTreeMap<String, Group> = snap
        .workloads
        .iter()
        .map(|w| {
            (
                w.name.clone(),
                Group {
                    processes: w.processes.unwrap_or(0),
                    memory: w.memory.0,
                    rss: w.rss.map(|b| b.0),
                    pss: w.pss.map(|b| b.0),
                },
            )
        })
        .collect();
    assert_eq!(scanned, groups(&dir), "{name}");
    // and it says what it did instead of reading MemAvailable and the disks
    let codes: BTreeMap<&str, &BTreeMap<String, String>> = snap
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), &w.args))
        .collect();
    assert_eq!(
        codes
            .get("available_estimated")
            .map(|a| a["method"].as_str()),
        Some("si_mem_available"),
        "{name}: {:#?}",
        snap.warnings
    );
    assert!(codes.contains_key("disks_not_measured"), "{name}");
    assert!(codes.contains_key("rss_from_stat"), "{name}");
}

#[test]
fn scan_third_party_node_exporter_tree() {
    check("node_exporter");
    // its sysfs counts 4 CPUs online where /proc/stat lists 8: said, and sysfs taken
    let snap = scan(&third_party("node_exporter"));
    let w = snap.warnings.iter().find(|w| w.code == "cores_disagree");
    assert_eq!(
        w.map(|w| (w.args["online"].as_str(), w.args["listed"].as_str())),
        Some(("4", "8"))
    );
}

#[test]
fn scan_third_party_prometheus_procfs_tree() {
    check("prometheus-procfs");
    let snap = scan(&third_party("prometheus-procfs"));
    assert!(
        snap.warnings
            .iter()
            .any(|w| w.code == "process_from_status")
    );
}

/// The plan report says the scan estimated the available memory.
#[test]
fn plan_of_a_third_party_tree_says_available_was_estimated() {
    let dir = third_party("node_exporter");
    let plan = root().join("examples/aliyun-2c2g/plan.yaml");
    let run = hostfit(&[
        "plan",
        s(&plan),
        "--live",
        "--root",
        s(&dir),
        "--lang",
        "en",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("no MemAvailable line (a kernel before 3.14)"),
        "{}",
        run.stdout
    );
    // and in the host's figures, before any verdict, with the method
    assert!(
        run.stdout.contains("MemAvailable is estimated")
            && run.stdout.contains("si_mem_available from meminfo"),
        "{}",
        run.stdout
    );
    let zh = hostfit(&[
        "plan",
        s(&plan),
        "--live",
        "--root",
        s(&dir),
        "--lang",
        "zh",
    ]);
    assert!(zh.stdout.contains("MemAvailable 为估算值"), "{}", zh.stdout);
    let text = hostfit(&["scan", "--root", s(&dir), "--interval", "0", "--lang", "zh"]);
    assert!(
        text.stdout.contains("没有 MemAvailable 行"),
        "{}",
        text.stdout
    );
}
