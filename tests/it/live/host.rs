//! The host as a whole against node_exporter, which reads the same kernel by its own code and
//! is scraped around each scan, and `hostfit plan --live` on this machine.

use super::{MIB, Server, need, scan_now, url_port};
use crate::util::{example, hostfit, json, s};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// The metrics node_exporter serves now, as (series with its labels, value).
fn scrape(url: &str) -> Vec<(String, f64)> {
    let port = url_port(url).unwrap_or_else(|| panic!("'{url}'"));
    let path = url
        .splitn(4, '/')
        .nth(3)
        .map_or("/".to_string(), |p| format!("/{p}"));
    let mut stream =
        TcpStream::connect(format!("127.0.0.1:{port}")).unwrap_or_else(|e| panic!("{url}: {e}"));
    let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n\r\n"
    )
    .unwrap_or_else(|e| panic!("{url}: {e}"));
    let mut reply = String::new();
    stream
        .read_to_string(&mut reply)
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    let (head, body) = reply
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("{url}: no HTTP reply: {reply}"));
    assert!(
        head.starts_with("HTTP/1.") && head.contains(" 200 "),
        "{url}: {head}"
    );
    body.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (series, value) = l.rsplit_once(' ')?;
            Some((series.to_string(), value.parse().ok()?))
        })
        .collect()
}

fn metric(metrics: &[(String, f64)], series: &str) -> u64 {
    metrics
        .iter()
        .find(|(s, _)| s == series)
        .map(|(_, v)| *v as u64)
        .unwrap_or_else(|| panic!("node_exporter has no '{series}'"))
}

/// MemTotal, MemAvailable, the CPUs and the root filesystem, each against node_exporter.
///
/// MemTotal does not change while the machine runs: equal to the byte. The core count is the
/// number of CPUs node_exporter lists: equal. The size of `/` comes from statvfs on both sides:
/// equal. MemAvailable moves with whatever else runs here, so node_exporter is scraped right
/// before and right after the scan (which, without a CPU interval, takes well under a second)
/// and hostfit's figure must lie between the two, widened by 32 MiB: what other processes on
/// this shared machine allocate and free again within that second (a compiler moves hundreds of
/// MiB a second). Five tries, so one burst does not fail the test; a wrong figure (MemFree,
/// kB taken for bytes, a cgroup's limit) is off by far more than 32 MiB on every try.
#[test]
fn live_scan_host_memory_matches_node_exporter() {
    let Some(env) = need(
        "live_scan_host_memory_matches_node_exporter",
        Server::NodeExporter,
    ) else {
        return;
    };
    let url = env.get("HOSTFIT_NODE_EXPORTER_URL");
    const SLACK: u64 = 32 * MIB;
    let mut tries = Vec::new();
    for _ in 0..5 {
        let before = scrape(url);
        let snap = scan_now("0");
        let after = scrape(url);

        let total = metric(&before, "node_memory_MemTotal_bytes");
        assert_eq!(snap.host.memory.total.0, total, "MemTotal");
        let cpus = before
            .iter()
            .filter(|(s, _)| {
                s.starts_with("node_cpu_seconds_total{") && s.contains("mode=\"idle\"")
            })
            .count();
        assert_eq!(snap.host.cpu.cores.0, cpus as f64, "CPUs");
        let root = snap.host.disks.iter().find(|d| d.mount == "/");
        let root_size = before
            .iter()
            .find(|(s, _)| {
                s.starts_with("node_filesystem_size_bytes{") && s.contains("mountpoint=\"/\"")
            })
            .map(|(_, v)| *v as u64);
        assert_eq!(root.map(|d| d.total.0), root_size, "size of /");

        let (a, b) = (
            metric(&before, "node_memory_MemAvailable_bytes"),
            metric(&after, "node_memory_MemAvailable_bytes"),
        );
        let got = snap.host.memory.available.0;
        if (a.min(b).saturating_sub(SLACK)..=a.max(b) + SLACK).contains(&got) {
            return;
        }
        tries.push(format!("scan {got}, node_exporter before {a}, after {b}"));
    }
    panic!(
        "MemAvailable off node_exporter's by more than 32 MiB on every try:\n{}",
        tries.join("\n")
    );
}

/// `hostfit plan --live` analyses this machine: the reconciliation starts from this machine's
/// MemTotal (node_exporter's, to the byte), and leaves a non-negative "other" for the kernel
/// and the processes outside the workloads (on a real machine they hold memory; a negative
/// figure would mean the workloads were counted beyond what is in use).
#[test]
fn live_plan_this_host() {
    let Some(env) = need("live_plan_this_host", Server::NodeExporter) else {
        return;
    };
    let total = metric(
        &scrape(env.get("HOSTFIT_NODE_EXPORTER_URL")),
        "node_memory_MemTotal_bytes",
    );
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let j = json(&hostfit(&["plan", s(&plan), "--live", "--format", "json"]));
    let r = &j["reconciliation"];
    let n = |k: &str| r[k].as_i64().unwrap_or_else(|| panic!("no {k} in {r}"));
    assert_eq!(n("total_bytes"), total as i64, "{r}");
    // "other" is MemTotal less what is available and what the workloads hold, each read at a
    // slightly different moment of the scan: on a busy machine (builds running beside the
    // tests) memory moves between the reads, so allow 2% of MemTotal below zero, no more.
    let slack = n("total_bytes") / 50;
    assert!(
        (-slack..n("total_bytes")).contains(&n("other_bytes")),
        "{r}"
    );
    // one default scenario per tier (minimum, standard, ideal) and the plan's shared-only
    assert_eq!(
        j["scenarios"].as_array().map(Vec::len),
        Some(4),
        "{}",
        j["scenarios"]
    );
}
