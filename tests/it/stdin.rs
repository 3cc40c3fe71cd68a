//! `-` as a file name: standard input, read up to the same limit as a file, with errors that
//! name `-` at the line and column.

use crate::util::{example, hostfit_stdin};

/// The seed's plan read from standard input in its own folder (where its `host:` is relative to)
/// gives the report it gives read from its file.
#[test]
fn a_plan_read_from_standard_input_gives_the_report_of_its_file() {
    let dir = example("aliyun-2c2g");
    let text = std::fs::read(dir.join("plan.yaml")).expect("the example plan");
    let from_file = hostfit_stdin(&["plan", "plan.yaml", "--format", "json"], &dir, Vec::new());
    let from_stdin = hostfit_stdin(&["plan", "-", "--format", "json"], &dir, text);
    assert_eq!(from_file.status, 0, "{}", from_file.stderr);
    assert_eq!(from_stdin.status, 0, "{}", from_stdin.stderr);
    let value = |out: &str| -> serde_json::Value { serde_json::from_str(out).expect("JSON") };
    let (a, b) = (value(&from_file.stdout), value(&from_stdin.stdout));
    assert_eq!(a["scenarios"], b["scenarios"]);
    assert_eq!(a["options"], b["options"]);
    assert!(a["scenarios"].as_array().is_some_and(|v| !v.is_empty()));
}

#[test]
fn a_bad_plan_on_standard_input_is_refused_at_its_line_and_column() {
    let dir = example("aliyun-2c2g");
    let run = hostfit_stdin(
        &["plan", "-"],
        &dir,
        b"host: snapshot.yaml\nservices:\n  - name: a\n    tiers: {minimum: {memory: 12 parsecs}}\n".to_vec(),
    );
    assert_eq!(run.status, 2, "{}", run.stdout);
    let err = run.stderr_flat();
    assert!(err.contains("-:4:"), "{err}");
    assert!(err.contains("12 parsecs"), "{err}");
}

/// Standard input is read up to the limit of a file, 64 MiB, and no further.
#[test]
fn standard_input_over_the_limit_is_refused_with_the_limit() {
    let dir = example("aliyun-2c2g");
    let run = hostfit_stdin(&["plan", "-"], &dir, vec![b'#'; (64 << 20) + 1]);
    assert_eq!(run.status, 2, "{}", run.stdout);
    let err = run.stderr_flat();
    assert!(err.contains("'-'") && err.contains("64 MiB"), "{err}");
    // exactly the limit is read whole: a comment only, so a plan with no services
    let run = hostfit_stdin(&["plan", "-"], &dir, vec![b'#'; 64 << 20]);
    assert!(!run.stderr_flat().contains("64 MiB"), "{}", run.stderr);
}
