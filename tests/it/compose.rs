//! docker-compose in both directions, driving the real binary: compose files in the styles real
//! projects write (v2 `mem_limit`, v3 `deploy`, anchors and merge keys, variables left as they
//! are) read into plans; the seed as a compose project gives the seed's report; budgets written
//! back as an override (and as Kubernetes resources) read back in with the same figures.

use crate::util::{Scratch, example, hostfit, json, root, s};
use serde_json::Value;

const MIB: u64 = 1 << 20;

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/compose")
        .join(name)
        .display()
        .to_string()
}

fn snapshot() -> String {
    example("aliyun-2c2g")
        .join("snapshot.yaml")
        .display()
        .to_string()
}

/// The JSON report of the services of `compose` on the seed host.
fn plan_of(compose: &str) -> Value {
    json(&hostfit(&[
        "plan",
        "--compose",
        compose,
        "--snapshot",
        &snapshot(),
        "--format",
        "json",
    ]))
}

/// A tier as (tier, memory MiB, CPU cores, disk MiB).
type TierFigures = (String, u64, f64, u64);

/// Each service's name, port and tiers.
fn tiers(report: &Value) -> Vec<(String, Option<u64>, Vec<TierFigures>)> {
    report["services"]
        .as_array()
        .expect("services")
        .iter()
        .map(|s| {
            let tiers = ["minimum", "standard", "ideal"]
                .iter()
                .filter_map(|t| {
                    let n = s["tiers"].get(*t)?;
                    Some((
                        (*t).to_string(),
                        n["memory_bytes"].as_u64()? / MIB,
                        n["cpu_cores"].as_f64()?,
                        n["disk_bytes"].as_u64()? / MIB,
                    ))
                })
                .collect();
            (
                s["name"].as_str().unwrap_or("").to_string(),
                s["port"].as_u64(),
                tiers,
            )
        })
        .collect()
}

fn t(tier: &str, memory: u64, cpu: f64, disk: u64) -> TierFigures {
    (tier.to_string(), memory, cpu, disk)
}

#[test]
fn v2_mem_limit_style() {
    let got = tiers(&plan_of(&fixture("v2.yml")));
    assert_eq!(
        got,
        [
            (
                "app".into(),
                Some(8080),
                vec![t("minimum", 256, 0.75, 0), t("ideal", 768, 0.75, 0)]
            ),
            // scale: 2 doubles the one limit given
            ("worker".into(), None, vec![t("ideal", 2048, 0.0, 0)]),
        ]
    );
}

#[test]
fn v3_deploy_style_with_replicas_and_the_extension() {
    let got = tiers(&plan_of(&fixture("v3.yml")));
    assert_eq!(
        got,
        [
            // two replicas of 128M / 0.25 reserved and 512M / 0.50 limited
            (
                "api".into(),
                Some(8000),
                vec![t("minimum", 256, 0.5, 0), t("ideal", 1024, 1.0, 0)]
            ),
            ("cache".into(), None, vec![t("ideal", 256, 0.0, 1024)]),
        ]
    );
}

#[test]
fn anchors_and_merge_keys() {
    let got = tiers(&plan_of(&fixture("anchors.yml")));
    assert_eq!(
        got,
        [
            (
                "front".into(),
                Some(3000),
                vec![t("minimum", 100, 0.25, 0), t("ideal", 200, 0.25, 0)]
            ),
            ("back".into(), None, vec![t("ideal", 600, 1.0, 0)]),
        ],
        "db is skipped"
    );
}

#[test]
fn the_seed_as_a_compose_project_gives_the_seeds_report() {
    let plain = hostfit(&[
        "plan",
        s(&example("aliyun-2c2g").join("plan.yaml")),
        "--format",
        "json",
    ]);
    let compose = example("aliyun-2c2g").join("compose").join("plan.yaml");
    let from_compose = hostfit(&["plan", s(&compose), "--format", "json"]);
    assert_eq!(json(&plain), json(&from_compose));
}

#[test]
fn unknown_extension_keys_are_errors_at_their_place() {
    let dir = Scratch::new("compose-unknown-key");
    let file = dir.write(
        "docker-compose.yml",
        "services:\n  web:\n    image: x\n    mem_limit: 512m\n    unknown_compose_key: kept\n    x-hostfit:\n      priorty: 2\n",
    );
    let run = hostfit(&["plan", "--compose", s(&file), "--snapshot", &snapshot()]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    let err = run.stderr_flat();
    assert!(err.contains("docker-compose.yml:7:7"), "{err}");
    assert!(
        err.contains("'priorty'") && err.contains("did you mean 'priority'"),
        "{err}"
    );
    let zh = hostfit(&[
        "plan",
        "--compose",
        s(&file),
        "--snapshot",
        &snapshot(),
        "--lang",
        "zh",
    ]);
    assert!(
        zh.stderr_flat().contains("docker-compose.yml:7:7"),
        "{}",
        zh.stderr
    );
}

#[test]
fn a_figure_left_to_a_variable_is_refused_at_its_place() {
    let dir = Scratch::new("compose-variable");
    let file = dir.write(
        "docker-compose.yml",
        "services:\n  web:\n    image: ${IMAGE}\n    mem_limit: ${WEB_MEMORY:-512m}\n",
    );
    let run = hostfit(&["plan", "--compose", s(&file), "--snapshot", &snapshot()]);
    assert_eq!(run.status, 2);
    let err = run.stderr_flat();
    assert!(err.contains("docker-compose.yml:4:16"), "{err}");
    assert!(err.contains("'${WEB_MEMORY:-512m}'"), "{err}");
}

/// Writes the override of the seed's compose project for `args` and reads it back.
fn round_trip(name: &str, args: &[&str]) -> (String, Value) {
    let dir = Scratch::new(name);
    let plan = example("aliyun-2c2g").join("compose").join("plan.yaml");
    let out = dir.path("docker-compose.override.yml");
    let mut all = vec!["export", "compose", s(&plan), "-o", s(&out)];
    all.extend_from_slice(args);
    let run = hostfit(&all);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&out).expect("the override");
    (text, plan_of(s(&out)))
}

#[test]
fn compose_in_plan_compose_out_and_in_again_keeps_the_figures() {
    let plan = json(&hostfit(&[
        "plan",
        s(&example("aliyun-2c2g").join("compose").join("plan.yaml")),
        "--format",
        "json",
    ]));
    // The recommendation for standard is the upgrade to ecs.e-c1m2.xlarge; its budgets are
    // the limits written, rounded down to whole MiB.
    assert_eq!(plan["recommendation"]["instance"], "ecs.e-c1m2.xlarge");
    let upgrade = plan["options"]["upgrade"]
        .as_array()
        .and_then(|u| {
            u.iter()
                .find(|u| u["scenario"] == "standard" && u["instance"] == "ecs.e-c1m2.xlarge")
        })
        .expect("the upgrade of standard")
        .clone();
    let (text, again) = round_trip("compose-round-trip", &[]);
    assert!(text.contains("ecs.e-c1m2.xlarge"), "{text}");
    let back = tiers(&again);
    // the standard tiers of the seed: memory MiB and CPU
    let standard = [
        ("shared-service", 250, 0.3),
        ("zervigo", 200, 0.3),
        ("looma-crm", 250, 0.4),
        ("ai-service-1", 600, 0.5),
        ("ai-service-2", 600, 0.5),
    ];
    assert_eq!(back.len(), 5);
    for ((name, memory, cpu), (got_name, _, got)) in standard.iter().zip(&back) {
        assert_eq!(name, got_name);
        let budget = upgrade["budgets"][name].as_u64().expect("a budget") / MIB;
        assert_eq!(
            got,
            &vec![t("minimum", *memory, *cpu, 0), t("ideal", budget, *cpu, 0)],
            "{name}"
        );
    }
    // and out again: the same file
    let dir = Scratch::new("compose-round-trip-2");
    let first = dir.write("docker-compose.yml", &text);
    let run = hostfit(&[
        "export",
        "compose",
        "--compose",
        s(&first),
        "--snapshot",
        &snapshot(),
        "--catalog",
        "aliyun",
        "--option",
        "upgrade",
        "--scenario",
        "minimum",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[test]
fn the_lightweight_option_writes_what_fits_now() {
    let plan = example("aliyun-2c2g").join("compose").join("plan.yaml");
    let run = hostfit(&[
        "export",
        "compose",
        s(&plan),
        "--option",
        "lightweight",
        "--lang",
        "zh",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let text = run.stdout;
    // On the seed host nothing is deployed at its lowest tier: both AI services are replaced
    // by the external API and the other three wait.
    assert!(text.contains("services: {}"), "{text}");
    assert!(text.contains("ai-service-1 由 external-api 替代"), "{text}");
}

#[test]
fn kubernetes_resources_per_service() {
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let run = hostfit(&[
        "export",
        "compose",
        s(&plan),
        "--to",
        "kubernetes",
        "--scenario",
        "shared-only",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    // shared-only on ecs.e-c1m2.large: the whole room left, 1738 MiB, goes to shared-service
    assert!(
        run.stdout.contains(
            "shared-service:\n  resources:\n    requests:\n      cpu: 300m\n      memory: 250Mi\n    limits:\n      cpu: 300m\n      memory: 1738Mi\n"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("zervigo:"), "{}", run.stdout);
}

#[test]
fn export_errors_are_worded() {
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let run = hostfit(&["export", "compose", s(&plan), "--scenario", "nope"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no scenario 'nope'"), "{}", run.stderr);
    assert!(run.stderr.contains("'shared-only'"), "{}", run.stderr);
    let run = hostfit(&[
        "export",
        "compose",
        s(&plan),
        "--scenario",
        "nope",
        "--lang",
        "zh",
    ]);
    assert!(
        run.stderr.contains("计划中没有场景 'nope'"),
        "{}",
        run.stderr
    );
}
