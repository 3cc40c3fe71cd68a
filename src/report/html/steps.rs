//! The phased chart: the planner's gated rollout as steps. Each batch is a column whose bar
//! climbs from the memory the batches before it take to what it adds, in the colour of its
//! verdict by estimate, against the room now (solid) and what is available now (dashed); under
//! it the batch's services, its memory, its gate and its verdicts. Its figures are in the table
//! beside it. Decides nothing.

use super::page::{Figure, FigureCell, FigureTable};
use super::svg::{Anchor, Canvas, label_width};
use crate::model::Bytes;
use crate::plan::PhasedBatch;
use crate::report::ReportInput;
use crate::report::messages::Msg;

const PLOT_H: f64 = 150.0;
const MIN_COL: f64 = 96.0;
const PAD: f64 = 8.0;
const TOP: f64 = 12.0;
const LINE: f64 = 15.0;

/// The lines of text under a batch's column, with their classes.
fn column_lines(
    msg: &Msg,
    i: usize,
    b: &PhasedBatch,
    on_upgrade: Option<&PhasedBatch>,
) -> Vec<(&'static str, String)> {
    let mut lines = vec![(
        "label strong",
        msg.f("html.steps.batch", &[("n", (i + 1).to_string())]),
    )];
    lines.extend(b.services.iter().map(|s| ("label", s.clone())));
    lines.push((
        "small",
        msg.f("html.steps.adds", &[("memory", b.needs.memory.to_string())]),
    ));
    lines.push((
        "small",
        msg.f(
            "html.steps.gate",
            &[("memory", b.gate.available_at_least_bytes.to_string())],
        ),
    ));
    lines.push((
        "small",
        msg.f(
            "html.steps.estimate",
            &[("verdict", msg.verdict(b.by_estimate))],
        ),
    ));
    if let Some(u) = on_upgrade {
        lines.push((
            "small",
            msg.f(
                "html.steps.upgraded",
                &[("verdict", msg.verdict(u.by_estimate))],
            ),
        ));
    }
    lines
}

/// The chart, when there is a rollout to show.
pub(super) fn figure(msg: &Msg, input: &ReportInput<'_>) -> Option<Figure> {
    let a = input.analysis;
    let o = &a.options;
    if o.phased.is_empty() {
        return None;
    }
    let upgraded = o.phased_on_upgrade.as_ref();
    let columns: Vec<Vec<(&'static str, String)>> = o
        .phased
        .iter()
        .enumerate()
        .map(|(i, b)| column_lines(msg, i, b, upgraded.and_then(|u| u.batches.get(i))))
        .collect();
    let widths: Vec<f64> = columns
        .iter()
        .map(|lines| {
            lines
                .iter()
                .map(|(class, text)| label_width(text, class))
                .fold(MIN_COL, f64::max)
                + 2.0 * PAD
        })
        .collect();
    let c = &a.capacity;
    let room = c.memory_room().max(0) as f64;
    let available = c.memory_available.0 as f64;
    let total: u64 = o.phased.iter().map(|b| b.needs.memory.0).sum();
    let max = (total as f64).max(available).max(1.0);
    let room_text = msg.f(
        "html.steps.room",
        &[("room", crate::report::signed_bytes(c.memory_room()))],
    );
    let available_text = msg.f(
        "html.steps.available",
        &[("available", c.memory_available.to_string())],
    );
    let right =
        label_width(&room_text, "small").max(label_width(&available_text, "small")) + 2.0 * PAD;
    let plot_w: f64 = widths.iter().sum();
    let width = PAD + plot_w + right;
    let base = TOP + PLOT_H;
    let y = |bytes: f64| base - bytes / max * PLOT_H;
    let mut canvas = Canvas::new(width, 0.0);
    canvas.line(PAD, base, PAD + plot_w, base, "axis");
    let mut x = PAD;
    let mut before = 0u64;
    let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
    for ((b, lines), w) in o.phased.iter().zip(&columns).zip(&widths) {
        let bar_w = (w - 2.0 * PAD).min(60.0);
        let bar_x = x + (w - bar_w) / 2.0;
        let after = before + b.needs.memory.0;
        canvas.rect(
            bar_x,
            y(before as f64),
            bar_w,
            base - y(before as f64),
            "used",
            Bytes(before).to_string(),
        );
        canvas.rect(
            bar_x,
            y(after as f64),
            bar_w,
            y(before as f64) - y(after as f64),
            b.by_estimate.key(),
            format!("{}: +{}", msg.join(&b.services), b.needs.memory),
        );
        for (k, (class, text)) in lines.iter().enumerate() {
            let ty = base + 18.0 + k as f64 * LINE;
            canvas.text(x + w / 2.0, ty, Anchor::Middle, class, text, w - 2.0 * PAD);
        }
        before = after;
        x += w;
    }
    for (value, class, text, ty) in [
        (room, "limit", &room_text, 0.0),
        (available, "tight-limit", &available_text, 0.0),
    ] {
        let ly = y(value) + ty;
        canvas.line(PAD, ly, PAD + plot_w, ly, class);
        canvas.text(
            PAD + plot_w + PAD,
            ly + 4.0,
            Anchor::Start,
            "small",
            text,
            right - PAD,
        );
    }
    canvas.set_height(base + 18.0 + rows as f64 * LINE + 4.0);
    Some(Figure {
        id: "phased".into(),
        title: msg.t("html.steps.title"),
        caption: msg.t("html.steps.caption"),
        chart: canvas,
        tables: vec![table(msg, input)],
    })
}

fn table(msg: &Msg, input: &ReportInput<'_>) -> FigureTable {
    let o = &input.analysis.options;
    let upgraded = o.phased_on_upgrade.as_ref();
    let mut header = vec![
        msg.t("col.batch"),
        msg.t("col.services"),
        msg.t("col.mem_demand"),
        msg.t("html.col.gate_memory"),
        msg.t("html.col.gate_cpu"),
        msg.t("col.now"),
        msg.t("col.by_estimate"),
    ];
    if let Some(u) = upgraded {
        header.push(msg.f("col.after_upgrade", &[("instance", u.instance.clone())]));
    }
    let rows = o
        .phased
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let now = match b.met_now {
                Some(true) => msg.t("phased.met"),
                Some(false) => msg.t("phased.not_met"),
                None => "-".to_string(),
            };
            let mut row = vec![
                FigureCell::num((i + 1).to_string()),
                FigureCell::text(msg.join(&b.services)),
                FigureCell::num(b.needs.memory.to_string()),
                FigureCell::num(b.gate.available_at_least_bytes.to_string()),
                FigureCell::num(b.gate.cpu_busy_at_most_cores.to_string()),
                FigureCell::text(now),
                FigureCell::verdict(msg, b.by_estimate),
            ];
            if let Some(on) = upgraded.and_then(|u| u.batches.get(i)) {
                row.push(FigureCell::verdict(msg, on.by_estimate));
            }
            row
        })
        .collect();
    FigureTable {
        caption: msg.t("html.steps.table"),
        header,
        rows,
    }
}
