//! The document's first half: the host now and its reconciliation, the services to add, the
//! scenarios with their verdicts, what fits now, and the warnings.

use super::{Cell, Doc};
use crate::model::{Bytes, Needs};
use crate::plan::{Selection, Verdict};
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
        row2(msg.t("host.mem_total"), c.memory_total.to_string()),
        row2(
            msg.t("host.mem_available"),
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
        row2(msg.t("host.mem_room"), signed_bytes(c.memory_room())),
    ];
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
                Cell::num(percent(l.bytes as f64, total)),
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
                    Cell::num(percent(w.memory.0 as f64, total)),
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
            ("available", a.capacity.memory_available.to_string()),
            ("limit", a.capacity.cpu_limit().to_string()),
            ("cores", a.capacity.cpu_cores.to_string()),
        ],
    ));
    let header = vec![
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
            vec![
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
            ]
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
            msg.f(
                "scenario.line",
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
