//! `hostfit place --count SERVICE`: how many more copies of one service each host takes once the
//! plan is placed, by the same rules (room at `fits`, its port free, `spread`, `on`, `not_on`,
//! `requires`). Pure.

use super::instance::Instance;
use super::state::State;
use crate::plan::room::{Room, Sum};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountResult {
    pub service: String,
    /// Per host, in the fleet's order; `null` copies for a service that needs nothing.
    pub hosts: Vec<HostCount>,
    /// `None` when some host takes any number.
    pub total: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HostCount {
    pub host: String,
    pub copies: Option<u64>,
}

/// More copies of the service named `name` (a service of the plan) per host.
pub fn count(inst: &Instance, state: &State, name: &str) -> Option<CountResult> {
    let service = inst.rules.iter().position(|r| r.name == name)?;
    let rule = &inst.rules[service];
    let needs = inst
        .items
        .iter()
        .find(|i| i.service == service)
        .map(|i| i.needs)
        .unwrap_or_default();
    let hosts: Vec<HostCount> = inst
        .bins
        .iter()
        .enumerate()
        .map(|(b, bin)| {
            let here = state.members[b]
                .iter()
                .any(|m| inst.items[*m as usize].service == service);
            let port_taken = rule.port.is_some_and(|p| {
                bin.ports.contains(&p)
                    || state.members[b]
                        .iter()
                        .any(|m| inst.rules[inst.items[*m as usize].service].port == Some(p))
            });
            let allowed = rule.allowed.as_ref().is_none_or(|a| a[b]);
            let copies = if !allowed || port_taken || (rule.spread && here) {
                Some(0)
            } else {
                let used = state.used[b];
                let room = Room {
                    memory: bin.room[0] as i128,
                    cpu: bin.room[1],
                    disk: bin.room[2].is_finite().then(|| bin.room[2] as i128),
                };
                let sum = Sum {
                    memory: used[0] as i128,
                    cpu: used[1],
                    disk: used[2] as i128,
                };
                let most = room.most_of(&sum, &needs);
                let most = if rule.port.is_some() || rule.spread {
                    most.min(1)
                } else {
                    most
                };
                (most != u64::MAX).then_some(most)
            };
            HostCount {
                host: bin.name.clone(),
                copies,
            }
        })
        .collect();
    let total = hosts
        .iter()
        .try_fold(0u64, |a, h| h.copies.map(|c| a.saturating_add(c)));
    Some(CountResult {
        service: name.to_string(),
        hosts,
        total,
    })
}
