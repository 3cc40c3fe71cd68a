//! The conclusion in the document: the verdicts counted, each scenario with its cheapest fitting
//! type, and the planner's recommendation worded, with a checklist for the action it advises.

use super::Doc;
use super::state::tally;
use super::upgrade::{delta, money};
use crate::plan::{Action, Recommendation, Verdict};
use crate::report::ReportInput;
use crate::report::messages::Msg;

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
                            ("delta", delta(u.delta, &u.currency)),
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
    if let Some(r) = &a.recommendation {
        recommendation(doc, msg, r);
    }
}

fn recommendation(doc: &mut Doc, msg: &Msg, r: &Recommendation) {
    doc.p(recommendation_text(msg, r));
    checklist(doc, msg, r);
}

/// The recommendation as one paragraph: the action, then why.
pub fn recommendation_text(msg: &Msg, r: &Recommendation) -> String {
    let reason = msg.t(&format!("reason.{}", reason_key(r)));
    let growth = if r.disk_growth_bytes.0 > 0 {
        msg.f(
            "rec.and_grow",
            &[("growth", r.disk_growth_bytes.to_string())],
        )
    } else {
        String::new()
    };
    let currency = r.currency.clone().unwrap_or_default();
    let text = match r.action {
        Action::None => msg.f("rec.none", &[("scenario", r.scenario.clone())]),
        Action::Upgrade if r.instance.is_none() => msg.f(
            "rec.grow_disk",
            &[
                ("scenario", r.scenario.clone()),
                ("growth", r.disk_growth_bytes.to_string()),
            ],
        ),
        Action::Upgrade => msg.f(
            "rec.upgrade",
            &[
                ("scenario", r.scenario.clone()),
                ("instance", r.instance.clone().unwrap_or_default()),
                ("cost", money(r.monthly_cost.unwrap_or_default(), &currency)),
                ("delta", delta(r.delta, &currency)),
                ("growth", growth),
            ],
        ),
        Action::RaiseLimit => msg.f(
            "rec.raise_limit",
            &[
                ("scenario", r.scenario.clone()),
                (
                    "memory",
                    r.memory_limit_bytes
                        .map(|m| m.to_string())
                        .unwrap_or_default(),
                ),
                (
                    "cpu",
                    r.cpu_quota_cores.map(|c| c.to_string()).unwrap_or_default(),
                ),
                ("growth", growth.clone()),
            ],
        ),
        Action::Lightweight => msg.f("rec.lightweight", &[("scenario", r.scenario.clone())]),
        Action::Phased => msg.f("rec.phased", &[("scenario", r.scenario.clone())]),
    };
    if reason.is_empty() {
        text
    } else {
        format!("{text}{}{reason}", msg.t("sep.sentence"))
    }
}

fn checklist(doc: &mut Doc, msg: &Msg, r: &Recommendation) {
    if r.action == Action::Upgrade && r.instance.is_some() {
        doc.h(3, msg.t("sec.checklist"));
        doc.numbered(vec![
            msg.t("check.backup"),
            msg.f(
                "check.resize",
                &[("instance", r.instance.clone().unwrap_or_default())],
            ),
            msg.f(
                "check.verify",
                &[(
                    "usable",
                    r.usable_memory_bytes
                        .map(|u| u.to_string())
                        .unwrap_or_default(),
                )],
            ),
            msg.t("check.limits"),
            msg.t("check.batches"),
            msg.t("check.replan"),
        ]);
    }
}

fn reason_key(r: &Recommendation) -> &'static str {
    use crate::plan::Reason;
    match r.reason {
        Reason::FitsNow => "fits_now",
        Reason::CapBinds => "cap_binds",
        Reason::DiskOnly => "disk_only",
        Reason::CheapestFit => "cheapest_fit",
        Reason::NoCatalogLightweight => "no_catalog_lightweight",
        Reason::NoCatalogPhased => "no_catalog_phased",
        Reason::NoTypeLightweight => "no_type_lightweight",
        Reason::NoTypePhased => "no_type_phased",
    }
}
