//! The classic heuristics of vector bin packing, each a complete assignment: first fit in the
//! plan's order; first-fit decreasing under several size measures (sum, max, product, L2 of the
//! shares); best fit; and the bin-centric DotProduct and L2-norm greedy of Panigrahy et al.,
//! "Heuristics for Vector Bin Packing" (2011). Every one takes the more important priority
//! classes first and opens hosts largest first. Pure and deterministic.

use super::instance::{DIMS, Instance, Vec3, within};
use super::state::State;

/// The heuristics, by the names the reports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heuristic {
    FirstFit,
    FfdSum,
    FfdMax,
    FfdProduct,
    FfdL2,
    BestFit,
    DotProduct,
    L2Norm,
}

impl Heuristic {
    pub const ALL: [Heuristic; 8] = [
        Heuristic::FirstFit,
        Heuristic::FfdSum,
        Heuristic::FfdMax,
        Heuristic::FfdProduct,
        Heuristic::FfdL2,
        Heuristic::BestFit,
        Heuristic::DotProduct,
        Heuristic::L2Norm,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Heuristic::FirstFit => "first_fit",
            Heuristic::FfdSum => "ffd_sum",
            Heuristic::FfdMax => "ffd_max",
            Heuristic::FfdProduct => "ffd_product",
            Heuristic::FfdL2 => "ffd_l2",
            Heuristic::BestFit => "best_fit",
            Heuristic::DotProduct => "dot_product",
            Heuristic::L2Norm => "l2_norm",
        }
    }

    pub fn run(self, inst: &Instance) -> State {
        match self {
            Heuristic::FirstFit => first_fit(inst, &plan_order(inst)),
            Heuristic::FfdSum => first_fit(inst, &decreasing(inst, |s| s.iter().sum())),
            Heuristic::FfdMax => first_fit(
                inst,
                &decreasing(inst, |s| s.iter().fold(0.0, |a, b| a.max(*b))),
            ),
            Heuristic::FfdProduct => first_fit(inst, &decreasing(inst, product)),
            Heuristic::FfdL2 => {
                first_fit(inst, &decreasing(inst, |s| s.iter().map(|x| x * x).sum()))
            }
            Heuristic::BestFit => best_fit(inst, &decreasing(inst, |s| s.iter().sum())),
            Heuristic::DotProduct => bin_centric(inst, |size, free| {
                (0..DIMS).map(|d| size[d] * free[d]).sum()
            }),
            Heuristic::L2Norm => bin_centric(inst, |size, free| {
                -(0..DIMS).map(|d| (free[d] - size[d]).powi(2)).sum::<f64>()
            }),
        }
    }
}

/// The product of the shares that are not zero (a resource an item does not use does not make
/// it small).
fn product(s: &Vec3) -> f64 {
    s.iter().filter(|x| **x > 0.0).product()
}

/// Items by class, then as the plan lists them.
fn plan_order(inst: &Instance) -> Vec<usize> {
    let mut order: Vec<usize> = (0..inst.items.len()).collect();
    order.sort_by_key(|i| inst.items[*i].class);
    order
}

/// Items by class, then by decreasing `measure` of their shares, then as the plan lists them.
pub fn decreasing(inst: &Instance, measure: impl Fn(&Vec3) -> f64) -> Vec<usize> {
    let sizes: Vec<f64> = (0..inst.items.len())
        .map(|i| measure(&inst.size(i)))
        .collect();
    let mut order: Vec<usize> = (0..inst.items.len()).collect();
    order.sort_by(|a, b| {
        inst.items[*a]
            .class
            .cmp(&inst.items[*b].class)
            .then(sizes[*b].total_cmp(&sizes[*a]))
            .then(a.cmp(b))
    });
    order
}

/// A bin's free room as shares of the scale; a resource it does not check counts as all free.
pub fn free_share(inst: &Instance, state: &State, bin: usize) -> Vec3 {
    let room = &inst.bins[bin].room;
    let mut out = [0.0; DIMS];
    for d in 0..DIMS {
        out[d] = if room[d].is_finite() {
            (room[d] - state.used[bin][d]) / inst.scale[d]
        } else {
            1.0
        };
    }
    out
}

/// The hosts in the order they are opened: the most room first (shares summed), then as given.
pub fn bin_order(inst: &Instance) -> Vec<usize> {
    let empty = State::empty(inst);
    let size: Vec<f64> = (0..inst.bins.len())
        .map(|b| free_share(inst, &empty, b).iter().sum())
        .collect();
    let mut order: Vec<usize> = (0..inst.bins.len()).collect();
    order.sort_by(|a, b| size[*b].total_cmp(&size[*a]).then(a.cmp(b)));
    order
}

/// Whether an item fits: the cheap test of room first, then the rules.
fn fits(inst: &Instance, state: &State, item: usize, bin: usize) -> bool {
    within(
        &inst.bins[bin].room,
        &state.used[bin],
        &inst.items[item].need,
    ) && state.fits(inst, item, bin)
}

fn first_fit(inst: &Instance, order: &[usize]) -> State {
    let bins = bin_order(inst);
    let mut state = State::empty(inst);
    for &item in order {
        if let Some(&bin) = bins.iter().find(|b| fits(inst, &state, item, **b)) {
            state.put(inst, item, bin);
        }
    }
    state
}

/// Each item on the open host it leaves least room on (shares summed); a new host, largest
/// first, only when no open one takes it.
fn best_fit(inst: &Instance, order: &[usize]) -> State {
    let bins = bin_order(inst);
    let mut state = State::empty(inst);
    for &item in order {
        let size = inst.size(item);
        let mut best: Option<(f64, usize)> = None;
        for &bin in &bins {
            if state.members[bin].is_empty() || !fits(inst, &state, item, bin) {
                continue;
            }
            let free = free_share(inst, &state, bin);
            let left: f64 = (0..DIMS).map(|d| free[d] - size[d]).sum();
            if best.is_none_or(|(l, _)| left < l) {
                best = Some((left, bin));
            }
        }
        let chosen = best.map(|(_, b)| b).or_else(|| {
            bins.iter()
                .copied()
                .find(|b| state.members[*b].is_empty() && fits(inst, &state, item, *b))
        });
        if let Some(bin) = chosen {
            state.put(inst, item, bin);
        }
    }
    state
}

/// Hosts opened one at a time, largest first; each is filled by taking, among the items of the
/// most important class that still fit, the one that scores highest against its free room. Items
/// are kept per class in increasing memory, so that only those small enough in memory are looked at.
fn bin_centric(inst: &Instance, score: impl Fn(&Vec3, &Vec3) -> f64) -> State {
    let mut state = State::empty(inst);
    let sizes: Vec<Vec3> = (0..inst.items.len()).map(|i| inst.size(i)).collect();
    let simple = simple_items(inst);
    let mut left: Vec<Vec<usize>> = vec![Vec::new(); inst.classes.len()];
    for i in 0..inst.items.len() {
        left[inst.items[i].class].push(i);
    }
    for class in &mut left {
        class.sort_by(|a, b| {
            inst.items[*a].need[0]
                .total_cmp(&inst.items[*b].need[0])
                .then(a.cmp(b))
        });
    }
    let mut count: usize = inst.items.len();
    for bin in bin_order(inst) {
        if count == 0 {
            break;
        }
        let room = inst.bins[bin].room;
        loop {
            let free = free_share(inst, &state, bin);
            let memory_left = room[0] - state.used[bin][0];
            let mut best: Option<(f64, usize, usize)> = None;
            for (c, items) in left.iter().enumerate() {
                for (pos, &item) in items.iter().enumerate() {
                    let need = &inst.items[item].need;
                    if need[0] > memory_left && need.iter().any(|n| *n > 0.0) {
                        break;
                    }
                    if !within(&room, &state.used[bin], need)
                        || !(simple[item] || state.fits(inst, item, bin))
                    {
                        continue;
                    }
                    let s = score(&sizes[item], &free);
                    if best.is_none_or(|(b, _, _)| s > b) {
                        best = Some((s, c, pos));
                    }
                }
                if best.is_some() {
                    break;
                }
            }
            match best {
                Some((_, c, pos)) => {
                    let item = left[c].remove(pos);
                    state.put(inst, item, bin);
                    count -= 1;
                }
                None => break,
            }
        }
    }
    state
}

/// Per item, whether only its room decides where it may go (no port, no spread, no host rules).
pub fn simple_items(inst: &Instance) -> Vec<bool> {
    inst.items
        .iter()
        .map(|i| {
            let r = &inst.rules[i.service];
            r.port.is_none() && !r.spread && r.allowed.is_none()
        })
        .collect()
}
