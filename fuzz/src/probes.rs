//! The probe's pure parsers (`probe::parse`) on any text, as a corrupted or foreign host tree
//! would hand them over: nothing panics, figures stay in their range, and the formats that can be
//! written back (`df` output, cgroup `key value` files) read back the same.

use crate::two_texts;
use hostfit::model::Protocol;
use hostfit::probe::parse::{self, DfLine};
use std::collections::HashMap;
use std::fmt::Write as _;

/// `/proc/meminfo`, and `/proc/zoneinfo` after a NUL.
pub fn meminfo(text: &str) {
    let (meminfo, zoneinfo) = two_texts(text);
    let _ = format!("{:?}", parse::parse_meminfo(meminfo));
    let _ = parse::parse_zoneinfo(zoneinfo);
}

/// `/proc/stat`, and the same text as a CPU list (`/sys/devices/system/cpu/online`).
pub fn stat(text: &str) {
    let _ = parse::parse_proc_stat(text);
    let _ = parse::count_cpu_lines(text);
    if let Ok(count) = parse::parse_cpu_list(text) {
        assert!(count >= 1, "a CPU list of {count} CPUs");
    }
}

/// `/proc/<pid>/stat`, `status`, `smaps_rollup` and `cgroup`.
pub fn pid(text: &str) {
    let _ = parse::parse_stat(text);
    let _ = parse::stat_from_status(text);
    for key in ["VmRSS", "Pss", "Rss"] {
        if let Some(b) = parse::parse_kb_line(text, key) {
            assert!(b.0 % 1024 == 0 || b.0 == u64::MAX, "{key}: {b:?}");
        }
    }
    let _ = parse::parse_proc_cgroup(text);
}

/// `/proc/self/mountinfo`.
pub fn mountinfo(text: &str) {
    let _ = parse::parse_mountinfo(text);
}

/// `/proc/net/{tcp,tcp6,udp,udp6}`.
pub fn net(text: &str) {
    for protocol in [Protocol::Tcp, Protocol::Udp] {
        let _ = parse::parse_net_table(text, protocol);
    }
}

/// cgroup control files: two texts (a usage or quota file, then `memory.stat` or a period) for
/// the parsers that take two, the first alone for the others.
pub fn cgroup(text: &str) {
    let (first, second) = two_texts(text);
    let _ = parse::memory_v1(first, second);
    let _ = parse::memory_v2(first, second);
    let _ = parse::parse_v1_cpu_quota(first, second);
    for limit in [
        parse::parse_v1_memory_limit(first).ok().flatten(),
        parse::parse_v1_hierarchical_limit(first),
        parse::parse_v2_memory_max(first).ok().flatten(),
    ]
    .into_iter()
    .flatten()
    {
        assert!(limit.0 < 1 << 62, "a limit of {limit:?} is no limit");
    }
    if let Ok(Some(cores)) = parse::parse_v2_cpu_max(first) {
        assert!(cores.0.is_finite() && cores.0 >= 0.0, "{cores:?}");
    }
    let _ = parse::parse_cpuacct_usage(first);
    let _ = parse::parse_v2_cpu_usage(first);
    let _ = parse::parse_pressure(first);
    flat_keyed_round_trip(first);
}

/// `key value` lines written from what was read read back the same.
fn flat_keyed_round_trip(text: &str) {
    let read: HashMap<String, u64> = parse::parse_flat_keyed(text);
    let mut written = String::new();
    for (key, value) in &read {
        let _ = writeln!(written, "{key} {value}");
    }
    assert_eq!(
        parse::parse_flat_keyed(&written),
        read,
        "written as:\n{written}"
    );
}

/// The output of `df`; what it reads, written as `df --output=target,size,used,avail -B1`,
/// reads back the same (without the device column that format has not).
pub fn df(text: &str) {
    let Ok(lines) = parse::parse_df(text) else {
        return;
    };
    let mut written = String::from("Mounted on 1B-blocks Used Avail\n");
    for line in &lines {
        assert!(!line.mount.is_empty(), "{line:?}");
        let _ = writeln!(
            written,
            "{} {} {} {}",
            line.mount, line.total.0, line.used.0, line.available.0
        );
    }
    let back = parse::parse_df(&written);
    let expected: Vec<DfLine> = lines
        .iter()
        .map(|l| DfLine {
            filesystem: None,
            ..l.clone()
        })
        .collect();
    assert_eq!(
        back.as_ref().ok(),
        Some(&expected),
        "written as:\n{written}"
    );
}
