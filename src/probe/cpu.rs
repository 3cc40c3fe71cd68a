//! Host CPU: cores online (`/sys/devices/system/cpu/online`) and busy time (`/proc/stat`).
//! Pure parsing and arithmetic on the texts the caller fetched; no I/O, no clock.

use super::error::ProbeError;
use crate::model::Cores;

/// The most CPUs a kernel is built for (NR_CPUS with x86's MAXSMP): more is not a host.
pub(crate) const MAX_CPUS: u32 = 8192;

/// The host's CPU counters since boot, in clock ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CpuTimes {
    /// Every tick counted, guest time excluded (it is already in `user` and `nice`).
    pub(crate) total: u64,
    /// Ticks that were neither idle nor waiting for I/O.
    pub(crate) busy: u64,
}

/// The aggregate `cpu ` line of `/proc/stat`.
pub fn parse_proc_stat(text: &str) -> Result<CpuTimes, ProbeError> {
    let line = text
        .lines()
        .find(|l| l.starts_with("cpu "))
        .ok_or_else(|| ProbeError::format("stat", "no aggregate 'cpu' line"))?;
    let fields: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .map(str::parse::<u64>)
        .collect::<Result<_, _>>()
        .map_err(|e| ProbeError::format("stat", format!("'{line}': {e}")))?;
    if fields.len() < 4 {
        return Err(ProbeError::format(
            "stat",
            format!("'{line}': fewer than four counters"),
        ));
    }
    // user nice system idle iowait irq softirq steal guest guest_nice
    let total: u64 = fields
        .iter()
        .take(8)
        .fold(0u64, |a, b| a.saturating_add(*b));
    let idle = fields[3].saturating_add(fields.get(4).copied().unwrap_or(0));
    Ok(CpuTimes {
        total,
        busy: total.saturating_sub(idle),
    })
}

/// How many `cpuN` lines `/proc/stat` has: the cores online when sysfs is not readable.
pub fn count_cpu_lines(text: &str) -> u32 {
    text.lines()
        .filter(|l| {
            l.strip_prefix("cpu")
                .and_then(|rest| rest.split(char::is_whitespace).next())
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .count() as u32
}

/// A kernel CPU list such as `0-3,8,10-11` counted: 7.
pub fn parse_cpu_list(text: &str) -> Result<u32, ProbeError> {
    let mut count = 0u32;
    for part in text.trim().split(',').filter(|p| !p.is_empty()) {
        let bad = || ProbeError::format("cpu list", format!("'{}'", text.trim()));
        let (low, high) = match part.split_once('-') {
            Some((a, b)) => (
                a.parse::<u32>().map_err(|_| bad())?,
                b.parse::<u32>().map_err(|_| bad())?,
            ),
            None => {
                let n = part.parse::<u32>().map_err(|_| bad())?;
                (n, n)
            }
        };
        if high < low {
            return Err(bad());
        }
        count = count.saturating_add(high - low + 1);
    }
    if count == 0 {
        return Err(ProbeError::format("cpu list", "empty"));
    }
    Ok(count)
}

/// Cores busy on average between two readings of `/proc/stat`.
pub(crate) fn busy_cores(before: CpuTimes, after: CpuTimes, cores: u32) -> Cores {
    let total = after.total.saturating_sub(before.total);
    let busy = after.busy.saturating_sub(before.busy).min(total);
    if total == 0 {
        return Cores::ZERO;
    }
    Cores(busy as f64 / total as f64 * f64::from(cores))
}

/// Cores used by a counter that advanced `delta_ns` nanoseconds of CPU time in `elapsed_ns`.
pub(crate) fn cores_from_ns(delta_ns: u64, elapsed_ns: u128) -> Cores {
    if elapsed_ns == 0 {
        return Cores::ZERO;
    }
    Cores(delta_ns as f64 / elapsed_ns as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_stat_counts_iowait_as_idle_and_guest_once() {
        let text = "cpu  100 10 50 800 40 0 0 0 30 0\ncpu0 50 5 25 400 20 0 0 0 15 0\nintr 1 2\n";
        assert_eq!(
            parse_proc_stat(text).ok(),
            Some(CpuTimes {
                total: 1000,
                busy: 160
            })
        );
        assert_eq!(count_cpu_lines(text), 1);
    }

    #[test]
    fn proc_stat_errors_are_errors() {
        assert!(parse_proc_stat("intr 1\n").is_err());
        assert!(parse_proc_stat("cpu  1 2\n").is_err());
        assert!(parse_proc_stat("cpu  1 2 x 4\n").is_err());
    }

    #[test]
    fn cpu_lists() {
        assert_eq!(parse_cpu_list("0-1\n").ok(), Some(2));
        assert_eq!(parse_cpu_list("0-3,8,10-11").ok(), Some(7));
        assert!(parse_cpu_list("").is_err());
        assert!(parse_cpu_list("3-1").is_err());
        assert!(parse_cpu_list("a").is_err());
    }

    #[test]
    fn busy_over_an_interval() {
        let before = CpuTimes {
            total: 1000,
            busy: 100,
        };
        let after = CpuTimes {
            total: 1200,
            busy: 150,
        };
        assert_eq!(busy_cores(before, after, 2), Cores(0.5));
        assert_eq!(busy_cores(after, before, 2), Cores::ZERO);
        assert_eq!(cores_from_ns(500_000_000, 1_000_000_000), Cores(0.5));
        assert_eq!(cores_from_ns(5, 0), Cores::ZERO);
    }
}
