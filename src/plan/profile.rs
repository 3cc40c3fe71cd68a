//! Tiers from a measured service, the way Kubernetes' VPA derives its recommendation:
//! `minimum` = p50 × 1.15, `standard` = p90 × 1.15, `ideal` = p95 × 1.15 × (1 + 1/days of
//! data), each at least 25 millicores and 16 MiB; disk from the growth of the data directory.
//! Pure arithmetic on the samples the caller took; the warnings are codes for the report.

use crate::model::history::{bytes_of, cores_of, percentile};
use crate::model::{Bytes, Cores, Needs, Tier};
use serde::Serialize;

/// The safety margin VPA adds to every percentile.
pub const MARGIN: f64 = 1.15;
/// The smallest memory a tier asks for.
pub const MIN_MEMORY: Bytes = Bytes(16 * 1024 * 1024);
/// The smallest CPU a tier asks for: 25 millicores.
pub const MIN_CPU: Cores = Cores(0.025);
/// Fewer samples than this are too few to trust the percentiles.
pub const FEW_SAMPLES: usize = 100;
/// Days of disk growth each tier leaves room for.
pub const DISK_DAYS: [(Tier, f64); 3] = [
    (Tier::Minimum, 30.0),
    (Tier::Standard, 90.0),
    (Tier::Ideal, 365.0),
];

/// What was measured of one service.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measured {
    /// The working set of the whole process tree (or container) at each sample, in bytes.
    pub memory: Vec<f64>,
    /// Cores used between one sample and the next.
    pub cpu: Vec<f64>,
    /// From the first to the last sample, in seconds.
    pub window_seconds: f64,
    /// The data directory's size at the first and at the last sample.
    pub disk: Option<(Bytes, Bytes)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileWarning {
    /// Fewer than `FEW_SAMPLES` samples.
    FewSamples,
    /// Memory was still climbing at the end: the window is shorter than the service's startup.
    StillStarting,
    /// Less than a day of data: `1 + 1/days` more than doubles `ideal`, as VPA's upper bound
    /// does for a young workload.
    ShortWindow,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    pub samples: usize,
    pub window_seconds: f64,
    /// `1 + 1/days`, the factor of `ideal`.
    pub confidence_factor: f64,
    pub minimum: Needs,
    pub standard: Needs,
    pub ideal: Needs,
    /// The largest working set and CPU seen.
    pub peak_memory: Bytes,
    pub peak_cpu: Cores,
    /// Data directory growth per day, when one was given.
    pub disk_growth_per_day: Option<f64>,
    pub warnings: Vec<ProfileWarning>,
}

impl Profile {
    pub fn tier(&self, t: Tier) -> &Needs {
        match t {
            Tier::Minimum => &self.minimum,
            Tier::Standard => &self.standard,
            Tier::Ideal => &self.ideal,
        }
    }
}

/// The tiers of `m`; `None` with no memory sample.
pub fn profile(m: &Measured) -> Option<Profile> {
    let mut memory = m.memory.clone();
    memory.sort_by(f64::total_cmp);
    let mut cpu = m.cpu.clone();
    cpu.sort_by(f64::total_cmp);
    let days = m.window_seconds / 86_400.0;
    let confidence_factor = if days > 0.0 {
        1.0 + 1.0 / days
    } else {
        f64::INFINITY
    };
    let disk_growth_per_day = m.disk.and_then(|(first, last)| {
        (days > 0.0).then(|| (last.0 as f64 - first.0 as f64).max(0.0) / days)
    });
    let needs = |p: f64, factor: f64, tier: Tier| {
        let mem = percentile(&memory, p).unwrap_or(0.0) * MARGIN * factor;
        let cores = percentile(&cpu, p).unwrap_or(0.0) * MARGIN * factor;
        let disk = m.disk.map_or(Bytes::ZERO, |(_, last)| {
            let days_room = DISK_DAYS
                .iter()
                .find(|(t, _)| *t == tier)
                .map_or(0.0, |(_, d)| *d);
            last + bytes_of(disk_growth_per_day.unwrap_or(0.0) * days_room)
        });
        Needs {
            memory: bytes_of(mem.min(Bytes::MAX_INPUT as f64)).max(MIN_MEMORY),
            cpu: Cores(cores_of(cores.min(Cores::MAX)).0.max(MIN_CPU.0)),
            disk,
        }
    };
    let mut warnings = Vec::new();
    if m.memory.len() < FEW_SAMPLES {
        warnings.push(ProfileWarning::FewSamples);
    }
    if still_starting(&m.memory) {
        warnings.push(ProfileWarning::StillStarting);
    }
    if confidence_factor > 2.0 {
        warnings.push(ProfileWarning::ShortWindow);
    }
    Some(Profile {
        samples: m.memory.len(),
        window_seconds: m.window_seconds,
        confidence_factor,
        minimum: needs(50.0, 1.0, Tier::Minimum),
        standard: needs(90.0, 1.0, Tier::Standard),
        ideal: needs(95.0, confidence_factor, Tier::Ideal),
        peak_memory: bytes_of(*memory.last()?),
        peak_cpu: cores_of(cpu.last().copied().unwrap_or(0.0)),
        disk_growth_per_day,
        warnings,
    })
}

/// True when the memory was still climbing at the end: the peak is in the last tenth of the
/// samples and the last half grew by more than 5% of its first value.
fn still_starting(memory: &[f64]) -> bool {
    let n = memory.len();
    if n < 4 {
        return false;
    }
    let peak = memory.iter().copied().fold(f64::MIN, f64::max);
    let peak_at = memory.iter().position(|v| *v >= peak).unwrap_or(0);
    let half = memory[n / 2];
    let last = memory[n - 1];
    peak_at >= n - n.div_ceil(10) && last > half * 1.05
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: f64 = 1024.0 * 1024.0;

    #[test]
    fn tiers_worked_by_hand() {
        // 200 samples: memory 1..=200 MiB, CPU 0.01..=2.00 cores, over two days.
        let m = Measured {
            memory: (1..=200).map(|i| f64::from(i) * MIB).collect(),
            cpu: (1..=200).map(|i| f64::from(i) / 100.0).collect(),
            window_seconds: 2.0 * 86_400.0,
            disk: Some((Bytes::from_mib(100.0), Bytes::from_mib(300.0))),
        };
        let p = profile(&m).unwrap_or_else(|| unreachable!());
        // p50 = 100 MiB → 115 MiB; p90 = 180 → 207; p95 = 190 → 190 × 1.15 × 1.5 = 327.75.
        assert_eq!(p.minimum.memory, bytes_of(115.0 * MIB));
        assert_eq!(p.standard.memory, bytes_of(207.0 * MIB));
        assert_eq!(p.ideal.memory, bytes_of(327.75 * MIB));
        assert_eq!(p.minimum.cpu, Cores(1.15));
        assert_eq!(p.standard.cpu, Cores(2.07));
        // 1.90 × 1.15 × 1.5 = 3.2775, to the millicore.
        assert!(
            (p.ideal.cpu.0 - 3.2775).abs() <= 0.0005,
            "{:?}",
            p.ideal.cpu
        );
        assert_eq!(p.confidence_factor, 1.5);
        // 200 MiB in two days: 100 MiB a day; minimum leaves 30 days of it on top of 300 MiB.
        assert_eq!(p.disk_growth_per_day, Some(100.0 * MIB));
        assert_eq!(p.minimum.disk, Bytes::from_mib(3300.0));
        assert_eq!(p.ideal.disk, Bytes::from_mib(36_800.0));
        assert_eq!(p.peak_memory, Bytes::from_mib(200.0));
        // The peak is in the last tenth and the second half grew: still starting.
        assert_eq!(p.warnings, vec![ProfileWarning::StillStarting]);
    }

    #[test]
    fn small_services_get_the_floors_and_few_samples_warn() {
        let m = Measured {
            memory: vec![2.0 * MIB; 10],
            cpu: vec![0.001; 10],
            window_seconds: 300.0,
            disk: None,
        };
        let p = profile(&m).unwrap_or_else(|| unreachable!());
        assert_eq!(p.minimum.memory, MIN_MEMORY);
        assert_eq!(p.minimum.cpu, MIN_CPU);
        assert_eq!(p.ideal.memory, bytes_of(2.0 * MIB * 1.15 * 289.0));
        assert_eq!(p.minimum.disk, Bytes::ZERO);
        // Five minutes is 1/288 of a day: ideal is p95 × 1.15 × 289.
        assert!((p.confidence_factor - 289.0).abs() < 1e-9);
        assert_eq!(
            p.warnings,
            vec![ProfileWarning::FewSamples, ProfileWarning::ShortWindow]
        );
        assert!(profile(&Measured::default()).is_none());
    }

    #[test]
    fn the_ideal_tier_holds_the_peak() {
        let memory: Vec<f64> = (0..150)
            .map(|i| f64::from(i % 50) * MIB + 30.0 * MIB)
            .collect();
        let m = Measured {
            memory,
            cpu: vec![0.5; 150],
            window_seconds: 150.0,
            disk: None,
        };
        let p = profile(&m).unwrap_or_else(|| unreachable!());
        assert!(p.ideal.memory >= p.peak_memory);
        // 150 s of data: ideal is p95 × 1.15 × 577, said in a warning.
        assert_eq!(p.warnings, vec![ProfileWarning::ShortWindow]);
    }
}
