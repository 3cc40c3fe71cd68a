//! Figures over time: a series of samples (raw, or rolled up into min/mean/max buckets), the
//! summaries a sampled scan writes (`Peaks` for figures where more is worse, `Lows` for the
//! host's available memory, where less is), and a recorded history of a host and its
//! workloads. Pure types and arithmetic: percentiles by the nearest-rank rule, no I/O.

use super::snapshot::{Sampled, SampledWorkload, Snapshot, WorkloadKind};
use super::units::{Bytes, Cores};
use serde::{Deserialize, Serialize};

/// A figure where more is worse (memory a workload holds, CPU busy), over a window: the last
/// sample (`now`), the median, the 95th and 99th percentiles and the largest.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Peaks<T> {
    pub now: T,
    pub p50: T,
    pub p95: T,
    pub p99: T,
    pub max: T,
}

/// A figure where less is worse (the host's available memory), over a window: the last sample,
/// the median, the levels it stayed above 95% and 99% of the time (`p5`, `p1`) and the
/// smallest (`min`, the moment the host had least room).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lows<T> {
    pub now: T,
    pub p50: T,
    pub p5: T,
    pub p1: T,
    pub min: T,
}

/// How a sampled figure is taken for planning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// The last sample.
    Now,
    P50,
    P95,
    P99,
    /// The worst sample: most memory held, least available.
    Max,
}

impl Basis {
    pub fn key(self) -> &'static str {
        match self {
            Basis::Now => "now",
            Basis::P50 => "p50",
            Basis::P95 => "p95",
            Basis::P99 => "p99",
            Basis::Max => "max",
        }
    }
}

impl<T: Copy> Peaks<T> {
    pub fn at(&self, basis: Basis) -> T {
        match basis {
            Basis::Now => self.now,
            Basis::P50 => self.p50,
            Basis::P95 => self.p95,
            Basis::P99 => self.p99,
            Basis::Max => self.max,
        }
    }
}

impl<T: Copy> Lows<T> {
    /// The available memory that matches a basis of demand: `max` is the minimum, `p99` the
    /// level it stayed above 99% of the time.
    pub fn at(&self, basis: Basis) -> T {
        match basis {
            Basis::Now => self.now,
            Basis::P50 => self.p50,
            Basis::P95 => self.p5,
            Basis::P99 => self.p1,
            Basis::Max => self.min,
        }
    }
}

/// The nearest-rank percentile `p` (0 to 100) of sorted values: the smallest value with at
/// least p% of the values at or below it. `None` for no values.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// Values sorted ascending, NaN left out.
fn sorted(values: impl IntoIterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = values.into_iter().filter(|x| !x.is_nan()).collect();
    v.sort_by(f64::total_cmp);
    v
}

impl Peaks<f64> {
    /// The summary of `values` in the order taken (the last is `now`).
    pub fn of(values: &[f64]) -> Option<Peaks<f64>> {
        let now = *values.last()?;
        let s = sorted(values.iter().copied());
        Some(Peaks {
            now,
            p50: percentile(&s, 50.0)?,
            p95: percentile(&s, 95.0)?,
            p99: percentile(&s, 99.0)?,
            max: *s.last()?,
        })
    }

    pub fn map<T>(self, f: impl Fn(f64) -> T) -> Peaks<T> {
        Peaks {
            now: f(self.now),
            p50: f(self.p50),
            p95: f(self.p95),
            p99: f(self.p99),
            max: f(self.max),
        }
    }
}

impl Lows<f64> {
    /// The summary of `values` in the order taken (the last is `now`).
    pub fn of(values: &[f64]) -> Option<Lows<f64>> {
        let now = *values.last()?;
        let s = sorted(values.iter().copied());
        Some(Lows {
            now,
            p50: percentile(&s, 50.0)?,
            p5: percentile(&s, 5.0)?,
            p1: percentile(&s, 1.0)?,
            min: *s.first()?,
        })
    }

    pub fn map<T>(self, f: impl Fn(f64) -> T) -> Lows<T> {
        Lows {
            now: f(self.now),
            p50: f(self.p50),
            p5: f(self.p5),
            p1: f(self.p1),
            min: f(self.min),
        }
    }
}

/// Bytes from a figure computed as a float (never negative).
pub fn bytes_of(v: f64) -> Bytes {
    Bytes(v.max(0.0).round() as u64)
}

/// Cores from a figure computed as a float, to the millicore.
pub fn cores_of(v: f64) -> Cores {
    Cores((v.max(0.0) * 1000.0).round() / 1000.0)
}

/// One point of a series: a raw sample (`n` = 1, min = mean = max) or a bucket of `n` samples
/// rolled up, placed at the middle of its bucket.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// Seconds since the epoch.
    pub t: f64,
    pub min: f64,
    pub mean: f64,
    pub max: f64,
    pub n: u32,
}

impl Point {
    pub fn raw(t: f64, v: f64) -> Point {
        Point {
            t,
            min: v,
            mean: v,
            max: v,
            n: 1,
        }
    }
}

/// A figure over time, oldest first.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Series {
    pub points: Vec<Point>,
}

impl Series {
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The samples it stands for (a bucket counts its `n`).
    pub fn samples(&self) -> u64 {
        self.points.iter().map(|p| u64::from(p.n)).sum()
    }

    /// Its summary where more is worse: a bucket stands for its `n` samples at its maximum, so
    /// the percentiles never hide a peak that was rolled up.
    pub fn peaks(&self) -> Option<Peaks<f64>> {
        let last = self.points.last()?;
        let mut values = Vec::new();
        for p in &self.points {
            values.extend(std::iter::repeat_n(p.max, p.n as usize));
        }
        let mut out = Peaks::of(&values)?;
        out.now = last.mean;
        Some(out)
    }

    /// Its summary where less is worse: a bucket stands for its `n` samples at its minimum.
    pub fn lows(&self) -> Option<Lows<f64>> {
        let last = self.points.last()?;
        let mut values = Vec::new();
        for p in &self.points {
            values.extend(std::iter::repeat_n(p.min, p.n as usize));
        }
        let mut out = Lows::of(&values)?;
        out.now = last.mean;
        Some(out)
    }

    /// The points as (time, mean), for a fit.
    pub fn means(&self) -> Vec<(f64, f64)> {
        self.points.iter().map(|p| (p.t, p.mean)).collect()
    }

    /// The points from `since` (seconds since the epoch) on.
    pub fn since(&self, since: f64) -> Series {
        Series {
            points: self
                .points
                .iter()
                .filter(|p| p.t >= since)
                .copied()
                .collect(),
        }
    }
}

/// The recorded history of one host over a window, as `hostfit record` stored it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct History {
    pub host: String,
    /// The interval the recorder sampled at, in seconds.
    pub every_seconds: f64,
    /// The last MemTotal recorded.
    pub memory_total: Bytes,
    /// The last count of cores online recorded.
    pub cpu_cores: Cores,
    /// The host's available memory, in bytes.
    pub available: Series,
    /// Cores busy on the host.
    pub cpu_used: Series,
    pub workloads: Vec<WorkloadHistory>,
}

/// One workload's figures over the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkloadHistory {
    pub name: String,
    pub kind: WorkloadKind,
    /// Working set, in bytes.
    pub memory: Series,
    /// Cores used.
    pub cpu: Series,
}

impl History {
    /// The first and last times sampled, in seconds since the epoch.
    pub fn span(&self) -> Option<(f64, f64)> {
        Some((
            self.available.points.first()?.t,
            self.available.points.last()?.t,
        ))
    }
}

/// One sample's figures: available memory, CPU busy, and (name index, memory, CPU) per
/// workload.
type Figures = (f64, f64, Vec<(u32, f64, f64)>);

/// What a run of snapshots saw, kept as the few figures a summary needs: a long window at a
/// short interval (`--for 24h --every 1s`) keeps tens of thousands of samples, and whole
/// snapshots would hold every process of every one. Workload names are kept once.
#[derive(Debug, Clone, Default)]
pub struct SampleLog {
    /// Workload names, in the order first seen.
    names: Vec<String>,
    index: std::collections::HashMap<String, u32>,
    samples: Vec<Figures>,
}

impl SampleLog {
    /// Keeps the figures of `s`.
    pub fn push(&mut self, s: &Snapshot) {
        let workloads = s
            .workloads
            .iter()
            .map(|w| {
                let i = match self.index.get(&w.name) {
                    Some(i) => *i,
                    None => {
                        let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
                        self.names.push(w.name.clone());
                        self.index.insert(w.name.clone(), i);
                        i
                    }
                };
                (i, w.memory.0 as f64, w.cpu.0)
            })
            .collect();
        self.samples.push((
            s.host.memory.available.0 as f64,
            s.host.cpu.used.0,
            workloads,
        ));
    }

    pub fn len(&self) -> usize {
        self.samples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    /// What the samples, taken `every_seconds` apart over `window_seconds`, saw: the host's
    /// available memory and CPU, and each workload by name (in the order first seen). `None`
    /// for no sample.
    pub fn summary(
        &self,
        every_seconds: f64,
        window_seconds: f64,
        interrupted: bool,
    ) -> Option<Sampled> {
        let available: Vec<f64> = self.samples.iter().map(|s| s.0).collect();
        let cpu: Vec<f64> = self.samples.iter().map(|s| s.1).collect();
        let workloads = self
            .names
            .iter()
            .enumerate()
            .filter_map(|(i, name)| {
                let seen: Vec<(f64, f64)> = self
                    .samples
                    .iter()
                    .filter_map(|s| s.2.iter().find(|w| w.0 as usize == i))
                    .map(|w| (w.1, w.2))
                    .collect();
                let memory: Vec<f64> = seen.iter().map(|w| w.0).collect();
                let cpu: Vec<f64> = seen.iter().map(|w| w.1).collect();
                Some(SampledWorkload {
                    samples: seen.len() as u32,
                    memory: Peaks::of(&memory)?.map(bytes_of),
                    cpu: Peaks::of(&cpu)?.map(cores_of),
                    name: name.clone(),
                })
            })
            .collect();
        Some(Sampled {
            samples: self.samples.len() as u32,
            every_seconds,
            window_seconds,
            interrupted,
            available: Lows::of(&available)?.map(bytes_of),
            cpu_used: Peaks::of(&cpu)?.map(cores_of),
            workloads,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles_worked_by_hand() {
        // 1..=20: p50 is the 10th value, p95 the 19th, p99 the 20th.
        let v: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), Some(10.0));
        assert_eq!(percentile(&v, 95.0), Some(19.0));
        assert_eq!(percentile(&v, 99.0), Some(20.0));
        assert_eq!(percentile(&v, 5.0), Some(1.0));
        assert_eq!(percentile(&v, 0.0), Some(1.0));
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[7.0], 99.0), Some(7.0));
    }

    #[test]
    fn peaks_and_lows_keep_the_last_sample_as_now() {
        let v = [5.0, 1.0, 9.0, 3.0];
        let p = Peaks::of(&v).unwrap_or_else(|| unreachable!());
        assert_eq!((p.now, p.p50, p.p95, p.max), (3.0, 3.0, 9.0, 9.0));
        let l = Lows::of(&v).unwrap_or_else(|| unreachable!());
        assert_eq!((l.now, l.p50, l.p5, l.min), (3.0, 3.0, 1.0, 1.0));
        assert_eq!(l.at(Basis::Max), 1.0);
        assert_eq!(p.at(Basis::Max), 9.0);
        assert!(Peaks::of(&[]).is_none());
    }

    #[test]
    fn a_rolled_up_bucket_counts_its_samples_at_its_extremes() {
        let s = Series {
            points: vec![
                Point {
                    t: 150.0,
                    min: 2.0,
                    mean: 4.0,
                    max: 10.0,
                    n: 10,
                },
                Point::raw(400.0, 3.0),
            ],
        };
        assert_eq!(s.samples(), 11);
        let p = s.peaks().unwrap_or_else(|| unreachable!());
        assert_eq!((p.now, p.p50, p.max), (3.0, 10.0, 10.0));
        let l = s.lows().unwrap_or_else(|| unreachable!());
        assert_eq!((l.now, l.min, l.p50), (3.0, 2.0, 2.0));
        assert_eq!(s.since(200.0).points.len(), 1);
    }
}
