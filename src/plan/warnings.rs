//! Warnings the planner raises, each with a stable code and the values its message needs. The
//! words are the report layer's; here are only codes and figures. Pure.

use super::reconcile::Contradiction;
use crate::model::{Bytes, Cores, PlanFile, ScanWarning, Snapshot, Tier};
use serde::Serialize;
use std::collections::BTreeMap;

/// A value a warning names, typed so that each format spells it its own way: the text reports as
/// "110 MiB" or "20%", the JSON report as a number of bytes or a share.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    Count(u64),
    Bytes(Bytes),
    Cores(Cores),
    /// A share from 0 to 1.
    Share(f64),
    Tier(Tier),
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_string())
    }
}

impl From<&String> for Value {
    fn from(v: &String) -> Value {
        Value::Text(v.clone())
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}

impl From<Bytes> for Value {
    fn from(v: Bytes) -> Value {
        Value::Bytes(v)
    }
}

impl From<&Bytes> for Value {
    fn from(v: &Bytes) -> Value {
        Value::Bytes(*v)
    }
}

impl From<Cores> for Value {
    fn from(v: Cores) -> Value {
        Value::Cores(v)
    }
}

impl From<Tier> for Value {
    fn from(v: Tier) -> Value {
        Value::Tier(v)
    }
}

impl From<u16> for Value {
    fn from(v: u16) -> Value {
        Value::Count(u64::from(v))
    }
}

impl From<u32> for Value {
    fn from(v: u32) -> Value {
        Value::Count(u64::from(v))
    }
}

impl From<usize> for Value {
    fn from(v: usize) -> Value {
        Value::Count(v as u64)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    PortConflict,
    PortShared,
    PortUnknown,
    NoSwap,
    PartsExceedTier,
    SnapshotInconsistent,
    ProbeIncomplete,
    NoDisk,
    NoCatalog,
    UnknownInstance,
    CgroupLimited,
    BurstableHost,
    EngineUnbounded,
    EngineAboveLimit,
    DatabaseFirstOom,
    HistoryOtherHost,
}

impl WarningCode {
    pub fn key(self) -> &'static str {
        match self {
            WarningCode::PortConflict => "port_conflict",
            WarningCode::PortShared => "port_conflict",
            WarningCode::PortUnknown => "port_unknown",
            WarningCode::NoSwap => "no_swap",
            WarningCode::PartsExceedTier => "parts_exceed_tier",
            WarningCode::SnapshotInconsistent => "snapshot_inconsistent",
            WarningCode::ProbeIncomplete => "probe_incomplete",
            WarningCode::NoDisk => "no_disk",
            WarningCode::NoCatalog => "no_catalog",
            WarningCode::UnknownInstance => "unknown_instance",
            WarningCode::CgroupLimited => "cgroup_limited",
            WarningCode::BurstableHost => "burstable_host",
            WarningCode::EngineUnbounded => "engine_unbounded",
            WarningCode::EngineAboveLimit => "engine_above_limit",
            WarningCode::DatabaseFirstOom => "database_first_oom",
            WarningCode::HistoryOtherHost => "history_other_host",
        }
    }

    /// The message-table key of this warning's text; two kinds of port conflict share one code.
    pub fn message_key(self) -> &'static str {
        match self {
            WarningCode::PortConflict => "warn.port_conflict",
            WarningCode::PortShared => "warn.port_shared",
            WarningCode::PortUnknown => "warn.port_unknown",
            WarningCode::NoSwap => "warn.no_swap",
            WarningCode::PartsExceedTier => "warn.parts_exceed_tier",
            WarningCode::SnapshotInconsistent => "warn.snapshot_inconsistent",
            WarningCode::ProbeIncomplete => "warn.probe_incomplete",
            WarningCode::NoDisk => "warn.no_disk",
            WarningCode::NoCatalog => "warn.no_catalog",
            WarningCode::UnknownInstance => "warn.unknown_instance",
            WarningCode::CgroupLimited => "warn.cgroup_limited",
            WarningCode::BurstableHost => "warn.burstable_host",
            WarningCode::EngineUnbounded => "warn.engine_unbounded",
            WarningCode::EngineAboveLimit => "warn.engine_above_limit",
            WarningCode::DatabaseFirstOom => "warn.database_first_oom",
            WarningCode::HistoryOtherHost => "warn.history_other_host",
        }
    }
}

/// A warning: its code and the named values its message fills in.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub code: WarningCode,
    /// For contradictions, which one (its own message key).
    pub variant: Option<&'static str>,
    pub args: BTreeMap<&'static str, Value>,
    /// For `probe_incomplete`, the scan's own warning, whose code and values the report words.
    pub scan: Option<ScanWarning>,
}

impl Warning {
    pub(super) fn new(code: WarningCode) -> Warning {
        Warning {
            code,
            variant: None,
            args: BTreeMap::new(),
            scan: None,
        }
    }

    pub(super) fn arg(mut self, name: &'static str, value: impl Into<Value>) -> Warning {
        self.args.insert(name, value.into());
        self
    }

    pub fn message_key(&self) -> &'static str {
        self.variant.unwrap_or(self.code.message_key())
    }
}

/// The databases' warnings: one whose settings set no bound, one whose ceiling is above its
/// container's limit (the cgroup kills it before it gets there).
pub fn engine_warnings(lines: &[super::engines::EngineLine]) -> Vec<Warning> {
    let mut out = Vec::new();
    for l in lines {
        match (l.ceiling, l.limit) {
            (None, _) => out.push(
                Warning::new(WarningCode::EngineUnbounded)
                    .arg("workload", &l.workload)
                    .arg("engine", l.engine.key()),
            ),
            (Some(ceiling), Some(limit)) => out.push(
                Warning::new(WarningCode::EngineAboveLimit)
                    .arg("workload", &l.workload)
                    .arg("ceiling", ceiling)
                    .arg("limit", limit),
            ),
            _ => {}
        }
    }
    out
}

/// A database is the first workload the OOM killer would take.
pub fn database_first_oom(first: &super::oom::OomVictim) -> Option<Warning> {
    let engine = first.engine?;
    Some(
        Warning::new(WarningCode::DatabaseFirstOom)
            .arg("workload", &first.workload)
            .arg("engine", engine.key())
            .arg(
                "score",
                Value::Count(u64::try_from(first.oom_score).unwrap_or(0)),
            ),
    )
}

/// The host is a burstable type: it is planned on its sustained baseline, not its vCPUs.
pub fn burstable_host(instance: &str, vcpus: u32, baseline: f64, cores: Cores) -> Warning {
    Warning::new(WarningCode::BurstableHost)
        .arg("instance", instance)
        .arg("vcpus", vcpus)
        .arg("baseline", Value::Share(baseline))
        .arg("cores", cores)
}

/// The history read for the plan seems to be of another host than the snapshot.
pub fn history_other_host(history_host: &str, history_total: Bytes, total: Bytes) -> Warning {
    Warning::new(WarningCode::HistoryOtherHost)
        .arg("history_host", history_host)
        .arg("history_total", history_total)
        .arg("total", total)
}

pub fn snapshot_warnings(snapshot: &Snapshot, found: &[Contradiction]) -> Vec<Warning> {
    let mut out = Vec::new();
    if snapshot.host.swap.total.0 == 0 {
        out.push(Warning::new(WarningCode::NoSwap));
    }
    let host = &snapshot.host;
    let quota = host.cpu.quota.filter(|q| q.0 < host.cpu.cores.0);
    let limit = host.memory.limit.filter(|l| *l < host.memory.total);
    if quota.is_some() || limit.is_some() {
        out.push(
            Warning::new(WarningCode::CgroupLimited)
                .arg("cores", quota.unwrap_or(host.cpu.cores))
                .arg("memory", limit.unwrap_or(host.memory.total)),
        );
    }
    if host.cpu.used.0 > host.cpu.cores.0 + 1e-9 {
        let mut w = Warning::new(WarningCode::SnapshotInconsistent)
            .arg("used", host.cpu.used)
            .arg("cores", host.cpu.cores);
        w.variant = Some("warn.inconsistent.cpu_above_cores");
        out.push(w);
    }
    if snapshot.root_disk().is_none() {
        out.push(Warning::new(WarningCode::NoDisk));
    }
    for c in found {
        let mut w = Warning::new(WarningCode::SnapshotInconsistent);
        w = match c {
            Contradiction::FreeAboveAvailable { free, available } => {
                w.variant = Some("warn.inconsistent.free_above_available");
                w.arg("free", free).arg("available", available)
            }
            Contradiction::AvailableAboveTotal { available, total } => {
                w.variant = Some("warn.inconsistent.available_above_total");
                w.arg("available", available).arg("total", total)
            }
            Contradiction::WorkloadsAboveUsed { workloads, used } => {
                w.variant = Some("warn.inconsistent.workloads_above_used");
                w.arg("workloads", workloads).arg("used", used)
            }
            Contradiction::DiskOverfull {
                mount,
                used,
                available,
                total,
            } => {
                w.variant = Some("warn.inconsistent.disk_overfull");
                w.arg("mount", mount.as_str())
                    .arg("used", used)
                    .arg("available", available)
                    .arg("total", total)
            }
        };
        out.push(w);
    }
    for problem in &snapshot.warnings {
        // `detail` is the snapshot's own sentence, as the JSON report has always given it.
        let mut w = Warning::new(WarningCode::ProbeIncomplete).arg("detail", &problem.message);
        w.scan = Some(problem.clone());
        out.push(w);
    }
    out
}

pub fn plan_warnings(snapshot: &Snapshot, plan: &PlanFile) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut claimed: BTreeMap<u16, &str> = BTreeMap::new();
    for service in &plan.services {
        match service.port {
            None => out.push(Warning::new(WarningCode::PortUnknown).arg("service", &service.name)),
            Some(port) => {
                if let Some(listener) = snapshot
                    .host
                    .listening_ports
                    .iter()
                    .find(|p| p.port == port)
                {
                    let mut w = Warning::new(WarningCode::PortConflict)
                        .arg("service", &service.name)
                        .arg("port", port);
                    match listener.process.as_deref().filter(|p| !p.is_empty()) {
                        Some(by) => w = w.arg("process", by),
                        // a hand-written snapshot lists the port alone
                        None => w.variant = Some("warn.port_conflict_unowned"),
                    }
                    out.push(w);
                }
                if let Some(first) = claimed.get(&port) {
                    out.push(
                        Warning::new(WarningCode::PortShared)
                            .arg("service", &service.name)
                            .arg("other", *first)
                            .arg("port", port),
                    );
                } else {
                    claimed.insert(port, &service.name);
                }
            }
        }
        if let Some(parts) = service.parts_sum() {
            for (tier, needs) in service.tiers.present() {
                if needs.memory < parts.min {
                    out.push(
                        Warning::new(WarningCode::PartsExceedTier)
                            .arg("service", &service.name)
                            .arg("tier", tier)
                            .arg("tier_memory", needs.memory)
                            .arg("parts_min", parts.min),
                    );
                }
            }
        }
    }
    out
}
