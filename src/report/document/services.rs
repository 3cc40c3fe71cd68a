//! The document's middle: the services to add, the scenarios with their verdicts, and what fits
//! now. Renders the planner's results only.

use super::state::needs_cell;
use super::{Cell, Doc};
use crate::model::Bytes;
use crate::plan::Selection;
use crate::report::messages::Msg;
use crate::report::{ReportInput, signed_bytes};

pub(super) fn services(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let a = input.analysis;
    doc.h(2, msg.t("sec.services"));
    doc.p(msg.t("services.legend"));
    let tiers = crate::model::Tier::ALL;
    let mut header = vec![
        msg.t("col.service"),
        msg.t("col.purpose"),
        msg.t("col.port"),
        msg.t("col.priority"),
    ];
    header.extend(tiers.iter().map(|t| msg.tier(*t)));
    header.push(msg.t("col.parts"));
    let rows = a
        .services
        .iter()
        .map(|s| {
            let mut row = vec![
                Cell::text(s.name.clone()),
                Cell::text(s.purpose.clone().unwrap_or_default()),
                Cell::num(
                    s.port
                        .map_or_else(|| msg.t("port.unknown"), |p| p.to_string()),
                ),
                Cell::num(s.priority.to_string()),
            ];
            for t in tiers {
                let text = s
                    .tiers
                    .iter()
                    .find(|(tier, _)| *tier == t)
                    .map_or_else(|| "-".to_string(), |(_, n)| needs_cell(msg, n));
                row.push(Cell::text(text));
            }
            row.push(Cell::num(
                s.parts_sum.map_or_else(|| "-".into(), |p| p.to_string()),
            ));
            row
        })
        .collect();
    doc.table(header, rows);
    let parts: Vec<String> = a
        .services
        .iter()
        .filter(|s| !s.parts.is_empty())
        .map(|s| {
            let listed: Vec<String> = s.parts.iter().map(|(n, r)| format!("{n} {r}")).collect();
            let sum = s.parts_sum.map(|p| p.to_string()).unwrap_or_default();
            format!("{}: {} = {}", s.name, msg.join(&listed), sum)
        })
        .collect();
    if !parts.is_empty() {
        doc.h(3, msg.t("sec.parts"));
        doc.list(parts);
    }
    let alternatives: Vec<String> = a
        .services
        .iter()
        .flat_map(|s| {
            s.alternatives.iter().map(move |(name, purpose, needs)| {
                msg.f(
                    "alternative.line",
                    &[
                        ("service", s.name.clone()),
                        ("alternative", name.clone()),
                        ("purpose", purpose.clone().unwrap_or_default()),
                        ("needs", needs_cell(msg, needs)),
                    ],
                )
            })
        })
        .collect();
    if !alternatives.is_empty() {
        doc.h(3, msg.t("sec.alternatives"));
        doc.list(alternatives);
    }
}

pub(super) fn scenarios(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let a = input.analysis;
    doc.h(2, msg.t("sec.scenarios"));
    doc.p(msg.f(
        "scenarios.rule",
        &[
            ("room", signed_bytes(a.capacity.memory_room())),
            ("available", a.capacity.memory_usable().to_string()),
            ("limit", a.capacity.cpu_limit().to_string()),
            ("cores", a.capacity.cpu_cores.to_string()),
        ],
    ));
    // With databases among the workloads, every verdict says what they are counted at.
    let engines = !a.engines.lines.is_empty();
    if engines {
        doc.p(msg.f(
            "scenarios.engines",
            &[("basis", msg.t(&format!("basis.{}", a.engines.basis.key())))],
        ));
    }
    let mut header = vec![
        msg.t("col.scenario"),
        msg.t("col.tier"),
        msg.t("col.mem_demand"),
        msg.t("col.mem_room"),
        msg.t("col.memory"),
        msg.t("col.cpu_planned"),
        msg.t("col.cpu_limit"),
        msg.t("col.cpu"),
        msg.t("col.disk_demand"),
        msg.t("col.disk_room"),
        msg.t("col.disk"),
        msg.t("col.verdict"),
    ];
    if engines {
        header.push(msg.t("col.basis"));
    }
    let rows = a
        .scenarios
        .iter()
        .map(|s| {
            let c = &s.checks;
            let (dd, dr, dv) = match &c.disk {
                Some(d) => (
                    Cell::num(d.demand.to_string()),
                    Cell::num(signed_bytes(d.room)),
                    Cell::verdict(msg, d.verdict),
                ),
                None => (Cell::num("-"), Cell::num("-"), Cell::text("-")),
            };
            let mut row = vec![
                Cell::text(s.name.clone()),
                Cell::text(msg.tier(s.tier)),
                Cell::num(c.memory.demand.to_string()),
                Cell::num(signed_bytes(c.memory.room)),
                Cell::verdict(msg, c.memory.verdict),
                Cell::num(c.cpu.planned.to_string()),
                Cell::num(c.cpu.limit.to_string()),
                Cell::verdict(msg, c.cpu.verdict),
                dd,
                dr,
                dv,
                Cell::verdict(msg, s.verdict),
            ];
            if engines {
                row.push(Cell::text(msg.t(&format!("basis.{}", s.engines.key()))));
            }
            row
        })
        .collect();
    doc.table(header, rows);
    let lines: Vec<String> = a
        .scenarios
        .iter()
        .map(|s| {
            let mut parts = Vec::new();
            let m = &s.checks.memory;
            if m.shortfall > Bytes::ZERO {
                parts.push(msg.f(
                    "short.memory",
                    &[
                        ("bytes", m.shortfall.to_string()),
                        ("pct", format!("{:.1}%", m.shortfall_percent_of_total)),
                    ],
                ));
            }
            if s.checks.cpu.shortfall.0 > 1e-9 {
                parts.push(msg.f(
                    "short.cpu",
                    &[("cores", s.checks.cpu.shortfall.to_string())],
                ));
            }
            if let Some(d) = s.checks.disk.as_ref().filter(|d| d.shortfall > Bytes::ZERO) {
                parts.push(msg.f("short.disk", &[("bytes", d.shortfall.to_string())]));
            }
            let detail = if parts.is_empty() {
                msg.t("short.none")
            } else {
                parts.join(msg.sep())
            };
            msg.n(
                "scenario.line",
                s.services.len(),
                &[
                    ("name", s.name.clone()),
                    ("count", s.services.len().to_string()),
                    ("verdict", msg.verdict(s.verdict)),
                    ("detail", detail),
                ],
            )
        })
        .collect();
    doc.list(lines);
}

pub(super) fn selection_lines(msg: &Msg, s: &Selection) -> Vec<String> {
    let none = msg.t("none");
    let deployed: Vec<String> = s
        .services
        .iter()
        .map(|(n, t)| format!("{n} ({})", msg.tier(*t)))
        .collect();
    let replaced: Vec<String> = s
        .alternatives
        .iter()
        .map(|(svc, alt)| format!("{svc} → {alt}"))
        .collect();
    let join = |v: &[String]| {
        if v.is_empty() {
            none.clone()
        } else {
            msg.join(v)
        }
    };
    let mut lines = vec![
        msg.f("select.deploy", &[("list", join(&deployed))]),
        msg.f("select.replace", &[("list", join(&replaced))]),
        msg.f("select.left_out", &[("list", join(&s.left_out))]),
        msg.f("select.demand", &[("needs", needs_cell(msg, &s.needs))]),
    ];
    if let Some(bound) = &s.bound {
        let per_class: Vec<String> = bound
            .iter()
            .map(|(priority, n)| {
                format!(
                    "{}: {n}",
                    msg.f("select.priority", &[("priority", priority.to_string())])
                )
            })
            .collect();
        lines.push(msg.f("select.not_proven", &[("bound", msg.join(&per_class))]));
    }
    lines
}

pub(super) fn fits_now(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let a = input.analysis;
    doc.h(2, msg.t("sec.fits_now"));
    doc.p(msg.t("fits_now.rule"));
    doc.list(selection_lines(msg, &a.fits_now));
    doc.h(3, msg.t("sec.fits_tight"));
    doc.p(msg.t("fits_tight.rule"));
    doc.list(selection_lines(msg, &a.fits_tight));
}
