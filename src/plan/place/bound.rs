//! Lower bounds on the hosts a set of items needs, by volume: per resource, the fewest hosts
//! whose largest rooms add up to the items' demand; the larger over the resources. Pure.

use super::instance::{DIMS, Instance};

/// Per resource, every host's room, largest first (infinite rooms first, negative ones as 0).
pub struct Rooms {
    sorted: [Vec<f64>; DIMS],
}

impl Rooms {
    pub fn of(inst: &Instance) -> Rooms {
        let sorted = std::array::from_fn(|d| {
            let mut v: Vec<f64> = inst.bins.iter().map(|b| b.room[d].max(0.0)).collect();
            v.sort_by(|a, b| b.total_cmp(a));
            v
        });
        Rooms { sorted }
    }

    /// The fewest hosts whose rooms could hold `demand` by volume (`None` when all of them
    /// together cannot).
    pub fn hosts_for(&self, demand: &[f64; DIMS]) -> Option<usize> {
        let mut most = 0;
        for (d, want) in demand.iter().enumerate() {
            if *want <= super::instance::EPS[d] {
                continue;
            }
            let mut sum = 0.0;
            let mut k = None;
            for (i, r) in self.sorted[d].iter().enumerate() {
                sum += r;
                if sum + super::instance::EPS[d] >= *want {
                    k = Some(i + 1);
                    break;
                }
            }
            most = most.max(k?);
        }
        Some(most)
    }
}

/// The volume bound of `items` on the instance's hosts: at least one host when there is any
/// item, and every host when their rooms together are too small.
pub fn volume_bound(inst: &Instance, items: impl Iterator<Item = usize>) -> usize {
    let mut demand = [0.0; DIMS];
    let mut any = false;
    for i in items {
        any = true;
        for (d, n) in inst.items[i].need.iter().enumerate() {
            demand[d] += n;
        }
    }
    if !any {
        return 0;
    }
    Rooms::of(inst)
        .hosts_for(&demand)
        .unwrap_or(inst.bins.len())
        .max(1)
}
