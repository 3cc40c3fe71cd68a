//! One test per class of bad input: each names the file, line and column (or the flag), says what
//! was expected, exits with status 2, never panics, and writes no output file.

use crate::util::{Scratch, example, hostfit, s};

/// A plan beside a copy of the seed snapshot, with `edit` applied to the plan text.
fn broken_plan(dir: &Scratch, from: &str, to: &str) -> std::path::PathBuf {
    let text =
        std::fs::read_to_string(example("aliyun-2c2g").join("plan.yaml")).unwrap_or_default();
    assert!(text.contains(from), "the example has {from:?}");
    let snapshot =
        std::fs::read_to_string(example("aliyun-2c2g").join("snapshot.yaml")).unwrap_or_default();
    dir.write("snapshot.yaml", &snapshot);
    dir.write("plan.yaml", &text.replacen(from, to, 1))
}

fn line_of(path: &std::path::Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| i + 1)
}

/// Runs the plan with --output and checks the error and that nothing was written.
fn check_error(
    dir: &Scratch,
    plan: &std::path::Path,
    expected_line: usize,
    column: usize,
    says: &[&str],
) {
    let out = dir.path("out.json");
    let run = hostfit(&["plan", s(plan), "--format", "json", "--output", s(&out)]);
    assert_eq!(run.status, 2, "stderr: {}", run.stderr);
    let location = format!("{}:{}:{}", plan.display(), expected_line, column);
    assert!(
        run.stderr.contains(&location),
        "expected {location} in:\n{}",
        run.stderr
    );
    for word in says {
        assert!(
            run.stderr_flat().contains(word),
            "expected {word:?} in:\n{}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!out.exists(), "an output file was written");
}

#[test]
fn bad_unit() {
    let dir = Scratch::new("bad-unit");
    let plan = broken_plan(&dir, "memory: 150MB, cpu: 0.2", "memory: 150XB, cpu: 0.2");
    let line = line_of(&plan, "150XB");
    check_error(&dir, &plan, line, 27, &["'150XB' is not a size", "MiB"]);
}

#[test]
fn bad_cpu() {
    let dir = Scratch::new("bad-cpu");
    let plan = broken_plan(
        &dir,
        "cpu: 0.2, disk: 300MB }\n      standard",
        "cpu: lots, disk: 300MB }\n      standard",
    );
    let line = line_of(&plan, "cpu: lots");
    check_error(
        &dir,
        &plan,
        line,
        39,
        &["'lots' is not a CPU amount", "millicores"],
    );
}

#[test]
fn wrong_type() {
    let dir = Scratch::new("wrong-type");
    let plan = broken_plan(&dir, "port: 8120", "port: [8120]");
    let line = line_of(&plan, "port: [8120]");
    check_error(&dir, &plan, line, 11, &["expected"]);
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let dir = Scratch::new("unknown-key");
    let plan = broken_plan(&dir, "    priority: 1", "    priorty: 1");
    let line = line_of(&plan, "priorty");
    check_error(
        &dir,
        &plan,
        line,
        5,
        &["'priorty' is not a key here", "did you mean 'priority'"],
    );
}

#[test]
fn yaml_syntax() {
    let dir = Scratch::new("syntax");
    let plan = broken_plan(
        &dir,
        "  - { name: shared-only, tier: standard, services: [shared-service] }",
        "  - { name: shared-only, tier: standard, services: [shared-service }",
    );
    let run = hostfit(&["plan", s(&plan)]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{}:", plan.display())),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn unknown_service_in_a_scenario() {
    let dir = Scratch::new("unknown-service");
    let plan = broken_plan(
        &dir,
        "services: [shared-service] }",
        "services: [shared-servic] }",
    );
    let line = line_of(&plan, "shared-servic]");
    check_error(
        &dir,
        &plan,
        line,
        53,
        &["names service 'shared-servic'", "expected one of"],
    );
}

#[test]
fn missing_snapshot_file() {
    let dir = Scratch::new("missing");
    let plan = broken_plan(&dir, "host: snapshot.yaml", "host: nowhere.yaml");
    let run = hostfit(&["plan", s(&plan)]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("nowhere.yaml"), "{}", run.stderr);
    let run = hostfit(&["plan", "no-such-plan.yaml"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("cannot read 'no-such-plan.yaml'"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_snapshot_points_into_the_snapshot() {
    let dir = Scratch::new("bad-snapshot");
    let plan = broken_plan(&dir, "title:", "title:");
    let snap = dir.path("snapshot.yaml");
    let text = std::fs::read_to_string(&snap)
        .unwrap_or_default()
        .replace("available: 264MiB", "available: plenty");
    std::fs::write(&snap, text).unwrap_or_default();
    let line = line_of(&snap, "plenty");
    let run = hostfit(&["plan", s(&plan)]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains(&format!("snapshot.yaml:{line}:16")),
        "{}",
        run.stderr
    );
}

#[test]
fn duplicate_service() {
    let dir = Scratch::new("duplicate");
    let plan = broken_plan(&dir, "  - name: zervigo", "  - name: shared-service");
    let run = hostfit(&["plan", s(&plan)]);
    assert_eq!(run.status, 2);
    let line = line_of(&plan, "  - name: shared-service");
    // the second occurrence
    let text = std::fs::read_to_string(&plan).unwrap_or_default();
    let second = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("- name: shared-service"))
        .nth(1)
        .map_or(0, |(i, _)| i + 1);
    assert!(second > line);
    assert!(
        run.stderr.contains(&format!("plan.yaml:{second}:")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("listed twice"), "{}", run.stderr);
}

#[test]
fn bad_flag() {
    let run = hostfit(&["plan", "x.yaml", "--format", "pdf"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--format"), "{}", run.stderr);
}

#[test]
fn unknown_catalog_points_at_the_plan_line() {
    let dir = Scratch::new("bad-catalog-name");
    let plan = broken_plan(&dir, "catalog: aliyun", "catalog: alyun");
    let line = line_of(&plan, "catalog: alyun");
    check_error(
        &dir,
        &plan,
        line,
        10,
        &["unknown catalog 'alyun'", "did you mean 'aliyun'"],
    );
}

#[test]
fn missing_snapshot_points_at_the_plan_line() {
    let dir = Scratch::new("missing-host");
    let plan = broken_plan(&dir, "host: snapshot.yaml", "host: nowhere.yaml");
    let line = line_of(&plan, "host: nowhere.yaml");
    check_error(&dir, &plan, line, 7, &["cannot read", "nowhere.yaml"]);
}

#[test]
fn zero_cores_or_memory_is_an_error_in_the_snapshot() {
    let dir = Scratch::new("zero-cores");
    let plan = broken_plan(&dir, "title:", "title:");
    let snap = dir.path("snapshot.yaml");
    let text = std::fs::read_to_string(&snap).unwrap_or_default();
    std::fs::write(&snap, text.replace("    cores: 2", "    cores: 0")).unwrap_or_default();
    let run = hostfit(&["plan", s(&plan)]);
    assert_eq!(run.status, 2);
    let line = line_of(&snap, "cores: 0");
    assert!(
        run.stderr.contains(&format!("snapshot.yaml:{line}:12")),
        "{}",
        run.stderr
    );
    assert!(run.stderr_flat().contains("more than 0"), "{}", run.stderr);
}

#[test]
fn out_of_range_numbers_say_the_range() {
    let dir = Scratch::new("port-range");
    let plan = broken_plan(&dir, "port: 8120", "port: 70000");
    let line = line_of(&plan, "port: 70000");
    check_error(
        &dir,
        &plan,
        line,
        11,
        &["'70000' is not a whole number from 0 to 65535"],
    );
    let dir = Scratch::new("huge-cpu");
    let plan = broken_plan(
        &dir,
        "cpu: 0.2, disk: 300MB }\n      standard",
        "cpu: 1e308, disk: 300MB }\n      standard",
    );
    let run = hostfit(&["plan", s(&plan)]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr_flat().contains("at most 1000000 cores"),
        "{}",
        run.stderr
    );
}

/// Issue 7: `cores: 0` is reported at its own line, even after a comment that mentions cores.
#[test]
fn zero_cores_is_placed_at_its_value_not_at_a_comment() {
    let dir = Scratch::new("zero-cores-comment");
    let plan = broken_plan(&dir, "title:", "title:");
    let snap = dir.path("snapshot.yaml");
    let text = std::fs::read_to_string(&snap).unwrap_or_default();
    let text = text.replace(
        "  cpu:\n    cores: 2",
        "  # cores: how many cores the host has online\n  cpu:\n    cores: 0",
    );
    std::fs::write(&snap, &text).unwrap_or_default();
    let run = hostfit(&["plan", s(&plan)]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    // the line written here by hand: the value, after its comment line
    let line = text
        .lines()
        .position(|l| l == "    cores: 0")
        .map_or(0, |i| i + 1);
    assert!(line > 0);
    assert!(
        run.stderr.contains(&format!("snapshot.yaml:{line}:12")),
        "{}",
        run.stderr
    );
}

/// Issue 7: a duplicate quoted service name is reported at its second occurrence.
#[test]
fn a_duplicate_quoted_name_is_placed_at_the_second_one() {
    let dir = Scratch::new("dup-quoted");
    let plan = broken_plan(
        &dir,
        "  - name: zervigo\n",
        "  - name: \"shared-service\"\n",
    );
    let line = line_of(&plan, "  - name: \"shared-service\"");
    check_error(&dir, &plan, line, 11, &["listed twice"]);
}

/// Issue 7: a catalog priced in two currencies is refused at the first entry in another one.
#[test]
fn a_mixed_currency_catalog_is_refused_at_its_line() {
    let dir = Scratch::new("mixed-currency");
    let entry = |name: &str, currency: &str| {
        format!(
            "  - {{ name: {name}, family: f, vcpus: 2, memory: 4GiB, price: 10, currency: {currency}, period: month, billing: subscription, region: r, source: s, as_of: \"2026-01-01\" }}\n"
        )
    };
    let text = format!(
        "name: mixed\ninstances:\n{}{}{}",
        entry("a.large", "CNY"),
        entry("b.large", "CNY"),
        entry("c.large", "USD")
    );
    let catalog = dir.write("mixed.yaml", &text);
    let run = hostfit(&["catalog", s(&catalog)]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    // line 5 is c.large; its currency value begins at the column of "USD"
    let column = entry("c.large", "USD").find("USD").map_or(0, |i| i + 1);
    assert!(
        run.stderr.contains(&format!("mixed.yaml:5:{column}")),
        "{}",
        run.stderr
    );
    assert!(run.stderr_flat().contains("'USD'"), "{}", run.stderr);
    // and a plan naming it stops there too, writing nothing
    let plan = broken_plan(&dir, "catalog: aliyun", "catalog: mixed.yaml");
    let out = dir.path("out.json");
    let run = hostfit(&["plan", s(&plan), "-o", s(&out)]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(!out.exists());
}

/// Issue 8: an error past column 65,535 of a one-line JSON file exits 2 with a cropped snippet.
#[test]
fn an_error_far_along_a_minified_line_is_cropped() {
    let dir = Scratch::new("minified");
    let mut workloads = Vec::new();
    for i in 0..2000 {
        workloads.push(format!(
            "{{\"name\":\"w{i}\",\"kind\":\"container\",\"memory\":1024,\"cpu\":0.01}}"
        ));
    }
    let json = format!(
        "{{\"host\":{{\"name\":\"h\",\"taken_at\":\"2026-01-01T00:00:00Z\",\"cpu\":{{\"cores\":2}},\"memory\":{{\"total\":\"2GiB\",\"available\":\"1GiB\"}}}},\"workloads\":[{}]}}",
        workloads.join(",")
    );
    let bad = json.replacen("\"cpu\":0.01}]}", "\"cpu\":\"lots\"}]}", 1);
    let column = bad.find("\"lots\"").map_or(0, |i| i + 1);
    assert!(column > 65_535, "{column}");
    dir.write("snap.json", &bad);
    let plan = dir.write(
        "plan.yaml",
        "host: snap.json\nservices:\n  - { name: a, tiers: { minimum: { memory: 1MiB } } }\n",
    );
    let run = hostfit(&["plan", s(&plan)]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("snap.json:1:{column}")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.len() < 4_000,
        "{} bytes of stderr",
        run.stderr.len()
    );
}

#[test]
fn a_cpu_limit_of_zero_is_refused_at_its_value() {
    let dir = Scratch::new("cpu-limit-zero");
    let plan = broken_plan(&dir, "cpu_limit: 70%", "cpu_limit: 0%");
    let line = line_of(&plan, "cpu_limit: 0%");
    check_error(&dir, &plan, line, 14, &["policy.cpu_limit is 0%"]);
}
