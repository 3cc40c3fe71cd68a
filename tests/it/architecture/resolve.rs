//! Resolving a path as the compiler would, for `architecture.rs`: a file's module path, the
//! paths a `use` tree names (groups, globs, renames, `self`), and a path written in a module
//! (`crate::`, `self::`, `super::`, a child module, a name a `use` bound) to an item of this
//! crate or of another one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module path inside the crate: `["plan", "reconcile"]`, `[]` for the crate root.
pub(super) type ModPath = Vec<String>;

/// Where a path leads once resolved.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Target {
    /// An item of this crate, by its absolute module path.
    Crate(Vec<String>),
    /// A path into another crate (`std`, `serde`, ...), as written.
    External(Vec<String>),
    /// More `super`s than the module is deep.
    AboveRoot,
}

/// A whole source file's module path: `src/plan/mod.rs` is `plan`, `src/plan/reconcile.rs` is
/// `plan::reconcile`, `src/lib.rs` the crate root. `None` for `src/main.rs` (another crate).
pub(super) fn module_of(relative: &Path) -> Option<ModPath> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.first().map(String::as_str) == Some("src") {
        parts.remove(0);
    }
    let file = parts.pop()?;
    let stem = file.strip_suffix(".rs")?;
    match (parts.is_empty(), stem) {
        (true, "main") => None,
        (true, "lib") => Some(Vec::new()),
        (_, "mod") => Some(parts),
        _ => {
            parts.push(stem.to_string());
            Some(parts)
        }
    }
}

/// Every path a `use` tree names, `(segments, glob, bound name)`: `use crate::{model, probe}`
/// gives `crate::model` and `crate::probe`; `use a::b as c` binds `c`; `use a::{self}` binds `a`.
pub(super) fn flatten_use(
    tree: &syn::UseTree,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, bool, Option<String>)>,
) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten_use(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            if name == "self" {
                let bound = prefix.last().cloned();
                out.push((prefix.clone(), false, bound));
            } else {
                let mut path = prefix.clone();
                path.push(name.clone());
                out.push((path, false, Some(name)));
            }
        }
        syn::UseTree::Rename(r) => {
            let mut path = prefix.clone();
            let name = r.ident.to_string();
            if name != "self" {
                path.push(name);
            }
            let bound = r.rename.to_string();
            out.push((path, false, (bound != "_").then_some(bound)));
        }
        syn::UseTree::Glob(_) => out.push((prefix.clone(), true, None)),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                flatten_use(t, prefix, out);
            }
        }
    }
}

/// The module tree of the crate (every module path a file or an inline `mod` makes) and the
/// names each module's `use` items bind, so that `io::stdout()` after `use std::io` resolves to
/// `std::io::stdout`.
#[derive(Debug, Default)]
pub(super) struct Scope {
    pub(super) modules: BTreeSet<ModPath>,
    pub(super) bindings: BTreeMap<ModPath, BTreeMap<String, Target>>,
    /// Modules declared `#[cfg(test)] mod x;`, whose files are test code throughout.
    pub(super) test_modules: BTreeSet<ModPath>,
}

impl Scope {
    /// Resolves `segments` as written in `module`. A `use` path resolves without bindings
    /// (`use_path`), as the compiler resolves imports against modules and crates.
    pub(super) fn resolve(&self, module: &[String], segments: &[String], use_path: bool) -> Target {
        let Some(first) = segments.first() else {
            return Target::Crate(module.to_vec());
        };
        match first.as_str() {
            // the crate by its own name, as `main.rs` and `extern crate self as hostfit` name it
            "crate" | "hostfit" => Target::Crate(segments[1..].to_vec()),
            "self" | "super" => {
                let mut at = module.to_vec();
                let mut rest = segments;
                if rest.first().map(String::as_str) == Some("self") {
                    rest = &rest[1..];
                }
                while rest.first().map(String::as_str) == Some("super") {
                    if at.pop().is_none() {
                        return Target::AboveRoot;
                    }
                    rest = &rest[1..];
                }
                at.extend(rest.iter().cloned());
                Target::Crate(at)
            }
            _ => {
                if !use_path
                    && let Some(bound) = self.bindings.get(module).and_then(|b| b.get(first))
                {
                    let rest = segments[1..].iter().cloned();
                    return match bound {
                        Target::Crate(p) => Target::Crate(p.iter().cloned().chain(rest).collect()),
                        Target::External(p) => {
                            Target::External(p.iter().cloned().chain(rest).collect())
                        }
                        Target::AboveRoot => Target::AboveRoot,
                    };
                }
                let mut child = module.to_vec();
                child.push(first.clone());
                if self.modules.contains(&child) {
                    child.extend(segments[1..].iter().cloned());
                    Target::Crate(child)
                } else {
                    Target::External(segments.to_vec())
                }
            }
        }
    }
}
