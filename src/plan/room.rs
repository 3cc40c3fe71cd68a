//! The room a capacity leaves for new services, as plain numbers for the search: memory and disk
//! in bytes that may be added, CPU cores that may be added, and whether a sum of needs keeps every
//! resource at `fits` (the same rule as `Capacity::admits`). Pure arithmetic.

use super::verdict::Capacity;
use crate::model::Needs;

/// A hair of tolerance so that sums like 0.1 + 0.2 do not flip a verdict.
pub const CPU_EPS: f64 = 1e-9;

/// What may be added: memory room (available − reserve), CPU (limit − busy), disk room.
#[derive(Debug, Clone, PartialEq)]
pub struct Room {
    pub memory: i128,
    pub cpu: f64,
    /// `None` when the host has no `/` disk to check.
    pub disk: Option<i128>,
}

/// A sum of needs with exact bytes.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sum {
    pub memory: i128,
    pub cpu: f64,
    pub disk: i128,
}

impl Sum {
    pub fn of(needs: &Needs) -> Sum {
        Sum::default().plus(needs, 1)
    }

    /// This sum with `count` times `needs` added.
    pub fn plus(&self, needs: &Needs, count: u64) -> Sum {
        Sum {
            memory: self.memory + i128::from(needs.memory.0) * i128::from(count),
            cpu: self.cpu + needs.cpu.0 * count as f64,
            disk: self.disk + i128::from(needs.disk.0) * i128::from(count),
        }
    }

    fn is_zero(&self) -> bool {
        self.memory == 0 && self.cpu <= 0.0 && self.disk == 0
    }
}

impl Room {
    pub fn of(capacity: &Capacity) -> Room {
        Room {
            memory: i128::from(capacity.memory_room()),
            cpu: capacity.cpu_limit().0 - capacity.cpu_used.0,
            disk: capacity.disk.as_ref().map(|d| i128::from(d.room())),
        }
    }

    /// Whether `sum` keeps every resource at `fits`; a sum of zero always does.
    pub fn admits(&self, sum: &Sum) -> bool {
        sum.is_zero()
            || (sum.memory <= self.memory
                && sum.cpu <= self.cpu + CPU_EPS
                && self.disk.is_none_or(|d| sum.disk <= d))
    }

    /// The most copies of `needs` that can be added to `sum` with every resource at `fits`
    /// (`u64::MAX` for needs of zero).
    pub fn most_of(&self, sum: &Sum, needs: &Needs) -> u64 {
        let one = Sum::of(needs);
        if one.is_zero() {
            return u64::MAX;
        }
        let bytes = |room: i128, used: i128, need: i128| -> u64 {
            let left = room - used;
            if left < 0 {
                0
            } else if need == 0 {
                u64::MAX
            } else {
                u64::try_from(left / need).unwrap_or(u64::MAX)
            }
        };
        let memory = bytes(self.memory, sum.memory, one.memory);
        let disk = self.disk.map_or(u64::MAX, |d| bytes(d, sum.disk, one.disk));
        let left = self.cpu + CPU_EPS - sum.cpu;
        let cpu = if left < 0.0 {
            0
        } else if one.cpu <= 0.0 {
            u64::MAX
        } else {
            let n = (left / one.cpu).floor();
            if n >= u64::MAX as f64 {
                u64::MAX
            } else {
                n as u64
            }
        };
        memory.min(disk).min(cpu)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bytes, Cores};

    fn needs(memory: u64, cpu: f64, disk: u64) -> Needs {
        Needs {
            memory: Bytes(memory),
            cpu: Cores(cpu),
            disk: Bytes(disk),
        }
    }

    #[test]
    fn most_copies_within_every_resource() {
        let room = Room {
            memory: 100,
            cpu: 1.0,
            disk: Some(50),
        };
        assert_eq!(room.most_of(&Sum::default(), &needs(30, 0.2, 10)), 3);
        assert_eq!(room.most_of(&Sum::default(), &needs(10, 0.3, 10)), 3);
        assert_eq!(room.most_of(&Sum::default(), &needs(0, 0.0, 0)), u64::MAX);
        // CPU 0.1 + 0.2 + ... sums do not lose a copy to rounding
        assert_eq!(room.most_of(&Sum::default(), &needs(0, 0.1, 0)), 10);
    }

    #[test]
    fn a_room_already_short_takes_nothing_that_needs_it() {
        let room = Room {
            memory: -5,
            cpu: 1.0,
            disk: None,
        };
        assert!(room.admits(&Sum::default()));
        assert_eq!(room.most_of(&Sum::default(), &needs(0, 0.1, 0)), 0);
        assert_eq!(room.most_of(&Sum::default(), &needs(0, 0.0, 0)), u64::MAX);
        assert!(!room.admits(&Sum::of(&needs(0, 0.1, 0))));
    }
}
