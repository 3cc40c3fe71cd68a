//! The lightweight and phased options in the document: what fits now with alternatives standing
//! in, and the gated rollout as a table of batches with their gates and verdicts now, by
//! estimate and after the upgrade. Renders the planner's results only.

use super::services::selection_lines;
use super::upgrade::{delta, money};
use super::{Cell, Doc};
use crate::plan::{Gate, PhasedBatch};
use crate::report::messages::Msg;
use crate::report::{ReportInput, signed_bytes};

pub(super) fn lightweight(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let a = input.analysis;
    let lw = &a.options.lightweight;
    doc.h(3, msg.t("sec.lightweight"));
    let mut lines = selection_lines(msg, &a.fits_now);
    lines.push(msg.f(
        "lightweight.left",
        &[
            ("memory", signed_bytes(lw.memory_left_bytes)),
            ("cpu", lw.cpu_left_cores.to_string()),
        ],
    ));
    doc.p(msg.t("lightweight.intro"));
    doc.list(lines);
    for (service, alternative) in &lw.alternatives {
        let purpose = a
            .services
            .iter()
            .find(|s| &s.name == service)
            .and_then(|s| s.alternatives.iter().find(|(n, _, _)| n == alternative))
            .and_then(|(_, p, _)| p.clone());
        if let Some(p) = purpose {
            doc.p(msg.f(
                "lightweight.replaced",
                &[
                    ("service", service.clone()),
                    ("alternative", alternative.clone()),
                    ("purpose", p),
                ],
            ));
        }
    }
}

fn gate_cell(msg: &Msg, gate: &Gate) -> String {
    let disk = gate
        .disk_available_at_least_bytes
        .map_or_else(String::new, |d| {
            msg.f("phased.gate_disk", &[("disk", d.to_string())])
        });
    msg.f(
        "phased.gate",
        &[
            ("memory", gate.available_at_least_bytes.to_string()),
            ("cpu", gate.cpu_busy_at_most_cores.to_string()),
            ("disk", disk),
        ],
    )
}

pub(super) fn phased(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let o = &input.analysis.options;
    doc.h(3, msg.t("sec.phased"));
    doc.p(msg.t("phased.intro"));
    let upgraded = o.phased_on_upgrade.as_ref();
    let mut header = vec![
        msg.t("col.batch"),
        msg.t("col.services"),
        msg.t("col.gate"),
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
        .map(|(i, b): (usize, &PhasedBatch)| {
            let now = match b.met_now {
                Some(true) => Cell::text(msg.t("phased.met")),
                Some(false) => Cell::text(msg.t("phased.not_met")),
                None => Cell::text("-"),
            };
            let mut row = vec![
                Cell::num((i + 1).to_string()),
                Cell::text(msg.join(&b.services)),
                Cell::text(gate_cell(msg, &b.gate)),
                now,
                Cell::verdict(msg, b.by_estimate),
            ];
            if let Some(on) = upgraded.and_then(|u| u.batches.get(i)) {
                let mut cell = Cell::verdict(msg, on.by_estimate);
                cell.text = msg.f(
                    "phased.after",
                    &[
                        ("verdict", cell.text.clone()),
                        ("memory", on.gate.available_at_least_bytes.to_string()),
                    ],
                );
                row.push(cell);
            }
            row
        })
        .collect();
    doc.table(header, rows);
    if let Some(u) = upgraded {
        doc.p(msg.f(
            if u.recommended {
                "phased.upgrade_recommended"
            } else {
                "phased.upgrade"
            },
            &[
                ("instance", u.instance.clone()),
                ("cost", money(u.monthly_cost, &u.currency)),
                ("delta", delta(u.delta, &u.currency)),
            ],
        ));
    } else if o.catalog.is_some()
        && o.phased
            .iter()
            .any(|b| b.by_estimate != crate::plan::Verdict::Fits)
    {
        doc.p(msg.t("phased.no_upgrade"));
    }
    if !o.alone_tight.is_empty() {
        doc.p(msg.f("phased.alone_tight", &[("list", msg.join(&o.alone_tight))]));
    }
    if !o.alone_does_not_fit.is_empty() {
        doc.p(msg.f(
            "phased.alone_none",
            &[("list", msg.join(&o.alone_does_not_fit))],
        ));
    }
}
