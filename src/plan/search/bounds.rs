//! The bounds of the search: sums of the smallest needs per resource and by a surrogate of the
//! three, counted against what is left of the room. Every bound errs upwards: a bound too low
//! would cut off the best choice. Pure arithmetic.

use super::Candidate;
use crate::model::Needs;
use crate::plan::room::Room;

/// The four weights the bounds count with: memory, CPU, disk, and their sum as shares of the
/// room at the start (a surrogate of the three: any choice that fits keeps it within the room's).
#[derive(Debug, Clone, Copy)]
pub(super) struct Weights {
    pub(super) memory: f64,
    pub(super) cpu: f64,
    pub(super) disk: f64,
}

impl Weights {
    pub(super) fn of(room: &Room) -> Weights {
        let share = |r: f64| if r > 0.0 { 1.0 / r } else { 0.0 };
        Weights {
            memory: share(room.memory as f64),
            cpu: share(room.cpu + crate::plan::room::CPU_EPS),
            disk: room.disk.map_or(0.0, |d| share(d as f64)),
        }
    }

    pub(super) fn surrogate(&self, n: &Needs) -> f64 {
        n.memory.0 as f64 * self.memory + n.cpu.0 * self.cpu + n.disk.0 as f64 * self.disk
    }
}

/// A multiset of needs, sorted per weight with prefix sums, to count how many of the smallest
/// fit in what is left.
#[derive(Default)]
pub(super) struct Stats {
    pub(super) size: u64,
    pub(super) mem: Vec<i128>,
    pub(super) cpu: Vec<f64>,
    pub(super) disk: Vec<i128>,
    pub(super) surrogate: Vec<f64>,
}

/// A float comparison that errs towards counting one more: bounds must never be too low.
pub(super) fn within(sum: f64, left: f64) -> bool {
    sum <= left + 1e-9 * (1.0 + left.abs())
}

impl Stats {
    pub(super) fn of(needs: &[Needs], w: &Weights) -> Stats {
        let mut mem: Vec<i128> = needs.iter().map(|n| i128::from(n.memory.0)).collect();
        let mut cpu: Vec<f64> = needs.iter().map(|n| n.cpu.0).collect();
        let mut disk: Vec<i128> = needs.iter().map(|n| i128::from(n.disk.0)).collect();
        let mut surrogate: Vec<f64> = needs.iter().map(|n| w.surrogate(n)).collect();
        mem.sort_unstable();
        cpu.sort_by(f64::total_cmp);
        disk.sort_unstable();
        surrogate.sort_by(f64::total_cmp);
        Stats {
            size: needs.len() as u64,
            mem: prefix(&mem),
            cpu: prefix_f64(&cpu),
            disk: prefix(&disk),
            surrogate: prefix_f64(&surrogate),
        }
    }

    /// The least that `k` of these take, per weight: the sums of the `k` smallest.
    pub(super) fn smallest(&self, k: u64) -> Left {
        let Some(i) = (k as usize).checked_sub(1) else {
            return Left {
                mem: 0,
                cpu: 0.0,
                disk: Some(0),
                surrogate: 0.0,
            };
        };
        Left {
            mem: self.mem.get(i).copied().unwrap_or(0),
            cpu: self.cpu.get(i).copied().unwrap_or(0.0),
            disk: Some(self.disk.get(i).copied().unwrap_or(0)),
            surrogate: self.surrogate.get(i).copied().unwrap_or(0.0),
        }
    }

    /// How many of these could fit at most in what is left: the most of the smallest that fit
    /// by each weight, the least of the four.
    pub(super) fn fit(&self, left: &Left) -> u64 {
        let mem = self.mem.partition_point(|s| *s <= left.mem) as u64;
        let cpu = self.cpu.partition_point(|s| within(*s, left.cpu)) as u64;
        let disk = left
            .disk
            .map_or(self.size, |d| self.disk.partition_point(|s| *s <= d) as u64);
        let surrogate = self
            .surrogate
            .partition_point(|s| within(*s, left.surrogate)) as u64;
        mem.min(cpu).min(disk).min(surrogate).min(self.size)
    }
}

fn prefix(sorted: &[i128]) -> Vec<i128> {
    sorted
        .iter()
        .scan(0i128, |acc, v| {
            *acc += v;
            Some(*acc)
        })
        .collect()
}

pub(super) fn prefix_f64(sorted: &[f64]) -> Vec<f64> {
    sorted
        .iter()
        .scan(0.0, |acc, v| {
            *acc += v;
            Some(*acc)
        })
        .collect()
}

/// What is left of the room after a sum, per weight.
#[derive(Clone, Copy)]
pub(super) struct Left {
    pub(super) mem: i128,
    pub(super) cpu: f64,
    pub(super) disk: Option<i128>,
    pub(super) surrogate: f64,
}

impl Left {
    pub(super) fn zero() -> Left {
        Left {
            mem: 0,
            cpu: 0.0,
            disk: Some(0),
            surrogate: 0.0,
        }
    }

    /// Both added up, per weight.
    pub(super) fn plus(&self, other: &Left) -> Left {
        Left {
            mem: self.mem + other.mem,
            cpu: self.cpu + other.cpu,
            disk: Some(self.disk.unwrap_or(0) + other.disk.unwrap_or(0)),
            surrogate: self.surrogate + other.surrogate,
        }
    }

    /// Whether these needs fit in `left` by every weight (an upper bound errs towards yes).
    pub(super) fn within(&self, left: &Left) -> bool {
        self.mem <= left.mem
            && within(self.cpu, left.cpu)
            && left.disk.is_none_or(|d| self.disk.unwrap_or(0) <= d)
            && within(self.surrogate, left.surrogate)
    }

    /// What is left once `used` more is taken.
    pub(super) fn minus(&self, used: &Left) -> Left {
        Left {
            mem: self.mem - used.mem,
            cpu: self.cpu - used.cpu,
            disk: self.disk.map(|d| d - used.disk.unwrap_or(0)),
            surrogate: self.surrogate - used.surrogate,
        }
    }
}

/// What deploying takes beyond the least need of the service, per resource.
pub(super) fn extra(deploy: &Needs, least: &Needs) -> Needs {
    Needs {
        memory: deploy.memory.saturating_sub(least.memory),
        cpu: crate::model::Cores((deploy.cpu.0 - least.cpu.0).max(0.0)),
        disk: deploy.disk.saturating_sub(least.disk),
    }
}

/// For the bound on deployments, from a class on: the deploy needs of the services of the
/// classes from there, and what deploying takes beyond each one's least need.
pub(super) struct DeployStats {
    pub(super) from: usize,
    pub(super) needs: Stats,
    pub(super) extras: Stats,
}

/// The least need of each resource over the options: what any covering of the service takes.
pub(super) fn least_needs(options: &[Candidate]) -> Needs {
    let mut it = options.iter().map(|o| o.needs);
    let first = it.next().unwrap_or_default();
    it.fold(first, |a, b| Needs {
        memory: a.memory.min(b.memory),
        cpu: crate::model::Cores(a.cpu.0.min(b.cpu.0)),
        disk: a.disk.min(b.disk),
    })
}
