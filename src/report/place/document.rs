//! The placement as a document: the summary with the lower bound and how it was found, the
//! placements, what is not placed and why (replicas of one service with the same reasons on one
//! line), the hosts after it, hosts with missing figures, the purchase, the count and the
//! heuristics beside the answer. Built once in the chosen language; decides nothing.

use super::PlaceReportInput;
use crate::model::Bytes;
use crate::plan::place::{ReasonCode, ReasonGroup, Unplaced};
use crate::report::document::{Block, Cell, Table};
use crate::report::messages::Msg;
use crate::report::signed_bytes;

fn table(header: Vec<String>, rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table { header, rows })
}

/// A shortfall range as people read it: one figure when the hosts agree.
fn range(code: ReasonCode, min: f64, max: f64) -> String {
    let one = |v: f64| match code {
        ReasonCode::CpuShort => format!("{v:.2}"),
        _ => Bytes(v.max(0.0).round() as u64).to_string(),
    };
    if (max - min).abs() < f64::EPSILON * max.abs().max(1.0) {
        one(min)
    } else {
        format!("{}–{}", one(min), one(max))
    }
}

/// One reason group as a phrase.
pub fn reason_text(msg: &Msg, r: &ReasonGroup) -> String {
    let mut args = vec![("hosts", r.hosts.to_string())];
    if let (Some(a), Some(b)) = (r.short_min, r.short_max) {
        args.push(("range", range(r.code, a, b)));
    }
    if let Some(p) = r.port {
        args.push(("port", p.to_string()));
    }
    if let Some(l) = &r.label {
        args.push(("label", l.clone()));
    }
    msg.f(&format!("place.reason.{}", r.code.key()), &args)
}

/// Replicas of one service with the same reasons, as `3`, `3–5` or `1, 4`.
fn unplaced_lines(msg: &Msg, unplaced: &[Unplaced]) -> Vec<String> {
    let mut groups: Vec<(&Unplaced, Vec<u32>)> = Vec::new();
    for u in unplaced {
        match groups.iter_mut().find(|(g, _)| {
            g.service == u.service && g.reasons == u.reasons && g.buyable == u.buyable
        }) {
            Some((_, replicas)) => replicas.push(u.replica),
            None => groups.push((u, vec![u.replica])),
        }
    }
    groups
        .into_iter()
        .map(|(u, replicas)| {
            let contiguous = replicas.windows(2).all(|w| w[1] == w[0] + 1);
            let which = match (replicas.first(), replicas.last()) {
                (Some(a), Some(b)) if a == b => a.to_string(),
                (Some(a), Some(b)) if contiguous => format!("{a}–{b}"),
                _ => {
                    let all: Vec<String> = replicas.iter().map(u32::to_string).collect();
                    msg.join(&all)
                }
            };
            let reasons: Vec<String> = u.reasons.iter().map(|r| reason_text(msg, r)).collect();
            let mut line = msg.f(
                "place.unplaced.item",
                &[
                    ("service", u.service.clone()),
                    ("replicas", which),
                    ("reasons", reasons.join(msg.sep())),
                ],
            );
            if !u.buyable {
                line.push(' ');
                line.push_str(&msg.t("place.unplaced.not_buyable"));
            }
            line
        })
        .collect()
}

fn money(v: f64) -> String {
    format!("{v:.2}")
}

pub fn build(input: &PlaceReportInput<'_>) -> Vec<Block> {
    let p = input.placement;
    let msg = Msg::new(input.lang);
    let h = |k: &str| msg.t(k);
    let mut out = vec![Block::Heading(
        1,
        input.title.map_or_else(|| h("place.title"), str::to_string),
    )];
    let mut summary = vec![msg.f(
        "place.summary",
        &[
            ("placed", p.placements.len().to_string()),
            ("replicas", p.replicas.to_string()),
            ("used", p.hosts_used.to_string()),
            ("hosts", p.hosts.len().to_string()),
        ],
    )];
    summary.push(match p.tier {
        Some(t) => msg.f("place.tier.at", &[("tier", msg.tier(t))]),
        None => h("place.tier.lowest"),
    });
    summary.push(msg.f(
        "place.bound",
        &[
            ("bound", p.lower_bound.to_string()),
            ("volume", p.volume_bound.to_string()),
            ("ratio", p.ratio.map_or("-".into(), |r| format!("{r:.3}"))),
            (
                "volume_ratio",
                p.volume_ratio.map_or("-".into(), |r| format!("{r:.3}")),
            ),
        ],
    ));
    let layered = p.search.start == "layered";
    let start = if layered {
        h("place.start.layered")
    } else {
        p.search.start.to_string()
    };
    summary.push(match (p.search.method, p.search.proven_optimal) {
        ("exact", true) => msg.f("place.search.exact_proven", &[("start", start)]),
        ("exact", false) => msg.f("place.search.exact_budget", &[("start", start)]),
        _ if layered => msg.f(
            "place.search.local_layered",
            &[("steps", p.search.steps.to_string())],
        ),
        _ => msg.f(
            "place.search.local",
            &[("start", start), ("steps", p.search.steps.to_string())],
        ),
    });
    out.push(Block::Paragraph(summary.join(" ")));
    out.push(Block::Heading(2, h("place.sec.placements")));
    out.push(table(
        vec![
            h("place.col.service"),
            h("place.col.replica"),
            h("place.col.host"),
        ],
        p.placements
            .iter()
            .map(|x| {
                vec![
                    Cell::text(&x.service),
                    Cell::num(x.replica.to_string()),
                    Cell::text(&x.host),
                ]
            })
            .collect(),
    ));
    out.push(Block::Heading(2, h("place.sec.unplaced")));
    if p.unplaced.is_empty() {
        out.push(Block::Paragraph(h("place.none_unplaced")));
    } else {
        out.push(Block::List(unplaced_lines(&msg, &p.unplaced)));
    }
    out.push(Block::Heading(2, h("place.sec.hosts")));
    let cols = [
        "host",
        "services",
        "memory_added",
        "memory_room",
        "memory",
        "cpu_planned",
        "cpu_limit",
        "cpu",
        "disk",
        "verdict",
    ];
    out.push(table(
        cols.iter().map(|c| h(&format!("place.col.{c}"))).collect(),
        p.hosts
            .iter()
            .map(|x| {
                let c = &x.checks;
                vec![
                    Cell::text(&x.name),
                    Cell::text(msg.join(&x.services)),
                    Cell::num(x.added.memory.to_string()),
                    Cell::num(signed_bytes(c.memory.room)),
                    Cell::verdict(&msg, c.memory.verdict),
                    Cell::num(c.cpu.planned.to_string()),
                    Cell::num(c.cpu.limit.to_string()),
                    Cell::verdict(&msg, c.cpu.verdict),
                    c.disk
                        .as_ref()
                        .map_or_else(|| Cell::text("-"), |d| Cell::verdict(&msg, d.verdict)),
                    Cell::verdict(&msg, x.verdict),
                ]
            })
            .collect(),
    ));
    if !p.missing.is_empty() {
        out.push(Block::Heading(2, h("place.sec.missing")));
        out.push(Block::List(
            p.missing
                .iter()
                .map(|m| {
                    msg.f(
                        "place.missing.item",
                        &[("host", m.name.clone()), ("metrics", msg.join(&m.missing))],
                    )
                })
                .collect(),
        ));
    }
    if !p.unplaced.is_empty() {
        out.push(Block::Heading(2, h("place.sec.purchase")));
        match &p.purchase {
            None => out.push(Block::Paragraph(h("place.purchase.no_catalog"))),
            Some(buy) => {
                out.push(table(
                    vec![
                        h("place.col.instance"),
                        h("place.col.count"),
                        h("place.col.monthly_cost"),
                        h("place.col.services"),
                    ],
                    buy.lines
                        .iter()
                        .map(|l| {
                            vec![
                                Cell::text(&l.instance),
                                Cell::num(l.count.to_string()),
                                Cell::num(money(l.monthly_cost)),
                                Cell::text(msg.join(&l.services)),
                            ]
                        })
                        .collect(),
                ));
                let single = buy.single_type.as_ref().map_or_else(
                    || h("place.purchase.no_single"),
                    |s| {
                        msg.f(
                            "place.purchase.single",
                            &[
                                ("count", s.count.to_string()),
                                ("instance", s.instance.clone()),
                                ("cost", money(s.monthly_cost)),
                                ("currency", buy.currency.clone()),
                            ],
                        )
                    },
                );
                out.push(Block::Paragraph(msg.f(
                    "place.purchase.total",
                    &[
                        ("total", money(buy.total_monthly_cost)),
                        ("currency", buy.currency.clone()),
                        ("single", single),
                        ("bound", money(buy.cost_lower_bound)),
                    ],
                )));
            }
        }
    }
    if let Some(count) = &p.count {
        let any = h("place.count.any");
        out.push(Block::Heading(
            2,
            msg.f("place.sec.count", &[("service", count.service.clone())]),
        ));
        out.push(table(
            vec![h("place.col.host"), h("place.col.copies")],
            count
                .hosts
                .iter()
                .map(|x| {
                    vec![
                        Cell::text(&x.host),
                        Cell::num(x.copies.map_or(any.clone(), |c| c.to_string())),
                    ]
                })
                .collect(),
        ));
        out.push(Block::Paragraph(msg.f(
            "place.count.total",
            &[("total", count.total.map_or(any, |t| t.to_string()))],
        )));
    }
    out.push(Block::Heading(2, h("place.sec.heuristics")));
    out.push(table(
        vec![
            h("place.col.heuristic"),
            h("place.col.placed"),
            h("place.col.hosts_used"),
        ],
        p.search
            .heuristics
            .iter()
            .map(|x| {
                vec![
                    Cell::text(x.name),
                    Cell::num(x.placed.to_string()),
                    Cell::num(x.hosts_used.to_string()),
                ]
            })
            .collect(),
    ));
    out
}
