//! The figures in cgroup v1 and v2 control files, parsed from their text: memory usage and
//! working set, limits, CPU usage counters. Pure: the caller fetches the files.

use super::error::ProbeError;
use crate::model::{Bytes, Cores};
use std::collections::HashMap;

/// v1 writes "no limit" as a huge page-aligned number; anything at or above this is unlimited.
const V1_UNLIMITED: u64 = 1 << 62;

/// A cgroup's memory as Docker counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CgroupMemory {
    /// usage - inactive file cache, at least 0 (Docker's "MEM USAGE").
    pub(crate) working_set: Bytes,
    /// All memory charged to the cgroup, page cache included.
    pub(crate) usage: Bytes,
    /// Anonymous memory (v1 `total_rss`, v2 `anon`).
    pub(crate) rss: Option<Bytes>,
    /// File-backed page cache (v1 `total_cache`, v2 `file`).
    pub(crate) page_cache: Option<Bytes>,
    /// Page cache recently used, which the kernel nevertheless counts in MemAvailable.
    pub(crate) active_file: Option<Bytes>,
}

/// `key value` lines, as in `memory.stat` and `cpu.stat`; lines that do not fit are skipped.
pub fn parse_flat_keyed(text: &str) -> HashMap<String, u64> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let key = words.next()?;
            let value = words.next()?.parse::<u64>().ok()?;
            Some((key.to_string(), value))
        })
        .collect()
}

fn single_number(what: &str, text: &str) -> Result<u64, ProbeError> {
    text.trim()
        .parse::<u64>()
        .map_err(|_| ProbeError::format(what, format!("'{}' is not a number", text.trim())))
}

/// v1: `memory.usage_in_bytes` and `memory.stat` (hierarchical `total_*` keys).
pub fn memory_v1(usage_text: &str, stat_text: &str) -> Result<CgroupMemory, ProbeError> {
    let usage = single_number("memory.usage_in_bytes", usage_text)?;
    let stat = parse_flat_keyed(stat_text);
    let pick = |total: &str, local: &str| stat.get(total).or_else(|| stat.get(local)).copied();
    let inactive = pick("total_inactive_file", "inactive_file")
        .ok_or_else(|| ProbeError::format("memory.stat", "no 'total_inactive_file' line"))?;
    Ok(CgroupMemory {
        working_set: Bytes(usage.saturating_sub(inactive)),
        usage: Bytes(usage),
        rss: pick("total_rss", "rss").map(Bytes),
        page_cache: pick("total_cache", "cache").map(Bytes),
        active_file: pick("total_active_file", "active_file").map(Bytes),
    })
}

/// v2: `memory.current` and `memory.stat`.
pub fn memory_v2(current_text: &str, stat_text: &str) -> Result<CgroupMemory, ProbeError> {
    let usage = single_number("memory.current", current_text)?;
    let stat = parse_flat_keyed(stat_text);
    let inactive = stat
        .get("inactive_file")
        .copied()
        .ok_or_else(|| ProbeError::format("memory.stat", "no 'inactive_file' line"))?;
    Ok(CgroupMemory {
        working_set: Bytes(usage.saturating_sub(inactive)),
        usage: Bytes(usage),
        rss: stat.get("anon").copied().map(Bytes),
        page_cache: stat.get("file").copied().map(Bytes),
        active_file: stat.get("active_file").copied().map(Bytes),
    })
}

/// v1 `memory.limit_in_bytes`: `None` when unlimited.
pub fn parse_v1_memory_limit(text: &str) -> Result<Option<Bytes>, ProbeError> {
    let value = single_number("memory.limit_in_bytes", text)?;
    Ok((value < V1_UNLIMITED).then_some(Bytes(value)))
}

/// v1 `memory.stat`'s `hierarchical_memory_limit`: the tightest limit of the cgroup and its
/// ancestors; `None` when unlimited or absent.
pub fn parse_v1_hierarchical_limit(stat_text: &str) -> Option<Bytes> {
    parse_flat_keyed(stat_text)
        .get("hierarchical_memory_limit")
        .filter(|v| **v < V1_UNLIMITED)
        .map(|v| Bytes(*v))
}

/// v2 `memory.max`: a number or `max`; a number as large as v1's "no limit" is none either.
pub fn parse_v2_memory_max(text: &str) -> Result<Option<Bytes>, ProbeError> {
    match text.trim() {
        "max" => Ok(None),
        other => single_number("memory.max", other).map(|v| (v < V1_UNLIMITED).then_some(Bytes(v))),
    }
}

fn quota_cores(quota: u64, period: u64) -> Option<Cores> {
    (period > 0).then(|| Cores(quota as f64 / period as f64))
}

/// v1 `cpu.cfs_quota_us` (-1 when unlimited) and `cpu.cfs_period_us`.
pub fn parse_v1_cpu_quota(
    quota_text: &str,
    period_text: &str,
) -> Result<Option<Cores>, ProbeError> {
    let quota = quota_text.trim();
    if quota.starts_with('-') {
        return Ok(None);
    }
    let quota = single_number("cpu.cfs_quota_us", quota)?;
    let period = single_number("cpu.cfs_period_us", period_text)?;
    Ok(quota_cores(quota, period))
}

/// v2 `cpu.max`: `QUOTA PERIOD` or `max PERIOD`.
pub fn parse_v2_cpu_max(text: &str) -> Result<Option<Cores>, ProbeError> {
    let mut words = text.split_whitespace();
    let bad = || ProbeError::format("cpu.max", format!("'{}'", text.trim()));
    let quota = words.next().ok_or_else(bad)?;
    let period = words
        .next()
        .map(str::parse::<u64>)
        .transpose()
        .map_err(|_| bad())?
        .unwrap_or(100_000);
    if quota == "max" {
        return Ok(None);
    }
    let quota = quota.parse::<u64>().map_err(|_| bad())?;
    Ok(quota_cores(quota, period))
}

/// v1 `cpuacct.usage`: nanoseconds of CPU time.
pub fn parse_cpuacct_usage(text: &str) -> Result<u64, ProbeError> {
    single_number("cpuacct.usage", text)
}

/// v2 `cpu.stat` `usage_usec`, in nanoseconds.
pub fn parse_v2_cpu_usage(text: &str) -> Result<u64, ProbeError> {
    parse_flat_keyed(text)
        .get("usage_usec")
        .map(|us| us.saturating_mul(1000))
        .ok_or_else(|| ProbeError::format("cpu.stat", "no 'usage_usec' line"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_working_set_is_usage_less_inactive_file() {
        let stat = "cache 10\nrss 20\ninactive_file 4\ntotal_cache 4096\ntotal_rss 8192\n\
                    total_inactive_file 1024\ntotal_active_file 3072\n";
        let mem = memory_v1("10240\n", stat).ok();
        assert_eq!(
            mem,
            Some(CgroupMemory {
                working_set: Bytes(9216),
                usage: Bytes(10240),
                rss: Some(Bytes(8192)),
                page_cache: Some(Bytes(4096)),
                active_file: Some(Bytes(3072)),
            })
        );
    }

    #[test]
    fn working_set_floors_at_zero() {
        let mem = memory_v1("100", "total_inactive_file 400\n").ok();
        assert_eq!(mem.map(|m| m.working_set), Some(Bytes(0)));
        let mem = memory_v2("100", "inactive_file 400\n").ok();
        assert_eq!(mem.map(|m| m.working_set), Some(Bytes(0)));
    }

    #[test]
    fn v2_working_set_from_documented_keys() {
        // cgroup-v2.rst: memory.stat has anon, file, active_file, inactive_file ... in bytes
        let stat = "anon 52428800\nfile 20971520\nkernel 1048576\nshmem 0\n\
                    active_file 8388608\ninactive_file 12582912\n";
        let mem = memory_v2("74448896\n", stat).ok();
        assert_eq!(
            mem.map(|m| m.working_set),
            Some(Bytes(74_448_896 - 12_582_912))
        );
        assert_eq!(mem.and_then(|m| m.rss), Some(Bytes(52_428_800)));
        assert!(memory_v2("1", "anon 1\n").is_err());
        assert!(memory_v1("x", "total_inactive_file 1\n").is_err());
    }

    #[test]
    fn limits() {
        assert_eq!(
            parse_v1_memory_limit("9223372036854771712\n").ok(),
            Some(None)
        );
        assert_eq!(
            parse_v1_memory_limit("268435456\n").ok(),
            Some(Some(Bytes(268_435_456)))
        );
        assert_eq!(parse_v2_memory_max("max\n").ok(), Some(None));
        assert_eq!(
            parse_v2_memory_max("1073741824\n").ok(),
            Some(Some(Bytes(1 << 30)))
        );
        assert!(parse_v2_memory_max("lots").is_err());
        assert_eq!(
            parse_v2_memory_max("9223372036854771712\n").ok(),
            Some(None)
        );
        assert_eq!(
            parse_v1_hierarchical_limit("cache 1\nhierarchical_memory_limit 536870912\n"),
            Some(Bytes(512 << 20))
        );
        assert_eq!(
            parse_v1_hierarchical_limit("hierarchical_memory_limit 9223372036854771712\n"),
            None
        );
        assert_eq!(parse_v1_cpu_quota("-1\n", "100000\n").ok(), Some(None));
        assert_eq!(
            parse_v1_cpu_quota("50000\n", "100000\n").ok(),
            Some(Some(Cores(0.5)))
        );
        assert_eq!(parse_v1_cpu_quota("50000\n", "0\n").ok(), Some(None));
        assert_eq!(parse_v2_cpu_max("max 100000\n").ok(), Some(None));
        assert_eq!(
            parse_v2_cpu_max("150000 100000\n").ok(),
            Some(Some(Cores(1.5)))
        );
        assert!(parse_v2_cpu_max("").is_err());
        assert!(parse_v2_cpu_max("x 100000").is_err());
    }

    #[test]
    fn cpu_counters() {
        assert_eq!(parse_cpuacct_usage("123456789\n").ok(), Some(123_456_789));
        let stat = "usage_usec 2500000\nuser_usec 2000000\nsystem_usec 500000\nnr_periods 0\n";
        assert_eq!(parse_v2_cpu_usage(stat).ok(), Some(2_500_000_000));
        assert!(parse_v2_cpu_usage("user_usec 1\n").is_err());
    }
}
