//! The exact choice of what to deploy: for each service, one of its options (its lowest tier or
//! an alternative) or leaving it out, so that the sum stays within the room. The objective is the
//! project's one rule, compared lexicographically: the most services covered in the most important
//! priority class first, then in the next class, and so on; then the fewest alternatives (an
//! alternative such as an external API costs money). Branch and bound over groups of identical
//! services (one decision per group: how many take each option), with upper bounds from the
//! smallest needs per resource, under a node budget. Pure.

mod bounds;
mod greedy;

use super::room::{Room, Sum};
use crate::model::Needs;
use bounds::{DeployStats, Left, Stats, Weights, extra, least_needs, prefix_f64, within};

/// What one service can be turned into.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub choice: Choice,
    pub needs: Needs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Deployed at its lowest tier.
    Deploy,
    /// Replaced by its alternative with this index.
    Alternative(usize),
    Out,
}

/// One service to decide: its priority class (1 is most important) and its options, in the order
/// ties are broken (earlier wins). Leaving it out is always possible and is not listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub class: u32,
    pub options: Vec<Candidate>,
}

/// Nodes the search may visit before it settles for the best choice found so far.
pub const NODE_BUDGET: u64 = 150_000;

/// The choice, whether it is proven best, and when it is not, the best key still possible.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// One choice per item, in the order given.
    pub choices: Vec<Choice>,
    pub proven_optimal: bool,
    /// Per priority class (most important first): the services covered at most, when the search
    /// stopped at its budget before proving its choice best.
    pub bound: Option<Vec<(u32, u64)>>,
    pub nodes: u64,
}

/// Identical services of one class: the same options with the same needs.
struct Group {
    class: usize,
    members: Vec<usize>,
    options: Vec<Candidate>,
}

/// The key of a (partial) choice: services covered per class, then deployments (more is better;
/// with the covers fixed, more deployments is fewer alternatives).
type Key = Vec<i64>;

/// Class suffixes whose deploy needs are kept for the bound on deployments (more would cost
/// memory quadratic in the services).
const DEPLOY_STATS: usize = 64;

pub fn best_choice(items: &[Item], room: &Room, budget: u64) -> Outcome {
    let weights = Weights::of(room);
    let mut classes: Vec<u32> = items.iter().map(|i| i.class).collect();
    classes.sort_unstable();
    classes.dedup();
    let class_of = |c: u32| classes.binary_search(&c).unwrap_or(0);
    let mut groups: Vec<Group> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let class = class_of(item.class);
        let options = undominated(&item.options);
        match groups
            .iter_mut()
            .find(|g| g.class == class && g.options == options)
        {
            Some(g) => g.members.push(index),
            None => groups.push(Group {
                class,
                members: vec![index],
                options,
            }),
        }
    }
    // Most important class first; within a class the smallest first (good choices are found
    // early), then the order of the plan.
    groups.sort_by(|a, b| {
        let size = |g: &Group| weights.surrogate(&least_needs(&g.options));
        a.class
            .cmp(&b.class)
            .then(size(a).total_cmp(&size(b)))
            .then(a.members[0].cmp(&b.members[0]))
    });
    let per_class = |class: usize| -> Vec<Needs> {
        groups
            .iter()
            .filter(|g| g.class == class)
            .flat_map(|g| {
                let least = least_needs(&g.options);
                g.members.iter().map(move |_| least)
            })
            .collect()
    };
    let stats: Vec<Stats> = (0..classes.len())
        .map(|c| Stats::of(&per_class(c), &weights))
        .collect();
    // The surrogate weights of each class in search order, as prefix sums, for the exact
    // bound on the services of the class not decided yet.
    let order: Vec<Vec<f64>> = (0..classes.len())
        .map(|c| {
            let seq: Vec<f64> = per_class(c).iter().map(|n| weights.surrogate(n)).collect();
            let mut out = vec![0.0];
            out.extend(prefix_f64(&seq));
            out
        })
        .collect();
    let step = classes.len().div_ceil(DEPLOY_STATS).max(1);
    let deploy: Vec<DeployStats> = (0..classes.len())
        .step_by(step)
        .map(|from| {
            let (needs, extras): (Vec<Needs>, Vec<Needs>) = groups
                .iter()
                .filter(|g| g.class >= from)
                .flat_map(|g| {
                    let least = least_needs(&g.options);
                    let deploy = g
                        .options
                        .iter()
                        .find(|o| o.choice == Choice::Deploy)
                        .map(|o| (o.needs, extra(&o.needs, &least)));
                    g.members.iter().filter_map(move |_| deploy)
                })
                .unzip();
            DeployStats {
                from,
                needs: Stats::of(&needs, &weights),
                extras: Stats::of(&extras, &weights),
            }
        })
        .collect();
    let mut search = Search {
        groups: &groups,
        stats: &stats,
        order: &order,
        deploy: &deploy,
        weights,
        room,
        budget,
        nodes: 0,
        stopped: false,
        best: None,
        best_key: Vec::new(),
        counts: Vec::with_capacity(groups.len()),
        covered: vec![0; classes.len()],
        deployed: 0,
        remaining: stats.iter().map(|s| s.size).collect(),
        remaining_total: items.len() as u64,
        suffix: Vec::new(),
        next_not_full: Vec::new(),
    };
    search.suffix = {
        let mut out = vec![Left::zero(); classes.len() + 1];
        for c in (0..classes.len()).rev() {
            out[c] = out[c + 1].plus(&stats[c].smallest(stats[c].size));
        }
        out
    };
    let root = search.bound(&Sum::default(), 0);
    // A greedy choice first: the search then only looks for better ones, and when its budget
    // runs out the answer is at least this good.
    let (counts, key) = search.greedy();
    search.set_best(counts, key);
    if search.best_key < root {
        search.descend(0, Sum::default(), &root);
    }
    let proven = !search.stopped || search.best_key == root;
    let mut choices = vec![Choice::Out; items.len()];
    if let Some(best) = &search.best {
        for (group, counts) in groups.iter().zip(best) {
            let mut members = group.members.iter();
            for (option, count) in group.options.iter().zip(counts) {
                for index in members.by_ref().take(*count as usize) {
                    choices[*index] = option.choice;
                }
            }
        }
    }
    // What the budget left unexplored lies below the root's bound; no tighter bound is known.
    let bound = (!proven).then(|| {
        classes
            .iter()
            .zip(root.iter())
            .map(|(c, n)| (*c, u64::try_from(*n).unwrap_or(0)))
            .collect()
    });
    Outcome {
        choices,
        proven_optimal: proven,
        bound,
        nodes: search.nodes,
    }
}

/// The options worth trying: an alternative that needs at least as much as the deployment, or
/// as another alternative listed before it, in every resource never does better.
fn undominated(options: &[Candidate]) -> Vec<Candidate> {
    let covers =
        |a: &Needs, b: &Needs| a.memory <= b.memory && a.cpu.0 <= b.cpu.0 && a.disk <= b.disk;
    options
        .iter()
        .enumerate()
        .filter(|(i, o)| {
            o.choice == Choice::Deploy
                || !options.iter().enumerate().any(|(j, other)| {
                    j != *i
                        && covers(&other.needs, &o.needs)
                        && (other.choice == Choice::Deploy
                            || j < *i
                            || !covers(&o.needs, &other.needs))
                })
        })
        .map(|(_, o)| o.clone())
        .collect()
}

struct Search<'a> {
    groups: &'a [Group],
    stats: &'a [Stats],
    order: &'a [Vec<f64>],
    deploy: &'a [DeployStats],
    weights: Weights,
    room: &'a Room,
    budget: u64,
    nodes: u64,
    stopped: bool,
    best: Option<Vec<Vec<u64>>>,
    best_key: Key,
    /// Per group decided so far: how many take each option.
    counts: Vec<Vec<u64>>,
    covered: Vec<i64>,
    deployed: i64,
    /// Services of each class not decided yet.
    remaining: Vec<u64>,
    remaining_total: u64,
    /// Per class, the least needs of every service of it and of the classes after it.
    suffix: Vec<Left>,
    /// Per class, the first class from it on that the best choice does not cover whole.
    next_not_full: Vec<usize>,
}

impl Search<'_> {
    fn left(&self, sum: &Sum) -> Left {
        let mem = self.room.memory - sum.memory;
        let cpu = self.room.cpu + super::room::CPU_EPS - sum.cpu;
        let disk = self.room.disk.map(|d| d - sum.disk);
        let w = &self.weights;
        Left {
            mem,
            cpu,
            disk,
            surrogate: mem as f64 * w.memory
                + cpu * w.cpu
                + disk.map_or(0.0, |d| d as f64) * w.disk,
        }
    }

    /// An upper bound on coordinate `c` (a class) of any completion.
    fn class_bound(&self, c: usize, left: &Left) -> i64 {
        let remaining = self.remaining[c];
        if remaining == 0 {
            return self.covered[c];
        }
        let stats = &self.stats[c];
        let mut more = stats.fit(left).min(remaining);
        if remaining < stats.size {
            // The class is being decided: its services not decided yet are the last ones of
            // its order, whose surrogate weights are a run of the prefix sums.
            let order = &self.order[c];
            let start = (stats.size - remaining) as usize;
            let base = order[start];
            let fit = order[start + 1..].partition_point(|s| within(*s - base, left.surrogate));
            more = more.min(fit as u64);
        }
        self.covered[c] + more as i64
    }

    /// The deploy statistics that cover every class from `from` on.
    fn deploy_stats(&self, from: usize) -> Option<&DeployStats> {
        self.deploy.iter().rev().find(|d| d.from <= from)
    }

    /// An upper bound on the deployments of any completion.
    fn deploy_bound(&self, from: usize, left: &Left) -> i64 {
        let more = self
            .deploy_stats(from)
            .map_or(0, |d| d.needs.fit(left))
            .min(self.remaining_total);
        self.deployed + more as i64
    }

    /// The least that covering `k` more services of class `c` takes, per weight.
    fn mandatory(&self, c: usize, k: u64) -> Left {
        let stats = &self.stats[c];
        let mut used = stats.smallest(k);
        let remaining = self.remaining[c];
        if k > 0 && remaining < stats.size {
            // the class is being decided: the smallest of its services left, by the surrogate,
            // are the next ones of its order
            let order = &self.order[c];
            let start = (stats.size - remaining) as usize;
            if let (Some(a), Some(b)) = (order.get(start), order.get(start + k as usize)) {
                used.surrogate = b - a;
            }
        }
        used
    }

    /// The whole bound, for the root.
    fn bound(&self, sum: &Sum, from: usize) -> Key {
        let left = self.left(sum);
        let mut key: Key = (0..self.stats.len())
            .map(|c| self.class_bound(c, &left))
            .collect();
        key.push(self.deploy_bound(from, &left));
        key
    }

    /// Whether a completion could beat the best choice found so far, comparing the bound with
    /// the best key one coordinate at a time and computing only what the comparison needs. A
    /// completion that ties the best key on a class must still cover that many of it, so the
    /// least those take is set aside before the next coordinate is bounded.
    fn promising(&self, sum: &Sum, next: usize) -> bool {
        if self.best.is_none() {
            return true;
        }
        let full = self.left(sum);
        let mut left = full;
        let classes = self.stats.len();
        let from = self.groups.get(next).map_or(classes, |g| g.class);
        // The classes decided already: their covers are final.
        match self.covered[..from].cmp(&self.best_key[..from]) {
            std::cmp::Ordering::Greater => return true,
            std::cmp::Ordering::Less => return false,
            std::cmp::Ordering::Equal => {}
        }
        for c in from..classes {
            // When every service of this class and the ones after fits at its least need,
            // each of them is bounded by its size: the first one the best choice does not
            // cover whole is where a completion could do better. (Many small classes, as
            // when every service has a priority of its own, are settled here at once.)
            if c > from && self.suffix[c].within(&left) {
                if self.next_not_full[c] < classes {
                    return true;
                }
                left = left.minus(&self.suffix[c]);
                break;
            }
            let b = self.class_bound(c, &left);
            match b.cmp(&self.best_key[c]) {
                std::cmp::Ordering::Greater => return true,
                std::cmp::Ordering::Less => return false,
                std::cmp::Ordering::Equal => {}
            }
            let k = u64::try_from(self.best_key[c] - self.covered[c]).unwrap_or(0);
            left = left.minus(&self.mandatory(c, k));
        }
        // Deployments: every service still to be covered takes at least its least need (set
        // aside above); deploying one takes its extra on top.
        let by_extras = self
            .deploy_stats(from)
            .map_or(0, |d| d.extras.fit(&left))
            .min(self.remaining_total);
        let bound = self
            .deploy_bound(from, &full)
            .min(self.deployed + by_extras as i64);
        bound > self.best_key[self.stats.len()]
    }

    /// A new best choice, and for each class the first one from it on that it leaves short.
    fn set_best(&mut self, counts: Vec<Vec<u64>>, key: Key) {
        let classes = self.stats.len();
        let mut next = vec![classes; classes + 1];
        for c in (0..classes).rev() {
            next[c] = if (key[c] as u64) < self.stats[c].size {
                c
            } else {
                next[c + 1]
            };
        }
        self.next_not_full = next;
        self.best = Some(counts);
        self.best_key = key;
    }

    /// The exact key of a full choice.
    fn key(&self) -> Key {
        let mut key = self.covered.clone();
        key.push(self.deployed);
        key
    }

    /// Returns true when the best possible key has been reached, to stop.
    fn descend(&mut self, index: usize, sum: Sum, ceiling: &Key) -> bool {
        if index == self.groups.len() {
            let key = self.key();
            if self.best.is_none() || key > self.best_key {
                self.set_best(self.counts.clone(), key);
            }
            return self.best_key >= *ceiling;
        }
        let group = &self.groups[index];
        let n = group.members.len() as u64;
        // Every way to split the group over its options, most covered first, then the earlier
        // options first.
        let mut split = vec![0u64; group.options.len()];
        for covered in (0..=n).rev() {
            if self.each_split(index, covered, 0, &mut split, sum, ceiling) {
                return true;
            }
            if self.stopped {
                return false;
            }
        }
        false
    }

    /// Fills `split[option..]` with `left` services, trying larger counts of earlier options first.
    fn each_split(
        &mut self,
        index: usize,
        left: u64,
        option: usize,
        split: &mut Vec<u64>,
        sum: Sum,
        ceiling: &Key,
    ) -> bool {
        let group = &self.groups[index];
        if option == group.options.len() {
            if left > 0 {
                return false;
            }
            return self.take(index, split, sum, ceiling);
        }
        let needs = group.options[option].needs;
        let most = self.room.most_of(&sum, &needs).min(left);
        let last = option + 1 == group.options.len();
        let least = if last { left } else { 0 };
        if most < least {
            return false;
        }
        for count in (least..=most).rev() {
            split[option] = count;
            let next = sum.plus(&needs, count);
            if self.each_split(index, left - count, option + 1, split, next, ceiling) {
                return true;
            }
            if self.stopped {
                return false;
            }
        }
        split[option] = 0;
        false
    }

    /// Applies one split of a group and searches the groups after it.
    fn take(&mut self, index: usize, split: &[u64], sum: Sum, ceiling: &Key) -> bool {
        let group = &self.groups[index];
        if !self.room.admits(&sum) {
            return false;
        }
        self.nodes += 1;
        let covered: u64 = split.iter().sum();
        let deployed: u64 = group
            .options
            .iter()
            .zip(split)
            .filter(|(o, _)| o.choice == Choice::Deploy)
            .map(|(_, c)| *c)
            .sum();
        let n = group.members.len() as u64;
        self.covered[group.class] += covered as i64;
        self.deployed += deployed as i64;
        self.remaining[group.class] -= n;
        self.remaining_total -= n;
        self.counts.push(split.to_vec());
        let done = if self.nodes > self.budget {
            self.stopped = true;
            false
        } else if self.promising(&sum, index + 1) {
            self.descend(index + 1, sum, ceiling)
        } else {
            false
        };
        self.counts.pop();
        self.covered[group.class] -= covered as i64;
        self.deployed -= deployed as i64;
        self.remaining[group.class] += n;
        self.remaining_total += n;
        done
    }
}

#[cfg(test)]
mod tests;
