//! The placement as JSON: stable keys, units in the key names, documented in docs/json.md
//! (`hostfit place --format json`). Reason codes and verdicts are never translated; `message`
//! texts are in the report's language.

use super::document::reason_text;
use super::{PlaceReport, PlaceReportInput};
use crate::model::Needs;
use crate::report::messages::Msg;
use serde_json::{Value, json};
use std::io::{self, Write};

pub struct Json;

/// The version of the placement JSON layout.
pub const SCHEMA: &str = "hostfit.place/1";

fn needs(n: &Needs) -> Value {
    json!({ "memory_bytes": n.memory, "cpu_cores": n.cpu, "disk_bytes": n.disk })
}

pub fn value(input: &PlaceReportInput<'_>) -> Value {
    let p = input.placement;
    let msg = Msg::new(input.lang);
    let unplaced: Vec<Value> = p
        .unplaced
        .iter()
        .map(|u| {
            let reasons: Vec<Value> = u
                .reasons
                .iter()
                .map(|r| {
                    let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
                    if let Value::Object(o) = &mut v {
                        o.insert("message".into(), json!(reason_text(&msg, r)));
                    }
                    v
                })
                .collect();
            json!({
                "service": u.service,
                "replica": u.replica,
                "buyable": u.buyable,
                "reasons": reasons,
            })
        })
        .collect();
    let hosts: Vec<Value> = p
        .hosts
        .iter()
        .map(|h| {
            json!({
                "name": h.name,
                "memory_total_bytes": h.memory_total,
                "cores": h.cores,
                "services": h.services,
                "added": needs(&h.added),
                "verdict": h.verdict,
                "memory": h.checks.memory,
                "cpu": h.checks.cpu,
                "disk": h.checks.disk,
            })
        })
        .collect();
    let purchase = p.purchase.as_ref();
    json!({
        "schema": SCHEMA,
        "lang": input.lang.code(),
        "title": input.title,
        "tier": p.tier,
        "policy": p.policy,
        "replicas": p.replicas,
        "placements": p.placements,
        "unplaced": unplaced,
        "hosts": hosts,
        "missing_hosts": p.missing,
        "hosts_used": p.hosts_used,
        "lower_bound": p.lower_bound,
        "volume_bound": p.volume_bound,
        "ratio": p.ratio.map(|r| (r * 1000.0).round() / 1000.0),
        "volume_ratio": p.volume_ratio.map(|r| (r * 1000.0).round() / 1000.0),
        "search": p.search,
        "purchase": purchase.map_or_else(Vec::new, |b| b.lines.clone()),
        "total_monthly_cost": purchase.map(|b| b.total_monthly_cost),
        "currency": purchase.map(|b| b.currency.clone()),
        "single_type_purchase": purchase.and_then(|b| b.single_type.clone()),
        "purchase_cost_lower_bound": purchase.map(|b| b.cost_lower_bound),
        "count": p.count,
    })
}

impl PlaceReport for Json {
    fn write(&self, input: &PlaceReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &value(input))?;
        writeln!(out)
    }
}
