//! Local search from the best heuristic's assignment, within a budget of work (tests of whether
//! an item fits a host) that `cli` derives from `--time`: first the unplaced items, each put
//! where one item moved aside makes room; then rounds of ruin and recreate (`refill`: the least
//! filled hosts emptied with others drawn at random, and packed again host by host, each filled
//! greedily and finished by swaps with the items still to pack); then hosts emptied, the
//! lightest first, by moving their items onto the other hosts in use (best fit, with one item
//! moved aside when needed). A change is kept only when the key does not get worse. Seeded, so
//! deterministic. Pure.

use super::heuristics::{bin_order, free_share};
use super::instance::{DIMS, Instance, Vec3, within};
use super::state::State;

/// A small seeded generator (xorshift64*), so a run is the same for the same input and seed.
pub struct Rng(u64);

/// The work of one test of a replica on a host by every rule (`State::fits`, with a take and a
/// put around it), in steps: a step is one test in plain numbers (the room of a host against a
/// need), which takes about a fifth as long, measured on bench/place.sh (b).
const RULE_CHECK: u64 = 5;

/// Hosts in a row that may stay after a try to empty them before `empty_lightest` stops.
const EMPTY_TRIES: usize = 8;

/// Rounds of `refill` in a row that may fail before the search stops.
const REFILL_TRIES: usize = 6;

/// One host in this many in use is emptied, the least filled, by a round of `refill` (tried
/// with 1 in 4 to 1 in 32 on bench/place.sh (b): larger rounds cost more than they find, smaller
/// ones find less).
const RUIN_SHARE: usize = 8;

/// Swaps of one item for another that fills more, per host, in `refill`.
const SWAPS_PER_HOST: usize = 6;

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }

    pub fn draw(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.draw() % n as u64) as usize
        }
    }
}

pub struct Improver<'a> {
    pub inst: &'a Instance,
    pub work: u64,
    pub budget: u64,
    pub rng: Rng,
    /// Stop once this many hosts are in use with every item placed.
    pub target: usize,
    /// Per item, its size as shares of the scale, and their sum (how much of a host it fills).
    sizes: Vec<Vec3>,
    loads: Vec<f64>,
    /// The hosts in their opening order (largest first).
    order: Vec<usize>,
}

impl<'a> Improver<'a> {
    pub fn new(inst: &'a Instance, budget: u64, seed: u64, target: usize) -> Improver<'a> {
        let sizes: Vec<Vec3> = (0..inst.items.len()).map(|i| inst.size(i)).collect();
        Improver {
            inst,
            work: 0,
            budget,
            rng: Rng::new(seed),
            target,
            loads: sizes.iter().map(|s| s.iter().sum()).collect(),
            sizes,
            order: bin_order(inst),
        }
    }

    fn spent(&self) -> bool {
        self.work >= self.budget
    }

    fn fits(&mut self, state: &State, item: usize, bin: usize) -> bool {
        self.work += RULE_CHECK;
        state.fits(self.inst, item, bin)
    }

    fn done(&self, state: &State) -> bool {
        state.host_of.iter().all(Option::is_some) && state.bins_used() <= self.target
    }

    /// Improves `state` in place until the budget is spent or no move helps: rounds of `refill`
    /// while they help (it stops after a few in a row that do not), then hosts emptied onto the
    /// others.
    pub fn run(&mut self, state: &mut State) {
        self.place_unplaced(state);
        let mut stale = 0;
        let mut round = 0;
        while !self.spent() && !self.done(state) && stale < REFILL_TRIES {
            if self.refill(state, round) {
                stale = 0;
            } else {
                stale += 1;
            }
            round += 1;
        }
        self.empty_lightest(state);
    }

    /// Empties the lightest hosts onto the others while that works.
    fn empty_lightest(&mut self, state: &mut State) {
        let mut stale = 0;
        while !self.spent() {
            let all = state.host_of.iter().all(Option::is_some);
            let used: Vec<usize> = (0..self.inst.bins.len())
                .filter(|b| !state.members[*b].is_empty())
                .collect();
            // The lightest hosts are the likeliest to empty: after this many in a row stay, stop.
            if (all && used.len() <= self.target)
                || used.len() < 2
                || stale > used.len().min(EMPTY_TRIES)
            {
                break;
            }
            // The lightest hosts in use are the likeliest to empty; a seeded draw among the
            // few lightest avoids trying the same one forever.
            let mut by_load: Vec<(f64, usize)> = used
                .iter()
                .map(|&b| {
                    let load: f64 = (0..DIMS)
                        .map(|d| state.used[b][d] / self.inst.scale[d])
                        .sum();
                    (load, b)
                })
                .collect();
            by_load.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let pick = if stale == 0 {
                0
            } else {
                (stale - 1 + self.rng.below(3)).min(by_load.len() - 1)
            };
            let bin = by_load[pick].1;
            if self.empty_bin(state, bin) {
                stale = 0;
                self.place_unplaced(state);
            } else {
                stale += 1;
            }
        }
    }

    /// Puts each unplaced item, most important first, on a host it fits, or where moving one
    /// item to another host makes room.
    fn place_unplaced(&mut self, state: &mut State) {
        let mut unplaced: Vec<usize> = (0..self.inst.items.len())
            .filter(|i| state.host_of[*i].is_none())
            .collect();
        unplaced.sort_by_key(|i| self.inst.items[*i].class);
        for item in unplaced {
            if self.spent() {
                return;
            }
            if let Some(bin) = self.best_bin(state, item, None) {
                state.put(self.inst, item, bin);
                continue;
            }
            self.with_one_moved(state, item, None);
        }
    }

    /// The host in use (other than `skip`) that `item` fits leaving the least room, else the
    /// first empty host it fits.
    fn best_bin(&mut self, state: &State, item: usize, skip: Option<usize>) -> Option<usize> {
        let size = self.inst.size(item);
        let mut best: Option<(f64, usize)> = None;
        let mut empty: Option<usize> = None;
        for bin in 0..self.inst.bins.len() {
            if Some(bin) == skip || state.host_of[item] == Some(bin as u32) {
                continue;
            }
            let used = !state.members[bin].is_empty();
            if !used && (empty.is_some() || skip.is_some()) {
                continue;
            }
            if !self.fits(state, item, bin) {
                continue;
            }
            if used {
                let free = free_share(self.inst, state, bin);
                let left: f64 = (0..DIMS).map(|d| free[d] - size[d]).sum();
                if best.is_none_or(|(l, _)| left < l) {
                    best = Some((left, bin));
                }
            } else {
                empty = Some(bin);
            }
        }
        best.map(|(_, b)| b).or(empty)
    }

    /// Puts `item` on a host in use (not `skip`) after moving one of that host's items of the
    /// same or a less important class to another host in use (not `skip`). True when done.
    fn with_one_moved(&mut self, state: &mut State, item: usize, skip: Option<usize>) -> bool {
        let class = self.inst.items[item].class;
        for bin in 0..self.inst.bins.len() {
            if Some(bin) == skip || state.members[bin].is_empty() || self.spent() {
                continue;
            }
            if !self.inst.allowed(item, bin) {
                continue;
            }
            let members = state.members[bin].clone();
            let room = self.inst.bins[bin].room;
            let need = self.inst.items[item].need;
            for other in members {
                let other = other as usize;
                if self.inst.items[other].class < class {
                    continue;
                }
                // The room first, in plain numbers: most swaps fail here, before any move.
                let mut used = state.used[bin];
                for d in 0..DIMS {
                    used[d] -= self.inst.items[other].need[d];
                }
                self.work += 1;
                if !within(&room, &used, &need) {
                    continue;
                }
                state.take(self.inst, other);
                self.work += RULE_CHECK;
                if state.fits(self.inst, item, bin) {
                    state.put(self.inst, item, bin);
                    let target = (0..self.inst.bins.len()).find(|&b| {
                        b != bin
                            && Some(b) != skip
                            && !state.members[b].is_empty()
                            && state.fits(self.inst, other, b)
                    });
                    self.work += RULE_CHECK * self.inst.bins.len() as u64;
                    if let Some(b) = target {
                        state.put(self.inst, other, b);
                        return true;
                    }
                    state.take(self.inst, item);
                }
                state.put(self.inst, other, bin);
            }
        }
        false
    }

    /// Moves every item of `bin` onto the other hosts in use; undoes it all when one item finds
    /// no place. True when the host is empty.
    fn empty_bin(&mut self, state: &mut State, bin: usize) -> bool {
        let saved = state.clone();
        let mut items: Vec<usize> = state.members[bin].iter().map(|m| *m as usize).collect();
        items.sort_by(|a, b| {
            let sa: f64 = self.inst.size(*a).iter().sum();
            let sb: f64 = self.inst.size(*b).iter().sum();
            sb.total_cmp(&sa).then(a.cmp(b))
        });
        for item in items {
            if self.spent() {
                *state = saved;
                return false;
            }
            state.take(self.inst, item);
            if let Some(target) = self
                .best_bin(state, item, Some(bin))
                .filter(|t| !state.members[*t].is_empty())
            {
                state.put(self.inst, item, target);
                continue;
            }
            if !self.with_one_moved(state, item, Some(bin)) {
                *state = saved;
                return false;
            }
        }
        true
    }

    /// Ruin and recreate (Schrimpf et al., 2000): the least filled hosts in use (one in
    /// `RUIN_SHARE`) and, from the second round, as many others drawn at random are emptied, and
    /// their items with any unplaced one are packed again host by host (`fill`), the emptied and
    /// the empty hosts in their opening order. Kept when the key is not worse, else undone. True
    /// when the key got better.
    fn refill(&mut self, state: &mut State, round: usize) -> bool {
        let inst = self.inst;
        let before = state.key(inst);
        let fill = |b: usize| -> f64 {
            let room = &inst.bins[b].room;
            (0..DIMS)
                .filter(|d| room[*d].is_finite() && room[*d] > 0.0)
                .map(|d| state.used[b][d] / room[d])
                .sum()
        };
        let mut by_fill: Vec<(f64, usize)> = (0..inst.bins.len())
            .filter(|b| !state.members[*b].is_empty())
            .map(|b| (fill(b), b))
            .collect();
        if by_fill.len() < 2 {
            return false;
        }
        by_fill.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let k = (by_fill.len() / RUIN_SHARE).clamp(2, by_fill.len());
        // the k least filled, and from the second round as many others drawn at random, so that
        // the pool also holds items of the shapes the least filled lack
        let mut ruined: Vec<usize> = by_fill.iter().map(|x| x.1).collect();
        if round > 0 {
            for i in k..(2 * k).min(ruined.len()) {
                let j = i + self.rng.below(ruined.len() - i);
                ruined.swap(i, j);
            }
            ruined.truncate(2 * k);
        } else {
            ruined.truncate(k);
        }
        let saved = state.clone();
        let mut pool: Vec<usize> = (0..inst.items.len())
            .filter(|i| state.host_of[*i].is_none())
            .collect();
        for &b in &ruined {
            let members: Vec<usize> = state.members[b].iter().map(|m| *m as usize).collect();
            for m in members {
                state.take(inst, m);
                pool.push(m);
            }
        }
        let order = std::mem::take(&mut self.order);
        for &bin in &order {
            if pool.is_empty() || self.spent() {
                break;
            }
            if state.members[bin].is_empty() {
                self.fill(state, bin, &mut pool);
            }
        }
        self.order = order;
        for item in pool {
            if self.spent() {
                break;
            }
            if let Some(bin) = self.best_bin(state, item, None) {
                state.put(inst, item, bin);
            }
        }
        let after = state.key(inst);
        if after < before {
            *state = saved;
            return false;
        }
        after > before
    }

    /// One item of `bin` out to `pool` and two of `pool` in, when they fill more of it: for each
    /// item of the host, the pool's smallest that fits in its place (leaving the most room), then
    /// the pool's largest that fits beside it. The pair must be of no less important class than
    /// the item out. True when done.
    fn one_out_two_in(&mut self, state: &mut State, bin: usize, pool: &mut Vec<usize>) -> bool {
        let inst = self.inst;
        let room = inst.bins[bin].room;
        let members: Vec<usize> = state.members[bin].iter().map(|m| *m as usize).collect();
        for out in members {
            let class = inst.items[out].class;
            let mut rest = state.used[bin];
            for d in 0..DIMS {
                rest[d] -= inst.items[out].need[d];
            }
            let fitting = |i: usize, used: &Vec3| {
                inst.items[i].class <= class && within(&room, used, &inst.items[i].need)
            };
            let mut first: Option<usize> = None;
            for (idx, &i) in pool.iter().enumerate() {
                self.work += 1;
                if fitting(i, &rest) && first.is_none_or(|f| self.loads[i] < self.loads[pool[f]]) {
                    first = Some(idx);
                }
            }
            let Some(a) = first else { continue };
            let mut after = rest;
            for d in 0..DIMS {
                after[d] += inst.items[pool[a]].need[d];
            }
            let mut second: Option<usize> = None;
            for (idx, &i) in pool.iter().enumerate() {
                self.work += 1;
                if idx != a
                    && fitting(i, &after)
                    && second.is_none_or(|f| self.loads[i] > self.loads[pool[f]])
                {
                    second = Some(idx);
                }
            }
            let Some(b) = second else { continue };
            let (i, j) = (pool[a], pool[b]);
            if self.loads[i] + self.loads[j] <= self.loads[out] + 1e-9 {
                continue;
            }
            state.take(inst, out);
            if !state.fits(inst, i, bin) {
                state.put(inst, out, bin);
                continue;
            }
            state.put(inst, i, bin);
            if !state.fits(inst, j, bin) {
                state.take(inst, i);
                state.put(inst, out, bin);
                continue;
            }
            state.put(inst, j, bin);
            // the larger index first, so that the other stays where it is
            for idx in [a.max(b), a.min(b)] {
                pool.swap_remove(idx);
            }
            pool.push(out);
            return true;
        }
        false
    }

    /// Fills an empty host from `pool`: the item that fits and scores highest against its free
    /// room (the dot product of Panigrahy et al.), most important class first, while one fits;
    /// then one of its items swapped for two of the pool (`one_out_two_in`), or else for one of no
    /// less important class that fills more of it (by the sum of shares), and adding again, up to
    /// `SWAPS_PER_HOST` swaps.
    fn fill(&mut self, state: &mut State, bin: usize, pool: &mut Vec<usize>) {
        let inst = self.inst;
        let room = inst.bins[bin].room;
        let mut swaps = 0;
        loop {
            let free = free_share(inst, state, bin);
            let used = state.used[bin];
            let mut best: Option<(usize, f64, usize)> = None;
            for (idx, &i) in pool.iter().enumerate() {
                self.work += 1;
                let class = inst.items[i].class;
                if best.is_some_and(|(c, _, _)| class > c)
                    || !within(&room, &used, &inst.items[i].need)
                {
                    continue;
                }
                let score: f64 = (0..DIMS).map(|d| self.sizes[i][d] * free[d]).sum();
                let better = best.is_none_or(|(c, s, _)| class < c || score > s);
                if better && state.fits(inst, i, bin) {
                    best = Some((class, score, idx));
                }
            }
            if let Some((_, _, idx)) = best {
                let item = pool.swap_remove(idx);
                state.put(inst, item, bin);
                continue;
            }
            if swaps >= SWAPS_PER_HOST || self.spent() {
                return;
            }
            if self.one_out_two_in(state, bin, pool) {
                swaps += 1;
                continue;
            }
            let mut swap: Option<(f64, usize, usize)> = None;
            for &out in &state.members[bin] {
                let out = out as usize;
                let mut rest = used;
                for d in 0..DIMS {
                    rest[d] -= inst.items[out].need[d];
                }
                for (idx, &i) in pool.iter().enumerate() {
                    self.work += 1;
                    let gain = self.loads[i] - self.loads[out];
                    if gain <= 1e-9
                        || swap.is_some_and(|(g, _, _)| gain <= g)
                        || inst.items[i].class > inst.items[out].class
                        || !within(&room, &rest, &inst.items[i].need)
                    {
                        continue;
                    }
                    swap = Some((gain, out, idx));
                }
            }
            let Some((_, out, idx)) = swap else {
                return;
            };
            let item = pool[idx];
            state.take(inst, out);
            if !state.fits(inst, item, bin) {
                state.put(inst, out, bin);
                return;
            }
            pool.swap_remove(idx);
            state.put(inst, item, bin);
            pool.push(out);
            swaps += 1;
        }
    }
}
