//! The search against hand-worked cases and against a brute force over every choice.

use super::*;
use crate::model::{Bytes, Cores};
use proptest::prelude::*;

const MIB: u64 = 1 << 20;

fn room(mib: i128) -> Room {
    Room {
        memory: mib * i128::from(MIB),
        cpu: 100.0,
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

/// A service of `class` with a tier of `tier` MiB and alternatives of the given sizes.
fn item(class: u32, tier: u64, alternatives: &[u64]) -> Item {
    let mut options = vec![Candidate {
        choice: Choice::Deploy,
        needs: mem(tier),
    }];
    for (i, a) in alternatives.iter().enumerate() {
        options.push(Candidate {
            choice: Choice::Alternative(i),
            needs: mem(*a),
        });
    }
    Item { class, options }
}

fn best(items: &[Item], r: &Room) -> Vec<Choice> {
    let out = best_choice(items, r, NODE_BUDGET);
    assert!(out.proven_optimal);
    out.choices
}

#[test]
fn greedy_is_not_enough_the_first_service_takes_its_alternative() {
    // room 100: A tier 60 (alt 50), B tier 50. Greedy deploys A and loses B.
    let items = [item(1, 60, &[50]), item(2, 50, &[])];
    assert_eq!(
        best(&items, &room(100)),
        [Choice::Alternative(0), Choice::Deploy]
    );
}

#[test]
fn a_more_important_class_beats_any_count_below_it() {
    let items = [item(1, 100, &[]), item(2, 60, &[]), item(2, 40, &[])];
    assert_eq!(
        best(&items, &room(100)),
        [Choice::Deploy, Choice::Out, Choice::Out]
    );
}

#[test]
fn within_a_class_the_most_services() {
    let items = [item(1, 100, &[]), item(1, 60, &[]), item(1, 40, &[])];
    assert_eq!(
        best(&items, &room(100)),
        [Choice::Out, Choice::Deploy, Choice::Deploy]
    );
}

#[test]
fn fewest_alternatives_among_equal_cover() {
    let items = [item(1, 10, &[0]), item(2, 10, &[0])];
    assert_eq!(best(&items, &room(100)), [Choice::Deploy, Choice::Deploy]);
    assert_eq!(
        best(&items, &room(15)),
        [Choice::Deploy, Choice::Alternative(0)]
    );
}

#[test]
fn zero_needs_alternatives_fit_even_without_room() {
    let items = [item(1, 10, &[0])];
    assert_eq!(best(&items, &room(-5)), [Choice::Alternative(0)]);
}

#[test]
fn forty_identical_services_are_one_group() {
    // 40 services of 100 MiB with a free external API: 10 fit, 30 go to the API.
    let items: Vec<Item> = (0..40).map(|_| item(1, 100, &[0])).collect();
    let out = best_choice(&items, &room(1000), NODE_BUDGET);
    assert!(out.proven_optimal);
    assert!(out.nodes < 100, "{} nodes", out.nodes);
    let deployed = out.choices.iter().filter(|c| **c == Choice::Deploy).count();
    assert_eq!(deployed, 10);
    // the earlier services are the ones deployed
    assert!(out.choices[..10].iter().all(|c| *c == Choice::Deploy));
}

#[test]
fn a_search_cut_by_its_budget_says_so_and_still_fits() {
    // 40 services of three priorities with needs spread over three resources (a fixed
    // pseudo-random sequence), each with an alternative of a third of its needs: too many ways
    // to fill the room to prove anything in 5 nodes.
    let mut x: u64 = 12345;
    let mut next = |m: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % m
    };
    let items: Vec<Item> = (0..40)
        .map(|i| {
            let deploy = needs3(100 + next(400), 2 + next(6) as u32, 100 + next(900));
            let alt = Needs {
                memory: Bytes(deploy.memory.0 / 3),
                cpu: Cores(deploy.cpu.0 / 3.0),
                disk: Bytes(deploy.disk.0 / 3),
            };
            Item {
                class: 1 + i % 3,
                options: vec![
                    Candidate {
                        choice: Choice::Deploy,
                        needs: deploy,
                    },
                    Candidate {
                        choice: Choice::Alternative(0),
                        needs: alt,
                    },
                ],
            }
        })
        .collect();
    let r = Room {
        memory: 4000 * i128::from(MIB),
        cpu: 6.0,
        disk: Some(6000 * i128::from(MIB)),
    };
    let out = best_choice(&items, &r, 5);
    assert!(!out.proven_optimal);
    let bound = out.bound.unwrap_or_default();
    assert_eq!(bound.len(), 3);
    let k = key(&items, &out.choices);
    for (class, (_, at_most)) in bound.iter().enumerate() {
        assert!(k[class] as u64 <= *at_most, "{k:?} {bound:?}");
    }
    assert!(r.admits(&sum_of(&items, &out.choices)));
    // the greedy start already covers every service of the first class
    assert_eq!(k[0], 14);
}

/// The key of a full choice: covered per class (classes ascending), then deployments.
fn key(items: &[Item], choices: &[Choice]) -> Vec<i64> {
    let mut classes: Vec<u32> = items.iter().map(|i| i.class).collect();
    classes.sort_unstable();
    classes.dedup();
    let mut key: Vec<i64> = classes
        .iter()
        .map(|c| {
            items
                .iter()
                .zip(choices)
                .filter(|(i, ch)| i.class == *c && **ch != Choice::Out)
                .count() as i64
        })
        .collect();
    key.push(choices.iter().filter(|c| **c == Choice::Deploy).count() as i64);
    key
}

fn sum_of(items: &[Item], choices: &[Choice]) -> Sum {
    items.iter().zip(choices).fold(Sum::default(), |s, (i, c)| {
        match i.options.iter().find(|o| o.choice == *c) {
            Some(o) => s.plus(&o.needs, 1),
            None => s,
        }
    })
}

/// Every choice by brute force: the best key.
fn brute_force(items: &[Item], r: &Room) -> Vec<i64> {
    let n = items.len();
    let mut best: Option<Vec<i64>> = None;
    let mut index = vec![0usize; n];
    loop {
        let choices: Vec<Choice> = (0..n)
            .map(|i| {
                items[i]
                    .options
                    .get(index[i])
                    .map_or(Choice::Out, |o| o.choice)
            })
            .collect();
        if r.admits(&sum_of(items, &choices)) {
            let k = key(items, &choices);
            if best.as_ref().is_none_or(|b| k > *b) {
                best = Some(k);
            }
        }
        let mut i = 0;
        loop {
            if i == n {
                return best.unwrap_or_default();
            }
            index[i] += 1;
            if index[i] <= items[i].options.len() {
                break;
            }
            index[i] = 0;
            i += 1;
        }
    }
}

fn needs3(memory: u64, cpu: u32, disk: u64) -> Needs {
    Needs {
        memory: Bytes(memory * MIB),
        cpu: Cores(f64::from(cpu) / 10.0),
        disk: Bytes(disk * MIB),
    }
}

prop_compose! {
    fn an_item()(
        class in 1u32..4,
        tier in (0u64..300, 0u32..10, 0u64..300),
        alternatives in proptest::collection::vec((0u64..150, 0u32..5, 0u64..150), 0..3),
        copies in 1usize..3,
    ) -> Vec<Item> {
        let mut options = vec![Candidate { choice: Choice::Deploy, needs: needs3(tier.0, tier.1, tier.2) }];
        for (i, a) in alternatives.iter().enumerate() {
            options.push(Candidate { choice: Choice::Alternative(i), needs: needs3(a.0, a.1, a.2) });
        }
        vec![Item { class, options }; copies]
    }
}

proptest! {
    #[test]
    fn search_matches_brute_force_and_never_exceeds_the_room(
        groups in proptest::collection::vec(an_item(), 1..5),
        memory in -50i128..700,
        cpu in 0u32..25,
        disk in proptest::option::of(0i128..600),
    ) {
        let items: Vec<Item> = groups.into_iter().flatten().take(7).collect();
        let r = Room {
            memory: memory * i128::from(MIB),
            cpu: f64::from(cpu) / 10.0,
            disk: disk.map(|d| d * i128::from(MIB)),
        };
        let out = best_choice(&items, &r, NODE_BUDGET);
        prop_assert!(out.proven_optimal);
        prop_assert!(r.admits(&sum_of(&items, &out.choices)));
        prop_assert_eq!(key(&items, &out.choices), brute_force(&items, &r));
    }
}
