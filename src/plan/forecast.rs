//! Growth over a window: the least-squares line through the samples (as Prometheus'
//! `predict_linear` fits it), per host and per workload, and when the host's available memory
//! would fall to the reserve at that rate. Pure arithmetic on the series the caller read.

use crate::model::{Bytes, History, Series};
use serde::Serialize;

/// Seconds in a day.
pub const DAY: f64 = 86_400.0;
/// How far a forecast looks: a date further off is "not within a year".
pub const HORIZON: f64 = 365.0 * DAY;

/// A straight line `value = at_end + slope × (t − end)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Line {
    /// Change per second.
    pub slope: f64,
    /// The fitted value at `end`.
    pub at_end: f64,
    /// The time of the last point, in seconds since the epoch.
    pub end: f64,
}

impl Line {
    pub fn at(&self, t: f64) -> f64 {
        self.at_end + self.slope * (t - self.end)
    }

    pub fn per_day(&self) -> f64 {
        self.slope * DAY
    }
}

/// The least-squares line through `points` (time, value): slope = Σ(t−t̄)(v−v̄) / Σ(t−t̄)².
/// `None` with fewer than two distinct times.
pub fn least_squares(points: &[(f64, f64)]) -> Option<Line> {
    let n = points.len() as f64;
    let end = points.last()?.0;
    if points.len() < 2 {
        return None;
    }
    // Times from the end keep the sums small, as predict_linear does with its evaluation time.
    let mean_t = points.iter().map(|(t, _)| t - end).sum::<f64>() / n;
    let mean_v = points.iter().map(|(_, v)| v).sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (t, v) in points {
        let dt = t - end - mean_t;
        sxy += dt * (v - mean_v);
        sxx += dt * dt;
    }
    if sxx <= 0.0 || !sxx.is_finite() {
        return None;
    }
    let slope = sxy / sxx;
    Some(Line {
        slope,
        at_end: mean_v - slope * mean_t,
        end,
    })
}

/// When a falling figure reaches a level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reach {
    /// The fitted value is at or below the level already.
    Already,
    /// At this time (seconds since the epoch), `in_seconds` after the last sample.
    At { t: f64, in_seconds: f64 },
    /// It does not fall, or falls too slowly to get there within `HORIZON`.
    NotWithinYear,
}

/// The host's trend over the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HostTrend {
    /// The line through the available memory.
    pub available: Line,
    /// The growth of memory in use per day (the opposite of available's change).
    pub used_growth_per_day: f64,
    pub reserve: Bytes,
    /// When available would fall to the reserve.
    pub reserve_reached: Reach,
}

/// One workload's memory trend over the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkloadTrend {
    pub name: String,
    /// Working-set growth per day.
    pub growth_per_day: f64,
    pub samples: u64,
    /// When the host's available memory (as fitted at the end) would fall to the reserve if
    /// this workload alone kept growing at its rate; `None` without a host trend.
    pub reserve_reached: Option<Reach>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// From the first to the last sample, in seconds.
    pub window_seconds: f64,
    /// Fitted over less than `FULL_DAY`: the line follows the part of the day it saw (a morning
    /// climb, a nightly batch) and says little of the weeks ahead.
    pub short_window: bool,
    /// `None` with fewer than two samples.
    pub host: Option<HostTrend>,
    pub workloads: Vec<WorkloadTrend>,
}

/// The least window a forecast is read as a trend over: one whole daily cycle.
pub const FULL_DAY: f64 = 86_400.0;

/// When `line` falls to `level`, looking no further than `HORIZON` past its end.
pub fn reach(line: &Line, level: f64) -> Reach {
    if line.at_end <= level {
        return Reach::Already;
    }
    if line.slope >= 0.0 {
        return Reach::NotWithinYear;
    }
    let in_seconds = (level - line.at_end) / line.slope;
    if in_seconds > HORIZON {
        Reach::NotWithinYear
    } else {
        Reach::At {
            t: line.end + in_seconds,
            in_seconds,
        }
    }
}

fn fit(series: &Series) -> Option<Line> {
    least_squares(&series.means())
}

/// The forecast of a history: the host's available memory against `reserve`, and each
/// workload's growth (those with fewer than two samples are left out).
pub fn forecast(history: &History, reserve: Bytes) -> Forecast {
    let host = fit(&history.available).map(|available| HostTrend {
        available,
        used_growth_per_day: -available.per_day(),
        reserve,
        reserve_reached: reach(&available, reserve.0 as f64),
    });
    let workloads = history
        .workloads
        .iter()
        .filter_map(|w| {
            let line = fit(&w.memory)?;
            let reserve_reached = host.as_ref().map(|h| {
                let alone = Line {
                    slope: -line.slope,
                    ..h.available
                };
                reach(&alone, reserve.0 as f64)
            });
            Some(WorkloadTrend {
                name: w.name.clone(),
                growth_per_day: line.per_day(),
                samples: w.memory.samples(),
                reserve_reached,
            })
        })
        .collect();
    let window_seconds = history.span().map_or(0.0, |(a, b)| b - a);
    Forecast {
        window_seconds,
        short_window: window_seconds < FULL_DAY,
        host,
        workloads,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Point, WorkloadHistory, WorkloadKind};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn a_line_worked_by_hand() {
        // (0,1) (1,3) (2,2) (3,5): t̄ = 1.5, v̄ = 2.75;
        // Σ(t−t̄)(v−v̄) = (−1.5)(−1.75) + (−0.5)(0.25) + (0.5)(−0.75) + (1.5)(2.25) = 5.5;
        // Σ(t−t̄)² = 2.25 + 0.25 + 0.25 + 2.25 = 5; slope = 1.1; at t = 3: 2.75 + 1.1 × 1.5 = 4.4.
        let line = least_squares(&[(0.0, 1.0), (1.0, 3.0), (2.0, 2.0), (3.0, 5.0)])
            .unwrap_or_else(|| unreachable!());
        assert!(close(line.slope, 1.1), "{line:?}");
        assert!(close(line.at_end, 4.4), "{line:?}");
        assert!(close(line.at(13.0), 15.4));
        assert_eq!(least_squares(&[(5.0, 1.0)]), None);
        assert_eq!(least_squares(&[(5.0, 1.0), (5.0, 2.0)]), None);
    }

    #[test]
    fn large_epoch_times_do_not_lose_the_slope() {
        let t0 = 1_764_000_000.0;
        let points: Vec<(f64, f64)> = (0..100)
            .map(|i| (t0 + f64::from(i) * 30.0, 1e9 - f64::from(i) * 3000.0))
            .collect();
        let line = least_squares(&points).unwrap_or_else(|| unreachable!());
        assert!(close(line.slope, -100.0), "{line:?}");
        assert!(close(line.per_day(), -8_640_000.0));
    }

    #[test]
    fn the_reserve_is_reached_on_a_date_worked_by_hand() {
        // 4 GiB available at the end, falling 1 GiB a day, reserve 1 GiB: in 3 days.
        let gib = 1024.0 * 1024.0 * 1024.0;
        let line = Line {
            slope: -gib / DAY,
            at_end: 4.0 * gib,
            end: 1_000_000.0,
        };
        assert_eq!(
            reach(&line, gib),
            Reach::At {
                t: 1_000_000.0 + 3.0 * DAY,
                in_seconds: 3.0 * DAY
            }
        );
        assert_eq!(reach(&line, 5.0 * gib), Reach::Already);
        let flat = Line { slope: 0.0, ..line };
        assert_eq!(reach(&flat, gib), Reach::NotWithinYear);
        // 3 GiB to lose at 8 MiB a day takes 384 days: past the year.
        let slow = Line {
            slope: -8.0 * 1024.0 * 1024.0 / DAY,
            ..line
        };
        assert_eq!(reach(&slow, gib), Reach::NotWithinYear);
    }

    #[test]
    fn a_history_forecast() {
        // Available falls 100 bytes a second over 4 samples 10 s apart; redis grows 50 a second.
        let series = |f: &dyn Fn(f64) -> f64| Series {
            points: (0..4)
                .map(|i| {
                    let t = 1000.0 + f64::from(i) * 10.0;
                    Point::raw(t, f(t - 1000.0))
                })
                .collect(),
        };
        let history = History {
            available: series(&|s| 10_000.0 - 100.0 * s),
            workloads: vec![WorkloadHistory {
                name: "redis".into(),
                kind: WorkloadKind::Cgroup,
                memory: series(&|s| 500.0 + 50.0 * s),
                cpu: Series::default(),
            }],
            ..History::default()
        };
        let f = forecast(&history, Bytes(1_000));
        assert!(close(f.window_seconds, 30.0));
        // 30 s of samples is far from a day.
        assert!(f.short_window);
        let host = f.host.unwrap_or_else(|| unreachable!());
        assert!(close(host.used_growth_per_day, 100.0 * DAY));
        // 7000 at t = 1030, reaching 1000 after 60 s more.
        assert_eq!(
            host.reserve_reached,
            Reach::At {
                t: 1090.0,
                in_seconds: 60.0
            }
        );
        assert!(close(f.workloads[0].growth_per_day, 50.0 * DAY));
        assert_eq!(f.workloads[0].samples, 4);
        // Redis alone, growing 50 a second, takes the 6000 above the reserve in 120 s.
        assert_eq!(
            f.workloads[0].reserve_reached,
            Some(Reach::At {
                t: 1150.0,
                in_seconds: 120.0
            })
        );
    }

    #[test]
    fn a_window_is_short_below_one_whole_day() {
        let over = |seconds: f64| History {
            available: Series {
                points: vec![Point::raw(0.0, 5.0), Point::raw(seconds, 4.0)],
            },
            ..History::default()
        };
        assert!(forecast(&over(86_399.0), Bytes(1)).short_window);
        assert!(!forecast(&over(86_400.0), Bytes(1)).short_window);
        assert!(!forecast(&over(8.0 * 86_400.0), Bytes(1)).short_window);
    }
}
