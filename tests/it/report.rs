//! insta snapshots of the seed case in every format and language: any change to what a user reads
//! shows up as a reviewed diff.

use crate::util::{example, hostfit, s};

fn report(format: &str, lang: &str) -> String {
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let run = hostfit(&["plan", s(&plan), "--format", format, "--lang", lang]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn seed_text_en() {
    insta::assert_snapshot!(report("text", "en"));
}

#[test]
fn seed_text_zh() {
    insta::assert_snapshot!(report("text", "zh"));
}

#[test]
fn seed_markdown_en() {
    insta::assert_snapshot!(report("markdown", "en"));
}

#[test]
fn seed_markdown_zh() {
    insta::assert_snapshot!(report("markdown", "zh"));
}

#[test]
fn seed_json() {
    insta::assert_snapshot!(report("json", "en"));
}

#[test]
fn seed_html_en() {
    insta::assert_snapshot!(report("html", "en"));
}

#[test]
fn seed_html_zh() {
    insta::assert_snapshot!(report("html", "zh"));
}
