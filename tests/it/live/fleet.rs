//! Live tests of `hostfit place --prometheus`: a real Prometheus scraping real node_exporters,
//! one serving this machine and one per fixture tree (`--path.procfs`/`--path.sysfs`), as
//! scripts/components.sh starts them. This machine read through Prometheus is held against a
//! scan of it; each tree is held against the figures in its own `proc` files, read here.

use super::{Server, need, scan_now};
use crate::util::{Scratch, hostfit};
use serde_json::Value;
use std::path::Path;

/// Each tree (or `local`) and the `instance` its node_exporter has.
fn targets(env: &super::Env) -> Vec<(String, String)> {
    env.get("HOSTFIT_FLEET_TARGETS")
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(t, i)| (t.to_string(), i.to_string()))
        .collect()
}

/// `hostfit place` on `url` with `plan`, as JSON.
fn place(url: &str, plan: &str, extra: &[&str]) -> Value {
    let dir = Scratch::new("fleet-live");
    let path = dir.0.join("plan.yaml");
    std::fs::write(&path, plan).expect("plan written");
    let path = path.display().to_string();
    let mut args = vec![
        "place",
        &path,
        "--prometheus",
        url,
        "--window",
        "1m",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let run = hostfit(&args);
    assert_eq!(run.status, 0, "hostfit place: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

const ONE_SMALL: &str = "services:\n  - name: probe\n    tiers: { minimum: { memory: 1MiB } }\n";

fn host<'a>(report: &'a Value, instance: &str) -> &'a Value {
    report["hosts"]
        .as_array()
        .and_then(|h| h.iter().find(|h| h["name"] == instance))
        .unwrap_or_else(|| panic!("no host '{instance}' in {}", report["hosts"]))
}

/// `Key:   N kB` of a meminfo file, in bytes.
fn meminfo(text: &str, key: &str) -> Option<u64> {
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .map(|kb| kb * 1024)
}

#[test]
fn live_prometheus_reads_this_host_as_a_scan_does() {
    let Some(env) = need(
        "live_prometheus_reads_this_host_as_a_scan_does",
        Server::Prometheus,
    ) else {
        return;
    };
    let local = targets(&env)
        .into_iter()
        .find(|(t, _)| t == "local")
        .map(|(_, i)| i)
        .expect("this machine's node_exporter among the targets");
    // A window of one scrape, between two scans: the figure of the moment, held against the
    // scans on either side of it (this machine's memory moves while other work runs).
    let before = scan_now("0");
    let dir = Scratch::new("fleet-live-local");
    let path = dir.0.join("plan.yaml");
    std::fs::write(&path, ONE_SMALL).expect("plan written");
    let path = path.display().to_string();
    let url = env.get("HOSTFIT_PROMETHEUS_URL");
    let run = hostfit(&[
        "place",
        &path,
        "--prometheus",
        url,
        "--window",
        "1s",
        "--format",
        "json",
    ]);
    let scan = scan_now("0");
    assert_eq!(run.status, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let h = host(&report, &local);
    let total = scan.host.memory.total.0 as f64;
    let near = |a: f64, b: f64, what: &str| {
        assert!(
            (a - b).abs() <= 0.02 * total,
            "{what}: Prometheus {a}, scan {b}, total {total}"
        );
    };
    let between = |a: f64, x: f64, y: f64, what: &str| {
        let (lo, hi) = (x.min(y) - 0.02 * total, x.max(y) + 0.02 * total);
        assert!(
            lo <= a && a <= hi,
            "{what}: Prometheus {a}, scans {x} and {y}, total {total}"
        );
    };
    assert_eq!(h["cores"].as_f64(), Some(scan.host.cpu.cores.0));
    near(
        h["memory_total_bytes"].as_f64().unwrap_or(0.0),
        total,
        "MemTotal",
    );
    between(
        h["memory"]["available_bytes"].as_f64().unwrap_or(0.0),
        before.host.memory.available.0 as f64,
        scan.host.memory.available.0 as f64,
        "MemAvailable",
    );
}

#[test]
fn live_prometheus_reads_each_tree_with_its_own_figures() {
    let Some(env) = need(
        "live_prometheus_reads_each_tree_with_its_own_figures",
        Server::Prometheus,
    ) else {
        return;
    };
    let report = place(env.get("HOSTFIT_PROMETHEUS_URL"), ONE_SMALL, &[]);
    let trees: Vec<(String, String)> = targets(&env)
        .into_iter()
        .filter(|(t, _)| t != "local")
        .collect();
    assert!(trees.len() >= 5, "{trees:?}");
    let mut read = 0;
    for (tree, instance) in &trees {
        let proc = Path::new(tree).join("proc");
        let stat = std::fs::read_to_string(proc.join("stat")).expect("stat");
        let cpus = stat
            .lines()
            .filter(|l| l.starts_with("cpu") && l.as_bytes().get(3).is_some_and(u8::is_ascii_digit))
            .count();
        let mem = std::fs::read_to_string(proc.join("meminfo")).expect("meminfo");
        let total = meminfo(&mem, "MemTotal").expect("MemTotal");
        let available = meminfo(&mem, "MemAvailable").unwrap_or_else(|| {
            ["MemFree", "Buffers", "Cached"]
                .iter()
                .map(|k| meminfo(&mem, k).unwrap_or(0))
                .sum()
        });
        let missing = report["missing_hosts"]
            .as_array()
            .and_then(|m| m.iter().find(|m| m["name"] == instance.as_str()));
        if let Some(m) = missing {
            // node_exporter's own cpu collector refuses this tree's /proc/stat: reported, named
            assert!(tree.ends_with("prometheus-procfs"), "{tree} missing: {m}");
            assert_eq!(m["missing"], serde_json::json!(["node_cpu_seconds_total"]));
            continue;
        }
        let h = host(&report, instance);
        assert_eq!(h["cores"].as_f64(), Some(cpus as f64), "{tree}");
        assert_eq!(h["memory_total_bytes"].as_u64(), Some(total), "{tree}");
        assert_eq!(
            h["memory"]["available_bytes"].as_u64(),
            Some(available),
            "{tree}"
        );
        read += 1;
    }
    assert!(read >= 5, "only {read} trees read back");
}

/// Issue 11's done-when: a fleet of three hosts from a real Prometheus, a plan with replicas,
/// spread and a port clash: what fits is placed, what does not is explained per host, and the
/// rest is priced.
#[test]
fn live_prometheus_fleet_of_three_places_explains_and_prices() {
    let Some(env) = need(
        "live_prometheus_fleet_of_three_places_explains_and_prices",
        Server::Prometheus,
    ) else {
        return;
    };
    // api and admin need no CPU: this machine's may be busy with other work while the test runs
    // No reserves and every core: how full this machine's disk is, and how much memory and CPU
    // the other tests running beside this one take over Prometheus's window, is not what the
    // test is about (on a fresh clone, busy building and testing, this machine had no room left
    // for one of the api replicas under the 10% memory reserve).
    let plan = "policy: { memory_reserve: 0%, cpu_limit: 100%, disk_reserve: 0% }
services:
  - name: api
    port: 9000
    priority: 1
    replicas: 4
    spread: true
    tiers: { minimum: { memory: 256MiB } }
  - name: admin
    port: 9000
    priority: 2
    tiers: { minimum: { memory: 128MiB } }
  - name: cache
    priority: 3
    replicas: 2
    tiers: { minimum: { memory: 40GiB, cpu: 0.5 } }
";
    let report = place(
        env.get("HOSTFIT_PROMETHEUS3_URL"),
        plan,
        &["--catalog", "aliyun"],
    );
    assert_eq!(report["hosts"].as_array().map(Vec::len), Some(3));
    let placed = |s: &str| {
        report["placements"]
            .as_array()
            .map_or(0, |p| p.iter().filter(|x| x["service"] == s).count())
    };
    // spread: one api per host, and the fourth has no host
    assert_eq!(
        placed("api"),
        3,
        "{}\n{}",
        report["unplaced"],
        report["hosts"]
    );
    let mut hosts: Vec<&str> = report["placements"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|x| x["service"] == "api")
        .filter_map(|x| x["host"].as_str())
        .collect();
    hosts.dedup();
    assert_eq!(hosts.len(), 3);
    let unplaced = report["unplaced"].as_array().expect("unplaced");
    let reasons = |s: &str| -> Vec<(String, u64)> {
        unplaced
            .iter()
            .filter(|u| u["service"] == s)
            .flat_map(|u| u["reasons"].as_array().cloned().unwrap_or_default())
            .map(|r| {
                (
                    r["code"].as_str().unwrap_or("").to_string(),
                    r["hosts"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    };
    // the clash: port 9000 is api's on every host
    assert!(
        reasons("admin").contains(&("port_taken".to_string(), 3)),
        "{:?}",
        reasons("admin")
    );
    assert!(
        reasons("api").contains(&("port_taken".to_string(), 3)),
        "{:?}",
        reasons("api")
    );
    assert!(
        reasons("cache").contains(&("memory_short".to_string(), 3)),
        "{:?}",
        reasons("cache")
    );
    for h in report["hosts"].as_array().into_iter().flatten() {
        if !h["services"].as_array().is_none_or(Vec::is_empty) {
            assert_eq!(h["verdict"], "fits", "{h}");
        }
    }
    let total = report["total_monthly_cost"].as_f64().unwrap_or(0.0);
    assert!(total > 0.0, "{report}");
    let bought: Vec<&str> = report["purchase"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|l| l["services"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    for s in ["api", "admin", "cache"] {
        assert!(bought.contains(&s), "{s} not bought: {bought:?}");
    }
}
