//! The report's section on a recorded history (`hostfit plan --history`): which basis and
//! window the verdicts used, the forecast of growth, and the verdicts some days ahead with
//! those that change. Renders the planner's `HistoryAnalysis`; decides nothing.

use super::{Cell, Doc};
use crate::report::ReportInput;
use crate::report::history::{forecast_sentence, growth, reach_short};
use crate::report::messages::Msg;

use crate::report::history::span;

fn days(seconds: f64) -> String {
    let d = seconds / 86_400.0;
    if (d - d.round()).abs() < 1e-9 {
        format!("{d:.0}")
    } else {
        format!("{d:.2}")
    }
}

pub(super) fn history(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let Some(h) = &input.analysis.history else {
        return;
    };
    doc.h(2, msg.t("history.plan.sec"));
    doc.p(msg.f(
        "history.plan.basis",
        &[
            ("window", span(h.settings.window_seconds)),
            ("samples", h.samples.to_string()),
            ("span", span(h.span_seconds)),
            ("memory_basis", h.settings.memory_basis.key().to_string()),
            ("cpu_basis", h.settings.cpu_basis.key().to_string()),
            ("available", h.available.to_string()),
            ("cpu", h.cpu_used.to_string()),
        ],
    ));
    match &h.forecast.host {
        Some(host) if h.forecast.short_window => doc.p(format!(
            "{} {}",
            forecast_sentence(msg, host),
            crate::report::history::short_window(msg, h.forecast.window_seconds)
        )),
        Some(host) => doc.p(forecast_sentence(msg, host)),
        None => doc.p(msg.t("history.forecast.too_few")),
    }
    // Each workload's growth over the window, and when the host would reach the reserve if
    // that workload alone kept growing at its rate.
    if !h.forecast.workloads.is_empty() {
        let header = vec![
            msg.t("history.col.workload"),
            msg.t("history.col.samples"),
            msg.t("history.col.growth"),
            msg.t("history.col.reserve_on"),
        ];
        let rows = h
            .forecast
            .workloads
            .iter()
            .map(|w| {
                vec![
                    Cell::text(w.name.clone()),
                    Cell::num(w.samples.to_string()),
                    Cell::num(growth(w.growth_per_day)),
                    Cell::num(
                        w.reserve_reached
                            .as_ref()
                            .map_or_else(|| "-".to_string(), |r| reach_short(msg, r)),
                    ),
                ]
            })
            .collect();
        doc.table(header, rows);
    }
    let Some(ahead) = &h.ahead else {
        return;
    };
    doc.p(msg.f(
        "history.plan.ahead",
        &[
            ("days", days(ahead.seconds)),
            ("available", ahead.available.to_string()),
        ],
    ));
    let header = vec![
        msg.t("col.scenario"),
        msg.t("history.plan.col.now"),
        msg.f("history.plan.col.ahead", &[("days", days(ahead.seconds))]),
    ];
    let rows = ahead
        .scenarios
        .iter()
        .map(|s| {
            vec![
                Cell::text(s.name.clone()),
                Cell::verdict(msg, s.now),
                Cell::verdict(msg, s.ahead),
            ]
        })
        .collect();
    doc.table(header, rows);
    let changed: Vec<String> = ahead
        .changed()
        .map(|s| {
            msg.f(
                "history.plan.changed",
                &[
                    ("scenario", s.name.clone()),
                    ("now", msg.verdict(s.now)),
                    ("ahead", msg.verdict(s.ahead)),
                ],
            )
        })
        .collect();
    if changed.is_empty() {
        doc.p(msg.f("history.plan.unchanged", &[("days", days(ahead.seconds))]));
    } else {
        doc.p(msg.f("history.plan.changes", &[("days", days(ahead.seconds))]));
        doc.list(changed);
    }
}
