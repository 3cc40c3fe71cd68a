//! The fleet sources that need no files of hosts: `kubectl get nodes,pods -A -o json` output
//! (`probe::kubernetes`) and Prometheus instant-vector replies (`probe::prometheus`), on any
//! text. Nothing panics, reading is deterministic, and every host they yield has figures a
//! snapshot can hold: finite, not negative, and no more used or available than there is.

use crate::two_texts;
use hostfit::model::Fleet;
use hostfit::probe::kubernetes::{parse_kubernetes, parse_quantity};
use hostfit::probe::prometheus::{Answers, QUERIES, assemble, parse_vector};
use std::collections::BTreeSet;

const TAKEN_AT: &str = "2025-10-07T08:00:00Z";

/// `kubectl get nodes,pods -A -o json` output; the text before a NUL is also read as one
/// quantity.
pub fn kubernetes(text: &str) {
    let (quantity, _) = two_texts(text);
    if let Some(q) = parse_quantity(quantity) {
        assert!(q.is_finite() && q >= 0.0, "{quantity:?} read as {q}");
    }
    let fleet = parse_kubernetes(text, TAKEN_AT);
    same(&parse_kubernetes(text, TAKEN_AT), &fleet);
    if let Ok(fleet) = fleet {
        // a node named twice is two hosts of one name, which `hostfit place` refuses
        sound(&fleet, false);
    }
}

/// Prometheus replies separated by NUL, the answers of `QUERIES` in their order; each one that
/// reads is an answer, and the fleet is assembled from them.
pub fn prometheus(text: &str) {
    let mut answers = Answers::new();
    for ((name, _), reply) in QUERIES.iter().zip(text.split('\0')) {
        let samples = parse_vector(reply);
        same(&parse_vector(reply), &samples);
        if let Ok(samples) = samples {
            answers.insert((*name).to_string(), samples);
        }
    }
    let fleet = assemble(&answers, TAKEN_AT);
    same(&assemble(&answers, TAKEN_AT), &fleet);
    sound(&fleet, true);
}

/// Two readings of the same text are the same (compared as written, as NaN is no value's equal).
fn same<T: std::fmt::Debug>(again: &T, first: &T) {
    let (again, first) = (format!("{again:?}"), format!("{first:?}"));
    assert_eq!(again, first, "not deterministic");
}

/// The figures of every host are ones a snapshot can hold; with `unique`, each host (kept or
/// missing) is named once.
fn sound(fleet: &Fleet, unique: bool) {
    let mut names = BTreeSet::new();
    for host in &fleet.hosts {
        assert!(
            names.insert(host.name()) || !unique,
            "{} twice",
            host.name()
        );
        let h = &host.snapshot.host;
        let cpu = &h.cpu;
        for c in [cpu.cores.0, cpu.used.0] {
            assert!(c.is_finite() && c >= 0.0, "{}: CPU {cpu:?}", h.name);
        }
        let memory = &h.memory;
        assert!(memory.available <= memory.total, "{}: {memory:?}", h.name);
        for disk in &h.disks {
            assert!(
                disk.used <= disk.total && disk.available <= disk.total,
                "{}: {disk:?}",
                h.name
            );
        }
        for w in &host.snapshot.workloads {
            assert!(w.cpu.0.is_finite() && w.cpu.0 >= 0.0, "{}: {w:?}", h.name);
        }
    }
    for missing in &fleet.missing {
        assert!(
            names.insert(&missing.name) || !unique,
            "{} twice",
            missing.name
        );
        assert!(!missing.missing.is_empty(), "{missing:?}");
    }
}
