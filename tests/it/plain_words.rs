//! Files the YAML parser rejects are reported in hostfit's own words, in English and Chinese, at
//! the file, line and column, with exit status 2; none of the parser library's phrases (nor Rust
//! type names) reaches the user.

use crate::util::{Run, Scratch, example, hostfit, s};

/// Phrases of serde-saphyr, serde and Rust that a user must never read.
const LIBRARY_PHRASES: &[&str] = &[
    "DuplicateKeyPolicy",
    "from_str_multiple",
    "Option<",
    "use Option",
    "budget breached",
    "(used",
    "Nodes {",
    "invalid type:",
    "invalid value:",
    "unknown field `",
    "missing field `",
    "expected sequence start",
    "expected mapping start",
    "expected string scalar",
    "recursion limit exceeded",
    "invalid u16",
    "invalid u32",
    "u16",
    "u32",
    "u64",
    "panicked",
];

/// The seed example's plan and snapshot in a scratch folder, with `file` replaced by `text`.
fn case(name: &str, file: &str, text: &str) -> Scratch {
    let dir = Scratch::new(name);
    for f in ["plan.yaml", "snapshot.yaml"] {
        let original = std::fs::read_to_string(example("aliyun-2c2g").join(f)).unwrap_or_default();
        dir.write(f, &original);
    }
    dir.write(file, text);
    dir
}

fn original(file: &str) -> String {
    std::fs::read_to_string(example("aliyun-2c2g").join(file)).unwrap_or_default()
}

/// Plans the case in `lang` and checks the status, the place, the words and the absence of the
/// library's phrases.
fn check(dir: &Scratch, file: &str, (line, column): (usize, usize), lang: &str, says: &[&str]) {
    let plan = dir.path("plan.yaml");
    let run: Run = hostfit(&["plan", s(&plan), "--lang", lang]);
    assert_eq!(run.status, 2, "stderr: {}", run.stderr);
    let place = format!("{}:{line}:{column}", dir.path(file).display());
    assert!(
        run.stderr.contains(&place),
        "expected {place} in:\n{}",
        run.stderr
    );
    // miette wraps lines, in Chinese between any two characters: compare without spaces.
    let squash = |t: &str| t.split_whitespace().collect::<String>();
    let flat = squash(&run.stderr_flat().replace('│', ""));
    for word in says {
        assert!(
            flat.contains(&squash(word)),
            "expected {word:?} in:\n{}",
            run.stderr
        );
    }
    for phrase in LIBRARY_PHRASES {
        assert!(
            !run.stderr.contains(phrase),
            "{phrase:?} reached the user:\n{}",
            run.stderr
        );
    }
}

fn both(dir: &Scratch, file: &str, place: (usize, usize), en: &[&str], zh: &[&str]) {
    check(dir, file, place, "en", en);
    check(dir, file, place, "zh", zh);
}

#[test]
fn duplicate_key() {
    let text =
        original("snapshot.yaml").replacen("  name: aliyun-ecs-2c2g", "  name: a\n  name: b", 1);
    let dir = case("pw-duplicate", "snapshot.yaml", &text);
    both(
        &dir,
        "snapshot.yaml",
        (6, 3),
        &["'name' appears twice in this mapping"],
        &["'name' 在这个映射中出现了两次"],
    );
}

#[test]
fn two_documents() {
    let plan = original("plan.yaml");
    let lines = plan.lines().count();
    let dir = case(
        "pw-documents",
        "plan.yaml",
        &format!("{plan}---\ntitle: again\n"),
    );
    both(
        &dir,
        "plan.yaml",
        (lines + 2, 1),
        &["more than one YAML document"],
        &["多个 YAML 文档"],
    );
}

#[test]
fn alias_bomb() {
    let service = "&s { name: a, tiers: { minimum: { memory: 1MB } } }";
    let aliases = ", *s".repeat(1_001);
    let plan = original("plan.yaml").replacen(
        "services:\n",
        &format!("services: [{service}{aliases}]\nold_services:\n"),
        1,
    );
    let line = plan
        .lines()
        .position(|l| l.starts_with("services: ["))
        .map_or(0, |i| i + 1);
    // The 1,001st alias is the one too many; each ", *s" is 4 characters.
    let column = "services: [".len() + service.len() + 1_000 * 4 + 3;
    let dir = case("pw-aliases", "plan.yaml", &plan);
    both(
        &dir,
        "plan.yaml",
        (line, column),
        &["anchors and aliases", "at most 1000 aliases"],
        &["锚点和别名", "1000 个别名"],
    );
}

#[test]
fn null_where_a_value_is_needed() {
    let text = original("snapshot.yaml").replacen("  name: aliyun-ecs-2c2g", "  name:", 1);
    let dir = case("pw-null", "snapshot.yaml", &text);
    both(
        &dir,
        "snapshot.yaml",
        (5, 7),
        &["'name' has no value"],
        &["'name' 没有值"],
    );
}

#[test]
fn text_where_a_list_is_needed() {
    let text = original("snapshot.yaml").replacen(
        "listening_ports: [3306, 5432, 6379, 7474, 7687, 8080, 9200, 9300]",
        "listening_ports: lots",
        1,
    );
    let line = text
        .lines()
        .position(|l| l.contains("listening_ports: lots"))
        .map_or(0, |i| i + 1);
    let dir = case("pw-list", "snapshot.yaml", &text);
    both(
        &dir,
        "snapshot.yaml",
        (line, 20),
        &["'lots' here: expected a list"],
        &["此处写的是'lots'：应为列表"],
    );
}

#[test]
fn nesting_too_deep() {
    let plan = original("plan.yaml");
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let text = plan.replacen("title: ", &format!("title: {deep}\nold_title: "), 1);
    let line = text
        .lines()
        .position(|l| l.starts_with("title: ["))
        .map_or(0, |i| i + 1);
    let dir = case("pw-deep", "plan.yaml", &text);
    // The top mapping is the first level; the 32nd '[' is the 33rd.
    both(
        &dir,
        "plan.yaml",
        (line, "title: ".len() + 32),
        &["nested too deep", "at most 32 levels"],
        &["嵌套太深", "32 层"],
    );
}

#[test]
fn huge_numbers() {
    let text = original("snapshot.yaml").replacen(
        "total: 1843MiB",
        "total: 99999999999999999999999999999",
        1,
    );
    let line = text
        .lines()
        .position(|l| l.contains("total: 9999"))
        .map_or(0, |i| i + 1);
    let dir = case("pw-huge-size", "snapshot.yaml", &text);
    both(
        &dir,
        "snapshot.yaml",
        (line, 12),
        &["is too large: expected at most 1 EiB"],
        &["太大：最多为 1 EiB"],
    );

    let plan =
        original("plan.yaml").replacen("    priority: 1\n", "    priority: 99999999999\n", 1);
    let line = plan
        .lines()
        .position(|l| l.contains("priority: 99999999999"))
        .map_or(0, |i| i + 1);
    let dir = case("pw-huge-priority", "plan.yaml", &plan);
    both(
        &dir,
        "plan.yaml",
        (line, 15),
        &["'99999999999' is not a whole number from 0 to 4294967295"],
        &["'99999999999' 不是 0 到 4294967295 之间的整数"],
    );
}

/// Invalid UTF-8 is found by the reading helper (which gets bytes), not the parser (which gets
/// text); on this branch the reader still refuses such a file without a place. The reader of
/// the h-output branch (cli/read.rs) words it at the first bad byte: run this after the merge.
#[test]
fn invalid_utf8_bytes() {
    let dir = case("pw-utf8", "snapshot.yaml", "");
    let mut bytes = original("snapshot.yaml").into_bytes();
    let at = bytes.windows(4).position(|w| w == b"name").unwrap_or(0);
    bytes[at + 6] = 0xFF;
    std::fs::write(dir.path("snapshot.yaml"), &bytes).unwrap_or_default();
    let before = String::from_utf8_lossy(&bytes[..at + 6]).into_owned();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    both(
        &dir,
        "snapshot.yaml",
        (line, column),
        &["0xFF", "UTF-8"],
        &["0xFF", "UTF-8"],
    );
}
