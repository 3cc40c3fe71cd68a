//! Warnings the planner raises, each with a stable code and the values its message needs. The
//! words are the report layer's; here are only codes and figures. Pure.

use super::reconcile::Contradiction;
use crate::model::{Cores, PlanFile, ScanWarning, Snapshot};
use serde::Serialize;
use std::collections::BTreeMap;

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
        }
    }
}

/// A warning: its code and the named values its message fills in.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub code: WarningCode,
    /// For contradictions, which one (its own message key).
    pub variant: Option<&'static str>,
    pub args: BTreeMap<&'static str, String>,
    /// For `probe_incomplete`, the scan's own warning, whose code and values the report words.
    pub scan: Option<ScanWarning>,
}

impl Warning {
    fn new(code: WarningCode) -> Warning {
        Warning {
            code,
            variant: None,
            args: BTreeMap::new(),
            scan: None,
        }
    }

    fn arg(mut self, name: &'static str, value: impl ToString) -> Warning {
        self.args.insert(name, value.to_string());
        self
    }

    pub fn message_key(&self) -> &'static str {
        self.variant.unwrap_or(self.code.message_key())
    }
}

/// The host is a burstable type: it is planned on its sustained baseline, not its vCPUs.
pub fn burstable_host(instance: &str, vcpus: u32, baseline: f64, cores: Cores) -> Warning {
    Warning::new(WarningCode::BurstableHost)
        .arg("instance", instance)
        .arg("vcpus", vcpus)
        .arg("baseline", format!("{:.0}%", baseline * 100.0))
        .arg("cores", cores)
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
                w.arg("mount", mount)
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
                    let by = listener.process.clone().unwrap_or_default();
                    out.push(
                        Warning::new(WarningCode::PortConflict)
                            .arg("service", &service.name)
                            .arg("port", port)
                            .arg("process", by),
                    );
                }
                if let Some(first) = claimed.get(&port) {
                    out.push(
                        Warning::new(WarningCode::PortShared)
                            .arg("service", &service.name)
                            .arg("other", first)
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
