//! Local search from the best heuristic's assignment, within a budget of work (tests of whether
//! an item fits a host) that `cli` derives from `--time`: first the unplaced items, each put
//! where one item moved aside makes room; then hosts emptied, the lightest first, by moving
//! their items onto the other hosts in use (best fit, with one item moved aside when needed).
//! A move is kept only when the key does not get worse. Seeded, so deterministic. Pure.

use super::heuristics::free_share;
use super::instance::{DIMS, Instance, within};
use super::state::State;

/// A small seeded generator (xorshift64*), so a run is the same for the same input and seed.
pub struct Rng(u64);

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
}

impl Improver<'_> {
    fn spent(&self) -> bool {
        self.work >= self.budget
    }

    fn fits(&mut self, state: &State, item: usize, bin: usize) -> bool {
        self.work += 1;
        state.fits(self.inst, item, bin)
    }

    /// Improves `state` in place until the budget is spent or no move helps.
    pub fn run(&mut self, state: &mut State) {
        self.place_unplaced(state);
        let mut stale = 0;
        while !self.spent() {
            let all = state.host_of.iter().all(Option::is_some);
            let used: Vec<usize> = (0..self.inst.bins.len())
                .filter(|b| !state.members[*b].is_empty())
                .collect();
            // The lightest hosts are the likeliest to empty: after this many in a row stay, stop.
            if (all && used.len() <= self.target) || used.len() < 2 || stale > used.len().min(64) {
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
                self.work += 1;
                if state.fits(self.inst, item, bin) {
                    state.put(self.inst, item, bin);
                    let target = (0..self.inst.bins.len()).find(|&b| {
                        b != bin
                            && Some(b) != skip
                            && !state.members[b].is_empty()
                            && state.fits(self.inst, other, b)
                    });
                    self.work += self.inst.bins.len() as u64;
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
}
