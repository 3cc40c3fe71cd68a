//! The conventions of a command line people like, through the real binary: completions and a
//! man page from the same definitions as `--help`, examples at the end of every command's help,
//! help and mistakes in the language of `--lang` or the locale, and `hostfit init` giving a plan
//! that `hostfit plan` takes as it is.

use crate::util::{Scratch, example, hostfit, hostfit_env, s};
use std::process::Command;

/// Every command a user runs, as its words.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["plan"],
    &["scan"],
    &["catalog"],
    &["catalog", "import"],
    &["export", "compose"],
    &["init"],
    &["completions"],
    &["man"],
];

#[test]
fn every_help_ends_with_examples_in_both_languages() {
    for words in COMMANDS {
        for (lang, heading) in [("en", "Examples:"), ("zh", "示例：")] {
            let mut args: Vec<&str> = words.to_vec();
            args.extend(["--help", "--lang", lang]);
            let run = hostfit(&args);
            assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
            let tail: Vec<&str> = run.stdout.trim_end().lines().rev().take(4).collect();
            let examples = tail
                .iter()
                .filter(|l| l.trim_start().starts_with("hostfit "))
                .count();
            assert!(examples >= 2, "{args:?} ends with {tail:?}");
            assert!(run.stdout.contains(heading), "{args:?}: {}", run.stdout);
        }
    }
}

#[test]
fn help_follows_the_locale_and_the_flag() {
    let zh = hostfit_env(&["plan", "--help"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(
        zh.stdout.contains("用法：") && zh.stdout.contains("报告格式"),
        "{}",
        zh.stdout
    );
    let en = hostfit_env(
        &["plan", "--help", "--lang", "en"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert!(
        en.stdout.contains("Usage:") && en.stdout.contains("The report's format"),
        "{}",
        en.stdout
    );
    // no word of clap's own in the Chinese help
    for english in [
        "Print help",
        "possible values",
        "[default:",
        "Options:",
        "Arguments:",
    ] {
        assert!(!zh.stdout.contains(english), "{english}: {}", zh.stdout);
    }
}

#[test]
fn command_line_mistakes_are_worded_in_the_users_language() {
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let run = hostfit(&["plan", s(&plan), "--format", "htm"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("'htm' is not a value of '--format <FORMAT>'"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("'html'"), "{}", run.stderr);
    let zh = hostfit_env(
        &["plan", s(&plan), "--formt", "html"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert_eq!(zh.status, 2);
    assert!(zh.stderr.contains("您是指 '--format' 吗"), "{}", zh.stderr);
    let missing = hostfit(&["export", "compose", "--lang", "zh"]);
    assert_eq!(missing.status, 2);
    assert!(missing.stderr.contains("必须给出"), "{}", missing.stderr);
    let nothing = hostfit(&[]);
    assert_eq!(
        nothing.status, 2,
        "a missing command shows the help, as an error"
    );
    assert!(nothing.stderr.contains("Usage:"), "{}", nothing.stderr);
}

#[test]
fn completions_for_three_shells() {
    for (shell, mark) in [
        ("bash", "complete -F _hostfit"),
        ("zsh", "#compdef hostfit"),
        ("fish", "complete -c hostfit"),
    ] {
        let run = hostfit(&["completions", shell]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        assert!(
            run.stdout.contains(mark),
            "{shell}: {}",
            &run.stdout[..run.stdout.len().min(300)]
        );
        for word in ["plan", "export", "format"] {
            assert!(run.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    let bash = hostfit(&["completions", "bash"]).stdout;
    let dir = Scratch::new("completions");
    let script = dir.write("hostfit.bash", &bash);
    // bash itself reads the script
    let out = Command::new("bash")
        .args(["-n", s(&script)])
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fish = hostfit(&["completions", "fish", "--lang", "zh"]).stdout;
    assert!(fish.contains("报告格式"), "fish descriptions follow --lang");
}

#[test]
fn man_pages_from_the_same_definitions() {
    let top = hostfit(&["man"]);
    assert_eq!(top.status, 0, "{}", top.stderr);
    assert!(
        top.stdout.starts_with(".ie") || top.stdout.starts_with(".TH"),
        "{}",
        &top.stdout[..80]
    );
    for section in [
        ".TH HOSTFIT 1",
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH EXAMPLES",
        "hostfit\\-plan(1)",
    ] {
        assert!(top.stdout.contains(section), "{section}");
    }
    let plan = hostfit(&["man", "plan"]);
    assert!(
        plan.stdout.contains(".TH HOSTFIT-PLAN 1"),
        "{}",
        &plan.stdout[..200]
    );
    assert!(plan.stdout.contains("\\-\\-format"), "the options of plan");
    let compose = hostfit(&["man", "export", "compose", "--lang", "zh"]);
    assert!(compose.stdout.contains(".SH 示例") && compose.stdout.contains("\\-\\-to"));
    let unknown = hostfit(&["man", "nope"]);
    assert_eq!(unknown.status, 2);
    assert!(
        unknown.stderr.contains("no command 'hostfit nope'"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn init_then_plan_works_in_an_empty_folder() {
    let dir = Scratch::new("init-empty");
    let mut init = Command::new(env!("CARGO_BIN_EXE_hostfit"));
    let out = init
        .arg("init")
        .current_dir(&dir.0)
        .env_remove("LANG")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan = dir.path("plan.yaml");
    let text = std::fs::read_to_string(&plan).expect("plan.yaml");
    assert!(
        text.lines().filter(|l| l.contains('#')).count() >= 10,
        "commented: {text}"
    );
    // A plan without a host scans this machine; give it the seed's snapshot to stay put.
    let run = hostfit(&[
        "plan",
        s(&plan),
        "--snapshot",
        s(&example("aliyun-2c2g").join("snapshot.yaml")),
        "--format",
        "json",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    // and as it is, in the folder, scanning this machine
    let out = Command::new(env!("CARGO_BIN_EXE_hostfit"))
        .args(["plan", "plan.yaml", "--format", "json"])
        .current_dir(&dir.0)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // it keeps what is there
    let again = hostfit(&["init", s(&dir.0)]);
    assert_eq!(again.status, 2);
    assert!(again.stderr.contains("exists already"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&plan).expect("kept"), text);
    assert_eq!(
        hostfit(&["init", s(&dir.0), "--force", "--lang", "zh"]).status,
        0
    );
    let zh = std::fs::read_to_string(&plan).expect("replaced");
    assert!(zh.contains("起步计划"), "{zh}");
}

#[test]
fn init_live_writes_a_snapshot_the_plan_reads() {
    let dir = Scratch::new("init-live");
    let run = hostfit(&["init", s(&dir.0), "--live"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(dir.path("plan.yaml")).expect("plan");
    assert!(text.contains("\nhost: snapshot.yaml"), "{text}");
    assert!(dir.path("snapshot.yaml").is_file());
    let run = hostfit(&["plan", s(&dir.path("plan.yaml")), "--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}
