//! `hostfit plan` on the seed case, computed again here by hand, and its exit statuses.

use crate::util::{Scratch, example, hostfit, json, s, shared_cases};
use serde_json::Value;

const MIB: f64 = 1024.0 * 1024.0;
const GIB: f64 = 1024.0 * MIB;

fn seed_json() -> Value {
    let plan = example("aliyun-2c2g").join("plan.yaml");
    json(&hostfit(&["plan", s(&plan), "--format", "json"]))
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn scenario<'a>(j: &'a Value, name: &str) -> &'a Value {
    j["scenarios"]
        .as_array()
        .and_then(|a| a.iter().find(|s| s["name"] == name))
        .unwrap_or_else(|| panic!("no scenario {name}"))
}

fn close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= 1.0,
        "{what}: {actual} != {expected}"
    );
}

#[test]
fn seed_case_by_hand() {
    let j = seed_json();
    // The host: MemTotal 1843 MiB, MemAvailable 264 MiB, 10% reserve.
    let total = 1843.0 * MIB;
    let available = 264.0 * MIB;
    let reserve = (0.10 * total).round();
    let room = available - reserve; // 79.7 MiB
    close(num(&j["host"]["memory"]["total_bytes"]), total, "total");
    close(
        num(&j["host"]["memory"]["available_bytes"]),
        available,
        "available",
    );
    close(
        num(&j["host"]["memory"]["reserve_bytes"]),
        reserve,
        "reserve",
    );

    // Reconciliation: the six containers, and what is left for "other".
    let workloads = [376.1, 371.7, 310.7, 48.69, 16.4, 7.057]
        .iter()
        .map(|m| (m * MIB).round())
        .sum::<f64>();
    let r = &j["reconciliation"];
    close(num(&r["workloads_bytes"]), workloads, "workloads");
    // "other" is what the report's own figures leave: 1843 - 264 - 1130.647 = 448.353 MiB,
    // done by hand here (the snapshot has no page cache of the containers to take out).
    // `reconciliation_recovers_a_known_other` checks the identity on figures built from it.
    close(num(&r["other_bytes"]), (448.353 * MIB).round(), "other");
    close(
        num(&r["total_minus_workloads_bytes"]),
        total - workloads,
        "total - workloads",
    );
    // total - workloads is about 712 MiB, not the 264 MiB that is available
    assert!((num(&r["total_minus_workloads_bytes"]) / MIB - 712.3).abs() < 0.1);

    // Memory demand per scenario, tier figures summed in priority order:
    // shared-service, zervigo, looma-crm, ai-service-1, ai-service-2.
    let minimum = (150.0 + 120.0 + 150.0 + 400.0 + 400.0) * MIB; // 1220 MiB
    let standard = (250.0 + 200.0 + 250.0 + 600.0 + 600.0) * MIB; // 1900 MiB
    let ideal = (300.0 + 250.0 + 400.0) * MIB + 1.0 * GIB + 1.5 * GIB; // 3510 MiB
    let shared_only = 250.0 * MIB;
    let cpu = [
        ("minimum", 0.2 + 0.2 + 0.2 + 0.3 + 0.3),
        ("standard", 0.3 + 0.3 + 0.4 + 0.5 + 0.5),
        ("ideal", 0.5 + 0.4 + 0.5 + 1.0 + 1.0),
        ("shared-only", 0.3),
    ];
    let disk_room = 26.0 * GIB - 4.0 * GIB;
    let disk = [
        ("minimum", (300.0 + 300.0 + 500.0 + 500.0 + 500.0) * MIB),
        ("standard", (500.0 + 500.0 + 1024.0 + 2048.0 + 2048.0) * MIB),
        ("ideal", (1.0 + 1.0 + 2.0 + 3.0 + 4.0) * GIB),
        ("shared-only", 500.0 * MIB),
    ];
    for (name, demand, verdict) in [
        ("minimum", minimum, "does_not_fit"),
        ("standard", standard, "does_not_fit"),
        ("ideal", ideal, "does_not_fit"),
        ("shared-only", shared_only, "tight"), // 250 MiB: above the 79.7 MiB room, within the 264 MiB available
    ] {
        let sc = scenario(&j, name);
        let m = &sc["memory"];
        close(num(&m["demand_bytes"]), demand, name);
        close(num(&m["room_bytes"]), room, name);
        assert_eq!(m["verdict"], verdict, "{name} memory");
        close(num(&m["shortfall_bytes"]), (demand - room).max(0.0), name);
        let pct = ((demand - room) / total * 1000.0).round() / 10.0;
        assert!(
            (num(&m["shortfall_percent_of_total"]) - pct).abs() < 0.051,
            "{name} pct"
        );
    }
    // CPU: 0.5 cores busy now; the limit is 70% of 2 cores = 1.4.
    for (name, demand) in cpu {
        let c = &scenario(&j, name)["cpu"];
        assert!(
            (num(&c["demand_cores"]) - demand).abs() < 1e-6,
            "{name} cpu demand"
        );
        let planned = 0.5 + demand;
        let verdict = if planned <= 1.4 + 1e-9 {
            "fits"
        } else if planned <= 2.0 + 1e-9 {
            "tight"
        } else {
            "does_not_fit"
        };
        assert_eq!(c["verdict"], verdict, "{name} cpu");
        assert!(
            (num(&c["shortfall_cores"]) - (planned - 1.4).max(0.0)).abs() < 1e-6,
            "{name} cpu shortfall"
        );
    }
    for (name, demand) in disk {
        let d = &scenario(&j, name)["disk"];
        close(num(&d["demand_bytes"]), demand, name);
        close(num(&d["room_bytes"]), disk_room, name);
        assert_eq!(d["verdict"], "fits", "{name} disk");
    }
    // Each scenario's verdict is the worst of its three.
    for (name, verdict) in [
        ("minimum", "does_not_fit"),
        ("standard", "does_not_fit"),
        ("ideal", "does_not_fit"),
        ("shared-only", "tight"),
    ] {
        assert_eq!(scenario(&j, name)["verdict"], verdict, "{name}");
    }
}

/// A snapshot put together from known parts: `available`, three workloads, the page cache
/// inside them, and an `other` chosen here. MemTotal is their sum, so the reconciliation
/// must give each part back; none of the expected figures is computed from the reported ones.
#[test]
fn reconciliation_recovers_a_known_other() {
    let mib = |m: u64| m * 1024 * 1024;
    let available = mib(1000);
    let other = mib(256);
    // (name, working set, active_file): b's active_file is above its working set and counts
    // only up to it; c reports none.
    let workloads = [
        ("a", mib(300), Some(mib(40))),
        ("b", mib(200), Some(mib(500))),
        ("c", mib(100), None),
    ];
    let in_workloads = mib(300 + 200 + 100);
    let cache = mib(40 + 200);
    let total = available + in_workloads - cache + other; // 1616 MiB
    let listed: Vec<String> = workloads
        .iter()
        .map(|(name, memory, active)| {
            let active = active
                .map(|a| format!(", \"active_file\": {a}"))
                .unwrap_or_default();
            format!(
                "{{\"name\": \"{name}\", \"kind\": \"container\", \"memory\": {memory}{active}}}"
            )
        })
        .collect();
    let dir = Scratch::new("reconcile-known");
    let snap = dir.write(
        "known.json",
        &format!(
            r#"{{"host": {{"name": "known", "taken_at": "2026-01-01T00:00:00Z", "cpu": {{"cores": 4, "used": 1}},
                "memory": {{"total": {total}, "available": {available}}}, "swap": {{"total": 0}},
                "disks": [{{"mount": "/", "total": "100GiB", "used": "10GiB", "available": "90GiB"}}]}},
                "workloads": [{}]}}"#,
            listed.join(", ")
        ),
    );
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let j = json(&hostfit(&[
        "plan",
        s(&plan),
        "--snapshot",
        s(&snap),
        "--format",
        "json",
    ]));
    let r = &j["reconciliation"];
    let got = |k: &str| r[k].as_i64().unwrap_or_else(|| panic!("no {k} in {r}"));
    assert_eq!(got("total_bytes"), total as i64, "{r}");
    assert_eq!(got("available_bytes"), available as i64, "{r}");
    assert_eq!(got("workloads_bytes"), in_workloads as i64, "{r}");
    assert_eq!(got("workload_cache_bytes"), cache as i64, "{r}");
    assert_eq!(got("other_bytes"), other as i64, "{r}");
    // what "available" would be if only the workloads used memory: all but their 360 MiB
    assert_eq!(
        got("total_minus_workloads_bytes"),
        mib(1616 - 360) as i64,
        "{r}"
    );
}

#[test]
fn seed_fits_now_uses_the_external_api() {
    let j = seed_json();
    // No service's lowest tier fits in 79.7 MiB; the AI services are covered by their alternative.
    assert_eq!(j["fits_now"]["services"], serde_json::json!([]));
    assert_eq!(
        j["fits_now"]["alternatives"],
        serde_json::json!({"ai-service-1": "external-api", "ai-service-2": "external-api"})
    );
    assert_eq!(
        j["fits_now"]["left_out"],
        serde_json::json!(["shared-service", "zervigo", "looma-crm"])
    );
    // Without the reserve, 264 MiB takes shared-service's 150 MiB but not zervigo's 120 MiB more.
    assert_eq!(
        j["fits_tight"]["services"],
        serde_json::json!(["shared-service"])
    );
}

#[test]
fn seed_warnings() {
    let j = seed_json();
    let codes: Vec<(String, String)> = j["warnings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|w| {
                    (
                        w["code"].as_str().unwrap_or("").to_string(),
                        w["service"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(
        codes.contains(&("no_swap".into(), String::new())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("port_unknown".into(), "zervigo".into())),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("port_unknown".into(), "looma-crm".into())),
        "{codes:?}"
    );
    assert!(
        !codes.iter().any(|(c, _)| c == "port_conflict"),
        "{codes:?}"
    );
    assert!(
        !codes.iter().any(|(c, _)| c == "snapshot_inconsistent"),
        "{codes:?}"
    );
}

#[test]
fn check_exits_one_when_a_scenario_does_not_fit() {
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let run = hostfit(&["plan", s(&plan), "--check", "--format", "json"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(!run.stdout.is_empty(), "the report is still written");
    let run = hostfit(&["plan", s(&plan)]);
    assert_eq!(run.status, 0);
}

#[test]
fn snapshot_flag_overrides_the_plan_host_and_json_snapshots_load() {
    let dir = Scratch::new("snapshot-flag");
    let snap = dir.write(
        "big.json",
        r#"{"host": {"name": "big", "taken_at": "2026-01-01T00:00:00Z", "cpu": {"cores": 16, "used": 1},
            "memory": {"total": "64GiB", "available": "60GiB"}, "swap": {"total": "8GiB"},
            "disks": [{"mount": "/", "total": "500GiB", "used": "100GiB", "available": "400GiB"}]},
            "workloads": []}"#,
    );
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let j = json(&hostfit(&[
        "plan",
        s(&plan),
        "--snapshot",
        s(&snap),
        "--format",
        "json",
        "--check",
    ]));
    for sc in j["scenarios"].as_array().into_iter().flatten() {
        assert_eq!(sc["verdict"], "fits", "{}", sc["name"]);
    }
    assert_eq!(j["options"]["upgrade"], serde_json::json!([]));
    assert_eq!(j["fits_now"]["services"].as_array().map(Vec::len), Some(5));
}

#[test]
fn output_file_is_written_whole() {
    let dir = Scratch::new("output");
    let out = dir.path("report.md");
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let run = hostfit(&[
        "plan",
        s(&plan),
        "--format",
        "markdown",
        "--output",
        s(&out),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(text.starts_with("# "), "{text}");
    let leftovers: Vec<_> = std::fs::read_dir(&dir.0)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn language_comes_from_the_flag_then_the_locale() {
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let zh = crate::util::hostfit_env(
        &["plan", s(&plan), "--format", "markdown"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert!(zh.stdout.contains("服务器当前资源状态"));
    let en = crate::util::hostfit_env(
        &["plan", s(&plan), "--format", "markdown", "--lang", "en"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert!(en.stdout.contains("Current state of the host"));
}

/// Every case under ../shared/cases loads and plans.
#[test]
fn every_shared_case_loads() {
    let dir = shared_cases();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let plan = entry.path().join("plan.yaml");
        if plan.is_file() {
            let run = hostfit(&["plan", s(&plan), "--format", "json"]);
            assert_eq!(run.status, 0, "{}: {}", plan.display(), run.stderr);
            seen += 1;
        }
    }
    assert!(seen > 0, "no plan.yaml under {}", dir.display());
}

#[test]
fn bundled_example_is_the_shared_case_unchanged() {
    let dir = shared_cases();
    for file in ["plan.yaml", "snapshot.yaml"] {
        let shared =
            std::fs::read_to_string(dir.join("aliyun-2c2g").join(file)).unwrap_or_default();
        let ours = std::fs::read_to_string(example("aliyun-2c2g").join(file)).unwrap_or_default();
        assert_eq!(shared, ours, "{file} differs from ../shared/cases");
    }
}
