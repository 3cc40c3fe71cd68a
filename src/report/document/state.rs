//! The document's first half: the host now and its reconciliation, the services to add, the
//! scenarios with their verdicts, what fits now, and the warnings.

use super::{Cell, Doc};
use crate::model::{Bytes, Needs};
use crate::plan::Verdict;
use crate::report::messages::Msg;
use crate::report::{ReportInput, percent, signed_bytes};

pub(super) fn current(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let a = input.analysis;
    let host = &input.snapshot.host;
    let title = a.title.clone().unwrap_or_else(|| msg.t("report.title"));
    doc.h(1, title);
    doc.p(msg.f(
        "report.subject",
        &[
            ("host", host.name.clone()),
            ("taken_at", host.taken_at.clone()),
            (
                "instance",
                host.instance.clone().unwrap_or_else(|| "-".into()),
            ),
        ],
    ));
    doc.h(2, msg.t("sec.current"));
    let c = &a.capacity;
    let total = c.memory_total.0 as f64;
    // The reconciliation and the workloads are the whole host's: their shares are of MemTotal,
    // also when the services run under a smaller cap.
    let host_total = a.reconciliation.total.0 as f64;
    let capped = c.memory_total < host.memory.total;
    let mut rows = vec![
        row2(msg.t("host.cpu_cores"), c.cpu_cores.to_string()),
        row2(
            msg.t("host.cpu_used"),
            format!("{} ({})", c.cpu_used, percent(c.cpu_used.0, c.cpu_cores.0)),
        ),
        row2(
            msg.f(
                "host.cpu_limit",
                &[("share", a.policy.cpu_limit.to_string())],
            ),
            c.cpu_limit().to_string(),
        ),
        row2(
            msg.t(if capped {
                "host.mem_limit"
            } else {
                "host.mem_total"
            }),
            c.memory_total.to_string(),
        ),
        row2(
            msg.t(if capped {
                "host.mem_available_capped"
            } else {
                "host.mem_available"
            }),
            format!(
                "{} ({})",
                c.memory_available,
                percent(c.memory_available.0 as f64, total)
            ),
        ),
        row2(
            msg.f(
                "host.mem_reserve",
                &[("share", a.policy.memory_reserve.to_string())],
            ),
            c.memory_reserve.to_string(),
        ),
    ];
    if c.memory_held > Bytes::ZERO {
        rows.push(row2(
            msg.f(
                "host.mem_held",
                &[(
                    "policy",
                    msg.t(&format!("basis.{}", a.policy.engines.key())),
                )],
            ),
            c.memory_held.to_string(),
        ));
        rows.push(row2(
            msg.t("host.mem_room_held"),
            signed_bytes(c.memory_room()),
        ));
    } else {
        rows.push(row2(msg.t("host.mem_room"), signed_bytes(c.memory_room())));
    }
    if capped {
        rows.push(row2(
            msg.t("host.mem_host_total"),
            host.memory.total.to_string(),
        ));
        rows.push(row2(
            msg.t("host.mem_host_available"),
            host.memory.available.to_string(),
        ));
    }
    if let Some(free) = host.memory.free {
        rows.push(row2(msg.t("host.mem_free"), free.to_string()));
    }
    if let Some(cached) = host.memory.cached {
        rows.push(row2(msg.t("host.mem_cached"), cached.to_string()));
    }
    rows.push(row2(msg.t("host.swap"), host.swap.total.to_string()));
    for d in &host.disks {
        rows.push(row2(
            msg.f("host.disk", &[("mount", d.mount.clone())]),
            msg.f(
                "host.disk_figures",
                &[
                    ("total", d.total.to_string()),
                    ("used", d.used.to_string()),
                    ("available", d.available.to_string()),
                ],
            ),
        ));
    }
    if let Some(d) = &c.disk {
        rows.push(row2(
            msg.f(
                "host.disk_room",
                &[
                    ("mount", d.mount.clone()),
                    ("share", a.policy.disk_reserve.to_string()),
                ],
            ),
            signed_bytes(d.room()),
        ));
    }
    if !host.listening_ports.is_empty() {
        let ports: Vec<String> = host
            .listening_ports
            .iter()
            .map(|p| p.port.to_string())
            .collect();
        rows.push(row2(msg.t("host.ports"), msg.join(&ports)));
    }
    doc.table(vec![msg.t("col.figure"), msg.t("col.value")], rows);
    // A kernel before 3.14 gives no MemAvailable: the scan estimated it, and the verdicts rest on
    // that estimate.
    if let Some(w) = input
        .snapshot
        .warnings
        .iter()
        .find(|w| w.code == "available_estimated")
    {
        let method = w
            .args
            .get("method")
            .map_or_else(String::new, |m| msg.t(&format!("method.{m}")));
        doc.p(msg.f("host.available_estimated", &[("method", method)]));
    }

    doc.h(3, msg.t("sec.reconciliation"));
    let r = &a.reconciliation;
    let mut rows: Vec<Vec<Cell>> = r
        .lines
        .iter()
        .map(|l| {
            let name = match l.kind {
                "available" => msg.t("recon.available"),
                "workload_cache" => msg.t("recon.workload_cache"),
                "other" => msg.t("recon.other"),
                _ => l.name.clone(),
            };
            vec![
                Cell::text(name),
                Cell::num(signed_bytes(l.bytes)),
                Cell::num(percent(l.bytes as f64, host_total)),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::text(msg.t("recon.total")),
        Cell::num(r.total.to_string()),
        Cell::num("100.0%"),
    ]);
    doc.table(
        vec![
            msg.t("col.line"),
            msg.t("col.memory"),
            msg.t("col.share_total"),
        ],
        rows,
    );
    doc.p(msg.f(
        "recon.explain",
        &[
            ("total", r.total.to_string()),
            ("available", r.available.to_string()),
            (
                "workloads",
                r.workloads.saturating_sub(r.workload_cache).to_string(),
            ),
            ("other", signed_bytes(r.other)),
            ("tmw", signed_bytes(r.total_minus_workloads)),
        ],
    ));
    if r.workload_cache > Bytes::ZERO {
        doc.p(msg.f(
            "recon.cache_explain",
            &[
                ("cache", r.workload_cache.to_string()),
                ("gross", r.workloads.to_string()),
                (
                    "net",
                    r.workloads.saturating_sub(r.workload_cache).to_string(),
                ),
            ],
        ));
    }

    if !input.snapshot.workloads.is_empty() {
        doc.h(3, msg.t("sec.workloads"));
        let rows = input
            .snapshot
            .workloads
            .iter()
            .map(|w| {
                vec![
                    Cell::text(w.name.clone()),
                    Cell::text(msg.kind(w.kind)),
                    Cell::num(w.memory.to_string()),
                    Cell::num(percent(w.memory.0 as f64, host_total)),
                    Cell::num(w.cpu.to_string()),
                ]
            })
            .collect();
        doc.table(
            vec![
                msg.t("col.workload"),
                msg.t("col.kind"),
                msg.t("col.memory"),
                msg.t("col.share_total"),
                msg.t("col.cpu_cores"),
            ],
            rows,
        );
    }
}

fn row2(a: String, b: String) -> Vec<Cell> {
    vec![Cell::text(a), Cell::num(b)]
}

/// "150 MiB · 0.20 cores · 300 MiB disk"
pub(super) fn needs_cell(msg: &Msg, n: &Needs) -> String {
    msg.f(
        "needs.short",
        &[
            ("memory", n.memory.to_string()),
            ("cpu", n.cpu.to_string()),
            ("disk", n.disk.to_string()),
        ],
    )
}

pub(super) fn warnings(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let a = input.analysis;
    doc.h(2, msg.t("sec.warnings"));
    if a.warnings.is_empty() {
        doc.p(msg.t("none"));
        return;
    }
    doc.list(
        a.warnings
            .iter()
            .map(|w| format!("`{}` {}", w.code.key(), msg.warning(w)))
            .collect(),
    );
}

/// The verdicts of all scenarios counted: (fits, tight, does not fit).
pub(super) fn tally(input: &ReportInput<'_>) -> (usize, usize, usize) {
    let count = |v: Verdict| {
        input
            .analysis
            .scenarios
            .iter()
            .filter(|s| s.verdict == v)
            .count()
    };
    (
        count(Verdict::Fits),
        count(Verdict::Tight),
        count(Verdict::DoesNotFit),
    )
}
