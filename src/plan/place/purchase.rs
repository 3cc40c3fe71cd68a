//! The cheapest set of new instances for the replicas no host takes: each catalog type judged
//! as a new host with nothing running (`mover::fresh`: the catalog's usable-memory rule, the
//! policy's reserve and CPU limit), filled by a greedy that buys, round by round, the instance
//! that costs least per share of what it takes; each bought instance then shrunk to the cheapest
//! type that still holds its replicas; and the cheapest single-type purchase kept if it is
//! cheaper. Ports stay unique, spread replicas apart, and replicas that `require` labels share an
//! instance only with replicas requiring the same (the new host is given them). Pure.

use super::instance::{DIMS, Instance, Vec3, room_vec, within};
use crate::model::{Catalog, InstanceType, Policy};
use crate::plan::options::mover::{UsableRule, fresh};
use crate::plan::options::upgrade::round2;
use crate::plan::room::Room;
use serde::Serialize;

/// Instances of one type to buy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PurchaseLine {
    pub instance: String,
    pub count: usize,
    /// For all `count` of them.
    pub monthly_cost: f64,
    /// The services whose replicas they take, most important first.
    pub services: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Purchase {
    pub lines: Vec<PurchaseLine>,
    pub total_monthly_cost: f64,
    pub currency: String,
    /// The cheapest purchase of one type only, for comparison.
    pub single_type: Option<PurchaseLine>,
    /// No purchase can cost less: the larger of each resource's demand at the cheapest price
    /// per unit of it, and the cheapest type that takes the largest replica.
    pub cost_lower_bound: f64,
    /// Replicas (item indices) that no type of the catalog takes.
    #[serde(skip)]
    pub unbuyable: Vec<usize>,
}

struct Type<'a> {
    t: &'a InstanceType,
    room: Vec3,
    price: f64,
}

#[derive(Clone)]
struct NewBin {
    ty: usize,
    used: Vec3,
    members: Vec<usize>,
}

struct Shop<'a> {
    inst: &'a Instance,
    types: Vec<Type<'a>>,
    scale: Vec3,
}

impl Shop<'_> {
    /// Whether `item` may join `bin` on a host of type `ty`.
    fn fits(&self, item: usize, members: &[usize], used: &Vec3, ty: usize) -> bool {
        if !within(&self.types[ty].room, used, &self.inst.items[item].need) {
            return false;
        }
        let rule = &self.inst.rules[self.inst.items[item].service];
        members.iter().all(|&m| {
            let other = &self.inst.rules[self.inst.items[m].service];
            let same = self.inst.items[m].service == self.inst.items[item].service;
            !(same && rule.spread)
                && (rule.port.is_none() || rule.port != other.port)
                && rule.requires == other.requires
        })
    }

    fn add(&self, bin: &mut NewBin, item: usize) {
        for d in 0..DIMS {
            bin.used[d] += self.inst.items[item].need[d];
        }
        bin.members.push(item);
    }

    /// One new instance of `ty` filled by first fit from `items` (in order).
    fn fill(&self, ty: usize, items: &[usize]) -> NewBin {
        let mut bin = NewBin {
            ty,
            used: [0.0; DIMS],
            members: Vec::new(),
        };
        for &item in items {
            if self.fits(item, &bin.members, &bin.used, ty) {
                self.add(&mut bin, item);
            }
        }
        bin
    }

    fn value(&self, bin: &NewBin) -> f64 {
        (0..DIMS)
            .filter(|d| self.scale[*d] > 0.0)
            .map(|d| bin.used[d] / self.scale[d])
            .sum::<f64>()
            .max(1e-12)
    }

    /// Every item in instances of `ty` only, by first-fit decreasing; `None` when one does not fit.
    fn single(&self, ty: usize, items: &[usize]) -> Option<Vec<NewBin>> {
        let mut bins: Vec<NewBin> = Vec::new();
        for &item in items {
            match bins
                .iter_mut()
                .find(|b| self.fits(item, &b.members, &b.used, ty))
            {
                Some(b) => {
                    for d in 0..DIMS {
                        b.used[d] += self.inst.items[item].need[d];
                    }
                    b.members.push(item);
                }
                None => {
                    let bin = self.fill(ty, &[item]);
                    if bin.members.is_empty() {
                        return None;
                    }
                    bins.push(bin);
                }
            }
        }
        Some(bins)
    }

    /// Round by round, the instance that costs least per share of what it takes.
    fn greedy(&self, items: &[usize]) -> Vec<NewBin> {
        let mut left: Vec<usize> = items.to_vec();
        let mut bins = Vec::new();
        while !left.is_empty() {
            let best = (0..self.types.len())
                .map(|ty| self.fill(ty, &left))
                .filter(|b| !b.members.is_empty())
                .min_by(|a, b| {
                    let ra = self.types[a.ty].price / self.value(a);
                    let rb = self.types[b.ty].price / self.value(b);
                    ra.total_cmp(&rb)
                        .then(self.types[a.ty].price.total_cmp(&self.types[b.ty].price))
                });
            let Some(bin) = best else { break };
            left.retain(|i| !bin.members.contains(i));
            bins.push(bin);
        }
        // Each instance shrunk to the cheapest type that holds what it took.
        for bin in &mut bins {
            if let Some(ty) = self.cheapest_for(&bin.members) {
                bin.ty = ty;
            }
        }
        bins
    }

    fn cheapest_for(&self, members: &[usize]) -> Option<usize> {
        (0..self.types.len())
            .filter(|&ty| {
                let mut used = [0.0; DIMS];
                let mut placed: Vec<usize> = Vec::new();
                members.iter().all(|&m| {
                    let ok = self.fits(m, &placed, &used, ty);
                    for d in 0..DIMS {
                        used[d] += self.inst.items[m].need[d];
                    }
                    placed.push(m);
                    ok
                })
            })
            .min_by(|a, b| self.types[*a].price.total_cmp(&self.types[*b].price))
    }

    fn cost(&self, bins: &[NewBin]) -> f64 {
        bins.iter().map(|b| self.types[b.ty].price).sum()
    }

    fn lines(&self, bins: &[NewBin]) -> Vec<PurchaseLine> {
        let mut lines: Vec<(usize, PurchaseLine)> = Vec::new();
        for bin in bins {
            let at = match lines.iter().position(|(ty, _)| *ty == bin.ty) {
                Some(at) => at,
                None => {
                    lines.push((
                        bin.ty,
                        PurchaseLine {
                            instance: self.types[bin.ty].t.name.clone(),
                            count: 0,
                            monthly_cost: 0.0,
                            services: Vec::new(),
                        },
                    ));
                    lines.len() - 1
                }
            };
            let line = &mut lines[at].1;
            line.count += 1;
            line.monthly_cost = round2(self.types[bin.ty].price * line.count as f64);
            let mut members = bin.members.clone();
            members.sort_unstable();
            for m in members {
                let name = &self.inst.rules[self.inst.items[m].service].name;
                if !line.services.contains(name) {
                    line.services.push(name.clone());
                }
            }
        }
        lines.into_iter().map(|(_, l)| l).collect()
    }
}

/// The purchase for `items` (unplaced replicas that may go on a new host), in order of
/// importance and size. `None` without a catalog type to buy.
pub fn purchase(
    inst: &Instance,
    items: &[usize],
    catalog: &Catalog,
    policy: &Policy,
    rule: UsableRule,
    arch: crate::model::Arch,
) -> Option<Purchase> {
    let types: Vec<Type> = catalog
        .instances
        .iter()
        .filter(|t| policy.allow_arch_change || t.arch == arch)
        .map(|t| Type {
            t,
            room: room_vec(&Room::of(&fresh(t, policy, rule))),
            price: t.monthly_cost(),
        })
        .collect();
    let currency = types.first()?.t.currency.clone();
    let mut scale = [0.0; DIMS];
    for ty in &types {
        for d in 0..DIMS {
            if ty.room[d].is_finite() {
                scale[d] = f64::max(scale[d], ty.room[d]);
            }
        }
    }
    let shop = Shop { inst, types, scale };
    let empty = |ty: usize, item: usize| shop.fits(item, &[], &[0.0; DIMS], ty);
    let (buyable, unbuyable): (Vec<usize>, Vec<usize>) = items
        .iter()
        .partition(|&&i| (0..shop.types.len()).any(|ty| empty(ty, i)));
    let mixed = shop.greedy(&buyable);
    let single = (0..shop.types.len())
        .filter_map(|ty| shop.single(ty, &buyable).map(|b| (shop.cost(&b), b)))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    let chosen = match &single {
        Some((cost, bins)) if *cost < shop.cost(&mixed) => bins.clone(),
        _ => mixed,
    };
    let mut bound: f64 = 0.0;
    for d in 0..DIMS {
        let demand: f64 = buyable.iter().map(|i| inst.items[*i].need[d]).sum();
        let unit = shop
            .types
            .iter()
            .filter(|t| t.room[d].is_finite() && t.room[d] > 0.0)
            .map(|t| t.price / t.room[d])
            .fold(f64::INFINITY, f64::min);
        if demand > 0.0 && unit.is_finite() {
            bound = bound.max(demand * unit);
        }
    }
    for &i in &buyable {
        let cheapest = (0..shop.types.len())
            .filter(|ty| empty(*ty, i))
            .map(|ty| shop.types[ty].price)
            .fold(f64::INFINITY, f64::min);
        if cheapest.is_finite() {
            bound = bound.max(cheapest);
        }
    }
    Some(Purchase {
        total_monthly_cost: round2(shop.cost(&chosen)),
        lines: shop.lines(&chosen),
        currency,
        single_type: single.and_then(|(_, bins)| shop.lines(&bins).into_iter().next()),
        cost_lower_bound: round2(bound),
        unbuyable,
    })
}
