//! The JSON report: stable keys, units in the key names, documented in docs/json.md. Messages
//! inside it (warnings) are in the chosen language; codes and verdicts never are.

use super::messages::Msg;
use super::{Report, ReportInput};
use crate::model::{Needs, Tier};
use crate::plan::{Selection, Upgrade};
use serde_json::{Map, Value, json};
use std::io::{self, Write};

pub struct Json;

/// The version of the JSON layout; bumped when a key changes meaning or goes away.
pub const SCHEMA: &str = "hostfit.plan/2";

fn needs(n: &Needs) -> Value {
    json!({ "memory_bytes": n.memory, "cpu_cores": n.cpu, "disk_bytes": n.disk })
}

fn selection(s: &Selection) -> Value {
    let tiers: Map<String, Value> = s
        .services
        .iter()
        .map(|(n, t)| (n.clone(), json!(t)))
        .collect();
    json!({
        "services": s.services.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "tiers": tiers,
        "alternatives": s.alternatives,
        "left_out": s.left_out,
        "demand": needs(&s.needs),
        "checks": s.checks,
        "proven_optimal": s.proven_optimal,
        "bound": s.bound.as_ref().map(|b| b.iter().map(|(p, n)| json!({"priority": p, "covered_at_most": n})).collect::<Vec<_>>()),
    })
}

fn upgrade(u: &Upgrade) -> Value {
    serde_json::to_value(u).unwrap_or(Value::Null)
}

/// The whole report as one JSON value.
pub fn value(input: &ReportInput<'_>) -> Value {
    let a = input.analysis;
    let s = input.snapshot;
    let msg = Msg::new(input.lang);
    let c = &a.capacity;
    let services: Vec<Value> = a
        .services
        .iter()
        .map(|svc| {
            let tiers: Map<String, Value> = svc
                .tiers
                .iter()
                .map(|(t, n): &(Tier, Needs)| (t.key().to_string(), needs(n)))
                .collect();
            json!({
                "name": svc.name,
                "purpose": svc.purpose,
                "port": svc.port,
                "priority": svc.priority,
                "tiers": tiers,
                "parts": svc.parts.iter().map(|(n, r)| json!({"name": n, "min_bytes": r.min, "max_bytes": r.max})).collect::<Vec<_>>(),
                "parts_sum": svc.parts_sum,
                "alternatives": svc.alternatives.iter().map(|(n, p, x)| json!({"name": n, "purpose": p, "needs": needs(x)})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let warnings: Vec<Value> = a
        .warnings
        .iter()
        .map(|w| {
            let mut obj = Map::new();
            obj.insert("code".into(), json!(w.code.key()));
            obj.insert("message".into(), json!(msg.warning(w)));
            for (k, v) in &w.args {
                obj.insert((*k).to_string(), json!(v));
            }
            Value::Object(obj)
        })
        .collect();
    let o = &a.options;
    let mut out = json!({
        "schema": SCHEMA,
        "lang": input.lang.code(),
        "title": a.title,
        "host": {
            "name": s.host.name,
            "taken_at": s.host.taken_at,
            "instance": s.host.instance,
            "cpu": {
                "cores": c.cpu_cores,
                "used_cores": c.cpu_used,
                "limit_cores": c.cpu_limit(),
            },
            "memory": {
                "total_bytes": c.memory_total,
                "available_bytes": c.memory_available,
                "reserve_bytes": c.memory_reserve,
                "held_bytes": c.memory_held,
                "room_bytes": c.memory_room(),
                "free_bytes": s.host.memory.free,
                "cached_bytes": s.host.memory.cached,
            },
            "swap": { "total_bytes": s.host.swap.total, "free_bytes": s.host.swap.free },
            "disk": c.disk.as_ref().map(|d| json!({
                "mount": d.mount,
                "total_bytes": d.total,
                "available_bytes": d.available,
                "reserve_bytes": d.reserve,
                "room_bytes": d.room(),
            })),
            "listening_ports": s.host.listening_ports.iter().map(|p| p.port).collect::<Vec<_>>(),
        },
        "policy": a.policy,
        "reconciliation": a.reconciliation,
        "workloads": s.workloads.iter().map(|w| {
            let mut o = json!({
                "name": w.name, "kind": w.kind, "memory_bytes": w.memory, "cpu_cores": w.cpu,
            });
            // Added only where the snapshot has them, so older reports read the same.
            if let Some(map) = o.as_object_mut() {
                if let Some(e) = &w.engine {
                    map.insert("engine".into(), serde_json::to_value(e).unwrap_or(Value::Null));
                }
                if let Some(score) = w.oom_score {
                    map.insert("oom_score".into(), json!(score));
                }
                if let Some(adj) = w.oom_score_adj {
                    map.insert("oom_score_adj".into(), json!(adj));
                }
            }
            o
        }).collect::<Vec<_>>(),
        "engines": a.engines,
        "oom_order": a.oom_order,
        "services": services,
        "scenarios": a.scenarios,
        "fits_now": selection(&a.fits_now),
        "fits_tight": selection(&a.fits_tight),
        "options": {
            "catalog": o.catalog,
            "current": o.current,
            "usable_memory_share": o.usable_rule.share(),
            "upgrade": o.upgrade.iter().map(upgrade).collect::<Vec<_>>(),
            "no_upgrade": o.no_upgrade,
            "naive": o.naive.iter().map(upgrade).collect::<Vec<_>>(),
            "lightweight": o.lightweight,
            "arch": o.arch,
            "left_out_arch": o.left_out_arch,
            "raise_limit": o.raise_limit,
            "disk_bound": o.disk_bound,
            "phased": o.phased,
            "phased_on_upgrade": o.phased_on_upgrade,
            "alone_tight": o.alone_tight,
            "alone_does_not_fit": o.alone_does_not_fit,
            "need_instance": o.need_instance,
            "tuning": o.tuning,
        },
        "recommendation": a.recommendation,
        "warnings": warnings,
    });
    if let (Some(h), Value::Object(map)) = (&a.history, &mut out) {
        map.insert("history".into(), history(h));
    }
    out
}

/// What `--history` added: the bases and window, the forecast, and the verdicts ahead.
fn history(h: &crate::plan::history::HistoryAnalysis) -> Value {
    json!({
        "window_seconds": h.settings.window_seconds,
        "memory_basis": h.settings.memory_basis,
        "cpu_basis": h.settings.cpu_basis,
        "samples": h.samples,
        "span_seconds": h.span_seconds,
        "available_bytes": h.available,
        "cpu_used_cores": h.cpu_used,
        "forecast": super::history::forecast_json(&h.forecast),
        "ahead": h.ahead.as_ref().map(|a| json!({
            "seconds": a.seconds,
            "available_bytes": a.available,
            "scenarios": a.scenarios,
            "changed": a.changed().map(|s| s.name.clone()).collect::<Vec<_>>(),
        })),
    })
}

impl Report for Json {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &value(input))?;
        writeln!(out)
    }
}
