//! The databases in the document: what each uses now and may grow to and why, what the plan
//! holds back for that; the tuning option; and the OOM killer's order when a scenario is tight.
//! Renders the planner's results only.

use super::{Cell, Doc};
use crate::model::EngineName;
use crate::model::engine::Source;
use crate::plan::{EngineLine, TuneStep};
use crate::report::ReportInput;
use crate::report::messages::Msg;

/// An engine's name as people write it.
pub(crate) fn engine_name(msg: &Msg, e: EngineName) -> String {
    msg.t(&format!("engine.{}", e.key()))
}

/// Where a setting was read, in words.
pub(crate) fn source(msg: &Msg, s: &Source, engine: EngineName) -> String {
    let name = engine_name(msg, engine);
    match s {
        Source::Default { version: Some(v) } => msg.f(
            "source.default",
            &[("engine", name), ("version", v.clone())],
        ),
        Source::Default { version: None } => msg.f("source.default_unknown", &[("engine", name)]),
        Source::File { path, line } => msg.f(
            "source.file",
            &[("path", path.clone()), ("line", line.to_string())],
        ),
        Source::CommandLine => msg.t("source.command_line"),
        Source::Environment { variable } => {
            msg.f("source.environment", &[("variable", variable.clone())])
        }
        Source::Live => msg.t("source.live"),
        Source::Assumed => msg.t("source.assumed"),
        Source::Host => msg.t("source.host"),
    }
}

fn opt_bytes(msg: &Msg, b: Option<crate::model::Bytes>) -> String {
    b.map_or_else(|| msg.t("unbounded"), |b| b.to_string())
}

/// "uses X now, may grow to Y because Z" for one engine.
fn line_sentence(msg: &Msg, l: &EngineLine) -> String {
    let engine = engine_name(msg, l.engine);
    let why: Vec<&str> = l.terms.iter().map(|t| t.text.as_str()).collect();
    let mut args = vec![
        ("workload", l.workload.clone()),
        ("engine", engine),
        ("now", l.now.to_string()),
        ("ceiling", opt_bytes(msg, l.ceiling)),
        ("why", why.join(" + ")),
    ];
    match (l.ceiling, l.limit) {
        (None, _) => msg.f("engines.line_unbounded", &args),
        (Some(_), Some(limit)) => {
            args.push(("limit", limit.to_string()));
            msg.f("engines.line_limited", &args)
        }
        _ => msg.f("engines.line", &args),
    }
}

pub(super) fn databases(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let a = input.analysis;
    let e = &a.engines;
    if e.lines.is_empty() {
        return;
    }
    doc.h(3, msg.t("sec.engines"));
    let rows = e
        .lines
        .iter()
        .map(|l| {
            let engine = match &l.version {
                Some(v) => format!("{} {v}", engine_name(msg, l.engine)),
                None => engine_name(msg, l.engine),
            };
            vec![
                Cell::text(l.workload.clone()),
                Cell::text(engine),
                Cell::num(l.now.to_string()),
                Cell::num(opt_bytes(msg, l.ceiling)),
                Cell::num(l.budget.to_string()),
                Cell::num(l.growth.to_string()),
            ]
        })
        .collect();
    doc.table(
        vec![
            msg.t("col.workload"),
            msg.t("col.engine"),
            msg.t("col.now"),
            msg.t("col.ceiling"),
            msg.t("col.budget"),
            msg.t("col.growth"),
        ],
        rows,
    );
    doc.list(e.lines.iter().map(|l| line_sentence(msg, l)).collect());
    let c = &a.capacity;
    if e.growth > crate::model::Bytes::ZERO {
        doc.p(msg.f(
            "engines.held",
            &[
                ("available", c.memory_available.to_string()),
                ("growth", e.growth.to_string()),
                ("usable", c.memory_usable().to_string()),
            ],
        ));
    } else if e.policy == crate::model::EngineBasis::Now {
        doc.p(msg.f(
            "engines.now",
            &[("growth", e.growth_at_ceiling.to_string())],
        ));
    } else if e.lines.iter().all(|l| l.ceiling.is_none()) {
        doc.p(msg.t("engines.none_known"));
    }
}

fn value(step: &TuneStep, v: f64) -> String {
    if step.count {
        format!("{v:.0}")
    } else {
        crate::model::Bytes(v.max(0.0) as u64).to_string()
    }
}

pub(super) fn tuning(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let a = input.analysis;
    if a.options.tuning.is_empty() {
        return;
    }
    doc.h(3, msg.t("sec.tuning"));
    doc.p(msg.t("tuning.intro"));
    for t in &a.options.tuning {
        doc.p(msg.f(
            "tuning.scenario",
            &[
                ("scenario", t.scenario.clone()),
                ("shortfall", t.shortfall.to_string()),
            ],
        ));
        let mut lines: Vec<String> = t
            .steps
            .iter()
            .map(|s| {
                msg.f(
                    "tuning.step",
                    &[
                        ("workload", s.workload.clone()),
                        ("engine", engine_name(msg, s.engine)),
                        ("setting", s.setting.clone()),
                        ("from", value(s, s.from)),
                        ("to", value(s, s.to)),
                        ("frees", s.frees.to_string()),
                        ("risk", msg.t(&format!("risk.{}", s.risk.key()))),
                    ],
                )
            })
            .collect();
        let key = if t.frees >= t.shortfall {
            "tuning.enough"
        } else {
            "tuning.not_enough"
        };
        lines.push(msg.f(
            key,
            &[
                ("frees", t.frees.to_string()),
                ("shortfall", t.shortfall.to_string()),
                ("scenario", t.scenario.clone()),
                ("verdict", msg.verb(t.verdict_after)),
            ],
        ));
        doc.list(lines);
    }
}

pub(super) fn oom(doc: &mut Doc, msg: &Msg, input: &ReportInput<'_>) {
    let a = input.analysis;
    let squeezed = a
        .scenarios
        .iter()
        .any(|s| s.verdict != crate::plan::Verdict::Fits);
    // A hand-written snapshot has no scores: nothing to order.
    if !squeezed || a.oom_order.is_empty() {
        return;
    }
    doc.h(3, msg.t("sec.oom"));
    doc.p(msg.t("oom.intro"));
    let rows = a
        .oom_order
        .iter()
        .enumerate()
        .map(|(i, v)| {
            vec![
                Cell::num((i + 1).to_string()),
                Cell::text(v.workload.clone()),
                Cell::num(v.oom_score.to_string()),
                Cell::num(
                    v.oom_score_adj
                        .map_or_else(|| "-".into(), |a| a.to_string()),
                ),
                Cell::num(v.frees.to_string()),
                Cell::text(v.engine.map_or_else(|| "-".into(), |e| engine_name(msg, e))),
            ]
        })
        .collect();
    doc.table(
        vec![
            msg.t("col.rank"),
            msg.t("col.workload"),
            msg.t("col.oom_score"),
            msg.t("col.oom_adj"),
            msg.t("col.frees"),
            msg.t("col.database"),
        ],
        rows,
    );
}
