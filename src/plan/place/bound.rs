//! Lower bounds on the hosts a set of items needs: by volume (per resource, the fewest hosts
//! whose largest rooms add up to the items' demand; the larger over the resources), and by count
//! (`count_bound`: how many items a host can hold at most). Pure.

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

/// The resources every host limits (a room that is finite everywhere).
pub fn limited(inst: &Instance) -> Vec<usize> {
    (0..DIMS)
        .filter(|d| inst.bins.iter().all(|b| b.room[*d].is_finite()))
        .collect()
}

/// Every non-empty set of `dims`.
pub fn subsets(dims: &[usize]) -> impl Iterator<Item = Vec<usize>> + '_ {
    (1..1usize << dims.len()).map(move |mask| {
        (0..dims.len())
            .filter(|k| mask & (1 << k) != 0)
            .map(|k| dims[k])
            .collect()
    })
}

/// The items measured over `dims` (each need as a share of the scale, summed), smallest first,
/// as prefix sums (`[k]`: the `k` smallest together); and what one host's items measure at most
/// (`dims.len()`, plus `EPS`: no host's room exceeds the scale).
fn measured(inst: &Instance, items: &[usize], dims: &[usize]) -> (Vec<f64>, f64) {
    let cap: f64 = dims
        .iter()
        .map(|&d| 1.0 + super::instance::EPS[d] / inst.scale[d])
        .sum::<f64>()
        + 1e-9;
    let mut sizes: Vec<f64> = items
        .iter()
        .map(|&i| {
            dims.iter()
                .map(|&d| inst.items[i].need[d].max(0.0) / inst.scale[d])
                .sum()
        })
        .collect();
    sizes.sort_by(f64::total_cmp);
    let mut smallest = vec![0.0; sizes.len() + 1];
    for (k, s) in sizes.iter().enumerate() {
        smallest[k + 1] = smallest[k] + s;
    }
    (smallest, cap)
}

/// The largest count whose smallest items measure at most `cap` together.
fn most_of(smallest: &[f64], cap: f64) -> usize {
    (1..smallest.len())
        .take_while(|&k| smallest[k] <= cap)
        .last()
        .unwrap_or(0)
}

/// The most of `items` one host can hold: over every set of the limited resources, the count
/// whose smallest items fill a host's worth of that set; the least of those counts (zero when no
/// resource is limited).
pub fn most_per_host(inst: &Instance, items: &[usize]) -> usize {
    let limited = limited(inst);
    subsets(&limited)
        .map(|dims| {
            let (smallest, cap) = measured(inst, items, &dims);
            most_of(&smallest, cap)
        })
        .min()
        .unwrap_or(0)
}

/// The item-count bound of `items`: the largest of `count_bound_over` every non-empty set of the
/// resources every host limits (zero when there is none).
pub fn count_bound(inst: &Instance, items: impl Iterator<Item = usize>) -> usize {
    let items: Vec<usize> = items.collect();
    if inst.bins.is_empty() {
        return 0;
    }
    let limited = limited(inst);
    subsets(&limited)
        .map(|dims| count_bound_over(inst, &items, &dims))
        .max()
        .unwrap_or(0)
}

/// The item-count bound over the resources `dims` (each limited on every host). Measure each
/// item by the sum over `dims` of its need as a share of the scale (the largest room): no host's
/// room exceeds the scale, so the items on one host measure at most `cap` (`dims.len()`, plus
/// `EPS`). Let `c` be the largest count whose `c` smallest items measure at most `cap` together:
/// no host holds more than `c`. Hosts holding exactly `c` hold `c` items measuring at most `cap`
/// each, so `b` such hosts need the `c * b` smallest items to measure at most `cap * b`; `b_max`,
/// the largest such `b`, bounds them. Every other host holds at most `c - 1`:
/// `n <= c * b + (c - 1) * (hosts - b)`, so `hosts >= (n - b_max) / (c - 1)`.
fn count_bound_over(inst: &Instance, items: &[usize], dims: &[usize]) -> usize {
    let n = items.len();
    if n == 0 {
        return 0;
    }
    let (smallest, cap) = measured(inst, items, dims);
    let c = most_of(&smallest, cap);
    if c == 0 {
        // not even the smallest item fits a host: nothing to count
        return 0;
    }
    if c == 1 {
        return n;
    }
    let mut b_max = 0;
    while c * (b_max + 1) <= n && smallest[c * (b_max + 1)] <= cap * (b_max + 1) as f64 {
        b_max += 1;
    }
    (n - b_max).div_ceil(c - 1)
}
