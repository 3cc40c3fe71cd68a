//! The placement problem as plain numbers: bins (the fleet's hosts, each with the room the
//! single-host rule gives it: `Capacity` of its snapshot under the plan's policy, as `Room`),
//! items (every replica of every service, at one tier) and the rules that tie an item to a host
//! (`on`, `not_on`, `requires`, ports, `spread`). Pure.

use crate::model::{Catalog, Fleet, Labels, Needs, PlanFile, Tier};
use crate::plan::room::{CPU_EPS, Room};
use crate::plan::verdict::{Capacity, planned};

/// Memory (bytes), CPU (cores), disk (bytes).
pub const DIMS: usize = 3;
pub type Vec3 = [f64; DIMS];

/// Tolerance per resource, as `Room::admits` has it: only CPU sums are inexact.
pub const EPS: Vec3 = [0.0, CPU_EPS, 0.0];

/// One host.
#[derive(Debug, Clone)]
pub struct Bin {
    pub name: String,
    /// What may be added before a resource leaves `fits`; disk is infinite on a host without a
    /// `/` disk (it is not checked, as on one host).
    pub room: Vec3,
    /// Ports something listens on now.
    pub ports: Vec<u16>,
    pub labels: Labels,
    pub capacity: Capacity,
}

/// One replica of one service.
#[derive(Debug, Clone)]
pub struct Item {
    pub service: usize,
    /// 1-based.
    pub replica: u32,
    /// Index of the priority class, 0 the most important.
    pub class: usize,
    pub need: Vec3,
    pub needs: Needs,
}

/// A service and the rules its replicas keep.
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub priority: u32,
    pub port: Option<u16>,
    pub spread: bool,
    pub on: Vec<String>,
    pub not_on: Vec<String>,
    pub requires: Labels,
    /// Per bin, whether `on`, `not_on` and `requires` allow it; `None` when all do.
    pub allowed: Option<Vec<bool>>,
}

/// The whole problem.
#[derive(Debug, Clone)]
pub struct Instance {
    pub bins: Vec<Bin>,
    pub items: Vec<Item>,
    pub rules: Vec<Rule>,
    /// The priority of each class, most important first.
    pub classes: Vec<u32>,
    /// Per resource, the largest room of any bin (at least 1): sizes divided by it are
    /// comparable across resources.
    pub scale: Vec3,
}

pub fn vec_of(needs: &Needs) -> Vec3 {
    [needs.memory.0 as f64, needs.cpu.0, needs.disk.0 as f64]
}

pub fn room_vec(room: &Room) -> Vec3 {
    [
        room.memory as f64,
        room.cpu,
        room.disk.map_or(f64::INFINITY, |d| d as f64),
    ]
}

/// Whether a service's static rules let it on a host with this name and these labels.
pub fn allows(rule: &Rule, name: &str, labels: &Labels) -> bool {
    (rule.on.is_empty() || rule.on.iter().any(|h| h == name))
        && !rule.not_on.iter().any(|h| h == name)
        && rule
            .requires
            .iter()
            .all(|(k, v)| labels.get(k).is_some_and(|have| have == v))
}

impl Instance {
    /// The fleet and the plan's services at `tier` (each service's nearest lower tier; its
    /// lowest when `None`, as what fits now on one host takes it).
    pub fn build(
        fleet: &Fleet,
        plan: &PlanFile,
        catalog: Option<&Catalog>,
        tier: Option<Tier>,
    ) -> Instance {
        let bins: Vec<Bin> = fleet
            .hosts
            .iter()
            .map(|h| {
                let capacity = planned(&h.snapshot, &plan.policy, catalog).capacity;
                let mut ports: Vec<u16> = h
                    .snapshot
                    .host
                    .listening_ports
                    .iter()
                    .map(|p| p.port)
                    .collect();
                ports.sort_unstable();
                ports.dedup();
                Bin {
                    name: h.name().to_string(),
                    room: room_vec(&Room::of(&capacity)),
                    ports,
                    labels: h.labels.clone(),
                    capacity,
                }
            })
            .collect();
        let ordered = crate::plan::by_priority(plan);
        let mut classes: Vec<u32> = ordered.iter().map(|(p, _)| *p).collect();
        classes.dedup();
        let mut rules = Vec::new();
        let mut items = Vec::new();
        for (priority, service) in &ordered {
            let needs = match tier {
                Some(t) => service.tiers.resolve(t).map(|(_, n)| *n),
                None => service.tiers.lowest().map(|(_, n)| *n),
            }
            .unwrap_or_default();
            let mut rule = Rule {
                name: service.name.clone(),
                priority: *priority,
                port: service.port,
                spread: service.spread,
                on: service.on.clone(),
                not_on: service.not_on.clone(),
                requires: service.requires.clone(),
                allowed: None,
            };
            if !rule.on.is_empty() || !rule.not_on.is_empty() || !rule.requires.is_empty() {
                rule.allowed = Some(
                    bins.iter()
                        .map(|b| allows(&rule, &b.name, &b.labels))
                        .collect(),
                );
            }
            let class = classes.iter().position(|c| c == priority).unwrap_or(0);
            for replica in 1..=service.replica_count() {
                items.push(Item {
                    service: rules.len(),
                    replica,
                    class,
                    need: vec_of(&needs),
                    needs,
                });
            }
            rules.push(rule);
        }
        Instance::new(bins, items, rules, classes)
    }

    /// An instance from its parts, with the scale worked out.
    pub fn new(bins: Vec<Bin>, items: Vec<Item>, rules: Vec<Rule>, classes: Vec<u32>) -> Instance {
        let mut scale = [1.0; DIMS];
        for (d, s) in scale.iter_mut().enumerate() {
            let most = bins
                .iter()
                .map(|b| b.room[d])
                .filter(|r| r.is_finite())
                .fold(0.0, f64::max);
            let need = items.iter().map(|i| i.need[d]).fold(0.0, f64::max);
            *s = most.max(need).max(if d == 1 { 1e-6 } else { 1.0 });
        }
        Instance {
            bins,
            items,
            rules,
            classes,
            scale,
        }
    }

    /// An item's size per resource as a share of the scale.
    pub fn size(&self, item: usize) -> Vec3 {
        let n = &self.items[item].need;
        [
            n[0] / self.scale[0],
            n[1] / self.scale[1],
            n[2] / self.scale[2],
        ]
    }

    /// Whether the static rules (`on`, `not_on`, `requires`) let `item` on `bin`.
    pub fn allowed(&self, item: usize, bin: usize) -> bool {
        self.rules[self.items[item].service]
            .allowed
            .as_ref()
            .is_none_or(|a| a[bin])
    }

    pub fn port(&self, item: usize) -> Option<u16> {
        self.rules[self.items[item].service].port
    }
}

/// Whether `need` added to `used` stays within `room` on every resource; a need of zero always does.
pub fn within(room: &Vec3, used: &Vec3, need: &Vec3) -> bool {
    if need.iter().all(|n| *n <= 0.0) {
        return true;
    }
    (0..DIMS).all(|d| used[d] + need[d] <= room[d] + EPS[d])
}
