//! Planning on a recorded history: the snapshot's changing figures replaced by the history's at
//! a basis (the worst memory, the 95th percentile of CPU by default), the forecast of growth,
//! and the scenarios judged again against the available memory some days ahead. Pure: the
//! caller reads the store and hands the history in.

use super::forecast::{self, Forecast};
use super::verdict::Verdict;
use super::{Analysis, analyze, scenario};
use crate::model::history::{bytes_of, cores_of};
use crate::model::{Basis, Bytes, Catalog, History, PlanFile, Snapshot};
use serde::Serialize;

/// How the history is read for the plan.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HistorySettings {
    /// The window read, in seconds back from the last sample.
    pub window_seconds: f64,
    pub memory_basis: Basis,
    pub cpu_basis: Basis,
    /// Judge the scenarios again this many seconds ahead.
    pub ahead_seconds: Option<f64>,
}

/// What the plan took from the history, and what it says about the days ahead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryAnalysis {
    pub settings: HistorySettings,
    /// Host samples in the window (a rolled-up bucket counts its samples).
    pub samples: u64,
    /// From the first to the last sample read, in seconds.
    pub span_seconds: f64,
    /// The host's available memory and busy CPU at the bases, as the verdicts used them.
    pub available: Bytes,
    pub cpu_used: crate::model::Cores,
    pub forecast: Forecast,
    pub ahead: Option<Ahead>,
}

/// The scenarios judged against the memory available some time ahead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ahead {
    pub seconds: f64,
    /// Available memory then: today's at the basis, less the fitted loss over `seconds` (a
    /// rising trend is not counted: the plan never gets better by waiting).
    pub available: Bytes,
    pub scenarios: Vec<AheadVerdict>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AheadVerdict {
    pub name: String,
    pub now: Verdict,
    pub ahead: Verdict,
}

impl Ahead {
    /// The scenarios whose verdict is not the same ahead.
    pub fn changed(&self) -> impl Iterator<Item = &AheadVerdict> {
        self.scenarios.iter().filter(|s| s.now != s.ahead)
    }
}

/// The snapshot with its changing figures taken from `history` at the bases: available memory,
/// CPU busy, and each workload the history knows by name. Everything else (totals, disks,
/// ports, caps) stays as the snapshot says.
pub fn at_basis(snapshot: &Snapshot, history: &History, settings: &HistorySettings) -> Snapshot {
    let mut out = snapshot.clone();
    if let Some(lows) = history.available.lows() {
        out.host.memory.available = bytes_of(lows.at(settings.memory_basis));
    }
    if let Some(peaks) = history.cpu_used.peaks() {
        out.host.cpu.used = cores_of(peaks.at(settings.cpu_basis));
    }
    for w in &mut out.workloads {
        let Some(h) = history.workloads.iter().find(|h| h.name == w.name) else {
            continue;
        };
        if let Some(p) = h.memory.peaks() {
            w.memory = bytes_of(p.at(settings.memory_basis));
        }
        if let Some(p) = h.cpu.peaks() {
            w.cpu = cores_of(p.at(settings.cpu_basis));
        }
    }
    out
}

/// The analysis of `plan` on `snapshot` (already `at_basis`), with the history's forecast and,
/// when asked, the verdicts ahead.
pub fn analyze_with_history(
    snapshot: &Snapshot,
    plan: &PlanFile,
    catalog: Option<&Catalog>,
    history: &History,
    settings: &HistorySettings,
) -> Analysis {
    let mut analysis = analyze(snapshot, plan, catalog);
    let total = snapshot.host.memory.total;
    let other_name = !history.host.is_empty() && history.host != snapshot.host.name;
    let other_size = history.memory_total.0.abs_diff(total.0) > total.0 / 20;
    if history.memory_total > Bytes::ZERO && (other_name || other_size) {
        analysis.warnings.push(super::warnings::history_other_host(
            &history.host,
            history.memory_total,
            total,
        ));
    }
    let forecast = forecast::forecast(history, analysis.capacity.memory_reserve);
    let ahead = settings.ahead_seconds.map(|seconds| {
        let loss = forecast
            .host
            .as_ref()
            .map_or(0.0, |h| (-h.available.slope * seconds).max(0.0));
        let mut capacity = analysis.capacity.clone();
        capacity.memory_available = capacity.memory_available.saturating_sub(bytes_of(loss));
        let later = scenario::evaluate_all(plan, &capacity);
        Ahead {
            seconds,
            available: capacity.memory_available,
            scenarios: analysis
                .scenarios
                .iter()
                .zip(later)
                .map(|(now, then)| AheadVerdict {
                    name: now.name.clone(),
                    now: now.verdict,
                    ahead: then.verdict,
                })
                .collect(),
        }
    });
    analysis.history = Some(HistoryAnalysis {
        settings: *settings,
        samples: history.available.samples(),
        span_seconds: forecast.window_seconds,
        available: snapshot.host.memory.available,
        cpu_used: snapshot.host.cpu.used,
        forecast,
        ahead,
    });
    analysis
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Point, Series, WorkloadHistory, WorkloadKind};
    use crate::plan::tests::snapshot;

    const MIB: f64 = 1024.0 * 1024.0;

    fn series(values: &[f64]) -> Series {
        Series {
            points: values
                .iter()
                .enumerate()
                .map(|(i, v)| Point::raw(1000.0 + i as f64 * 86_400.0, *v))
                .collect(),
        }
    }

    fn plan(need_mib: u64) -> PlanFile {
        let text = format!(
            "services:\n  - name: app\n    tiers:\n      standard: {{memory: {need_mib}MiB, cpu: 0.1}}\n"
        );
        serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn settings(basis: Basis, ahead_days: Option<f64>) -> HistorySettings {
        HistorySettings {
            window_seconds: 7.0 * 86_400.0,
            memory_basis: basis,
            cpu_basis: Basis::P95,
            ahead_seconds: ahead_days.map(|d| d * 86_400.0),
        }
    }

    #[test]
    fn the_basis_replaces_the_changing_figures() {
        // Available over five days: 3000, 2500, 2800, 2000, 2600 MiB; cpu 0.5 .. 1.5.
        let mut history = History {
            available: series(&[
                3000.0 * MIB,
                2500.0 * MIB,
                2800.0 * MIB,
                2000.0 * MIB,
                2600.0 * MIB,
            ]),
            cpu_used: series(&[0.5, 1.5, 1.0, 0.7, 0.6]),
            ..History::default()
        };
        history.workloads.push(WorkloadHistory {
            name: "db".into(),
            kind: WorkloadKind::Service,
            memory: series(&[
                100.0 * MIB,
                300.0 * MIB,
                200.0 * MIB,
                150.0 * MIB,
                120.0 * MIB,
            ]),
            cpu: series(&[0.1, 0.2, 0.3, 0.2, 0.1]),
        });
        let mut base = snapshot(4096, 3500, &[]);
        base.workloads.push(crate::model::Workload::new(
            "db",
            WorkloadKind::Service,
            Bytes::from_mib(50.0),
            crate::model::Cores(0.0),
        ));
        let max = at_basis(&base, &history, &settings(Basis::Max, None));
        assert_eq!(max.host.memory.available, Bytes::from_mib(2000.0));
        assert_eq!(max.host.cpu.used.0, 1.5);
        assert_eq!(max.workloads[0].memory, Bytes::from_mib(300.0));
        assert_eq!(max.workloads[0].cpu.0, 0.3);
        let now = at_basis(&base, &history, &settings(Basis::Now, None));
        assert_eq!(now.host.memory.available, Bytes::from_mib(2600.0));
        assert_eq!(now.workloads[0].memory, Bytes::from_mib(120.0));
        assert_eq!(now.host.memory.total, base.host.memory.total);
    }

    #[test]
    fn verdicts_thirty_days_ahead_worked_by_hand() {
        // 4096 MiB total, reserve 10% = 409.6 MiB. Available falls 10 MiB a day: 1000, 990, 980.
        // At the basis `max` available is 980 MiB: room 570.4 MiB, so 500 MiB fits now.
        // In 30 days 300 MiB less: 680 MiB available, room 270.4 MiB: 500 MiB is only tight.
        let history = History {
            available: series(&[1000.0 * MIB, 990.0 * MIB, 980.0 * MIB]),
            cpu_used: series(&[0.1, 0.1, 0.1]),
            ..History::default()
        };
        let s = settings(Basis::Max, Some(30.0));
        let snap = at_basis(&snapshot(4096, 3000, &[]), &history, &s);
        let a = analyze_with_history(&snap, &plan(500), None, &history, &s);
        let h = a.history.unwrap_or_else(|| unreachable!());
        assert_eq!(h.available, Bytes::from_mib(980.0));
        let ahead = h.ahead.unwrap_or_else(|| unreachable!());
        assert_eq!(ahead.available, Bytes::from_mib(680.0));
        let changed: Vec<_> = ahead.changed().collect();
        assert_eq!(changed.len(), 1);
        assert_eq!(
            (changed[0].now, changed[0].ahead),
            (Verdict::Fits, Verdict::Tight)
        );
        let host = h.forecast.host.unwrap_or_else(|| unreachable!());
        // From 980 MiB down to 409.6 MiB at 10 MiB a day: 57.04 days.
        match host.reserve_reached {
            forecast::Reach::At { in_seconds, .. } => {
                assert!((in_seconds / 86_400.0 - 57.04).abs() < 1e-6, "{in_seconds}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_rising_trend_does_not_help_ahead() {
        let history = History {
            available: series(&[900.0 * MIB, 1000.0 * MIB]),
            ..History::default()
        };
        let s = settings(Basis::Now, Some(30.0));
        let snap = at_basis(&snapshot(4096, 3000, &[]), &history, &s);
        let a = analyze_with_history(&snap, &plan(500), None, &history, &s);
        let ahead = a
            .history
            .and_then(|h| h.ahead)
            .unwrap_or_else(|| unreachable!());
        assert_eq!(ahead.available, Bytes::from_mib(1000.0));
        assert_eq!(ahead.changed().count(), 0);
    }
}
