//! Memory and swap from the text of `/proc/meminfo`. Pure parsing: the caller fetches the file.
//! `available` is what the caller passes: MemAvailable where the kernel gives it (`available`
//! estimates it where not).

use super::error::ProbeError;
use crate::model::{Bytes, MemoryState, SwapState};
use std::collections::HashMap;

/// The lines of meminfo the scan uses; a bad value of one of these is reported.
const USED: &[&str] = &[
    "MemTotal",
    "MemFree",
    "MemAvailable",
    "Buffers",
    "Cached",
    "Shmem",
    "SReclaimable",
    "Active(file)",
    "Inactive(file)",
    "SwapTotal",
    "SwapFree",
];

/// The lines of `/proc/meminfo`, in bytes, and the lines whose value is not a number.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemInfo {
    values: HashMap<String, u64>,
    /// `(key, value as written)` for each line whose value did not parse.
    bad: Vec<(String, String)>,
}

impl MemInfo {
    pub(crate) fn get(&self, key: &str) -> Option<Bytes> {
        self.values.get(key).map(|v| Bytes(*v))
    }

    fn bad_value(&self, key: &str) -> Option<&str> {
        self.bad
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn unparsable(key: &str, value: &str) -> ProbeError {
        ProbeError::format(
            "meminfo",
            format!("'{key}' is '{value}', not a number of kB"),
        )
    }

    /// MemTotal: without it there is no host to describe.
    pub(crate) fn total(&self) -> Result<Bytes, ProbeError> {
        match (self.get("MemTotal"), self.bad_value("MemTotal")) {
            // No memory is no host either: a snapshot of it would be refused by `plan`.
            (Some(Bytes::ZERO), _) => Err(ProbeError::format("meminfo", "'MemTotal' is 0 kB")),
            (Some(total), _) => Ok(total),
            (None, Some(value)) => Err(MemInfo::unparsable("MemTotal", value)),
            (None, None) => Err(ProbeError::format("meminfo", "no 'MemTotal' line")),
        }
    }

    /// The lines the scan uses whose value is not a number, as errors naming the value.
    pub(crate) fn unparsable_lines(&self) -> Vec<ProbeError> {
        self.bad
            .iter()
            .filter(|(k, _)| k != "MemTotal" && USED.contains(&k.as_str()))
            .map(|(k, v)| MemInfo::unparsable(k, v))
            .collect()
    }

    /// The host's memory with `available` as given; `limit` is the caller's to fill in.
    pub(crate) fn memory(&self, available: Bytes) -> Result<MemoryState, ProbeError> {
        let buffers = self.get("Buffers");
        let cached = match (buffers, self.get("Cached")) {
            (Some(b), Some(c)) => Some(b + c),
            (None, c) => c,
            (b, None) => b,
        };
        Ok(MemoryState {
            total: self.total()?,
            available,
            free: self.get("MemFree"),
            cached,
            buffers,
            shmem: self.get("Shmem"),
            sreclaimable: self.get("SReclaimable"),
            limit: None,
            limit_used: None,
        })
    }

    pub(crate) fn swap(&self) -> SwapState {
        let total = self.get("SwapTotal").unwrap_or_default();
        SwapState {
            total,
            free: self.get("SwapFree"),
        }
    }
}

/// Reads `Key:   123 kB` lines. A line without a colon is skipped, and so are new kernels'
/// lines in other units; a value that is not a number is kept aside with its text.
pub fn parse_meminfo(text: &str) -> MemInfo {
    let mut info = MemInfo::default();
    for line in text.lines() {
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim();
        let mut words = rest.split_whitespace();
        let scale = match rest.split_whitespace().nth(1) {
            Some("kB") => 1024,
            None => 1,
            Some(_) => {
                info.bad.push((key.to_string(), rest.trim().to_string()));
                continue;
            }
        };
        match words.next().map(str::parse::<u64>) {
            Some(Ok(value)) => {
                info.values
                    .insert(key.to_string(), value.saturating_mul(scale));
            }
            _ => info.bad.push((key.to_string(), rest.trim().to_string())),
        }
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "MemTotal:        1882612 kB\nMemFree:          120000 kB\n\
        MemAvailable:     270336 kB\nBuffers:            2048 kB\nCached:           400000 kB\n\
        Shmem:             10000 kB\nSReclaimable:      30000 kB\nSwapTotal:             0 kB\n\
        SwapFree:              0 kB\nHugePages_Total:       0\nbroken line\n";

    #[test]
    fn reads_memory_in_bytes() {
        let info = parse_meminfo(SAMPLE);
        assert_eq!(info.get("MemAvailable"), Some(Bytes(270_336 * 1024)));
        let mem = info.memory(Bytes(7)).ok();
        let mem = mem.as_ref();
        assert_eq!(mem.map(|m| m.total), Some(Bytes(1_882_612 * 1024)));
        assert_eq!(mem.map(|m| m.available), Some(Bytes(7)));
        assert_eq!(mem.and_then(|m| m.cached), Some(Bytes(402_048 * 1024)));
        assert_eq!(mem.and_then(|m| m.buffers), Some(Bytes(2048 * 1024)));
        assert_eq!(mem.and_then(|m| m.sreclaimable), Some(Bytes(30_000 * 1024)));
        assert_eq!(info.get("HugePages_Total"), Some(Bytes(0)));
        assert_eq!(
            info.swap(),
            SwapState {
                total: Bytes(0),
                free: Some(Bytes(0))
            }
        );
        assert!(info.unparsable_lines().is_empty());
    }

    #[test]
    fn a_bad_value_is_reported_with_its_text() {
        let info = parse_meminfo("MemTotal: 12x kB\nMemFree: lots\nHugePages_Total: x\n");
        let total = info
            .total()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(total.contains("'MemTotal' is '12x kB'"), "{total}");
        let others: Vec<String> = info
            .unparsable_lines()
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(others.len(), 1, "{others:?}");
        assert!(others[0].contains("'MemFree' is 'lots'"), "{others:?}");
        let missing = parse_meminfo("MemFree: 1 kB\n")
            .total()
            .err()
            .map(|e| e.to_string());
        assert!(missing.is_some_and(|m| m.contains("no 'MemTotal' line")));
        let zero = parse_meminfo("MemTotal: 0 kB\nMemFree: 0 kB\n")
            .total()
            .err();
        assert!(zero.is_some_and(|e| e.to_string().contains("'MemTotal' is 0 kB")));
        assert!(parse_meminfo("MemTotal: 5 MB\n").total().is_err());
    }

    #[test]
    fn garbage_gives_no_figures_and_no_panic() {
        let info = parse_meminfo("\u{0}\u{1}::: x kB\nMemTotal: 18446744073709551615 kB\n");
        assert_eq!(info.get("MemTotal"), Some(Bytes(u64::MAX)));
        assert!(info.memory(Bytes(0)).is_ok());
    }
}
