//! The checker of `architecture.rs` on planted sources: each rule it enforces must be able
//! to fail, so each is shown failing here on a few lines written to break it.

use super::walk::walk;
use super::{real_paths, violations};

/// The planted files with an empty `mod.rs` per layer, as the crate has them.
fn with_layers(planted: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = planted
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
    for layer in ["model", "probe", "catalog", "plan", "report", "cli"] {
        files.push((format!("src/{layer}/mod.rs"), String::new()));
    }
    files
}

fn check(file: &str, text: &str) -> Vec<String> {
    violations(&walk(&with_layers(&[(file, text)])))
}

fn assert_reported(file: &str, text: &str, needle: &str) {
    let found = check(file, text);
    assert!(
        found.iter().any(|v| v.contains(needle)),
        "'{text}' in {file}: expected a violation with '{needle}', got {found:#?}"
    );
}

#[test]
fn a_group_import_of_a_forbidden_layer_is_reported() {
    assert_reported(
        "src/plan/planted.rs",
        "use crate::{model, probe};",
        "'plan' may not import 'probe'",
    );
    assert_reported(
        "src/plan/planted.rs",
        "use crate::{model::Bytes, report::{self as r}};",
        "'plan' may not import 'report'",
    );
    assert_reported(
        "src/model/planted.rs",
        "use crate::plan::*;",
        "'model' may not import 'plan'",
    );
}

#[test]
fn super_super_out_of_the_layer_is_reported() {
    assert_reported(
        "src/plan/planted.rs",
        "use super::super::probe::scan;",
        "'plan' may not import 'probe'",
    );
    assert_reported(
        "src/plan/options/planted.rs",
        "fn f() { super::super::super::cli::run(); }",
        "'plan' may not import 'cli'",
    );
    assert_reported(
        "src/plan/planted.rs",
        "use super::super::super::x;",
        "walks above the crate root",
    );
}

#[test]
fn a_path_expression_into_a_forbidden_layer_is_reported() {
    assert_reported(
        "src/plan/planted.rs",
        "fn f() { crate::cli::x(); }",
        "'plan' may not import 'cli'",
    );
    assert_reported(
        "src/report/planted.rs",
        "fn f(_: &crate::probe::ScanConfig) {}",
        "'report' may not import 'probe'",
    );
    assert_reported(
        "src/catalog/planted.rs",
        "fn f() -> String { format!(\"{}\", crate::plan::x()) }",
        "'catalog' may not import 'plan'",
    );
}

#[test]
fn io_in_a_pure_layer_is_reported_except_in_tests() {
    assert_reported(
        "src/plan/planted.rs",
        "fn f() { let _ = std::env::var(\"X\"); }",
        "'std::env'",
    );
    assert_reported(
        "src/report/planted.rs",
        "use std::io::{self, Write};\nfn f() { let _ = io::stdout().flush(); }",
        "'std::io::stdout'",
    );
    assert_reported(
        "src/model/planted.rs",
        "use std::time::{Duration as D, Instant as I};",
        "'std::time::Instant'",
    );
    assert_reported(
        "src/plan/planted.rs",
        "fn f() { println!(\"x\"); }",
        "'println!'",
    );
    let exempt = "#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { let _ = std::fs::read(\"x\"); }\n}\n\
                  #[cfg(all(test, unix))]\nfn g() { let _ = std::env::var(\"X\"); }\n";
    assert_eq!(check("src/plan/planted.rs", exempt), Vec::<String>::new());
}

#[test]
fn allowed_edges_are_not_reported() {
    let fine = "use crate::model::{Bytes, Snapshot};\nuse super::reconcile::reconcile;\n\
                use std::io::{self, Write};\nuse std::collections::BTreeMap;\n\
                fn f(w: &mut dyn Write) -> io::Result<()> { writeln!(w, \"{}\", crate::model::Bytes(1).0) }\n";
    assert_eq!(check("src/plan/planted.rs", fine), Vec::<String>::new());
    assert_eq!(
        check(
            "src/report/planted.rs",
            "use crate::plan::{Analysis, reconcile};"
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        check(
            "src/cli/planted.rs",
            "use crate::{probe, plan, report}; fn f() { std::env::var(\"X\"); }"
        ),
        Vec::<String>::new()
    );
}

#[test]
fn a_file_declared_as_test_code_is_exempt_from_the_io_rule_only() {
    let files = with_layers(&[
        ("src/plan/planted.rs", "#[cfg(test)]\nmod tests;\n"),
        (
            "src/plan/planted/tests.rs",
            "fn t() { let _ = std::fs::read(\"x\"); }",
        ),
    ]);
    assert_eq!(violations(&walk(&files)), Vec::<String>::new());
    // the layer table holds in tests too: a test of the planner does not reach into probes
    let files = with_layers(&[
        ("src/plan/planted.rs", "#[cfg(test)]\nmod tests;\n"),
        ("src/plan/planted/tests.rs", "use crate::probe::scan;"),
    ]);
    let found = violations(&walk(&files));
    assert!(
        found
            .iter()
            .any(|v| v.contains("'plan' may not import 'probe'")),
        "{found:#?}"
    );
}

#[test]
fn a_probe_naming_a_real_path_is_reported_in_code_not_in_docs_or_tests() {
    let text = "/// Reads /proc/meminfo under the root.\n\
                fn f(pid: u32) -> String { format!(\"/proc/{pid}/stat\") }\n\
                const SOCK: &str = \"/var/run/docker.sock\";\n\
                #[cfg(test)]\nmod tests { const T: &str = \"/sys/fs/cgroup\"; }\n";
    let named = real_paths(&walk(&with_layers(&[("src/probe/planted.rs", text)])));
    assert_eq!(named.len(), 2, "{named:#?}");
    assert!(named[0].contains("\"/proc/{pid}/stat\""), "{named:#?}");
    assert!(named[1].contains("\"/var/run/docker.sock\""), "{named:#?}");
}

#[test]
fn a_pure_layer_asking_the_file_system_through_a_path_is_reported() {
    assert_reported(
        "src/plan/planted.rs",
        "fn f(p: &std::path::Path) -> bool { p.exists() }",
        "'.exists()' asks the file system in 'plan'",
    );
    assert_reported(
        "src/report/planted.rs",
        "fn f(p: &std::path::Path) -> bool { p.join(\"x\").metadata().is_ok() }",
        "'.metadata()' asks the file system in 'report'",
    );
    assert_reported(
        "src/plan/planted.rs",
        "use std::path::Path; fn f(p: &Path) -> bool { Path::exists(p) }",
        "'std::path::Path::exists' (it asks the file system)",
    );
    assert_reported(
        "src/plan/planted.rs",
        "fn f(p: &std::path::Path) -> bool { std::path::absolute(p).is_ok() }",
        "must not use 'std::path::absolute'",
    );
    assert_reported(
        "src/report/planted.rs",
        "fn f(p: &std::path::Path) { assert!(p.is_file(), \"{}\", p.display()); }",
        "'.is_file()' asks the file system in 'report'",
    );
    // the same call in a probe is its business, and in a test it is exempt
    assert!(
        check(
            "src/probe/planted.rs",
            "fn f(p: &std::path::Path) -> bool { p.exists() }"
        )
        .is_empty()
    );
    assert!(
        check(
            "src/plan/planted.rs",
            "#[cfg(test)] mod t { fn f(p: &std::path::Path) -> bool { p.is_dir() } }"
        )
        .is_empty()
    );
}

#[test]
fn code_from_a_file_the_walk_does_not_read_is_reported() {
    assert_reported(
        "src/plan/planted.rs",
        "include!(\"../probe/scan.rs\");",
        "'include!' brings in code",
    );
    assert_reported(
        "src/plan/planted.rs",
        "#[path = \"../probe/scan.rs\"] mod scan;",
        "'#[path]' reads a module",
    );
    assert_reported(
        "src/plan/planted.rs",
        "#[cfg_attr(unix, path = \"../probe/scan.rs\")] mod scan;",
        "'#[path]' reads a module",
    );
}
