//! Why a replica is on no host: for every host, each rule it breaks there once the others are
//! placed (not listed in `on`, listed in `not_on`, a label missing, its port taken, a replica of
//! a spread service already there, memory, CPU or disk short by how much), grouped by rule with
//! the number of hosts and the range of the shortfall. Pure.

use super::instance::{DIMS, EPS, Instance};
use super::state::{Block, State};
use serde::Serialize;

/// One rule a replica breaks, on `hosts` hosts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReasonGroup {
    pub code: ReasonCode,
    pub hosts: usize,
    /// For `memory_short` and `disk_short` in bytes, for `cpu_short` in cores: the smallest and
    /// largest shortfall among those hosts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// `key=value` for `label_missing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    NotListed,
    Excluded,
    LabelMissing,
    PortTaken,
    Spread,
    MemoryShort,
    CpuShort,
    DiskShort,
    /// No host at all (an empty fleet, or every host's figures missing).
    NoHosts,
}

impl ReasonCode {
    pub fn key(self) -> &'static str {
        match self {
            ReasonCode::NotListed => "not_listed",
            ReasonCode::Excluded => "excluded",
            ReasonCode::LabelMissing => "label_missing",
            ReasonCode::PortTaken => "port_taken",
            ReasonCode::Spread => "spread",
            ReasonCode::MemoryShort => "memory_short",
            ReasonCode::CpuShort => "cpu_short",
            ReasonCode::DiskShort => "disk_short",
            ReasonCode::NoHosts => "no_hosts",
        }
    }
}

/// The reasons `item` is on none of the hosts, in the state `state`.
pub fn reasons(inst: &Instance, state: &State, item: usize) -> Vec<ReasonGroup> {
    let rule = &inst.rules[inst.items[item].service];
    let need = &inst.items[item].need;
    let mut groups: Vec<ReasonGroup> = Vec::new();
    let mut add =
        |code: ReasonCode, short: Option<f64>, port: Option<u16>, label: Option<String>| {
            match groups
                .iter_mut()
                .find(|g| g.code == code && g.port == port && g.label == label)
            {
                Some(g) => {
                    g.hosts += 1;
                    if let Some(s) = short {
                        g.short_min = Some(g.short_min.map_or(s, |m| m.min(s)));
                        g.short_max = Some(g.short_max.map_or(s, |m| m.max(s)));
                    }
                }
                None => groups.push(ReasonGroup {
                    code,
                    hosts: 1,
                    short_min: short,
                    short_max: short,
                    port,
                    label,
                }),
            }
        };
    if inst.bins.is_empty() {
        add(ReasonCode::NoHosts, None, None, None);
    }
    for (b, bin) in inst.bins.iter().enumerate() {
        if !rule.on.is_empty() && !rule.on.contains(&bin.name) {
            add(ReasonCode::NotListed, None, None, None);
        }
        if rule.not_on.contains(&bin.name) {
            add(ReasonCode::Excluded, None, None, None);
        }
        for (k, v) in &rule.requires {
            if bin.labels.get(k) != Some(v) {
                add(
                    ReasonCode::LabelMissing,
                    None,
                    None,
                    Some(format!("{k}={v}")),
                );
            }
        }
        match state.clash(inst, item, b) {
            Some(Block::Port(p)) => add(ReasonCode::PortTaken, None, Some(p), None),
            Some(Block::Spread) => add(ReasonCode::Spread, None, None, None),
            _ => {}
        }
        if need.iter().any(|n| *n > 0.0) {
            let codes = [
                ReasonCode::MemoryShort,
                ReasonCode::CpuShort,
                ReasonCode::DiskShort,
            ];
            for d in 0..DIMS {
                let over = state.used[b][d] + need[d] - bin.room[d];
                if over > EPS[d] {
                    add(codes[d], Some(over), None, None);
                }
            }
        }
    }
    groups.sort_by(|a, b| b.hosts.cmp(&a.hosts).then(a.code.cmp(&b.code)));
    groups
}
