//! The exact placement of a small instance by branch and bound: each item, most important class
//! first and largest first, goes on a host already used, on one new host of each kind (empty
//! hosts with the same room, ports and labels are interchangeable), or nowhere; replicas of one
//! service take hosts in order. A branch is cut when even placing every item left on a volume
//! bound of hosts (counting in the hosts in use only the room the items left could still fill) could
//! not beat the best key found. Under a node budget; says whether it
//! finished, which proves its answer best. Pure.

use super::bound::Rooms;
use super::heuristics::decreasing;
use super::instance::{DIMS, Instance, within};
use super::state::{Key, State};

pub struct Exact {
    pub state: State,
    pub proven: bool,
    pub nodes: u64,
}

struct Search<'a> {
    inst: &'a Instance,
    order: Vec<usize>,
    /// Per bin, the index of its kind (bins of one kind are interchangeable while empty).
    kind: Vec<usize>,
    rooms: Rooms,
    /// Per position in `order`, the items of each class from there on.
    left: Vec<Vec<u64>>,
    /// Per position, the demand of the items from there on.
    demand: Vec<[f64; DIMS]>,
    state: State,
    best: State,
    best_key: Key,
    nodes: u64,
    budget: u64,
    stopped: bool,
}

/// The best assignment of `inst` by the one rule, starting from `incumbent` (a heuristic's).
pub fn solve(inst: &Instance, incumbent: &State, budget: u64) -> Exact {
    let order = decreasing(inst, |s| s.iter().sum());
    let mut kinds: Vec<usize> = Vec::new();
    let kind: Vec<usize> = (0..inst.bins.len())
        .map(|b| {
            let same = |a: usize| {
                let (x, y) = (&inst.bins[a], &inst.bins[b]);
                x.room == y.room
                    && x.ports == y.ports
                    && inst
                        .rules
                        .iter()
                        .all(|r| r.allowed.as_ref().is_none_or(|v| v[a] == v[b]))
            };
            match kinds.iter().position(|&k| same(k)) {
                Some(k) => k,
                None => {
                    kinds.push(b);
                    kinds.len() - 1
                }
            }
        })
        .collect();
    let classes = inst.classes.len();
    let mut left = vec![vec![0u64; classes]; order.len() + 1];
    let mut demand = vec![[0.0; DIMS]; order.len() + 1];
    for pos in (0..order.len()).rev() {
        let item = &inst.items[order[pos]];
        left[pos] = left[pos + 1].clone();
        left[pos][item.class] += 1;
        for d in 0..DIMS {
            demand[pos][d] = demand[pos + 1][d] + item.need[d];
        }
    }
    let mut search = Search {
        inst,
        rooms: Rooms::of(inst),
        kind,
        left,
        demand,
        state: State::empty(inst),
        best: incumbent.clone(),
        best_key: incumbent.key(inst),
        nodes: 0,
        budget,
        stopped: false,
        order,
    };
    search.descend(0);
    Exact {
        proven: !search.stopped,
        nodes: search.nodes,
        state: search.best,
    }
}

impl Search<'_> {
    /// The best key any completion from position `pos` could reach.
    fn optimistic(&self, pos: usize) -> Key {
        let mut key = self.state.key(self.inst);
        for (c, n) in self.left[pos].iter().enumerate() {
            key.placed[c] += n;
        }
        let used: Vec<usize> = (0..self.inst.bins.len())
            .filter(|b| !self.state.members[*b].is_empty())
            .collect();
        // The room a host in use can still give is at most what the items left that could each
        // fit it need: room no item left fits is lost (the waste bound of bin completion).
        let rest = &self.order[pos..];
        let mut extra = self.demand[pos];
        for &b in &used {
            let room = &self.inst.bins[b].room;
            let have = &self.state.used[b];
            let mut takers = [0.0; DIMS];
            for &i in rest {
                let need = &self.inst.items[i].need;
                if self.inst.allowed(i, b) && within(room, have, need) {
                    for d in 0..DIMS {
                        takers[d] += need[d];
                    }
                }
            }
            for d in 0..DIMS {
                extra[d] -= (room[d] - have[d]).max(0.0).min(takers[d]);
            }
        }
        for e in &mut extra {
            *e = e.max(0.0);
        }
        let more = self.rooms.hosts_for(&extra).unwrap_or(usize::MAX / 2);
        key.bins = used.len() + more;
        key
    }

    fn descend(&mut self, pos: usize) {
        if self.stopped {
            return;
        }
        self.nodes += 1;
        if self.nodes > self.budget {
            self.stopped = true;
            return;
        }
        if pos == self.order.len() {
            let key = self.state.key(self.inst);
            if key > self.best_key {
                self.best_key = key;
                self.best = self.state.clone();
            }
            return;
        }
        if self.optimistic(pos) <= self.best_key {
            return;
        }
        let item = self.order[pos];
        // Replicas of one service are interchangeable: each takes a host at or after the one of
        // the replica before it, and once one is left out the rest are too.
        let before = (pos > 0
            && self.inst.items[self.order[pos - 1]].service == self.inst.items[item].service)
            .then(|| self.state.host_of[self.order[pos - 1]]);
        let from = match before {
            Some(None) => usize::MAX,
            Some(Some(b)) => b as usize,
            None => 0,
        };
        let mut kinds_tried: Vec<usize> = Vec::new();
        let bins = self.inst.bins.len();
        // Hosts in use first, then one new host of each kind.
        for pass in 0..2 {
            for bin in from.min(bins)..bins {
                let used = !self.state.members[bin].is_empty();
                if (pass == 0) != used {
                    continue;
                }
                if pass == 1 {
                    if kinds_tried.contains(&self.kind[bin]) {
                        continue;
                    }
                    kinds_tried.push(self.kind[bin]);
                }
                if !self.state.fits(self.inst, item, bin) {
                    continue;
                }
                self.state.put(self.inst, item, bin);
                self.descend(pos + 1);
                self.state.take(self.inst, item);
                if self.stopped {
                    return;
                }
            }
        }
        self.descend(pos + 1);
    }
}
