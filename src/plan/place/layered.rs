//! A construction for instances that the number of items limits more than their volume (the
//! count bound above the volume bound, as in bench/place.sh (b)'s anti-correlated class, where
//! every replica fills about the same share of a host and the classic heuristics leave hosts
//! one replica short). Let `c` be the most items one host can hold. The hosts, largest first, are
//! split into two layers: the first `high` hosts hold `c` items each, the next ones `c - 1`. The
//! first layer takes the items of the least weighted size, with weights per resource balanced so
//! that those items fit the layer's rooms in total (`select`); each layer is dealt over its hosts
//! in a serpentine order of shape, so that each host gets items of every shape, and items are
//! swapped between hosts of the layer until every host is within its room (`repair`). The most
//! hosts in the first layer for which that works is found by bisection. Rules (ports, spread,
//! labels) are not looked at here: an item they keep off its host is put on the first host that
//! takes it, or left to the local search. Seeded, so deterministic. Pure.

use super::bound::{limited, most_per_host};
use super::heuristics::bin_order;
use super::improve::Rng;
use super::instance::{DIMS, EPS, Instance, Vec3, within};
use super::state::State;

/// Hosts of a layer drawn per swap `repair` looks for, and swaps it may look for per host that
/// starts over its room before it gives up on the layer.
const SAMPLE: usize = 32;
const TRIES_PER_HOST: usize = 12;

/// The steps of one swap tried in `repair`: it costs about three tests of an item against a
/// host's room (13 ns against 5, measured on 10,000 items over 2,000 hosts).
const SWAP_TEST: u64 = 3;

/// Rounds of reweighting in `select`.
const ROUNDS: usize = 48;

pub struct Layered<'a> {
    inst: &'a Instance,
    /// Per item, its need as shares of the scale.
    sizes: Vec<Vec3>,
    /// The resources every host limits.
    limited: Vec<usize>,
    order: Vec<usize>,
    rng: Rng,
    pub work: u64,
    budget: u64,
}

impl<'a> Layered<'a> {
    pub fn new(inst: &'a Instance, budget: u64, seed: u64) -> Layered<'a> {
        let limited = limited(inst);
        Layered {
            inst,
            sizes: (0..inst.items.len()).map(|i| inst.size(i)).collect(),
            limited,
            order: bin_order(inst),
            rng: Rng::new(seed),
            work: 0,
            budget,
        }
    }

    fn load(&self, i: usize) -> f64 {
        self.limited
            .iter()
            .map(|&d| self.sizes[i][d].max(0.0))
            .sum()
    }

    /// An assignment that uses fewer than `beat` hosts, when the construction finds one; `None`
    /// when a host holds fewer than three items, or when it finds none. `solve` tries it only
    /// when the count bound is above the volume bound.
    pub fn construct(&mut self, beat: usize) -> Option<State> {
        let inst = self.inst;
        let n = inst.items.len();
        if n == 0
            || self.limited.is_empty()
            || inst
                .items
                .iter()
                .any(|i| i.need.iter().any(|x| !x.is_finite()))
        {
            return None;
        }
        let c = most_per_host(inst, &(0..n).collect::<Vec<_>>());
        if c < 3 {
            return None;
        }
        let hosts = |high: usize| high + (n - c * high).div_ceil(c - 1);
        // the fewest first-layer hosts that could beat `beat`, and the most there can be
        let most = (n / c).min(inst.bins.len());
        let least = (0..=most).find(|h| hosts(*h) < beat && hosts(*h) <= inst.bins.len())?;
        let mut best: Option<Vec<Vec<usize>>> = None;
        let (mut lo, mut hi) = (least, most);
        while lo <= hi && self.work < self.budget {
            let mid = lo + (hi - lo) / 2;
            match self.attempt(c, mid) {
                Some(groups) => {
                    best = Some(groups);
                    lo = mid + 1;
                }
                None if mid == 0 => break,
                None => hi = mid - 1,
            }
        }
        best.map(|groups| self.assign(&groups))
    }

    /// The two layers with `high` hosts in the first, every host within its room; `None` when
    /// `repair` cannot make them so.
    fn attempt(&mut self, c: usize, high: usize) -> Option<Vec<Vec<usize>>> {
        let n = self.inst.items.len();
        let low = (n - c * high).div_ceil(c - 1);
        let bins: Vec<usize> = self.order[..high + low].to_vec();
        let (first, rest) = self.select(c * high, &bins[..high])?;
        if !self.room_for(&rest, &bins[high..]) {
            return None;
        }
        let mut groups = self.deal(first, &bins[..high]);
        if !self.repair(&mut groups, &bins[..high]) {
            return None;
        }
        let mut second = self.deal(rest, &bins[high..]);
        if !self.repair(&mut second, &bins[high..]) {
            return None;
        }
        groups.append(&mut second);
        Some(groups)
    }

    /// Whether the rooms of `bins` add up to the needs of `items` in every resource.
    fn room_for(&mut self, items: &[usize], bins: &[usize]) -> bool {
        let inst = self.inst;
        self.work += (items.len() + bins.len()) as u64;
        self.limited.iter().all(|&d| {
            let need: f64 = items.iter().map(|&i| inst.items[i].need[d]).sum();
            let room: f64 = bins.iter().map(|&b| inst.bins[b].room[d].max(0.0)).sum();
            need <= room + EPS[d]
        })
    }

    /// The `k` items of the least weighted size, the weights per resource raised while the
    /// chosen items' sum exceeds the rooms of `bins` in that resource; and the other items.
    /// `None` when no weights found make them fit in total.
    fn select(&mut self, k: usize, bins: &[usize]) -> Option<(Vec<usize>, Vec<usize>)> {
        let inst = self.inst;
        let n = inst.items.len();
        let mut all: Vec<usize> = (0..n).collect();
        if k == 0 {
            return Some((Vec::new(), all));
        }
        let cap: Vec3 = std::array::from_fn(|d| {
            bins.iter()
                .map(|&b| inst.bins[b].room[d].max(0.0) / inst.scale[d])
                .sum()
        });
        let mut weight = [1.0; DIMS];
        let mut step = 0.5;
        let mut last: Option<usize> = None;
        for _ in 0..ROUNDS {
            let score = |i: usize| -> f64 {
                self.limited
                    .iter()
                    .map(|&d| weight[d] * self.sizes[i][d])
                    .sum()
            };
            if k < n {
                all.select_nth_unstable_by(k, |a, b| {
                    score(*a).total_cmp(&score(*b)).then(a.cmp(b))
                });
            }
            self.work += n as u64;
            let mut sum = [0.0; DIMS];
            for &i in &all[..k] {
                for d in 0..DIMS {
                    sum[d] += self.sizes[i][d];
                }
            }
            // how far each resource is over its room, relative to it (0 within it, so that a
            // resource no item needs on hosts without it is never the worst, and no 0/0 is
            // compared)
            let over = |d: usize| {
                if sum[d] <= cap[d] {
                    0.0
                } else if cap[d] > 0.0 {
                    sum[d] / cap[d]
                } else {
                    f64::INFINITY
                }
            };
            let worst = self
                .limited
                .iter()
                .copied()
                .max_by(|a, b| over(*a).total_cmp(&over(*b)).then(b.cmp(a)))
                .unwrap_or(0);
            if over(worst) == 0.0 {
                let rest = all.split_off(k);
                return Some((all, rest));
            }
            if last.is_some_and(|l| l != worst) {
                step *= 0.6;
            }
            last = Some(worst);
            weight[worst] *= 1.0 + step;
        }
        None
    }

    /// `items` over `bins`, in a serpentine order of their shape (the difference of their shares
    /// of the two resources they need most in total), as evenly in count as they go.
    fn deal(&mut self, mut items: Vec<usize>, bins: &[usize]) -> Vec<Vec<usize>> {
        let mut groups = vec![Vec::new(); bins.len()];
        if bins.is_empty() {
            return groups;
        }
        let mut total = [0.0; DIMS];
        for &i in &items {
            for d in 0..DIMS {
                total[d] += self.sizes[i][d];
            }
        }
        let mut dims = self.limited.clone();
        dims.sort_by(|a, b| total[*b].total_cmp(&total[*a]));
        let key = |i: usize| match dims[..] {
            [a, b, ..] => self.sizes[i][a] - self.sizes[i][b],
            _ => self.load(i),
        };
        items.sort_by(|a, b| key(*a).total_cmp(&key(*b)).then(a.cmp(b)));
        let m = bins.len();
        for (j, item) in items.into_iter().enumerate() {
            let (round, at) = (j / m, j % m);
            let g = if round % 2 == 0 { at } else { m - 1 - at };
            groups[g].push(item);
        }
        self.work += groups.len() as u64;
        groups
    }

    /// How far `used` is over a host's room, as shares of the scale summed over resources.
    fn over(&self, used: &Vec3, bin: usize) -> f64 {
        let inst = self.inst;
        let room = &inst.bins[bin].room;
        (0..DIMS)
            .map(|d| (used[d] - room[d] - EPS[d]).max(0.0) / inst.scale[d])
            .sum()
    }

    /// Swaps of one item for one between the groups until each is within its host's room: for a
    /// group over it, the swap with a group drawn from the layer that lowers how far the two are
    /// over the most. False when a group stays over.
    fn repair(&mut self, groups: &mut [Vec<usize>], bins: &[usize]) -> bool {
        let inst = self.inst;
        let m = groups.len();
        let mut used: Vec<Vec3> = groups
            .iter()
            .map(|g| {
                let mut u = [0.0; DIMS];
                for &i in g {
                    for d in 0..DIMS {
                        u[d] += inst.items[i].need[d];
                    }
                }
                u
            })
            .collect();
        let mut over: Vec<f64> = (0..m).map(|g| self.over(&used[g], bins[g])).collect();
        self.work += m as u64;
        let mut tries = vec![0usize; m];
        let mut next = 0;
        loop {
            let Some(a) = (0..m)
                .map(|k| (next + k) % m)
                .find(|g| over[*g] > 0.0 && tries[*g] < TRIES_PER_HOST)
            else {
                return over.iter().all(|o| *o <= 0.0);
            };
            next = a;
            if self.work >= self.budget {
                return false;
            }
            let mut best: Option<(f64, usize, usize, usize)> = None;
            for _ in 0..SAMPLE.min(m - 1) {
                let b = self.rng.below(m);
                if b == a {
                    continue;
                }
                for (ia, &x) in groups[a].iter().enumerate() {
                    for (ib, &y) in groups[b].iter().enumerate() {
                        self.work += SWAP_TEST;
                        let (nx, ny) = (&inst.items[x].need, &inst.items[y].need);
                        let ua: Vec3 = std::array::from_fn(|d| used[a][d] - nx[d] + ny[d]);
                        let ub: Vec3 = std::array::from_fn(|d| used[b][d] - ny[d] + nx[d]);
                        let gain =
                            over[a] + over[b] - self.over(&ua, bins[a]) - self.over(&ub, bins[b]);
                        if gain > 1e-15 && best.is_none_or(|(g, ..)| gain > g) {
                            best = Some((gain, b, ia, ib));
                        }
                    }
                }
            }
            match best {
                Some((_, b, ia, ib)) => {
                    let (x, y) = (groups[a][ia], groups[b][ib]);
                    groups[a][ia] = y;
                    groups[b][ib] = x;
                    for d in 0..DIMS {
                        let delta = inst.items[y].need[d] - inst.items[x].need[d];
                        used[a][d] += delta;
                        used[b][d] -= delta;
                    }
                    over[a] = self.over(&used[a], bins[a]);
                    over[b] = self.over(&used[b], bins[b]);
                }
                None => tries[a] += 1,
            }
        }
    }

    /// The groups put on their hosts (the first `groups.len()` in opening order), each item where
    /// every rule lets it, else on the first host that takes it, else left unplaced.
    fn assign(&mut self, groups: &[Vec<usize>]) -> State {
        let inst = self.inst;
        let mut state = State::empty(inst);
        let mut left = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            let bin = self.order[g];
            for &i in group {
                self.work += 1;
                if within(&inst.bins[bin].room, &state.used[bin], &inst.items[i].need)
                    && state.fits(inst, i, bin)
                {
                    state.put(inst, i, bin);
                } else {
                    left.push(i);
                }
            }
        }
        for i in left {
            let bin = self.order.iter().copied().find(|&b| {
                within(&inst.bins[b].room, &state.used[b], &inst.items[i].need)
                    && state.fits(inst, i, b)
            });
            self.work += inst.bins.len() as u64;
            if let Some(b) = bin {
                state.put(inst, i, b);
            }
        }
        state
    }
}
