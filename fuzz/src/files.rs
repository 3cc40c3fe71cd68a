//! The files people write by hand (plans, snapshots, catalogs), in YAML or JSON, read as
//! `hostfit plan` reads them: `cli::input::parse_yaml`, the type's `problems()`, each problem
//! placed with the span map and rendered as the diagnostic the user would see. A snapshot that
//! reads is written again as `hostfit scan` writes it (JSON, YAML, text) and must read back the
//! same; a valid catalog is written as `hostfit catalog import` writes it and must read back equal.
//! A docker-compose file is read as `--compose` reads it, into plan services.

use crate::{lang_of, render};
use hostfit::cli::input::parse_yaml;
use hostfit::cli::problems::problem_error;
use hostfit::cli::scan::{ScanFormat, render as write_snapshot};
use hostfit::cli::spans::SpanMap;
use hostfit::model::compose::{ComposeFile, to_services};
use hostfit::model::{Catalog, PlanFile, Problem, Snapshot, Tier};
use serde::de::DeserializeOwned;
use std::path::Path;

/// A plan file.
pub fn plan(text: &str) {
    if let Some(plan) = read::<PlanFile>("plan.yaml", text) {
        place(text, "plan.yaml", &plan.problems());
    }
}

/// A snapshot file, and the round trips through what `hostfit scan` writes.
pub fn snapshot(text: &str) {
    if let Some(snapshot) = read::<Snapshot>("snapshot.yaml", text) {
        place(text, "snapshot.yaml", &snapshot.problems());
        snapshot_round_trip(&snapshot);
    }
}

/// A catalog file; a valid one also goes through the importers' writer and back.
pub fn catalog(text: &str) {
    if let Some(catalog) = read::<Catalog>("catalog.yaml", text) {
        let problems = catalog.problems();
        place(text, "catalog.yaml", &problems);
        if problems.is_empty() {
            crate::catalogs::round_trip(&catalog);
        }
    }
}

/// A docker-compose file, read as `cli::compose::load` reads it (its problems placed); the
/// reading is deterministic, every service it yields has a lowest tier, and one replica's
/// figures (`as_replicas`) times the replicas are the service's figures: exactly, unless the
/// multiplication saturated, and never more.
pub fn compose(text: &str) {
    let Some(file) = read::<ComposeFile>("compose.yaml", text) else {
        return;
    };
    let services = match to_services(&file) {
        Ok(services) => services,
        Err(problems) => {
            assert!(!problems.is_empty(), "an error without a problem");
            // no `services:` (an empty file, `{}`) is a problem of a key that is not there
            let unplaced = ["problem.compose.no_services"];
            place_but(text, "compose.yaml", &problems, &unplaced);
            return;
        }
    };
    assert_eq!(
        to_services(&file).as_ref(),
        Ok(&services),
        "not deterministic"
    );
    let each = services.as_replicas();
    assert_eq!(each.services.len(), services.services.len());
    for (all, one) in services.services.iter().zip(&each.services) {
        assert_eq!(all.name, one.name);
        assert!(all.tiers.lowest().is_some(), "no tier: {all:#?}");
        let n = services.replicas.get(&all.name).copied();
        assert!(
            n.is_none_or(|n| n > 1),
            "{} replicas of {}",
            n.unwrap_or(0),
            all.name
        );
        let n = n.unwrap_or(1);
        for tier in Tier::ALL {
            match (all.tiers.get(tier), one.tiers.get(tier)) {
                (Some(a), Some(o)) => {
                    let n64 = u64::from(n);
                    for (a, o) in [(a.memory.0, o.memory.0), (a.disk.0, o.disk.0)] {
                        let back = o.checked_mul(n64);
                        assert!(back.is_some_and(|b| b <= a), "{o} x {n} > {a}");
                        if a != u64::MAX {
                            assert_eq!(back, Some(a), "{o} x {n} is not {a}");
                        }
                    }
                    let cpu = o.cpu.0 * f64::from(n);
                    assert!(
                        cpu <= a.cpu.0 * (1.0 + 1e-12) || !a.cpu.0.is_finite(),
                        "{:?} x {n} > {:?}",
                        o.cpu,
                        a.cpu
                    );
                }
                (None, None) => {}
                (a, o) => panic!("tier {tier:?}: {a:?} for all, {o:?} for one"),
            }
        }
    }
}

/// The value `text` holds, or `None` after rendering the diagnostic that says why not.
fn read<T: DeserializeOwned>(name: &str, text: &str) -> Option<T> {
    match parse_yaml::<T>(Path::new(name), text, lang_of(text)) {
        Ok(value) => Some(value),
        Err(error) => {
            assert!(error.line >= 1 && error.column >= 1, "{error:?}");
            render(&*error);
            None
        }
    }
}

/// Each problem placed in `text` by the parser's spans and rendered: a value that parsed has a
/// place for every field path (the nearest enclosing value at worst).
fn place(text: &str, name: &str, problems: &[Problem]) {
    place_but(text, name, problems, &[]);
}

/// As `place`, but a problem whose key is in `unplaced` may have no place (it is about a key
/// the file may leave out, in a document that may have no value at all, as an empty one); it
/// is rendered without one, as `check_yaml` does.
fn place_but(text: &str, name: &str, problems: &[Problem], unplaced: &[&str]) {
    if problems.is_empty() {
        return;
    }
    let spans = SpanMap::of_yaml(text);
    for problem in problems {
        let place = spans.locate(&problem.path);
        if place.is_none() && unplaced.contains(&problem.key) {
            let error = problem_error(Path::new(name), text, problem, None, lang_of(text));
            render(&error);
            continue;
        }
        let at = place.unwrap_or_else(|| panic!("no place for '{}'", problem.path));
        assert!(
            at.line >= 1 && at.column >= 1 && text.is_char_boundary(at.offset),
            "{at:?} for '{}'",
            problem.path
        );
        let error = problem_error(Path::new(name), text, problem, place, lang_of(text));
        render(&error);
    }
}

/// Figures a JSON file cannot hold (NaN, infinity) are written as `null` by every JSON writer,
/// so only snapshots without them can come back the same.
fn finite(snapshot: &Snapshot) -> bool {
    let host = &snapshot.host;
    let pressure = host.pressure.iter().flat_map(|p| {
        [
            p.cpu_some_avg10,
            p.memory_some_avg10,
            p.memory_full_avg10,
            p.io_some_avg10,
        ]
    });
    pressure
        .chain([host.cpu.interval_seconds])
        .flatten()
        .all(f64::is_finite)
}

fn written(snapshot: &Snapshot, format: ScanFormat) -> String {
    let bytes = write_snapshot(snapshot, format, hostfit::report::Lang::En);
    let bytes = bytes.unwrap_or_else(|e| panic!("{format:?} not written: {e:?}"));
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{format:?} not UTF-8: {e}"))
}

/// Written as JSON or YAML, the snapshot reads back as one that is written the same way (CPU
/// figures are written to six decimals, so the first writing may round).
fn snapshot_round_trip(snapshot: &Snapshot) {
    for lang in [hostfit::report::Lang::En, hostfit::report::Lang::Zh] {
        let shown = write_snapshot(snapshot, ScanFormat::Text, lang);
        assert!(shown.is_ok(), "text view: {shown:?}");
    }
    if !finite(snapshot) {
        return;
    }
    let json = written(snapshot, ScanFormat::Json);
    for format in [ScanFormat::Json, ScanFormat::Yaml] {
        let text = written(snapshot, format);
        let back = parse_yaml::<Snapshot>(Path::new("written"), &text, hostfit::report::Lang::En);
        let back = back.unwrap_or_else(|e| panic!("{format:?} does not read back: {e:?}\n{text}"));
        assert_eq!(
            written(&back, ScanFormat::Json),
            json,
            "{format:?}:\n{text}"
        );
    }
}
