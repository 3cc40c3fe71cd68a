//! The exact choice of what to deploy: for each service, its lowest tier, one of its alternatives,
//! or leaving it out, so that the sum stays admitted by a capacity. Branch and bound over the
//! services in priority order, with an objective compared lexicographically. Pure.

use super::verdict::Capacity;
use crate::model::Needs;

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

/// How good a (partial) choice is; bigger keys are better, compared element by element.
pub trait Objective {
    /// The key of a choice for the first `chosen.len()` services, counting the services not yet
    /// decided as favourably as they could possibly turn out (an upper bound).
    fn bound(&self, chosen: &[Choice], total: usize) -> Vec<i64>;
}

/// Cover the most important services first, then use the fewest alternatives.
pub struct CoverByPriority;

impl Objective for CoverByPriority {
    fn bound(&self, chosen: &[Choice], total: usize) -> Vec<i64> {
        let mut key: Vec<i64> = chosen
            .iter()
            .map(|c| i64::from(*c != Choice::Out))
            .collect();
        key.resize(total, 1);
        let alternatives = chosen
            .iter()
            .filter(|c| matches!(c, Choice::Alternative(_)))
            .count();
        key.push(-(alternatives as i64));
        key
    }
}

/// The most services, then the most important ones.
pub struct MostServices;

impl Objective for MostServices {
    fn bound(&self, chosen: &[Choice], total: usize) -> Vec<i64> {
        let covered = chosen.iter().filter(|c| **c != Choice::Out).count();
        let mut key = vec![(covered + total - chosen.len()) as i64];
        key.extend(chosen.iter().map(|c| i64::from(*c != Choice::Out)));
        key.resize(total + 1, 1);
        key
    }
}

/// The best choice, one per service in the order given (most important first), or `None` when
/// `options` is empty. Each service's options are tried in their order, so among equal keys the
/// earlier option wins; every service must offer `Choice::Out` with zero needs.
pub fn best_choice(
    options: &[Vec<Candidate>],
    capacity: &Capacity,
    base: Needs,
    objective: &dyn Objective,
) -> Vec<Choice> {
    let total = options.len();
    let mut state = Search {
        options,
        capacity,
        objective,
        best: None,
        best_key: Vec::new(),
        ceiling: objective.bound(&[], total),
    };
    let mut chosen = Vec::with_capacity(total);
    state.descend(&mut chosen, base);
    state.best.unwrap_or_else(|| vec![Choice::Out; total])
}

struct Search<'a> {
    options: &'a [Vec<Candidate>],
    capacity: &'a Capacity,
    objective: &'a dyn Objective,
    best: Option<Vec<Choice>>,
    best_key: Vec<i64>,
    ceiling: Vec<i64>,
}

impl Search<'_> {
    /// Returns true once the best possible key has been reached, to stop the search.
    fn descend(&mut self, chosen: &mut Vec<Choice>, sum: Needs) -> bool {
        let total = self.options.len();
        let bound = self.objective.bound(chosen, total);
        if self.best.is_some() && bound <= self.best_key {
            return false;
        }
        if chosen.len() == total {
            self.best_key = bound;
            self.best = Some(chosen.clone());
            return self.best_key >= self.ceiling;
        }
        for option in &self.options[chosen.len()] {
            let next = sum + option.needs;
            if option.choice != Choice::Out && !self.capacity.admits(&next) {
                continue;
            }
            chosen.push(option.choice);
            let done = self.descend(chosen, next);
            chosen.pop();
            if done {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bytes, Cores};
    use proptest::prelude::*;

    const MIB: u64 = 1 << 20;

    fn capacity(room_mib: u64) -> Capacity {
        Capacity {
            memory_total: Bytes(10_000 * MIB),
            memory_available: Bytes((room_mib + 1000) * MIB),
            memory_reserve: Bytes(1000 * MIB),
            cpu_cores: Cores(100.0),
            cpu_used: Cores(0.0),
            cpu_limit_share: 1.0,
            disk: None,
        }
    }

    fn mem(mib: u64) -> Needs {
        Needs {
            memory: Bytes(mib * MIB),
            cpu: Cores(0.0),
            disk: Bytes(0),
        }
    }

    /// A service with a tier of `tier` MiB and alternatives of the given sizes.
    fn service(tier: u64, alternatives: &[u64]) -> Vec<Candidate> {
        let mut v = vec![Candidate {
            choice: Choice::Deploy,
            needs: mem(tier),
        }];
        for (i, a) in alternatives.iter().enumerate() {
            v.push(Candidate {
                choice: Choice::Alternative(i),
                needs: mem(*a),
            });
        }
        v.push(Candidate {
            choice: Choice::Out,
            needs: Needs::default(),
        });
        v
    }

    #[test]
    fn greedy_is_not_enough_the_first_service_takes_its_alternative() {
        // room 100: A tier 60 (alt 50), B tier 50. Greedy deploys A and loses B;
        // covering both needs A's alternative.
        let options = vec![service(60, &[50]), service(50, &[])];
        let best = best_choice(&options, &capacity(100), Needs::default(), &CoverByPriority);
        assert_eq!(best, vec![Choice::Alternative(0), Choice::Deploy]);
    }

    #[test]
    fn priority_beats_count() {
        // room 100: A 100, B 60, C 40. Covering A first leaves nothing for B and C.
        let options = vec![service(100, &[]), service(60, &[]), service(40, &[])];
        let best = best_choice(&options, &capacity(100), Needs::default(), &CoverByPriority);
        assert_eq!(best, vec![Choice::Deploy, Choice::Out, Choice::Out]);
        let most = best_choice(&options, &capacity(100), Needs::default(), &MostServices);
        assert_eq!(most, vec![Choice::Out, Choice::Deploy, Choice::Deploy]);
    }

    #[test]
    fn fewest_alternatives_among_equal_cover() {
        let options = vec![service(10, &[0]), service(10, &[0])];
        let best = best_choice(&options, &capacity(100), Needs::default(), &CoverByPriority);
        assert_eq!(best, vec![Choice::Deploy, Choice::Deploy]);
    }

    #[test]
    fn zero_needs_alternatives_fit_even_without_room() {
        let options = vec![service(10, &[0])];
        let mut full = capacity(0);
        full.memory_available = Bytes(10 * MIB);
        let best = best_choice(&options, &full, Needs::default(), &CoverByPriority);
        assert_eq!(best, vec![Choice::Alternative(0)]);
    }

    /// Every choice by brute force, for checking the search.
    fn brute_force(
        options: &[Vec<Candidate>],
        cap: &Capacity,
        objective: &dyn Objective,
    ) -> Vec<i64> {
        let n = options.len();
        let mut best: Option<Vec<i64>> = None;
        let mut index = vec![0usize; n];
        loop {
            let chosen: Vec<&Candidate> = (0..n).map(|i| &options[i][index[i]]).collect();
            let sum: Needs = chosen
                .iter()
                .filter(|o| o.choice != Choice::Out)
                .map(|o| o.needs)
                .sum();
            if cap.admits(&sum) {
                let choices: Vec<Choice> = chosen.iter().map(|o| o.choice).collect();
                let key = objective.bound(&choices, n);
                if best.as_ref().is_none_or(|b| key > *b) {
                    best = Some(key);
                }
            }
            let mut i = 0;
            loop {
                if i == n {
                    return best.unwrap_or_default();
                }
                index[i] += 1;
                if index[i] < options[i].len() {
                    break;
                }
                index[i] = 0;
                i += 1;
            }
        }
    }

    proptest! {
        #[test]
        fn search_matches_brute_force_and_never_exceeds_the_room(
            tiers in proptest::collection::vec((1u64..200, proptest::option::of(0u64..100)), 1..7),
            room in 0u64..500,
        ) {
            let options: Vec<Vec<Candidate>> = tiers
                .iter()
                .map(|(t, a)| service(*t, a.as_slice()))
                .collect();
            let cap = capacity(room);
            for objective in [&CoverByPriority as &dyn Objective, &MostServices] {
                let best = best_choice(&options, &cap, Needs::default(), objective);
                let sum: Needs = best.iter().zip(&options).map(|(c, opts)| {
                    opts.iter().find(|o| o.choice == *c).map(|o| o.needs).unwrap_or_default()
                }).sum();
                prop_assert!(sum.memory.as_mib() <= room as f64 || sum.memory == Bytes(0));
                prop_assert_eq!(objective.bound(&best, options.len()), brute_force(&options, &cap, objective));
            }
        }
    }
}
