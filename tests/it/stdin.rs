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

/// The plan read from `-` with standard input redirected from plan.yaml: `--output plan.yaml`
/// would overwrite it, and is refused as it is when the plan is named; the file is unchanged.
#[test]
fn an_output_over_the_file_behind_standard_input_is_refused() {
    let dir = crate::util::Scratch::new("stdin-output");
    let src = example("aliyun-2c2g");
    for f in ["plan.yaml", "snapshot.yaml"] {
        std::fs::copy(src.join(f), dir.path(f)).expect("copy the example");
    }
    let before = std::fs::read(dir.path("plan.yaml")).expect("plan");
    let stdin = std::fs::File::open(dir.path("plan.yaml")).expect("open the plan");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hostfit"))
        .args(["plan", "-", "--output", "plan.yaml"])
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1")
        .current_dir(&dir.0)
        .stdin(stdin)
        .output()
        .expect("hostfit runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).replace('\n', " ");
    assert!(err.contains("does not overwrite its"), "{err}");
    assert_eq!(std::fs::read(dir.path("plan.yaml")).expect("plan"), before);
}

/// Standard input is one stream: `-` for a second input is refused, not read as empty.
#[test]
fn standard_input_for_two_inputs_is_refused() {
    let dir = example("aliyun-2c2g");
    let text = std::fs::read(dir.join("plan.yaml")).expect("the example plan");
    let run = hostfit_stdin(&["plan", "-", "--snapshot", "-"], &dir, text);
    assert_eq!(run.status, 2, "{}", run.stdout);
    assert!(
        run.stderr_flat().contains("already read for another"),
        "{}",
        run.stderr
    );
}

/// A path written in a plan never means standard input: `host: ./-` is the file named `-`.
#[test]
fn a_dash_inside_a_plan_is_a_file_not_standard_input() {
    let dir = crate::util::Scratch::new("stdin-dash-in-plan");
    dir.write(
        "plan.yaml",
        "host: ./-\nservices:\n  - {name: a, tiers: {minimum: {memory: 1MiB}}}\n",
    );
    let run = hostfit_stdin(&["plan", "plan.yaml"], &dir.0, Vec::new());
    assert_eq!(run.status, 2, "{}", run.stdout);
    assert!(
        run.stderr_flat().contains("cannot read './-'"),
        "{}",
        run.stderr
    );
    // with a snapshot in a file of that name, it is read
    std::fs::copy(example("aliyun-2c2g").join("snapshot.yaml"), dir.path("-")).expect("copy");
    let run = hostfit_stdin(&["plan", "plan.yaml"], &dir.0, Vec::new());
    assert_eq!(run.status, 0, "{}", run.stderr);
}
