//! The memory chart: the host's memory as a stacked bar now (each workload, other, available)
//! and after each scenario (its new demand in the colour of its verdict), on one scale, with
//! the host's total and the reserve as lines across every bar. Its figures are in the tables
//! beside it. Draws what the analysis says; decides nothing.

use super::page::{Figure, FigureCell, FigureTable};
use super::svg::{Anchor, Canvas, label_width, legend};
use crate::model::Bytes;
use crate::report::messages::Msg;
use crate::report::{ReportInput, percent, signed_bytes};

const PLOT: f64 = 640.0;
const ROW: f64 = 30.0;
const BAR: f64 = 18.0;
const TOP: f64 = 40.0;
const PAD: f64 = 8.0;

/// One stretch of a bar.
struct Segment {
    class: &'static str,
    name: String,
    bytes: u64,
}

/// The bar of the host now: each workload less the cache it shares with MemAvailable, other,
/// then available. Under a cap below the host, what the cap holds and what it has left.
fn now_segments(msg: &Msg, input: &ReportInput<'_>) -> Vec<Segment> {
    let a = input.analysis;
    let c = &a.capacity;
    let r = &a.reconciliation;
    let mut out = Vec::new();
    if c.memory_total == r.total {
        for (i, w) in input.snapshot.workloads.iter().enumerate() {
            let cache = w.active_file.map_or(Bytes::ZERO, |f| f.min(w.memory));
            out.push(Segment {
                class: ["w0", "w1", "w2", "w3", "w4", "w5"][i % 6],
                name: w.name.clone(),
                bytes: w.memory.saturating_sub(cache).0,
            });
        }
        out.push(Segment {
            class: "other",
            name: msg.t("html.mem.other"),
            bytes: u64::try_from(r.other.max(0)).unwrap_or(0),
        });
    } else {
        out.push(Segment {
            class: "used",
            name: msg.t("html.mem.in_use"),
            bytes: c.memory_total.saturating_sub(c.memory_available).0,
        });
    }
    out.push(Segment {
        class: "available",
        name: msg.t("html.mem.available"),
        bytes: c.memory_available.0,
    });
    out
}

pub(super) fn figure(msg: &Msg, input: &ReportInput<'_>) -> Figure {
    let a = input.analysis;
    let c = &a.capacity;
    let now = now_segments(msg, input);
    let (available_seg, in_use) = now
        .split_last()
        .map_or((None, &[][..]), |(l, r)| (Some(l), r));
    let used: u64 = in_use.iter().map(|s| s.bytes).sum();
    let available = available_seg.map_or(0, |s| s.bytes);
    let total = c.memory_total.0;
    let scale_max = a
        .scenarios
        .iter()
        .map(|s| used + s.needs.memory.0)
        .chain([total, used + available])
        .max()
        .unwrap_or(1)
        .max(1) as f64;

    // Labels and their column widths.
    let now_label = msg.t("html.mem.now");
    let now_value = msg.f(
        "html.mem.now_value",
        &[
            ("available", c.memory_available.to_string()),
            ("room", signed_bytes(c.memory_room())),
        ],
    );
    let rows: Vec<(String, String)> = a
        .scenarios
        .iter()
        .map(|s| {
            (
                msg.f("html.mem.after", &[("scenario", s.name.clone())]),
                msg.f(
                    "html.mem.after_value",
                    &[
                        ("demand", s.needs.memory.to_string()),
                        ("verdict", msg.verdict(s.checks.memory.verdict)),
                    ],
                ),
            )
        })
        .collect();
    let left = std::iter::once(&now_label)
        .chain(rows.iter().map(|(l, _)| l))
        .map(|l| label_width(l, "label strong"))
        .fold(0.0, f64::max)
        + 2.0 * PAD;
    let right = std::iter::once(&now_value)
        .chain(rows.iter().map(|(_, v)| v))
        .map(|v| label_width(v, "label"))
        .fold(0.0, f64::max)
        + 2.0 * PAD;
    let width = left + PLOT + right;
    let x = |bytes: f64| left + bytes / scale_max * PLOT;
    let mut canvas = Canvas::new(width, 0.0);

    // The bars.
    let mut y = TOP;
    let total_x = x(total as f64);
    // Draws one bar; the figure of segment `highlight` goes on it, or after the bar (and the
    // total line) when it does not fit on it.
    let bar = |canvas: &mut Canvas,
               label: &str,
               value: &str,
               segments: &[Segment],
               highlight: usize,
               y: f64| {
        canvas.text(
            left - PAD,
            y + 13.0,
            Anchor::End,
            "label strong",
            label,
            left - PAD,
        );
        let mut at = 0u64;
        for (i, s) in segments.iter().enumerate() {
            let (x0, x1) = (x(at as f64), x((at + s.bytes) as f64));
            canvas.rect(
                x0,
                y,
                x1 - x0,
                BAR,
                s.class,
                format!("{}: {}", s.name, Bytes(s.bytes)),
            );
            at += s.bytes;
            if i != highlight {
                continue;
            }
            let figure = Bytes(s.bytes).to_string();
            let mid = (x0 + x1) / 2.0;
            // white on the verdicts' strong colours, ink on the pale green of what is available
            let class = if s.class == "available" {
                "small on-light"
            } else {
                "small on-bar"
            };
            if !canvas.text(mid, y + 13.0, Anchor::Middle, class, &figure, x1 - x0 - 4.0) {
                let after =
                    x(segments.iter().map(|s| s.bytes).sum::<u64>() as f64).max(total_x) + 6.0;
                canvas.text(
                    after,
                    y + 13.0,
                    Anchor::Start,
                    "label strong",
                    &figure,
                    left + PLOT - after,
                );
            }
        }
        canvas.text(
            left + PLOT + PAD,
            y + 13.0,
            Anchor::Start,
            "label",
            value,
            right - PAD,
        );
    };
    bar(
        &mut canvas,
        &now_label,
        &now_value,
        &now,
        now.len().saturating_sub(1),
        y,
    );
    for (s, (label, value)) in a.scenarios.iter().zip(&rows) {
        y += ROW;
        let mut segments: Vec<Segment> = in_use
            .iter()
            .map(|seg| Segment {
                class: seg.class,
                name: seg.name.clone(),
                bytes: seg.bytes,
            })
            .collect();
        segments.push(Segment {
            class: s.checks.memory.verdict.key(),
            name: msg.f("html.mem.new", &[("scenario", s.name.clone())]),
            bytes: s.needs.memory.0,
        });
        segments.push(Segment {
            class: "available",
            name: msg.t("html.mem.available_after"),
            bytes: available.saturating_sub(s.needs.memory.0),
        });
        bar(&mut canvas, label, value, &segments, in_use.len(), y);
    }
    let bottom = y + BAR + 6.0;

    // The total and the reserve, across every bar, labelled above them.
    let reserve_x = x(total.saturating_sub(c.memory_reserve.0) as f64);
    canvas.line(total_x, TOP - 26.0, total_x, bottom, "total");
    canvas.line(reserve_x, TOP - 10.0, reserve_x, bottom, "reserve");
    let total_text = msg.f(
        "html.mem.total_line",
        &[("total", c.memory_total.to_string())],
    );
    let reserve_text = msg.f(
        "html.mem.reserve_line",
        &[
            ("reserve", c.memory_reserve.to_string()),
            ("share", a.policy.memory_reserve.to_string()),
        ],
    );
    marker_label(&mut canvas, total_x, 12.0, &total_text);
    marker_label(&mut canvas, reserve_x, 28.0, &reserve_text);

    // The legend.
    let mut entries: Vec<(&'static str, String)> =
        now.iter().map(|s| (s.class, s.name.clone())).collect();
    for v in [
        crate::plan::Verdict::Fits,
        crate::plan::Verdict::Tight,
        crate::plan::Verdict::DoesNotFit,
    ] {
        if a.scenarios.iter().any(|s| s.checks.memory.verdict == v) {
            entries.push((
                v.key(),
                msg.f("html.mem.legend_new", &[("verdict", msg.verdict(v))]),
            ));
        }
    }
    let used_h = legend(&mut canvas, &entries, PAD, bottom + 10.0, width - 2.0 * PAD);
    canvas.set_height(bottom + 10.0 + used_h + 6.0);

    Figure {
        id: "memory".into(),
        title: msg.t("html.mem.title"),
        caption: msg.f(
            "html.mem.caption",
            &[
                ("available", c.memory_available.to_string()),
                ("reserve", c.memory_reserve.to_string()),
                ("room", signed_bytes(c.memory_room())),
            ],
        ),
        chart: canvas,
        tables: vec![now_table(msg, &now, total), after_table(msg, input)],
    }
}

/// A line's label above the plot: ending at the line when there is room on its left, else
/// starting there.
fn marker_label(canvas: &mut Canvas, x: f64, y: f64, text: &str) {
    if !canvas.text(x - 3.0, y, Anchor::End, "small", text, x - 3.0 - PAD) {
        let room_right = canvas.width() - x - PAD;
        canvas.text(x + 3.0, y, Anchor::Start, "small", text, room_right);
    }
}

fn now_table(msg: &Msg, now: &[Segment], total: u64) -> FigureTable {
    let mut rows: Vec<Vec<FigureCell>> = now
        .iter()
        .map(|s| {
            vec![
                FigureCell::text(s.name.clone()),
                FigureCell::num(Bytes(s.bytes).to_string()),
                FigureCell::num(percent(s.bytes as f64, total as f64)),
            ]
        })
        .collect();
    rows.push(vec![
        FigureCell::text(msg.t("html.mem.total")),
        FigureCell::num(Bytes(total).to_string()),
        FigureCell::num(percent(total as f64, total as f64)),
    ]);
    FigureTable {
        caption: msg.t("html.mem.now_table"),
        header: vec![
            msg.t("col.line"),
            msg.t("col.memory"),
            msg.t("col.share_total"),
        ],
        rows,
    }
}

fn after_table(msg: &Msg, input: &ReportInput<'_>) -> FigureTable {
    let a = input.analysis;
    let rows = a
        .scenarios
        .iter()
        .map(|s| {
            let m = &s.checks.memory;
            let left = i128::from(m.available.0) - i128::from(m.demand.0);
            let room_left = i128::from(m.room) - i128::from(m.demand.0);
            let clamp =
                |v: i128| i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX });
            vec![
                FigureCell::text(s.name.clone()),
                FigureCell::num(m.demand.to_string()),
                FigureCell::num(m.available.to_string()),
                FigureCell::num(m.reserve.to_string()),
                FigureCell::num(signed_bytes(clamp(left))),
                FigureCell::num(signed_bytes(clamp(room_left))),
                FigureCell::verdict(msg, m.verdict),
            ]
        })
        .collect();
    FigureTable {
        caption: msg.t("html.mem.after_table"),
        header: vec![
            msg.t("col.scenario"),
            msg.t("col.mem_demand"),
            msg.t("html.col.available_now"),
            msg.t("html.col.reserve"),
            msg.t("html.col.available_after"),
            msg.t("html.col.room_after"),
            msg.t("col.memory"),
        ],
        rows,
    }
}
