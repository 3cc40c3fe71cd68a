//! `hostfit place` through the real binary: the example fleet in every format and language
//! (insta snapshots), the placement worked out by hand on it, kubectl output from a file and from
//! standard input, and each bad input with its message.

use crate::util::{Scratch, example, hostfit, json, root, s};
use std::io::Write;
use std::process::{Command, Stdio};

fn fleet_args<'a>(plan: &'a str, hosts: &'a str, labels: &'a str) -> Vec<&'a str> {
    vec!["place", plan, "--hosts", hosts, "--host-labels", labels]
}

fn example_run(extra: &[&str]) -> crate::util::Run {
    let dir = example("fleet");
    let plan = dir.join("plan.yaml").display().to_string();
    let hosts = dir.join("hosts").join("*.yaml").display().to_string();
    let labels = dir.join("labels.yaml").display().to_string();
    let mut args = fleet_args(&plan, &hosts, &labels);
    args.extend_from_slice(extra);
    let run = hostfit(&args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run
}

/// The example, paths made relative so the snapshot does not name this checkout.
fn report(format: &str, lang: &str) -> String {
    example_run(&["--format", format, "--lang", lang, "--count", "worker"])
        .stdout
        .replace(&root().display().to_string(), ".")
}

#[test]
fn fleet_text_en() {
    insta::assert_snapshot!(report("text", "en"));
}

#[test]
fn fleet_text_zh() {
    insta::assert_snapshot!(report("text", "zh"));
}

#[test]
fn fleet_markdown_en() {
    insta::assert_snapshot!(report("markdown", "en"));
}

#[test]
fn fleet_json() {
    insta::assert_snapshot!(report("json", "en"));
}

/// The example worked out by hand. Rooms (policy: 10% memory reserve, CPU limit 70%): web-1 has
/// 3200 - 768 = 2432 MiB and listens on 8080; web-2 5100 - 768 = 4332 MiB; db-1 4300 - 1587.2 =
/// 2712.8 MiB and is the only host labelled disk=ssd. api (priority 1, port 8080, 3 spread
/// replicas at 768 MiB) can go only on web-2 and db-1: two placed, the third has port 8080 taken
/// on all three hosts. search (2 GiB, disk=ssd) could go only on db-1, which has 2712.8 - 768 =
/// 1944.8 MiB left once api is there: short by 103.2 MiB. worker (4 x 512 MiB, not on db-1) all
/// fit on web-2 (4332 - 768 = 3564 MiB, CPU 0.8 + 0.5 + 4 x 0.25 = 2.3 of 2.8).
#[test]
fn the_example_fleet_places_what_the_rules_allow() {
    let report = json(&example_run(&["--format", "json"]));
    let on = |service: &str| -> Vec<String> {
        report["placements"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["service"] == service)
            .map(|p| p["host"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let mut api = on("api");
    api.sort();
    assert_eq!(api, ["db-1", "web-2"]);
    assert_eq!(on("worker"), ["web-2"; 4]);
    assert!(on("search").is_empty());
    let unplaced = report["unplaced"].as_array().expect("unplaced");
    let api3 = unplaced
        .iter()
        .find(|u| u["service"] == "api")
        .expect("api 3");
    assert_eq!(api3["replica"], 3);
    assert_eq!(api3["reasons"][0]["code"], "port_taken");
    assert_eq!(api3["reasons"][0]["hosts"], 3);
    let search = unplaced
        .iter()
        .find(|u| u["service"] == "search")
        .expect("search");
    let memory = search["reasons"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["code"] == "memory_short"))
        .expect("memory short");
    // on db-1 by 103.2 MiB (the reserve is 10% of 15872 MiB); on web-2 by 2048 - 1516 = 532 MiB
    let mib = 1048576.0;
    let short_min = memory["short_min"].as_f64().unwrap_or(0.0) / mib;
    assert!((short_min - 103.2).abs() < 0.01, "{short_min}");
    assert_eq!(memory["short_max"].as_f64().map(|v| v / mib), Some(532.0));
    assert_eq!(report["purchase"].as_array().map(Vec::len), Some(2));
    assert!(report["total_monthly_cost"].as_f64().unwrap_or(0.0) > 0.0);
}

#[test]
fn kubectl_output_from_a_file_and_from_standard_input() {
    let plan = example("fleet").join("plan.yaml");
    let file = root().join("tests/fixtures/kubernetes/nodes-pods.json");
    let from_file = hostfit(&[
        "place",
        s(&plan),
        "--kubernetes",
        s(&file),
        "--format",
        "json",
    ]);
    let a = json(&from_file);
    let hosts: Vec<&str> = a["hosts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["name"].as_str())
        .collect();
    assert_eq!(hosts, ["worker-a", "worker-b"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_hostfit"))
        .args(["place", s(&plan), "--kubernetes", "-", "--format", "json"])
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("hostfit runs");
    let text = std::fs::read(&file).expect("fixture");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&text)
        .expect("written");
    let out = child.wait_with_output().expect("ends");
    assert!(out.status.success());
    let b: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(a["placements"], b["placements"]);
}

/// Each bad input: its exit status and the words that name the problem.
fn refused(args: &[&str], words: &str) {
    let run = hostfit(args);
    assert_eq!(run.status, 2, "{args:?}: {}", run.stdout);
    assert!(
        run.stderr_flat().contains(words),
        "{args:?}: {}",
        run.stderr
    );
}

#[test]
fn bad_inputs_are_refused_with_their_reason() {
    let dir = example("fleet");
    let plan = dir.join("plan.yaml").display().to_string();
    let hosts = dir.join("hosts").join("*.yaml").display().to_string();
    let none = dir.join("hosts").join("*.none").display().to_string();
    refused(&["place", &plan, "--hosts", &none], "no host file matches");
    refused(
        &["place", &plan, "--hosts", &hosts, "--count", "nosuch"],
        "--count names 'nosuch'",
    );
    refused(
        &[
            "place",
            &plan,
            "--prometheus",
            "http://127.0.0.1:1",
            "--window",
            "7 days",
        ],
        "'7 days' is not a Prometheus duration",
    );
    refused(
        &["place", &plan, "--hosts", &hosts, "--time", "soon"],
        "'soon' is not a time budget",
    );
    refused(
        &[
            "place",
            &plan,
            "--prometheus",
            "http://127.0.0.1:1",
            "--timeout",
            "1s",
        ],
        "cannot query Prometheus at 'http://127.0.0.1:1'",
    );
    let scratch = Scratch::new("place-bad");
    let labels = scratch.0.join("labels.yaml");
    std::fs::write(&labels, "web-9: { zone: a }\n").expect("labels");
    refused(
        &[
            "place",
            &plan,
            "--hosts",
            &hosts,
            "--host-labels",
            s(&labels),
        ],
        "--host-labels names 'web-9'",
    );
    let zero = scratch.0.join("zero.yaml");
    std::fs::write(
        &zero,
        "services:\n  - name: a\n    replicas: 0\n    tiers: { minimum: { memory: 1MiB } }\n",
    )
    .expect("plan");
    refused(
        &["place", s(&zero), "--hosts", &hosts],
        "zero.yaml:3:15: service 'a' asks for 0 replicas",
    );
    let web = dir.join("hosts").join("web-1.yaml");
    refused(
        &["place", &plan, "--hosts", s(&web), s(&web)],
        "two hosts are named 'web-1'",
    );
    let kube = scratch.0.join("kube.json");
    std::fs::write(&kube, "{\"kind\": \"List\"}").expect("kube");
    refused(
        &["place", &plan, "--kubernetes", s(&kube)],
        "is not the output of 'kubectl get nodes,pods -A -o json'",
    );
}

/// The page as HTML: self-contained, and its chart of what each host takes holds the figures
/// worked out by hand above (web-2: api 768 + 4 workers x 512 = 2816 MiB of 4332 MiB room, CPU
/// 0.5 + 4 x 0.25 = 1.50; db-1: api 768 MiB), and no host that takes nothing (web-1).
#[test]
fn fleet_html_draws_what_each_host_takes() {
    for lang in ["en", "zh"] {
        let page = example_run(&["--format", "html", "--lang", lang]).stdout;
        assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..40]);
        assert!(!page.contains("<script"), "a script in the page");
        assert!(!page.contains("src=\"http"), "something fetched");
        let chart = page.split("id=\"hosts\"").nth(1).expect("the hosts figure");
        let chart = &chart[..chart.find("</figure>").expect("its end")];
        for figure in ["2816 MiB", "4332 MiB", "768 MiB", "1.50"] {
            assert!(chart.contains(figure), "{lang}: {figure} not in the chart");
        }
        assert!(chart.contains("web-2") && chart.contains("db-1"));
        assert!(!chart.contains("web-1"), "{lang}: web-1 takes nothing");
    }
}

/// A plan whose services come from a compose file: each of api's two replicas (deploy.replicas)
/// is placed on its own at one replica's reservation (128 MiB, 0.25 CPU), on two hosts since
/// both publish port 8000; cache is one replica at its limit (256 MiB, its only figure).
#[test]
fn compose_services_are_placed_replica_by_replica() {
    let dir = Scratch::new("place-compose");
    let compose = std::fs::read_to_string(root().join("tests/fixtures/compose/v3.yml"))
        .expect("the v3 fixture");
    dir.write("docker-compose.yml", &compose);
    let plan = dir.write("plan.yaml", "services_from: docker-compose.yml\n");
    let fleet = example("fleet");
    let hosts = fleet.join("hosts").join("*.yaml").display().to_string();
    let run = hostfit(&["place", s(&plan), "--hosts", &hosts, "--format", "json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let report = json(&run);
    assert_eq!(report["replicas"], 3, "{report}");
    let mut api: Vec<&str> = report["placements"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["service"] == "api")
        .filter_map(|p| p["host"].as_str())
        .collect();
    api.sort_unstable();
    api.dedup();
    assert_eq!(api.len(), 2, "{}", report["placements"]);
    let mib = 1 << 20;
    let added: u64 = report["hosts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["added"]["memory_bytes"].as_u64())
        .sum();
    assert_eq!(added, 2 * 128 * mib + 256 * mib);
    let cpu: f64 = report["hosts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["added"]["cpu_cores"].as_f64())
        .sum();
    assert!((cpu - 0.5).abs() < 1e-9, "{cpu}");
}

/// 600 services of one replica whose CPU and memory shares of a 64-core, 64,000 MiB host run
/// against each other (about 27% of a host together, so a host holds 7 or 8), on 125 such hosts:
/// the count limits, and the text report says the layered construction was kept, in en and zh.
#[test]
fn a_fleet_the_count_limits_is_built_in_layers_and_the_report_says_so() {
    let dir = Scratch::new("place-layered");
    let mut x: u64 = 7;
    let mut draw = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut plan =
        String::from("policy: {memory_reserve: 0, cpu_limit: 1, disk_reserve: 0}\nservices:\n");
    for i in 0..600 {
        let cpu = 0.02 + 0.23 * draw();
        let mem = (0.27 - cpu + 0.06 * draw() - 0.03).clamp(0.02, 0.25);
        plan.push_str(&format!(
            "  - {{name: s{i:04}, tiers: {{minimum: {{memory: {}MiB, cpu: {}m}}}}}}\n",
            (mem * 64_000.0).round(),
            (cpu * 64_000.0).round()
        ));
    }
    let plan = dir.write("plan.yaml", &plan).display().to_string();
    std::fs::create_dir_all(dir.path("hosts")).expect("make the hosts folder");
    for h in 0..125 {
        let mib: u64 = 64_000 * 1024 * 1024;
        dir.write(
            &format!("hosts/h{h:03}.json"),
            &format!(
                r#"{{"host": {{"name": "h{h:03}", "taken_at": "2025-01-01T00:00:00Z", "cpu": {{"cores": 64}}, "memory": {{"total": {mib}, "available": {mib}}}}}}}"#
            ),
        );
    }
    let hosts = dir.path("hosts").join("*.json").display().to_string();
    let v = json(&hostfit(&[
        "place", &plan, "--hosts", &hosts, "--format", "json", "--time", "0.05s",
    ]));
    assert_eq!(v["search"]["start"], "layered");
    let used = v["hosts_used"].as_u64().unwrap_or(0);
    let best = v["search"]["heuristics"]
        .as_array()
        .map(|h| {
            h.iter()
                .filter_map(|h| h["hosts_used"].as_u64())
                .min()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    assert!(
        used > 0 && used < best,
        "{used} hosts, the best heuristic {best}"
    );
    // hosts_used over each bound, worked here
    let ratio = |bound: &str| {
        (used as f64 / v[bound].as_f64().unwrap_or(f64::NAN) * 1000.0).round() / 1000.0
    };
    assert_eq!(v["ratio"].as_f64(), Some(ratio("lower_bound")));
    assert_eq!(v["volume_ratio"].as_f64(), Some(ratio("volume_bound")));
    for (lang, words) in [
        (
            "en",
            "Built in two layers by how many replicas a host can hold",
        ),
        ("zh", "按单台主机最多能容纳的副本数分两层构造"),
    ] {
        let run = hostfit(&[
            "place", &plan, "--hosts", &hosts, "--lang", lang, "--time", "0.05s",
        ]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        assert!(
            run.stdout.contains(words),
            "{lang}: {}",
            run.stdout.lines().take(3).collect::<Vec<_>>().join("\n")
        );
    }
}
