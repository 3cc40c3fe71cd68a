//! The layer rules of ARCHITECTURE.md, checked on the source: which module may `use` which.

use crate::util::root;
use std::path::Path;

/// (layer, layers it must not import)
const FORBIDDEN: &[(&str, &[&str])] = &[
    ("model", &["probe", "catalog", "plan", "report", "cli"]),
    ("probe", &["catalog", "plan", "report", "cli"]),
    ("catalog", &["probe", "plan", "report", "cli"]),
    ("plan", &["probe", "catalog", "report", "cli"]),
    ("report", &["probe", "catalog", "cli"]),
];

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn layers_import_only_what_they_may() {
    let mut broken = Vec::new();
    for (layer, forbidden) in FORBIDDEN {
        let mut list = Vec::new();
        files(&root().join("src").join(layer), &mut list);
        assert!(!list.is_empty(), "no files in src/{layer}");
        for file in list {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for (n, line) in text.lines().enumerate() {
                for other in *forbidden {
                    let edge = format!("crate::{other}");
                    if line.contains(&edge) && !line.trim_start().starts_with("//") {
                        broken.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "forbidden imports:\n{}",
        broken.join("\n")
    );
}

#[test]
fn plan_does_no_io() {
    let mut list = Vec::new();
    files(&root().join("src").join("plan"), &mut list);
    for file in list {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for banned in [
            "std::fs",
            "std::env",
            "std::time::SystemTime",
            "std::process",
            "std::net",
        ] {
            assert!(!text.contains(banned), "{} uses {banned}", file.display());
        }
    }
}

#[test]
fn probes_take_a_root() {
    let mut list = Vec::new();
    files(&root().join("src").join("probe"), &mut list);
    for file in list {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        // Unit tests may name real paths as data; the code above them may not.
        let code_part = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code_part.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for path in [
                "\"/proc/",
                "\"/proc\"",
                "\"/sys/",
                "\"/sys\"",
                "\"/var/run/docker.sock",
            ] {
                assert!(
                    !code.contains(path),
                    "{}:{} hard-codes {path}",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}
