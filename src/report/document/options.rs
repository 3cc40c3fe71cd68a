//! The document's second half: the options (upgrade, lightweight, phased), the conclusion and the
//! upgrade checklist.

use super::state::{needs_cell, selection_lines, tally};
use super::{Cell, Doc};
use crate::model::Tier;
use crate::plan::{Upgrade, Verdict};
use crate::report::messages::Msg;
use crate::report::{ReportInput, signed_bytes};

fn money(value: f64, currency: &str) -> String {
    format!("{value:.2} {currency}")
}

fn delta(u: &Upgrade) -> String {
    u.delta
        .map_or_else(|| "-".into(), |d| format!("{d:+.2} {}", u.currency))
}

fn cores_cell(msg: &Msg, u: &Upgrade) -> String {
    if u.cpu_baseline < 1.0 {
        msg.f(
            "upgrade.burstable",
            &[
                ("vcpus", u.vcpus.to_string()),
                ("baseline", format!("{:.0}%", u.cpu_baseline * 100.0)),
                ("cores", u.planning_cores.to_string()),
            ],
        )
    } else {
        u.vcpus.to_string()
    }
}

pub(super) fn options(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let a = input.analysis;
    let o = &a.options;
    doc.h(2, msg.t("sec.options"));
    doc.h(3, msg.t("sec.upgrade"));
    match &o.catalog {
        None => doc.p(msg.t("upgrade.no_catalog")),
        Some(name) => {
            let current = o.current.as_ref().map_or_else(
                || msg.t("upgrade.current_unknown"),
                |c| {
                    msg.f(
                        "upgrade.current",
                        &[
                            ("name", c.name.clone()),
                            ("vcpus", c.vcpus.to_string()),
                            ("memory", c.memory_bytes.to_string()),
                            ("cost", money(c.monthly_cost, &c.currency)),
                        ],
                    )
                },
            );
            doc.p(msg.f(
                "upgrade.intro",
                &[
                    ("catalog", name.clone()),
                    ("current", current),
                    ("share", format!("{:.1}%", o.usable_rule.share() * 100.0)),
                    (
                        "carried",
                        a.reconciliation
                            .total
                            .saturating_sub(a.reconciliation.available)
                            .to_string(),
                    ),
                ],
            ));
            if o.upgrade.is_empty() && o.no_upgrade.is_empty() {
                doc.p(msg.t("upgrade.not_needed"));
            }
            if !o.upgrade.is_empty() {
                let header = vec![
                    msg.t("col.scenario"),
                    msg.t("col.instance"),
                    msg.t("col.vcpus"),
                    msg.t("col.memory"),
                    msg.t("col.usable"),
                    msg.t("col.mem_room"),
                    msg.t("col.monthly"),
                    msg.t("col.delta"),
                    msg.t("col.verdict"),
                ];
                let rows = o
                    .upgrade
                    .iter()
                    .map(|u| {
                        vec![
                            Cell::text(u.scenario.clone()),
                            Cell::text(if u.estimate {
                                format!("{} *", u.instance)
                            } else {
                                u.instance.clone()
                            }),
                            Cell::num(cores_cell(msg, u)),
                            Cell::num(u.memory_bytes.to_string()),
                            Cell::num(u.usable_memory_bytes.to_string()),
                            Cell::num(signed_bytes(u.checks.memory.room)),
                            Cell::num(money(u.monthly_cost, &u.currency)),
                            Cell::num(delta(u)),
                            Cell::verdict(msg, u.verdict),
                        ]
                    })
                    .collect();
                doc.table(header, rows);
                if o.upgrade.iter().any(|u| u.estimate) {
                    doc.p(msg.t("upgrade.estimate_note"));
                }
                doc.list(
                    o.upgrade
                        .iter()
                        .filter(|u| u.verdict == Verdict::Fits)
                        .map(|u| {
                            let parts: Vec<String> = u
                                .budget_order
                                .iter()
                                .filter_map(|n| u.budgets.get(n).map(|b| format!("{n} {b}")))
                                .collect();
                            msg.f(
                                "upgrade.budgets",
                                &[
                                    ("scenario", u.scenario.clone()),
                                    ("instance", u.instance.clone()),
                                    ("list", msg.join(&parts)),
                                ],
                            )
                        })
                        .collect(),
                );
            }
            for s in &o.no_upgrade {
                doc.p(msg.f(
                    "upgrade.none_fits",
                    &[("scenario", s.clone()), ("catalog", name.clone())],
                ));
            }
            for d in &o.disk_bound {
                doc.p(msg.f(
                    "upgrade.disk_bound",
                    &[
                        ("scenario", d.scenario.clone()),
                        ("mount", d.mount.clone()),
                        ("short", d.shortfall_bytes.to_string()),
                    ],
                ));
            }
            for n in &o.naive {
                doc.p(naive_line(msg, n, input.snapshot.workloads.len()));
            }
        }
    }

    doc.h(3, msg.t("sec.lightweight"));
    let lw = &o.lightweight;
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

    doc.h(3, msg.t("sec.phased"));
    if o.phased.is_empty() {
        doc.p(msg.t("phased.none_now"));
    } else {
        let items: Vec<String> = o
            .phased
            .iter()
            .enumerate()
            .map(|(i, b)| {
                msg.f(
                    "phased.batch",
                    &[
                        ("n", (i + 1).to_string()),
                        ("list", msg.join(&b.services)),
                        ("needs", needs_cell(msg, &b.needs)),
                        ("expected", b.check.expected_available_bytes.to_string()),
                        ("at_least", b.check.at_least_bytes.to_string()),
                        ("cpu", b.check.cpu_used_at_most_cores.to_string()),
                    ],
                )
            })
            .collect();
        doc.numbered(items);
    }
    if !o.waiting.is_empty() {
        doc.p(msg.f("phased.waiting", &[("list", msg.join(&o.waiting))]));
    }
    if !o.never_fit.is_empty() || !o.waiting.is_empty() {
        let upgrade = o.never_fit_upgrade.as_ref().map_or_else(
            || msg.t("phased.no_upgrade"),
            |u| {
                msg.f(
                    "phased.upgrade",
                    &[
                        ("instance", u.instance.clone()),
                        ("cost", money(u.monthly_cost, &u.currency)),
                        ("delta", delta(u)),
                    ],
                )
            },
        );
        if o.never_fit.is_empty() {
            doc.p(upgrade);
        } else {
            doc.p(msg.f(
                "phased.never",
                &[("list", msg.join(&o.never_fit)), ("upgrade", upgrade)],
            ));
        }
    }
}

fn naive_line(msg: &Msg, n: &Upgrade, running: usize) -> String {
    let m = &n.checks.memory;
    let c = &n.checks.cpu;
    msg.f(
        "upgrade.naive",
        &[
            ("instance", n.instance.clone()),
            ("vcpus", n.vcpus.to_string()),
            ("memory", n.memory_bytes.to_string()),
            ("usable", n.usable_memory_bytes.to_string()),
            ("carried", n.carried_bytes.to_string()),
            ("reserve", m.reserve.to_string()),
            ("room", signed_bytes(m.room)),
            ("demand", m.demand.to_string()),
            ("scenario", n.scenario.clone()),
            ("mem_verdict", msg.verb(m.verdict)),
            (
                "short",
                if m.shortfall > crate::model::Bytes::ZERO {
                    msg.f("short.paren", &[("short", m.shortfall.to_string())])
                } else {
                    String::new()
                },
            ),
            ("running", running.to_string()),
            ("planned", c.planned.to_string()),
            ("limit", c.limit.to_string()),
            ("cpu_verdict", msg.verb(c.verdict)),
        ],
    )
}

pub(super) fn conclusion(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let a = input.analysis;
    let o = &a.options;
    doc.h(2, msg.t("sec.conclusion"));
    let (fits, tight, dnf) = tally(input);
    doc.p(msg.f(
        "conclusion.tally",
        &[
            ("total", a.scenarios.len().to_string()),
            ("fits", fits.to_string()),
            ("tight", tight.to_string()),
            ("dnf", dnf.to_string()),
        ],
    ));
    let mut items: Vec<String> = a
        .scenarios
        .iter()
        .map(|s| {
            let upgrade = o
                .upgrade
                .iter()
                .find(|u| u.scenario == s.name && u.verdict == Verdict::Fits)
                .map(|u| {
                    msg.f(
                        "conclusion.upgrade",
                        &[
                            ("instance", u.instance.clone()),
                            ("cost", money(u.monthly_cost, &u.currency)),
                            ("delta", delta(u)),
                        ],
                    )
                })
                .unwrap_or_default();
            msg.f(
                "conclusion.scenario",
                &[
                    ("name", s.name.clone()),
                    ("verdict", msg.verdict(s.verdict)),
                    ("upgrade", upgrade),
                ],
            )
        })
        .collect();
    if !a.fits_now.alternatives.is_empty() || !a.fits_now.services.is_empty() {
        items.push(msg.f(
            "conclusion.lightweight",
            &[
                (
                    "count",
                    (a.fits_now.services.len() + a.fits_now.alternatives.len()).to_string(),
                ),
                ("total", a.services.len().to_string()),
            ],
        ));
    }
    doc.list(items);
    // The recommendation: the standard scenario when the plan has one, else the first that needs it.
    let fitting = |name: &str| {
        o.upgrade
            .iter()
            .find(|u| u.scenario == name && u.verdict == Verdict::Fits)
    };
    let Some(first) = fitting(Tier::Standard.key())
        .or_else(|| o.upgrade.iter().find(|u| u.verdict == Verdict::Fits))
    else {
        return;
    };
    doc.p(msg.f(
        "conclusion.recommend",
        &[
            ("instance", first.instance.clone()),
            ("cost", money(first.monthly_cost, &first.currency)),
            ("delta", delta(first)),
            ("scenario", first.scenario.clone()),
        ],
    ));
    doc.h(3, msg.t("sec.checklist"));
    doc.numbered(vec![
        msg.t("check.backup"),
        msg.f("check.resize", &[("instance", first.instance.clone())]),
        msg.f(
            "check.verify",
            &[("usable", first.usable_memory_bytes.to_string())],
        ),
        msg.t("check.limits"),
        msg.t("check.batches"),
        msg.t("check.replan"),
    ]);
}
