//! Issue 10's example (examples/engines-2c4g): the seed's databases on a 4 GiB host, a service
//! that fits when they are counted at what they use now and does not when they are counted at
//! their ceilings, and the tuning that makes it fit. Every figure is worked by hand here from the
//! example's own files.

use crate::util::{Scratch, example, hostfit, json, s};
use hostfit::model::Bytes;

const MIB: i128 = 1 << 20;

fn bytes(text: &str) -> i128 {
    i128::from(Bytes::parse(text).expect("a size").0)
}

/// Each database's ceiling by its formula (docs/engines.md) and its working set, from
/// snapshot.yaml.
fn ceilings_and_now() -> Vec<(&'static str, i128, i128)> {
    vec![
        // MySQL 8.0 defaults but the pool and connections: key 8M + tmp 16M + pool 256M + log 16M,
        // + 50 x (128K + 256K + 256K + 1024K + 256K = 1920K)
        (
            "production-mysql",
            (8 + 16 + 256 + 16) * MIB + 50 * 1920 * 1024,
            bytes("376.1MiB"),
        ),
        // heap 256M + page cache 128M, transactions on the heap (Neo4j 5)
        ("production-neo4j", 384 * MIB, bytes("371.7MiB")),
        // heap 512M and as much off the heap
        ("production-elasticsearch", 1024 * MIB, bytes("310.7MiB")),
        ("production-weaviate", 128 * MIB, bytes("48.69MiB")),
        // 32M + wal 32M/32 + 20 x 2M x 2 + 3 x 16M = 161 MiB
        ("production-postgres", 161 * MIB, bytes("16.4MiB")),
        // maxmemory 64M x 1
        ("production-redis", 64 * MIB, bytes("7.057MiB")),
    ]
}

#[test]
fn issue_10_fits_on_now_and_not_on_ceiling() {
    let plan = example("engines-2c4g").join("plan.yaml");
    let j = json(&hostfit(&["plan", s(&plan), "--format", "json"]));
    let growth: i128 = ceilings_and_now().iter().map(|(_, c, n)| c - n).sum();
    assert_eq!(
        j["engines"]["growth_bytes"].as_i64().map(i128::from),
        Some(growth)
    );
    for (name, ceiling, _) in ceilings_and_now() {
        let line = j["engines"]["lines"]
            .as_array()
            .and_then(|l| l.iter().find(|l| l["workload"] == name))
            .unwrap_or_else(|| panic!("no line for {name}"));
        assert_eq!(
            line["ceiling_bytes"].as_i64().map(i128::from),
            Some(ceiling),
            "{name}"
        );
    }
    // available 1500 MiB, reserve 10% of 3686 MiB
    let reserve = (bytes("3686MiB") as f64 * 0.1).round() as i128;
    let room_now = 1500 * MIB - reserve;
    let room_ceiling = room_now - growth;
    let minimum = &j["scenarios"][0];
    assert_eq!(minimum["name"], "minimum");
    assert_eq!(
        minimum["memory"]["room_bytes"].as_i64().map(i128::from),
        Some(room_ceiling)
    );
    assert_eq!(
        (minimum["verdict"].as_str(), minimum["engines"].as_str()),
        (Some("does_not_fit"), Some("ceiling"))
    );
    // Tuning: the Elasticsearch heap h frees 1024 MiB - 2h; the largest whole MiB that frees the
    // shortfall is the one advised.
    let short = 600 * MIB - room_ceiling;
    let heap = (1024 * MIB - short) / 2 / MIB * MIB;
    let step = &j["options"]["tuning"][0]["steps"][0];
    assert_eq!(
        (step["workload"].as_str(), step["setting"].as_str()),
        (Some("production-elasticsearch"), Some("heap_max"))
    );
    assert_eq!(step["to"].as_f64(), Some(heap as f64));
    assert_eq!(
        step["frees_bytes"].as_i64().map(i128::from),
        Some(1024 * MIB - 2 * heap)
    );
    assert_eq!(j["options"]["tuning"][0]["verdict_after"], "fits");
    // The same plan counting the databases at what they use now: 600 MiB fits in the room.
    let dir = Scratch::new("engines-now");
    let text = std::fs::read_to_string(&plan).expect("the plan");
    let now = dir.write(
        "plan.yaml",
        &text.replace("engines: ceiling", "engines: now").replace(
            "host: snapshot.yaml",
            &format!(
                "host: {}",
                s(&example("engines-2c4g").join("snapshot.yaml"))
            ),
        ),
    );
    let j = json(&hostfit(&["plan", s(&now), "--format", "json"]));
    let minimum = &j["scenarios"][0];
    assert_eq!(
        minimum["memory"]["room_bytes"].as_i64().map(i128::from),
        Some(room_now)
    );
    assert_eq!(
        (minimum["verdict"].as_str(), minimum["engines"].as_str()),
        (Some("fits"), Some("now"))
    );
    assert_eq!(j["options"]["tuning"], serde_json::json!([]));
}

#[test]
fn the_text_report_says_why_and_what_to_lower() {
    let plan = example("engines-2c4g").join("plan.yaml");
    let en = hostfit(&["plan", s(&plan)]);
    assert_eq!(en.status, 0, "{}", en.stderr);
    assert!(en.stdout.contains("production-elasticsearch (Elasticsearch) uses 311 MiB now and may grow to 1024 MiB, because heap_max 512 MiB + off_heap = heap_max 512 MiB"), "{}", en.stdout);
    assert!(
        en.stdout
            .contains("lower heap_max from 512 MiB to 267 MiB, which frees 490 MiB")
    );
    assert!(
        en.stdout
            .contains("the OOM killer would end the database 'production-mysql'")
    );
    let zh = hostfit(&["plan", s(&plan), "--lang", "zh"]);
    assert!(
        zh.stdout
            .contains("将 heap_max 从 512 MiB 调低到 267 MiB，可释放 490 MiB"),
        "{}",
        zh.stdout
    );
}

fn report(format: &str, lang: &str) -> String {
    let plan = example("engines-2c4g").join("plan.yaml");
    let run = hostfit(&["plan", s(&plan), "--format", format, "--lang", lang]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn engines_markdown_en() {
    insta::assert_snapshot!(report("markdown", "en"));
}

#[test]
fn engines_markdown_zh() {
    insta::assert_snapshot!(report("markdown", "zh"));
}

#[test]
fn engines_json() {
    insta::assert_snapshot!(report("json", "en"));
}

/// The databases fixture tree as `hostfit scan` prints it, `taken_at` replaced.
fn databases_scan_text(lang: &str) -> String {
    let tree = crate::util::root().join("tests/fixtures/hosts/databases");
    let (df, replies) = (tree.join("capture/df"), tree.join("capture/engine"));
    let run = crate::util::hostfit_env(
        &[
            "scan",
            "--root",
            s(&tree),
            "--df",
            s(&df),
            "--engine-replies",
            s(&replies),
            "--interval",
            "0",
            "--lang",
            lang,
        ],
        &[("DOCKER_HOST", "unix:///nonexistent/docker.sock")],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let first = run.stdout.lines().next().unwrap_or_default().to_string();
    let taken = first.rsplit(' ').next().unwrap_or_default().to_string();
    run.stdout.replace(&taken, "TAKEN_AT")
}

#[test]
fn databases_scan_text_en() {
    insta::assert_snapshot!(databases_scan_text("en"));
}

#[test]
fn databases_scan_text_zh() {
    insta::assert_snapshot!(databases_scan_text("zh"));
}

/// A password never goes on the command line: a DSN holding one is refused, and the refusal
/// does not repeat it.
#[test]
fn a_dsn_with_a_password_is_refused_without_repeating_it() {
    let run = hostfit(&[
        "scan",
        "--interval",
        "0",
        "--connect",
        "postgresql=postgresql://app:hunter2@127.0.0.1:5432/app",
    ]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("HOSTFIT_POSTGRESQL_PASSWORD"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    let zh = hostfit(&["scan", "--lang", "zh", "--connect", "oracle=oracle://x"]);
    assert_eq!(zh.status, 2);
    assert!(
        zh.stderr.contains("--connect 不支持该引擎"),
        "{}",
        zh.stderr
    );
}

/// A DSN that no database of the scan listens at is said, and asked nothing.
#[test]
fn a_dsn_no_workload_listens_at_is_a_warning() {
    let tree = crate::util::root().join("tests/fixtures/hosts/databases");
    let run = crate::util::hostfit_env(
        &[
            "scan",
            "--root",
            s(&tree),
            "--interval",
            "0",
            "--format",
            "json",
            "--connect",
            "redis=redis://127.0.0.1:1",
        ],
        &[("DOCKER_HOST", "unix:///nonexistent/docker.sock")],
    );
    let j = json(&run);
    let warned = j["warnings"].as_array().is_some_and(|w| {
        w.iter()
            .any(|w| w["code"] == "db_connect_unmatched" && w["args"]["target"] == "127.0.0.1:1")
    });
    assert!(warned, "{}", j["warnings"]);
}
