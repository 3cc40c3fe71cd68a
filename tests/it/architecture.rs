//! The layer rules of ARCHITECTURE.md, checked on the parsed source (syn), not on its text:
//! every `use` tree (groups, globs and renames expanded), every path in code and types, and the
//! paths inside macro calls are resolved against the file's module path (`crate::`, `self::`,
//! `super::`, a child module, a name a `use` bound) and each edge between layers is judged by
//! the table below. `model`, `plan` and `report` must also name no file, network, clock,
//! environment or process access; their `#[cfg(test)]` items and `#[test]` functions are
//! exempt from that (found by attribute, never by searching the text).

mod planted;
mod resolve;
mod walk;

use crate::util::root;
use resolve::Target;
use std::path::{Path, PathBuf};
use walk::{Walked, walk};

/// Each layer and the other layers it may import (STYLE.md). `cli` may import anything, and so
/// may the crate root (`lib.rs`, which only declares the layers) and `main.rs`.
const MAY_IMPORT: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("probe", &["model"]),
    ("catalog", &["model"]),
    ("plan", &["model"]),
    ("report", &["model", "plan"]),
    ("cli", &["model", "probe", "catalog", "plan", "report"]),
];

/// The layers that do no file, network, clock, environment or process access.
const PURE: &[&str] = &["model", "plan", "report"];

/// Paths a pure layer must not name, nor anything under them. `std::io` itself stays allowed
/// (`report` writes to the `&mut dyn Write` it is given); its handles on the process's own
/// streams do not.
const IO_PATHS: &[&str] = &[
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "std::time::SystemTime",
    "std::time::Instant",
    "std::thread::sleep",
    "std::os::unix::net",
    "std::os::unix::fs",
    "std::os::fd",
    "std::path::absolute",
    "std::io::stdin",
    "std::io::stdout",
    "std::io::stderr",
    "std::io::Stdin",
    "std::io::Stdout",
    "std::io::Stderr",
    "rustix",
    "signal_hook",
];

/// The file-system methods of `Path` and `PathBuf` named as paths (`Path::exists(p)`), which
/// `FS_METHODS` does not see as method calls.
fn io_path_methods(path: &[String]) -> Option<String> {
    let joined = path.join("::");
    ["std::path::Path::", "std::path::PathBuf::"]
        .iter()
        .find_map(|ty| joined.strip_prefix(ty))
        .filter(|m| FS_METHODS.contains(m))
        .map(|_| joined.clone())
}

/// Macros that write to the process's stdout or stderr, which a pure layer must not do.
const IO_MACROS: &[&str] = &["print", "println", "eprint", "eprintln", "dbg"];

/// Methods of `std::path::Path` that ask the file system, which a pure layer must not call (by
/// name: a pure layer has no reason to give its own types methods so named).
const FS_METHODS: &[&str] = &[
    "exists",
    "try_exists",
    "is_file",
    "is_dir",
    "is_symlink",
    "metadata",
    "symlink_metadata",
    "read_dir",
    "read_link",
    "canonicalize",
];

fn layer_of(module: &[String]) -> Option<&str> {
    module.first().map(String::as_str)
}

fn may_import(layer: &str) -> Option<&'static [&'static str]> {
    MAY_IMPORT
        .iter()
        .find(|(l, _)| *l == layer)
        .map(|(_, may)| *may)
}

/// True when `path` is `prefix` or lies under it (`std::fs::read` under `std::fs`).
fn under(path: &[String], prefix: &str) -> bool {
    let prefix: Vec<&str> = prefix.split("::").collect();
    path.len() >= prefix.len() && path.iter().zip(&prefix).all(|(a, b)| a == b)
}

/// The I/O paths a path reaches: those it lies under, and for a glob (`use std::io::*`) also
/// those under it, which the glob brings into scope.
fn io_reached(path: &[String], glob: bool) -> impl Iterator<Item = &'static str> + '_ {
    IO_PATHS.iter().copied().filter(move |io| {
        let io_path: Vec<String> = io.split("::").map(String::from).collect();
        under(path, io) || (glob && under(&io_path, &path.join("::")))
    })
}

/// The edges across layers the table forbids, and the I/O a pure layer names, as messages.
fn violations(walked: &Walked) -> Vec<String> {
    let mut out: Vec<String> = walked
        .unparsed
        .iter()
        .map(|e| format!("cannot parse {e}"))
        .collect();
    for (file, f) in &walked.paths {
        let Some(from) = layer_of(&f.module) else {
            continue; // the crate root declares the layers
        };
        let Some(may) = may_import(from) else {
            out.push(format!(
                "{file}: module '{from}' is not a layer of the table"
            ));
            continue;
        };
        let at = format!("{file} ({}): '{}'", f.context, f.written);
        match &f.target {
            Target::AboveRoot => out.push(format!("{at} walks above the crate root")),
            Target::Crate(to) => match layer_of(to) {
                Some(to) if to == from || may.contains(&to) => {}
                Some(to) if may_import(to).is_some() => {
                    out.push(format!("{at}: '{from}' may not import '{to}'"));
                }
                // `crate::x` for an item of lib.rs, or `crate::*`: a way around the table
                _ if from != "cli" => out.push(format!(
                    "{at} names the crate root, where '{from}' may reach any layer"
                )),
                _ => {}
            },
            Target::External(path) if PURE.contains(&from) && !f.in_test => {
                for io in io_reached(path, f.glob) {
                    out.push(format!(
                        "{at}: '{from}' must not use '{io}' (no I/O, clock or environment)"
                    ));
                }
                if let Some(io) = io_path_methods(path) {
                    out.push(format!(
                        "{at}: '{from}' must not use '{io}' (it asks the file system)"
                    ));
                }
            }
            Target::External(_) => {}
        }
    }
    for (file, module, context, name) in &walked.macros {
        let from = layer_of(module).unwrap_or("");
        if PURE.contains(&from) && IO_MACROS.contains(&name.as_str()) {
            out.push(format!(
                "{file} ({context}): '{name}!' writes to the process's own stream in '{from}'"
            ));
        }
        // code from another file, which the walk does not read
        if name == "include" {
            out.push(format!(
                "{file} ({context}): 'include!' brings in code the layer rules cannot see"
            ));
        }
    }
    for (file, module, context, name) in &walked.methods {
        let from = layer_of(module).unwrap_or("");
        if PURE.contains(&from) && FS_METHODS.contains(&name.as_str()) {
            out.push(format!(
                "{file} ({context}): '.{name}()' asks the file system in '{from}'"
            ));
        }
    }
    for (file, _, context) in &walked.moved {
        out.push(format!(
            "{file} ({context}): '#[path]' reads a module from a file the layer rules cannot place"
        ));
    }
    out
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Every `.rs` file under `src/`, as (path relative to the repository, text).
fn sources() -> Vec<(String, String)> {
    let mut list = Vec::new();
    files(&root().join("src"), &mut list);
    list.sort();
    list.into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root())
                .map(|r| r.to_string_lossy().into_owned())
                .unwrap_or_else(|_| p.display().to_string());
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{rel}: {e}"));
            (rel, text)
        })
        .collect()
}

#[test]
fn layers_import_only_what_they_may_and_pure_layers_do_no_io() {
    let sources = sources();
    for (layer, _) in MAY_IMPORT {
        assert!(
            sources
                .iter()
                .any(|(f, _)| f.starts_with(&format!("src/{layer}/"))),
            "no files in src/{layer}: the table names a layer that is gone"
        );
    }
    let walked = walk(&sources);
    // The walk saw the code: the planner's own imports of `model` are among its paths.
    assert!(
        walked.paths.iter().any(|(f, p)| f.starts_with("src/plan/")
            && matches!(&p.target, Target::Crate(t) if t.first().map(String::as_str) == Some("model"))),
        "no plan -> model edge found: the walk read nothing"
    );
    let broken = violations(&walked);
    assert!(
        broken.is_empty(),
        "layer rules broken:\n{}",
        broken.join("\n")
    );
}

/// String literals in `probe` code (tests aside) that name a real path of this machine: each
/// must come from the root a probe is given.
fn real_paths(walked: &Walked) -> Vec<String> {
    let real = ["/proc", "/sys", "/run", "/var/run"];
    walked
        .literals
        .iter()
        .filter(|(file, _, _)| file.starts_with("src/probe/"))
        .filter(|(_, _, lit)| {
            real.iter()
                .any(|r| lit == r || lit.starts_with(&format!("{r}/")))
        })
        .map(|(file, context, lit)| format!("{file} ({context}): \"{lit}\""))
        .collect()
}

#[test]
fn probes_take_a_root() {
    let named = real_paths(&walk(&sources()));
    assert!(
        named.is_empty(),
        "probes hard-code real paths instead of taking a root:\n{}",
        named.join("\n")
    );
}
