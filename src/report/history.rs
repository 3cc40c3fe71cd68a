//! Figures over time as people and tools read them: `hostfit history` as text or JSON, the
//! window of a sampled scan (`hostfit scan --for`), and the forecast sentence the plan report
//! shares. Writes only to the writer it is given and decides nothing about fit.

use super::messages::{Lang, Msg};
use super::scan::{align_right, new_table as table};
use super::signed_bytes;
use crate::model::history::{bytes_of, cores_of};
use crate::model::{Bytes, History, Lows, Peaks, Sampled, date};
use crate::plan::forecast::{Forecast, HostTrend, Reach};
use serde_json::{Value, json};
use std::io::{self, Write};

/// The version of the JSON layout of `hostfit history`.
pub const SCHEMA: &str = "hostfit.history/1";

/// What `hostfit history` shows: the history read, its forecast, and how it was asked for.
pub struct HistoryView<'a> {
    /// The database, as the user named it.
    pub database: &'a str,
    /// The window asked for, as the user wrote it (`7d`).
    pub since: &'a str,
    pub history: &'a History,
    pub forecast: &'a Forecast,
}

const SPREAD_COLUMNS: [&str; 6] = [
    "history.col.figure",
    "history.col.now",
    "history.col.p50",
    "history.col.p95",
    "history.col.p99",
    "history.col.worst",
];

fn peaks_row<T: ToString + Copy>(label: String, p: &Peaks<T>) -> Vec<String> {
    vec![
        label,
        p.now.to_string(),
        p.p50.to_string(),
        p.p95.to_string(),
        p.p99.to_string(),
        p.max.to_string(),
    ]
}

fn lows_row(label: String, l: &Lows<Bytes>) -> Vec<String> {
    vec![
        label,
        l.now.to_string(),
        l.p50.to_string(),
        l.p5.to_string(),
        l.p1.to_string(),
        l.min.to_string(),
    ]
}

/// A growth per day as `+12.3 MiB` or `-1.0 GiB`.
pub fn growth(per_day: f64) -> String {
    let text = signed_bytes(per_day.round() as i64);
    if per_day >= 0.5 {
        format!("+{text}")
    } else {
        text
    }
}

/// A length of time as the command line writes it: `7d`, `1h 30m`, `45s`, `0.5s`.
pub fn span(seconds: f64) -> String {
    if seconds < 60.0 {
        let text = format!("{:.1}", seconds.max(0.0));
        return format!("{}s", text.trim_end_matches('0').trim_end_matches('.'));
    }
    let total = seconds.round() as u64;
    let parts: Vec<String> = [
        (total / 86_400, "d"),
        (total / 3600 % 24, "h"),
        (total / 60 % 60, "m"),
        (total % 60, "s"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, u)| format!("{n}{u}"))
    .collect();
    parts.join(" ")
}

/// Seconds since the epoch as a calendar date.
fn day_of(t: f64) -> String {
    date::ymd_of_unix(t.floor() as i64)
}

/// When the reserve is reached, in a table cell: a date, "now" or "not within a year".
pub(crate) fn reach_short(msg: &Msg, r: &Reach) -> String {
    match r {
        Reach::Already => msg.t("history.reach.already"),
        Reach::NotWithinYear => msg.t("history.reach.not_within_year"),
        Reach::At { t, .. } => day_of(*t),
    }
}

/// The forecast of the host in one sentence: the growth of memory in use and when available
/// memory reaches the reserve at that rate.
pub fn forecast_sentence(msg: &Msg, host: &HostTrend) -> String {
    let args = |extra: Vec<(&'static str, String)>| {
        let mut a = vec![
            ("growth", growth(host.used_growth_per_day)),
            ("reserve", host.reserve.to_string()),
        ];
        a.extend(extra);
        a
    };
    match host.reserve_reached {
        Reach::Already => msg.f("history.forecast.already", &args(vec![])),
        Reach::NotWithinYear => msg.f("history.forecast.not_within_year", &args(vec![])),
        Reach::At { t, in_seconds } => msg.f(
            "history.forecast.at",
            &args(vec![
                ("date", day_of(t)),
                ("days", days_from_now(in_seconds)),
            ]),
        ),
    }
}

/// Days until a moment, to a tenth under ten days ("0.3"), whole beyond ("42"): a date that
/// comes within hours is not rounded up to "1 days".
fn days_from_now(in_seconds: f64) -> String {
    let days = in_seconds.max(0.0) / 86_400.0;
    if days < 10.0 {
        format!("{:.1}", (days * 10.0).ceil() / 10.0)
    } else {
        format!("{:.0}", days.ceil())
    }
}

/// Seconds as few digits as they need: "30", "0.2", "1.5".
fn seconds(s: f64) -> String {
    let text = format!("{:.1}", s.max(0.0));
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `hostfit history` as text.
pub fn write_text(view: &HistoryView<'_>, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let msg = Msg::new(lang);
    let h = view.history;
    let (from, to) = h.span().unwrap_or((0.0, 0.0));
    writeln!(
        out,
        "{}",
        msg.f(
            "history.title",
            &[
                ("host", h.host.clone()),
                ("database", view.database.to_string()),
                ("samples", h.available.samples().to_string()),
                ("since", view.since.to_string()),
                ("from", date::rfc3339_of_unix(from.floor() as i64)),
                ("to", date::rfc3339_of_unix(to.floor() as i64)),
                ("every", seconds(h.every_seconds)),
            ],
        )
    )?;
    writeln!(out)?;
    writeln!(out, "{}", msg.t("history.sec.host"))?;
    let mut t = table(&msg, &SPREAD_COLUMNS);
    if let Some(l) = h.available.lows() {
        t.add_row(lows_row(msg.t("history.fig.available"), &l.map(bytes_of)));
    }
    if let Some(p) = h.cpu_used.peaks() {
        t.add_row(peaks_row(msg.t("history.fig.cpu_used"), &p.map(cores_of)));
    }
    align_right(&mut t, 1);
    writeln!(out, "{t}")?;
    writeln!(out, "{}", msg.t("history.note.available"))?;
    writeln!(out)?;
    writeln!(out, "{}", msg.t("history.sec.forecast"))?;
    match &view.forecast.host {
        Some(host) => {
            writeln!(out, "  {}", forecast_sentence(&msg, host))?;
            if view.forecast.short_window {
                writeln!(
                    out,
                    "  {}",
                    short_window(&msg, view.forecast.window_seconds)
                )?;
            }
        }
        None => writeln!(out, "  {}", msg.t("history.forecast.too_few"))?,
    }
    writeln!(out)?;
    writeln!(out, "{}", msg.t("history.sec.workloads"))?;
    if h.workloads.is_empty() {
        writeln!(out, "  {}", msg.t("none"))?;
        return Ok(());
    }
    let mut t = table(
        &msg,
        &[
            "history.col.workload",
            "history.col.kind",
            "history.col.samples",
            "history.col.memory_now",
            "history.col.memory_p95",
            "history.col.memory_max",
            "history.col.cpu_p95",
            "history.col.cpu_max",
            "history.col.growth",
            "history.col.reserve_on",
        ],
    );
    for w in &h.workloads {
        let m = w.memory.peaks().map(|p| p.map(bytes_of));
        let c = w.cpu.peaks().map(|p| p.map(cores_of));
        let trend = view.forecast.workloads.iter().find(|t| t.name == w.name);
        let g = trend.map_or_else(|| "-".to_string(), |t| growth(t.growth_per_day));
        let on = trend
            .and_then(|t| t.reserve_reached)
            .map_or_else(|| "-".to_string(), |r| reach_short(&msg, &r));
        let dash = || "-".to_string();
        t.add_row(vec![
            w.name.clone(),
            msg.kind(w.kind),
            w.memory.samples().to_string(),
            m.map_or_else(dash, |p| p.now.to_string()),
            m.map_or_else(dash, |p| p.p95.to_string()),
            m.map_or_else(dash, |p| p.max.to_string()),
            c.map_or_else(dash, |p| p.p95.to_string()),
            c.map_or_else(dash, |p| p.max.to_string()),
            g,
            on,
        ]);
    }
    align_right(&mut t, 2);
    writeln!(out, "{t}")
}

fn peaks_json<T: serde::Serialize>(p: &Peaks<T>) -> Value {
    json!({"now": p.now, "p50": p.p50, "p95": p.p95, "p99": p.p99, "max": p.max})
}

fn reach_json(r: &Reach) -> Value {
    match r {
        Reach::Already => json!({"kind": "already"}),
        Reach::NotWithinYear => json!({"kind": "not_within_a_year"}),
        Reach::At { t, in_seconds } => json!({
            "kind": "at",
            "date": day_of(*t),
            "in_days": (in_seconds / 86_400.0 * 10.0).round() / 10.0,
        }),
    }
}

/// The host's forecast as JSON.
pub fn forecast_json(f: &Forecast) -> Value {
    json!({
        "window_seconds": f.window_seconds,
        "short_window": f.short_window,
        "host": f.host.as_ref().map(|h| json!({
            "used_growth_bytes_per_day": h.used_growth_per_day.round(),
            "available_fitted_bytes": h.available.at_end.round(),
            "reserve_bytes": h.reserve,
            "reserve_reached": reach_json(&h.reserve_reached),
        })),
        "workloads": f.workloads.iter().map(|w| json!({
            "name": w.name,
            "growth_bytes_per_day": w.growth_per_day.round(),
            "samples": w.samples,
            "reserve_reached": w.reserve_reached.as_ref().map(reach_json),
        })).collect::<Vec<_>>(),
    })
}

/// `hostfit history` as JSON: stable keys with their units, documented in docs/history.md.
pub fn json(view: &HistoryView<'_>) -> Value {
    let h = view.history;
    let (from, to) = h.span().unwrap_or((0.0, 0.0));
    json!({
        "schema": SCHEMA,
        "database": view.database,
        "host": h.host,
        "since": view.since,
        "from": date::rfc3339_of_unix(from.floor() as i64),
        "to": date::rfc3339_of_unix(to.floor() as i64),
        "samples": h.available.samples(),
        "every_seconds": h.every_seconds,
        "memory_total_bytes": h.memory_total,
        "cpu_cores": h.cpu_cores,
        "available_bytes": h.available.lows().map(|l| {
            let l = l.map(bytes_of);
            json!({"now": l.now, "p50": l.p50, "p5": l.p5, "p1": l.p1, "min": l.min})
        }),
        "cpu_used_cores": h.cpu_used.peaks().map(|p| peaks_json(&p.map(cores_of))),
        "forecast": forecast_json(view.forecast),
        "workloads": h.workloads.iter().map(|w| json!({
            "name": w.name,
            "kind": w.kind,
            "samples": w.memory.samples(),
            "memory_bytes": w.memory.peaks().map(|p| peaks_json(&p.map(bytes_of))),
            "cpu_cores": w.cpu.peaks().map(|p| peaks_json(&p.map(cores_of))),
        })).collect::<Vec<_>>(),
    })
}

/// The window of a sampled scan, for the text view of a snapshot.
pub fn write_sampled(s: &Sampled, msg: &Msg, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out)?;
    let key = if s.interrupted {
        "history.sampled.title_interrupted"
    } else {
        "history.sampled.title"
    };
    writeln!(
        out,
        "{}",
        msg.f(
            key,
            &[
                ("samples", s.samples.to_string()),
                ("window", format!("{:.0}", s.window_seconds)),
                ("every", format!("{}", s.every_seconds)),
            ],
        )
    )?;
    let mut t = table(msg, &SPREAD_COLUMNS);
    t.add_row(lows_row(msg.t("history.fig.available"), &s.available));
    t.add_row(peaks_row(msg.t("history.fig.cpu_used"), &s.cpu_used));
    for w in &s.workloads {
        t.add_row(peaks_row(
            msg.f("history.fig.workload_memory", &[("name", w.name.clone())]),
            &w.memory,
        ));
        t.add_row(peaks_row(
            msg.f("history.fig.workload_cpu", &[("name", w.name.clone())]),
            &w.cpu,
        ));
    }
    align_right(&mut t, 1);
    writeln!(out, "{t}")?;
    writeln!(out, "{}", msg.t("history.note.available"))
}

/// The caveat of a forecast fitted over less than a day.
pub fn short_window(msg: &Msg, window_seconds: f64) -> String {
    msg.f(
        "history.forecast.short_window",
        &[("span", span(window_seconds))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_growth() {
        assert_eq!(span(604_800.0), "7d");
        assert_eq!(span(5400.0), "1h 30m");
        assert_eq!(span(0.5), "0.5s");
        assert_eq!(span(45.0), "45s");
        assert_eq!(growth(12.0 * 1024.0 * 1024.0), "+12.0 MiB");
        assert_eq!(growth(-1024.0 * 1024.0 * 1024.0 * 20.0), "-20.0 GiB");
    }

    #[test]
    fn days_ahead_and_intervals_as_written() {
        // 6 hours is a quarter of a day, shown to the tenth above: 0.3.
        assert_eq!(days_from_now(6.0 * 3600.0), "0.3");
        assert_eq!(days_from_now(86_400.0), "1.0");
        // 42 days and an hour: whole days beyond ten, rounded up.
        assert_eq!(days_from_now(42.0 * 86_400.0 + 3600.0), "43");
        assert_eq!(seconds(0.2), "0.2");
        assert_eq!(seconds(30.0), "30");
    }
}
