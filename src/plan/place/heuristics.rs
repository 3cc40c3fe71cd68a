//! The classic heuristics of vector bin packing, each a complete assignment: first fit in the
//! plan's order; first-fit decreasing under several size measures (sum, max, product, L2 of the
//! shares); best fit; and the bin-centric DotProduct and L2-norm greedy of Panigrahy et al.,
//! "Heuristics for Vector Bin Packing" (2011). Every one takes the more important priority
//! classes first and opens hosts largest first. Pure and deterministic.

use super::instance::{DIMS, EPS, Instance, Vec3, within};
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
            Heuristic::DotProduct => bin_centric(
                inst,
                |size, free| (0..DIMS).map(|d| size[d] * free[d]).sum(),
                // an item no larger than `most` scores at most most times the free room
                |most, free| (0..DIMS).map(|d| most[d] * free[d].max(0.0)).sum(),
            ),
            Heuristic::L2Norm => bin_centric(
                inst,
                |size, free| -(0..DIMS).map(|d| (free[d] - size[d]).powi(2)).sum::<f64>(),
                // an item no larger than `most` leaves at least free - most of each resource
                |most, free| {
                    -(0..DIMS)
                        .map(|d| (free[d] - most[d]).max(0.0).powi(2))
                        .sum::<f64>()
                },
            ),
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

/// A bin's free room per resource, in the instance's units (infinite where it has no limit).
pub fn free_room(inst: &Instance, state: &State, bin: usize) -> Vec3 {
    let room = &inst.bins[bin].room;
    std::array::from_fn(|d| room[d] - state.used[bin][d])
}

/// Per resource, how far a free room computed as `room - used` may be below a need that
/// `within` (`used + need <= room + EPS`) still admits: the tolerance and a margin for rounding.
pub fn slack(inst: &Instance) -> Vec3 {
    std::array::from_fn(|d| EPS[d] + 1e-9 * inst.scale[d])
}

/// Whether a free room could take `need` (a necessary test: `within` decides).
fn could(free: &Vec3, need: &Vec3, slack: &Vec3) -> bool {
    (0..DIMS).all(|d| need[d] <= free[d] + slack[d])
}

/// Hosts at positions (their opening order) with each resource's free room, and its largest
/// over every range of positions, so that the first host an item could fit is found by
/// descending only into ranges whose largest rooms take it: about log(hosts) steps instead of
/// one per host.
pub struct FreeTree {
    leaves: usize,
    max: Vec<Vec3>,
    slack: Vec3,
}

impl FreeTree {
    /// Every position closed (no room) until `set`.
    pub fn new(positions: usize, slack: Vec3) -> FreeTree {
        let leaves = positions.next_power_of_two().max(1);
        FreeTree {
            leaves,
            max: vec![[f64::NEG_INFINITY; DIMS]; 2 * leaves],
            slack,
        }
    }

    pub fn set(&mut self, pos: usize, free: Vec3) {
        let mut i = self.leaves + pos;
        self.max[i] = free;
        while i > 1 {
            i /= 2;
            let (l, r) = (self.max[2 * i], self.max[2 * i + 1]);
            self.max[i] = std::array::from_fn(|d| l[d].max(r[d]));
        }
    }

    /// The first position whose free room could take `need` and for which `accept` holds.
    pub fn first(&self, need: &Vec3, mut accept: impl FnMut(usize) -> bool) -> Option<usize> {
        let mut stack = Vec::with_capacity(64);
        stack.push(1);
        while let Some(node) = stack.pop() {
            if !could(&self.max[node], need, &self.slack) {
                continue;
            }
            if node >= self.leaves {
                if accept(node - self.leaves) {
                    return Some(node - self.leaves);
                }
                continue;
            }
            stack.push(2 * node + 1);
            stack.push(2 * node);
        }
        None
    }
}

/// Whether `need` is nothing: such an item fits any room, even a host already over it.
fn nothing(need: &Vec3) -> bool {
    need.iter().all(|n| *n <= 0.0)
}

fn first_fit(inst: &Instance, order: &[usize]) -> State {
    let bins = bin_order(inst);
    let mut state = State::empty(inst);
    let mut tree = FreeTree::new(bins.len(), slack(inst));
    for (p, &b) in bins.iter().enumerate() {
        tree.set(p, free_room(inst, &state, b));
    }
    for &item in order {
        let need = &inst.items[item].need;
        let found = if nothing(need) {
            bins.iter().position(|b| fits(inst, &state, item, *b))
        } else {
            tree.first(need, |p| fits(inst, &state, item, bins[p]))
        };
        if let Some(p) = found {
            state.put(inst, item, bins[p]);
            tree.set(p, free_room(inst, &state, bins[p]));
        }
    }
    state
}

/// An order on floats as unsigned integers (for a sorted set).
fn ordered(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}

/// Each item on the open host it leaves least room on (shares summed); a new host, largest
/// first, only when no open one takes it. The open hosts are kept sorted by their free room, so
/// the first that takes the item is the best; a host no item still to come could fit is dropped.
fn best_fit(inst: &Instance, order: &[usize]) -> State {
    let bins = bin_order(inst);
    let mut state = State::empty(inst);
    let slack = slack(inst);
    // Per position in `order`, each resource's smallest need from there on.
    let mut least = vec![[f64::INFINITY; DIMS]; order.len() + 1];
    for k in (0..order.len()).rev() {
        let need = &inst.items[order[k]].need;
        least[k] = std::array::from_fn(|d| least[k + 1][d].min(need[d]));
    }
    let mut empty = FreeTree::new(bins.len(), slack);
    for (p, &b) in bins.iter().enumerate() {
        empty.set(p, free_room(inst, &state, b));
    }
    let mut open: std::collections::BTreeSet<(u64, usize)> = std::collections::BTreeSet::new();
    let key = |state: &State, p: usize| -> (u64, usize) {
        (ordered(free_share(inst, state, bins[p]).iter().sum()), p)
    };
    for (k, &item) in order.iter().enumerate() {
        let need = &inst.items[item].need;
        let mut chosen = None;
        let mut dropped = Vec::new();
        for &(sum, p) in &open {
            let free = free_room(inst, &state, bins[p]);
            if !could(&free, &least[k], &slack) {
                dropped.push((sum, p));
                continue;
            }
            if fits(inst, &state, item, bins[p]) {
                chosen = Some(p);
                break;
            }
        }
        for d in dropped {
            open.remove(&d);
        }
        let was_open = chosen.is_some();
        if chosen.is_none() {
            chosen = if nothing(need) {
                (0..bins.len()).find(|p| {
                    state.members[bins[*p]].is_empty() && fits(inst, &state, item, bins[*p])
                })
            } else {
                empty.first(need, |p| fits(inst, &state, item, bins[p]))
            };
        }
        if let Some(p) = chosen {
            if was_open {
                open.remove(&key(&state, p));
            } else {
                empty.set(p, [f64::NEG_INFINITY; DIMS]);
            }
            state.put(inst, item, bins[p]);
            open.insert(key(&state, p));
        }
    }
    state
}

/// An item still to place in a bin-centric heuristic, in plain numbers.
#[derive(Clone, Copy)]
struct Candidate {
    need: Vec3,
    size: Vec3,
    item: usize,
    simple: bool,
}

/// The items of one class whose memory and CPU shares fall in one square of a grid, with each
/// resource's largest share and smallest need among them (fixed when built: items only leave).
#[derive(Clone)]
struct Cell {
    items: Vec<Candidate>,
    most: Vec3,
    least: Vec3,
}

/// Squares per side of the grid the bin-centric heuristics keep their items in.
const GRID: usize = 32;

fn cell_of(size: &Vec3) -> usize {
    let at = |x: f64| ((x.max(0.0) * GRID as f64) as usize).min(GRID - 1);
    at(size[0]) * GRID + at(size[1])
}

/// Hosts opened one at a time, largest first; each is filled by taking, among the items of the
/// most important class that still fit, the one that scores highest against its free room (on a
/// tie the smallest in memory, then the first in the plan). The items are kept in a grid by
/// their memory and CPU shares; the squares are looked at in decreasing `bound` (the most an item
/// no larger than the square's largest could score) until no square left can do better.
fn bin_centric(
    inst: &Instance,
    score: impl Fn(&Vec3, &Vec3) -> f64,
    bound: impl Fn(&Vec3, &Vec3) -> f64,
) -> State {
    let mut state = State::empty(inst);
    let simple = simple_items(inst);
    let slack = slack(inst);
    let empty = Cell {
        items: Vec::new(),
        most: [0.0; DIMS],
        least: [f64::INFINITY; DIMS],
    };
    let mut grids: Vec<Vec<Cell>> = vec![vec![empty; GRID * GRID]; inst.classes.len()];
    for i in 0..inst.items.len() {
        let size = inst.size(i);
        let need = inst.items[i].need;
        let cell = &mut grids[inst.items[i].class][cell_of(&size)];
        for d in 0..DIMS {
            cell.most[d] = cell.most[d].max(size[d]);
            cell.least[d] = cell.least[d].min(need[d]);
        }
        cell.items.push(Candidate {
            need,
            size,
            item: i,
            simple: simple[i],
        });
    }
    let mut count: usize = inst.items.len();
    let mut squares: Vec<(f64, usize)> = Vec::with_capacity(GRID * GRID);
    for bin in bin_order(inst) {
        if count == 0 {
            break;
        }
        let room = inst.bins[bin].room;
        loop {
            let free = free_share(inst, &state, bin);
            let used = state.used[bin];
            let free_room: Vec3 = std::array::from_fn(|d| room[d] - used[d]);
            // (score, memory, item, class, square, index in it)
            let mut best: Option<(f64, f64, usize, usize, usize, usize)> = None;
            for (c, grid) in grids.iter().enumerate() {
                squares.clear();
                for (k, cell) in grid.iter().enumerate() {
                    if cell.items.is_empty()
                        || !(nothing(&cell.least) || could(&free_room, &cell.least, &slack))
                    {
                        continue;
                    }
                    squares.push((bound(&cell.most, &free), k));
                }
                squares.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                for &(most, k) in &squares {
                    if best.is_some_and(|b| most < b.0) {
                        break;
                    }
                    for (idx, cand) in grid[k].items.iter().enumerate() {
                        if !within(&room, &used, &cand.need)
                            || !(cand.simple || state.fits(inst, cand.item, bin))
                        {
                            continue;
                        }
                        let s = score(&cand.size, &free);
                        let better = best.is_none_or(|b| {
                            s.total_cmp(&b.0)
                                .then(b.1.total_cmp(&cand.need[0]))
                                .then(b.2.cmp(&cand.item))
                                .is_gt()
                        });
                        if better {
                            best = Some((s, cand.need[0], cand.item, c, k, idx));
                        }
                    }
                }
                if best.is_some() {
                    break;
                }
            }
            match best {
                Some((_, _, item, c, k, idx)) => {
                    grids[c][k].items.swap_remove(idx);
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
