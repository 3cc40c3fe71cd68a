//! The greedy start of the search: a good choice found in one pass, so that the branch and bound
//! only looks for better ones and a search cut by its budget still answers well. Pure.

use super::{Choice, Key, Search, Sum};

impl Search<'_> {
    /// A good choice found quickly: the groups in search order (most important class first,
    /// smallest first), each service covered by the option that fits and takes the least by the
    /// surrogate, or left out; then, in the same order, alternatives turned into deployments
    /// where that still fits. Returns the counts per group and option, and the key.
    pub(super) fn greedy(&self) -> (Vec<Vec<u64>>, Key) {
        let mut sum = Sum::default();
        let mut counts: Vec<Vec<u64>> = Vec::with_capacity(self.groups.len());
        let mut covered = vec![0i64; self.stats.len()];
        for group in self.groups {
            let mut split = vec![0u64; group.options.len()];
            let mut order: Vec<usize> = (0..group.options.len()).collect();
            order.sort_by(|a, b| {
                let w = |i: usize| self.weights.surrogate(&group.options[i].needs);
                w(*a).total_cmp(&w(*b)).then(a.cmp(b))
            });
            let mut left = group.members.len() as u64;
            for i in order {
                let take = self.room.most_of(&sum, &group.options[i].needs).min(left);
                split[i] += take;
                sum = sum.plus(&group.options[i].needs, take);
                left -= take;
            }
            covered[group.class] += split.iter().sum::<u64>() as i64;
            counts.push(split);
        }
        // Alternatives into deployments, the cheapest change first (by the surrogate).
        let mut swaps: Vec<(f64, usize, usize, usize)> = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let Some(d) = group
                .options
                .iter()
                .position(|o| o.choice == Choice::Deploy)
            else {
                continue;
            };
            for a in (0..group.options.len()).filter(|a| *a != d) {
                let cost = self.weights.surrogate(&group.options[d].needs)
                    - self.weights.surrogate(&group.options[a].needs);
                swaps.push((cost, g, a, d));
            }
        }
        swaps.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        for (_, g, a, d) in swaps {
            let (from, to) = (
                self.groups[g].options[a].needs,
                self.groups[g].options[d].needs,
            );
            while counts[g][a] > 0 {
                let swapped = Sum {
                    memory: sum.memory - i128::from(from.memory.0) + i128::from(to.memory.0),
                    cpu: sum.cpu - from.cpu.0 + to.cpu.0,
                    disk: sum.disk - i128::from(from.disk.0) + i128::from(to.disk.0),
                };
                if !self.room.admits(&swapped) {
                    break;
                }
                sum = swapped;
                counts[g][a] -= 1;
                counts[g][d] += 1;
            }
        }
        let deployed: i64 = self
            .groups
            .iter()
            .zip(&counts)
            .map(|(group, split)| {
                group
                    .options
                    .iter()
                    .zip(split)
                    .filter(|(o, _)| o.choice == Choice::Deploy)
                    .map(|(_, c)| *c as i64)
                    .sum::<i64>()
            })
            .sum();
        covered.push(deployed);
        (counts, covered)
    }
}
