//! The upgrade option in the document: the cheapest types per scenario with their budgets, the
//! disk growth they need, a larger cap where the host has room, disk-only shortfalls, and the
//! upgrade people reach for first when it falls short. Renders the planner's results only.

use super::{Cell, Doc};
use crate::plan::{Upgrade, Verdict};
use crate::report::messages::Msg;
use crate::report::{ReportInput, signed_bytes};

pub fn money(value: f64, currency: &str) -> String {
    format!("{value:.2} {currency}")
}

pub fn delta(value: Option<f64>, currency: &str) -> String {
    value.map_or_else(|| "-".into(), |d| format!("{d:+.2} {currency}"))
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

pub(super) fn upgrade(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let a = input.analysis;
    let o = &a.options;
    doc.h(2, msg.t("sec.options"));
    doc.h(3, msg.t("sec.upgrade"));
    for r in &o.raise_limit {
        doc.p(msg.f(
            "upgrade.raise_limit",
            &[
                ("scenario", r.scenario.clone()),
                ("memory_now", r.memory_now_bytes.to_string()),
                ("cpu_now", r.cpu_now_cores.to_string()),
                ("memory", r.memory_bytes.to_string()),
                ("cpu", r.cpu_cores.to_string()),
            ],
        ));
    }
    for d in &o.disk_bound {
        doc.p(msg.f(
            "upgrade.disk_bound",
            &[
                ("scenario", d.scenario.clone()),
                ("mount", d.mount.clone()),
                ("short", d.shortfall_bytes.to_string()),
                ("growth", d.disk_growth_bytes.to_string()),
            ],
        ));
    }
    let Some(name) = &o.catalog else {
        doc.p(msg.t("upgrade.no_catalog"));
        return;
    };
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
    if a.capacity.memory_held > crate::model::Bytes::ZERO {
        doc.p(msg.f(
            "upgrade.held",
            &[("held", a.capacity.memory_held.to_string())],
        ));
    }
    if o.left_out_arch > 0 {
        doc.p(msg.n(
            "upgrade.arch_left_out",
            o.left_out_arch,
            &[
                ("count", o.left_out_arch.to_string()),
                ("arch", o.arch.key().to_string()),
            ],
        ));
    }
    if o.need_instance.is_empty() {
        let all_fit = a.scenarios.iter().all(|s| s.verdict == Verdict::Fits);
        doc.p(msg.t(if all_fit {
            "upgrade.not_needed"
        } else {
            "upgrade.no_instance_needed"
        }));
    }
    if !o.upgrade.is_empty() {
        table(doc, msg, &o.upgrade);
    }
    for s in &o.no_upgrade {
        doc.p(msg.f(
            "upgrade.none_fits",
            &[("scenario", s.clone()), ("catalog", name.clone())],
        ));
    }
    for n in &o.naive {
        doc.p(naive_line(msg, n, input.snapshot.workloads.len()));
    }
}

fn table(doc: &mut Doc, msg: &Msg, upgrades: &[Upgrade]) {
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
    let rows = upgrades
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
                Cell::num(delta(u.delta, &u.currency)),
                Cell::verdict(msg, u.verdict),
            ]
        })
        .collect();
    doc.table(header, rows);
    if upgrades.iter().any(|u| u.estimate) {
        doc.p(msg.t("upgrade.estimate_note"));
    }
    let mut lines = Vec::new();
    for u in upgrades.iter().filter(|u| u.verdict == Verdict::Fits) {
        let parts: Vec<String> = u
            .budget_order
            .iter()
            .filter_map(|n| u.budgets.get(n).map(|b| format!("{n} {b}")))
            .collect();
        lines.push(msg.f(
            "upgrade.budgets",
            &[
                ("scenario", u.scenario.clone()),
                ("instance", u.instance.clone()),
                ("list", msg.join(&parts)),
            ],
        ));
        if u.disk_growth_bytes.0 > 0 {
            lines.push(msg.f(
                "upgrade.disk_growth",
                &[
                    ("scenario", u.scenario.clone()),
                    ("instance", u.instance.clone()),
                    ("growth", u.disk_growth_bytes.to_string()),
                ],
            ));
        }
    }
    doc.list(lines);
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
