//! An assignment of items to bins, kept with what each bin holds (the sum of its items, their
//! ports and services), so that whether an item may go on a bin is answered without a scan of
//! the whole assignment; and the key that compares two assignments by the project's one rule.
//! Pure.

use super::instance::{DIMS, Instance, Vec3, within};
use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Per item, its bin.
    pub host_of: Vec<Option<u32>>,
    /// Per bin, the sum of its items' needs.
    pub used: Vec<Vec3>,
    /// Per bin, its items.
    pub members: Vec<Vec<u32>>,
}

/// Why an item may not go on a bin, for the search to skip quickly and the report to explain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Rules,
    Port(u16),
    Spread,
    Room,
}

impl State {
    pub fn empty(instance: &Instance) -> State {
        State {
            host_of: vec![None; instance.items.len()],
            used: vec![[0.0; DIMS]; instance.bins.len()],
            members: vec![Vec::new(); instance.bins.len()],
        }
    }

    /// The first rule that keeps `item` off `bin`, `None` when it may go there. Its own place
    /// does not count against it.
    pub fn block(&self, inst: &Instance, item: usize, bin: usize) -> Option<Block> {
        if !inst.allowed(item, bin) {
            return Some(Block::Rules);
        }
        if let Some(b) = self.clash(inst, item, bin) {
            return Some(b);
        }
        let need = &inst.items[item].need;
        let here = self.host_of[item] == Some(bin as u32);
        let ok = if here {
            true
        } else {
            within(&inst.bins[bin].room, &self.used[bin], need)
        };
        (!ok).then_some(Block::Room)
    }

    /// A port taken on the host or by another item there, or a replica of a spread service.
    pub fn clash(&self, inst: &Instance, item: usize, bin: usize) -> Option<Block> {
        let rule = &inst.rules[inst.items[item].service];
        if let Some(port) = rule
            .port
            .filter(|p| inst.bins[bin].ports.binary_search(p).is_ok())
        {
            return Some(Block::Port(port));
        }
        if rule.port.is_none() && !rule.spread {
            return None;
        }
        let service = inst.items[item].service;
        for &other in &self.members[bin] {
            let other = other as usize;
            if other == item {
                continue;
            }
            let o = inst.items[other].service;
            if let Some(p) = rule.port.filter(|p| inst.rules[o].port == Some(*p)) {
                return Some(Block::Port(p));
            }
            if rule.spread && o == service {
                return Some(Block::Spread);
            }
        }
        None
    }

    pub fn fits(&self, inst: &Instance, item: usize, bin: usize) -> bool {
        self.block(inst, item, bin).is_none()
    }

    pub fn put(&mut self, inst: &Instance, item: usize, bin: usize) {
        self.take(inst, item);
        let need = &inst.items[item].need;
        for (d, n) in need.iter().enumerate() {
            self.used[bin][d] += n;
        }
        self.members[bin].push(item as u32);
        self.host_of[item] = Some(bin as u32);
    }

    /// Takes `item` off its bin, if it has one.
    pub fn take(&mut self, inst: &Instance, item: usize) {
        if let Some(bin) = self.host_of[item].take() {
            let bin = bin as usize;
            let need = &inst.items[item].need;
            for (d, n) in need.iter().enumerate() {
                self.used[bin][d] -= n;
            }
            self.members[bin].retain(|m| *m as usize != item);
            if self.members[bin].is_empty() {
                // no drift from sums of floats on an empty bin
                self.used[bin] = [0.0; DIMS];
            }
        }
    }

    pub fn bins_used(&self) -> usize {
        self.members.iter().filter(|m| !m.is_empty()).count()
    }

    pub fn key(&self, inst: &Instance) -> Key {
        let mut placed = vec![0u64; inst.classes.len()];
        for (item, host) in self.host_of.iter().enumerate() {
            if host.is_some() {
                placed[inst.items[item].class] += 1;
            }
        }
        Key {
            placed,
            bins: self.bins_used(),
        }
    }
}

/// The one rule: the most replicas placed in the most important class first, then in the next,
/// and so on; then the fewest hosts used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub placed: Vec<u64>,
    pub bins: usize,
}

impl Key {
    pub fn total(&self) -> u64 {
        self.placed.iter().sum()
    }
}

impl Ord for Key {
    /// Greater is better.
    fn cmp(&self, other: &Key) -> Ordering {
        self.placed
            .cmp(&other.placed)
            .then(other.bins.cmp(&self.bins))
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
