//! The demand-and-room chart: for each scenario, each resource's demand as a bar in the colour
//! of its verdict, against the room (a solid line: within it the demand fits) and what is
//! available (a dashed line: within it the demand is only tight). One scale per resource, the
//! same for every scenario. Its figures are in the table beside it. `hosts` draws the same chart
//! for the hosts of a placement, each host's demand being what was placed on it. Decides nothing.

use super::page::{Figure, FigureCell, FigureTable};
use super::svg::{Anchor, Canvas, label_width};
use crate::plan::{Checks, Verdict};
use crate::report::messages::Msg;
use crate::report::{ReportInput, signed_bytes};

const PLOT: f64 = 420.0;
const ROW: f64 = 22.0;
const BAR: f64 = 14.0;
const PAD: f64 = 8.0;

/// One resource of one scenario as plain numbers: demand, room, the tight bound, and how each
/// is printed.
struct Measure {
    name: String,
    demand: f64,
    room: f64,
    bound: f64,
    verdict: Verdict,
    demand_text: String,
    room_text: String,
    bound_text: String,
}

fn measures(msg: &Msg, checks: &Checks) -> Vec<Measure> {
    let m = &checks.memory;
    let c = &checks.cpu;
    let mut out = vec![
        Measure {
            name: msg.t("col.memory"),
            demand: m.demand.0 as f64,
            room: m.room as f64,
            bound: m.available.0 as f64,
            verdict: m.verdict,
            demand_text: m.demand.to_string(),
            room_text: signed_bytes(m.room),
            bound_text: m.available.to_string(),
        },
        Measure {
            name: msg.t("col.cpu"),
            demand: c.demand.0,
            room: c.room.0,
            bound: c.cores.0 - c.used.0,
            verdict: c.verdict,
            demand_text: c.demand.to_string(),
            room_text: c.room.to_string(),
            bound_text: crate::model::Cores(c.cores.0 - c.used.0).to_string(),
        },
    ];
    if let Some(d) = &checks.disk {
        out.push(Measure {
            name: msg.t("col.disk"),
            demand: d.demand.0 as f64,
            room: d.room as f64,
            bound: d.available.0 as f64,
            verdict: d.verdict,
            demand_text: d.demand.to_string(),
            room_text: signed_bytes(d.room),
            bound_text: d.available.to_string(),
        });
    }
    out
}

pub(super) fn figure(msg: &Msg, input: &ReportInput<'_>) -> Figure {
    let a = input.analysis;
    let groups: Vec<(String, String, &Checks)> = a
        .scenarios
        .iter()
        .map(|s| {
            let head = msg.f(
                "html.demand.heading",
                &[
                    ("scenario", s.name.clone()),
                    ("tier", msg.tier(s.tier)),
                    ("verdict", msg.verdict(s.verdict)),
                ],
            );
            (s.name.clone(), head, &s.checks)
        })
        .collect();
    let (chart, rows) = draw(msg, &groups);
    Figure {
        id: "demand".into(),
        title: msg.t("html.demand.title"),
        caption: msg.t("html.demand.caption"),
        chart,
        tables: vec![table(
            msg,
            "html.demand.table",
            "html.col.scenario_resource",
            rows,
        )],
    }
}

/// The chart for the hosts of a placement that received services: what was placed on each
/// against its room.
pub fn hosts(msg: &Msg, hosts: &[(String, Verdict, &Checks)]) -> Figure {
    let groups: Vec<(String, String, &Checks)> = hosts
        .iter()
        .map(|(name, verdict, checks)| {
            let head = msg.f(
                "html.place.heading",
                &[("host", name.clone()), ("verdict", msg.verdict(*verdict))],
            );
            (name.clone(), head, *checks)
        })
        .collect();
    let (chart, rows) = draw(msg, &groups);
    Figure {
        id: "hosts".into(),
        title: msg.t("html.place.title"),
        caption: msg.t("html.place.caption"),
        chart,
        tables: vec![table(
            msg,
            "html.place.table",
            "html.col.host_resource",
            rows,
        )],
    }
}

/// The bars of `groups` (a name, its heading, its checks), and the rows of the table beside.
fn draw(msg: &Msg, groups: &[(String, String, &Checks)]) -> (Canvas, Vec<Vec<FigureCell>>) {
    let all: Vec<Vec<Measure>> = groups.iter().map(|(_, _, c)| measures(msg, c)).collect();
    // One scale per resource (by position: memory, CPU, disk), over every group.
    let scale: Vec<f64> = (0..3)
        .map(|i| {
            all.iter()
                .filter_map(|m| m.get(i))
                .map(|m| m.demand.max(m.room).max(m.bound))
                .fold(0.0, f64::max)
                .max(f64::MIN_POSITIVE)
        })
        .collect();
    let heads: Vec<String> = groups.iter().map(|(_, h, _)| h.clone()).collect();
    let values: Vec<Vec<String>> = all
        .iter()
        .map(|ms| {
            ms.iter()
                .map(|m| {
                    msg.f(
                        "html.demand.value",
                        &[
                            ("demand", m.demand_text.clone()),
                            ("room", m.room_text.clone()),
                        ],
                    )
                })
                .collect()
        })
        .collect();
    let left = all
        .iter()
        .flatten()
        .map(|m| label_width(&m.name, "label"))
        .fold(0.0, f64::max)
        + 2.0 * PAD;
    let right = values
        .iter()
        .flatten()
        .map(|v| label_width(v, "label"))
        .fold(0.0, f64::max)
        + 2.0 * PAD;
    let heads_width = heads
        .iter()
        .map(|h| label_width(h, "label strong"))
        .fold(0.0, f64::max)
        + 2.0 * PAD;
    let width = (left + PLOT + right).max(heads_width);
    let mut canvas = Canvas::new(width, 0.0);
    let mut y = 6.0;
    for ((head, ms), vals) in heads.iter().zip(&all).zip(&values) {
        canvas.text(
            PAD,
            y + 13.0,
            Anchor::Start,
            "label strong",
            head,
            width - 2.0 * PAD,
        );
        y += ROW;
        for (i, (m, value)) in ms.iter().zip(vals).enumerate() {
            let max = scale.get(i).copied().unwrap_or(1.0);
            let x = |v: f64| left + (v.max(0.0) / max).min(1.0) * PLOT;
            canvas.text(
                left - PAD,
                y + 11.0,
                Anchor::End,
                "label",
                &m.name,
                left - PAD,
            );
            canvas.rect(left, y, PLOT, BAR, "track", m.name.clone());
            canvas.rect(
                left,
                y,
                x(m.demand) - left,
                BAR,
                m.verdict.key(),
                format!("{}: {}", m.name, m.demand_text),
            );
            canvas.line(
                x(m.bound),
                y - 3.0,
                x(m.bound),
                y + BAR + 3.0,
                "tight-limit",
            );
            canvas.line(x(m.room), y - 3.0, x(m.room), y + BAR + 3.0, "limit");
            canvas.text(
                left + PLOT + PAD,
                y + 11.0,
                Anchor::Start,
                "label",
                value,
                right - PAD,
            );
            y += ROW;
        }
        y += 8.0;
    }
    canvas.set_height(y);
    let mut rows = Vec::new();
    for ((name, _, _), ms) in groups.iter().zip(&all) {
        for m in ms {
            rows.push(vec![
                FigureCell::text(format!("{name} · {}", m.name)),
                FigureCell::num(m.demand_text.clone()),
                FigureCell::num(m.room_text.clone()),
                FigureCell::num(m.bound_text.clone()),
                FigureCell::verdict(msg, m.verdict),
            ]);
        }
    }
    (canvas, rows)
}

fn table(msg: &Msg, caption: &str, first: &str, rows: Vec<Vec<FigureCell>>) -> FigureTable {
    FigureTable {
        caption: msg.t(caption),
        header: vec![
            msg.t(first),
            msg.t("html.col.demand"),
            msg.t("html.col.room"),
            msg.t("html.col.tight_bound"),
            msg.t("col.verdict"),
        ],
        rows,
    }
}
