//! Memory and swap from the text of `/proc/meminfo`. Pure parsing: the caller fetches the file.
//! `available` is MemAvailable and nothing else; it must not be estimated from other lines.

use super::error::ProbeError;
use crate::model::{Bytes, MemoryState, SwapState};
use std::collections::HashMap;

/// The lines of `/proc/meminfo`, in bytes.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct MemInfo(HashMap<String, u64>);

impl MemInfo {
    fn get(&self, key: &str) -> Option<Bytes> {
        self.0.get(key).map(|v| Bytes(*v))
    }

    /// The host's memory; `limit` is filled in by the caller from its own cgroup.
    pub(crate) fn memory(&self) -> Result<MemoryState, ProbeError> {
        let total = self
            .get("MemTotal")
            .ok_or_else(|| ProbeError::format("meminfo", "no 'MemTotal' line"))?;
        let available = self.get("MemAvailable").ok_or_else(|| {
            ProbeError::format("meminfo", "no 'MemAvailable' line (kernel older than 3.14)")
        })?;
        let buffers = self.get("Buffers");
        let cached = match (buffers, self.get("Cached")) {
            (Some(b), Some(c)) => Some(b + c),
            (None, c) => c,
            (b, None) => b,
        };
        Ok(MemoryState {
            total,
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

/// Reads `Key:   123 kB` lines; a line that does not fit is skipped, as new kernels add lines.
pub(crate) fn parse_meminfo(text: &str) -> MemInfo {
    let mut map = HashMap::new();
    for line in text.lines() {
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let mut words = rest.split_whitespace();
        let Some(Ok(value)) = words.next().map(str::parse::<u64>) else {
            continue;
        };
        let scale = match words.next() {
            Some("kB") => 1024,
            None => 1,
            Some(_) => continue,
        };
        map.insert(key.trim().to_string(), value.saturating_mul(scale));
    }
    MemInfo(map)
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
        let mem = info.memory().ok();
        let mem = mem.as_ref();
        assert_eq!(mem.map(|m| m.total), Some(Bytes(1_882_612 * 1024)));
        assert_eq!(mem.map(|m| m.available), Some(Bytes(270_336 * 1024)));
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
    }

    #[test]
    fn available_is_never_estimated() {
        let info = parse_meminfo("MemTotal: 100 kB\nMemFree: 50 kB\nCached: 20 kB\n");
        let err = info
            .memory()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("MemAvailable"), "{err}");
    }

    #[test]
    fn garbage_gives_no_figures_and_no_panic() {
        let info = parse_meminfo("\u{0}\u{1}::: x kB\nMemTotal: 18446744073709551615 kB\n");
        assert_eq!(info.get("MemTotal"), Some(Bytes(u64::MAX)));
        assert!(info.memory().is_err());
    }
}
