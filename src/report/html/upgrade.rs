//! The upgrade chart: each upgrade the planner found, its cost per month beside the memory it
//! leaves after the scenario's new services (its headroom; below zero it is short), the cost of
//! the current type as a dashed line. Its figures are in the table beside it. Decides nothing.

use super::page::{Figure, FigureCell, FigureTable};
use super::svg::{Anchor, Canvas, label_width};
use crate::plan::Upgrade;
use crate::report::document::money;
use crate::report::messages::Msg;
use crate::report::{ReportInput, signed_bytes};

const COST: f64 = 200.0;
const ROOM: f64 = 240.0;
const GAP: f64 = 24.0;
const ROW: f64 = 24.0;
const BAR: f64 = 14.0;
const PAD: f64 = 8.0;
const TOP: f64 = 40.0;

/// Memory left on the type after the scenario's new services: its room less their demand.
fn headroom(u: &Upgrade) -> i64 {
    let v = i128::from(u.checks.memory.room) - i128::from(u.checks.memory.demand.0);
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// The chart, when the planner priced any upgrade.
pub(super) fn figure(msg: &Msg, input: &ReportInput<'_>) -> Option<Figure> {
    let o = &input.analysis.options;
    if o.upgrade.is_empty() {
        return None;
    }
    let labels: Vec<String> = o
        .upgrade
        .iter()
        .map(|u| {
            msg.f(
                "html.upgrade.row",
                &[
                    ("scenario", u.scenario.clone()),
                    ("instance", u.instance.clone()),
                ],
            )
        })
        .collect();
    let values: Vec<String> = o
        .upgrade
        .iter()
        .map(|u| {
            msg.f(
                "html.upgrade.value",
                &[
                    ("cost", money(u.monthly_cost, &u.currency)),
                    ("headroom", signed_bytes(headroom(u))),
                ],
            )
        })
        .collect();
    let current = o.current.as_ref().map(|c| c.monthly_cost);
    let max_cost = o
        .upgrade
        .iter()
        .map(|u| u.monthly_cost)
        .chain(current)
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let lo = o.upgrade.iter().map(headroom).min().unwrap_or(0).min(0) as f64;
    let hi = o.upgrade.iter().map(headroom).max().unwrap_or(0).max(0) as f64;
    let span = (hi - lo).max(1.0);
    let left = labels
        .iter()
        .map(|l| label_width(l, "label"))
        .fold(0.0, f64::max)
        + 2.0 * PAD;
    let right = values
        .iter()
        .map(|v| label_width(v, "label"))
        .fold(0.0, f64::max)
        + 2.0 * PAD;
    let cost_x = |v: f64| left + v / max_cost * COST;
    let room_left = left + COST + GAP;
    let room_x = |v: f64| room_left + (v - lo) / span * ROOM;
    let width = room_left + ROOM + right;
    let mut canvas = Canvas::new(width, 0.0);
    canvas.text(
        left,
        14.0,
        Anchor::Start,
        "label strong",
        &msg.t("html.upgrade.cost"),
        COST + GAP - 4.0,
    );
    canvas.text(
        room_left,
        14.0,
        Anchor::Start,
        "label strong",
        &msg.t("html.upgrade.headroom"),
        ROOM + right - PAD,
    );
    let mut y = TOP;
    for ((u, label), value) in o.upgrade.iter().zip(&labels).zip(&values) {
        canvas.text(
            left - PAD,
            y + 11.0,
            Anchor::End,
            "label",
            label,
            left - PAD,
        );
        canvas.rect(
            left,
            y,
            cost_x(u.monthly_cost) - left,
            BAR,
            "cost",
            money(u.monthly_cost, &u.currency),
        );
        let (a, b) = (room_x(0.0), room_x(headroom(u) as f64));
        canvas.rect(
            a.min(b),
            y,
            (b - a).abs(),
            BAR,
            u.verdict.key(),
            signed_bytes(headroom(u)),
        );
        canvas.text(
            room_left + ROOM + PAD,
            y + 11.0,
            Anchor::Start,
            "label",
            value,
            right - PAD,
        );
        y += ROW;
    }
    let zero = room_x(0.0);
    canvas.line(zero, TOP - 6.0, zero, y, "limit");
    if let (Some(cost), Some(c)) = (current, o.current.as_ref()) {
        let cx = cost_x(cost);
        canvas.line(cx, TOP - 6.0, cx, y, "current");
        let text = msg.f(
            "html.upgrade.current",
            &[("cost", money(cost, &c.currency))],
        );
        canvas.text(
            cx + 3.0,
            30.0,
            Anchor::Start,
            "small",
            &text,
            room_left - cx - 6.0,
        );
    }
    canvas.set_height(y + 6.0);
    Some(Figure {
        id: "upgrade".into(),
        title: msg.t("html.upgrade.title"),
        caption: msg.t("html.upgrade.caption"),
        chart: canvas,
        tables: vec![table(msg, input)],
    })
}

fn table(msg: &Msg, input: &ReportInput<'_>) -> FigureTable {
    let o = &input.analysis.options;
    let rows = o
        .upgrade
        .iter()
        .map(|u| {
            vec![
                FigureCell::text(format!("{} · {}", u.scenario, u.instance)),
                FigureCell::num(money(u.monthly_cost, &u.currency)),
                FigureCell::num(
                    u.delta
                        .map_or_else(|| "-".to_string(), |d| format!("{d:+.2}")),
                ),
                FigureCell::num(u.usable_memory_bytes.to_string()),
                FigureCell::num(signed_bytes(headroom(u))),
                FigureCell::num(
                    crate::model::Cores(u.checks.cpu.limit.0 - u.checks.cpu.planned.0).to_string(),
                ),
                FigureCell::verdict(msg, u.verdict),
            ]
        })
        .collect();
    FigureTable {
        caption: msg.t("html.upgrade.table"),
        header: vec![
            msg.t("html.col.scenario_instance"),
            msg.t("col.monthly"),
            msg.t("col.delta"),
            msg.t("col.usable"),
            msg.t("html.col.headroom"),
            msg.t("html.col.cpu_left"),
            msg.t("col.verdict"),
        ],
        rows,
    }
}
