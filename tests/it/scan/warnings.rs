//! The scan's warnings as a reader sees them: every code the probe gives reads in the English
//! table exactly as the sentence the snapshot keeps, and in Chinese in Chinese; snapshots whose
//! warnings are plain sentences still load; `scan` and `plan` word them in the chosen language.

use super::{parse_snapshot, scan_text, tree};
use crate::util::{Scratch, hostfit, json, root, s};
use hostfit::model::ScanWarning;
use hostfit::probe::{ProbeError, warning};
use hostfit::report::Lang;
use hostfit::report::messages::Msg;
use std::io;
use std::path::PathBuf;

/// One warning of each code the probe and the scan command give, each cause under each wrapper.
fn every_warning() -> Vec<ScanWarning> {
    let errors = [
        ProbeError::Read {
            path: PathBuf::from("/r/proc/meminfo"),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        },
        ProbeError::Format {
            what: "net table".into(),
            reason: "'x': too few fields".into(),
        },
        ProbeError::Engine {
            socket: PathBuf::from("/r/var/run/docker.sock"),
            reason: "connect: refused".into(),
        },
        ProbeError::NoEngine {
            socket: PathBuf::from("/r/var/run/docker.sock"),
            tried: "'/r/var/run/docker.sock', '/r/run/podman/podman.sock'".into(),
        },
        ProbeError::Statvfs {
            path: PathBuf::from("/r/boot"),
            source: io::Error::from(io::ErrorKind::NotFound),
        },
        ProbeError::EngineDeadline {
            socket: PathBuf::from("/r/var/run/docker.sock"),
            seconds: 10.0,
        },
        ProbeError::NotRegular {
            path: PathBuf::from("/r/proc/meminfo"),
            kind: "fifo",
        },
        ProbeError::TooLarge {
            path: PathBuf::from("/r/proc/net/udp"),
            limit: 1 << 25,
        },
    ];
    let mut out = vec![
        warning::no_memory_cgroup(),
        warning::cpu_not_measured(),
        warning::container_cgroup_missing("web"),
        warning::pss_unreadable(3),
        warning::exe_unreadable(4),
        warning::fds_unreadable(5),
        warning::docker_host_ignored("tcp://10.0.0.1:2375"),
        warning::disks_not_measured(),
        warning::arch_unknown("riscv64"),
        warning::workload_renamed("nginx", "nginx-process", "process"),
        warning::workload_renamed("web", "web-service", "service"),
        warning::rss_from_stat(2, 4096),
        warning::process_from_status(1),
        warning::cores_disagree(4, 8),
        warning::figure_capped("host.memory.total", u64::MAX, 1u64 << 60),
        warning::available_above_total(hostfit::model::Bytes(300), hostfit::model::Bytes(100)),
        warning::available_estimated(hostfit::model::Bytes(243_974_144), "si_mem_available"),
    ];
    for e in &errors {
        out.push(e.warning());
        out.push(warning::cgroup_unreadable("container", "web", e));
        out.push(warning::cgroup_unreadable("service", "docker", e));
        out.push(warning::container_inspect_failed("web", e));
        out.push(warning::memory_limit_unreadable(e));
        out.push(warning::cpu_quota_unreadable(e));
    }
    out
}

#[test]
fn every_probe_warning_is_in_both_tables() {
    let (en, zh) = (Msg::new(Lang::En), Msg::new(Lang::Zh));
    let all = every_warning();
    let codes: std::collections::BTreeSet<&str> = all.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes.len(), 28, "{codes:?}");
    for w in &all {
        assert_eq!(en.scan_warning(w), w.message, "{w:?}");
        let chinese = zh.scan_warning(w);
        assert_ne!(chinese, w.message, "{w:?}");
        assert!(
            chinese
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{chinese}"
        );
        assert!(!chinese.contains('{'), "{chinese}");
    }
}

#[test]
fn scan_zh_words_the_warnings_in_chinese() {
    let text = scan_text("zh");
    let warnings = text.split("\n警告\n").nth(1).unwrap_or_default();
    for needle in [
        "  - 容器引擎 'tests/fixtures/hosts/cgroup-v1/var/run/docker.sock'：未找到 Docker 或 Podman 的套接字",
        "  - 未测量 CPU 使用率：测量间隔为 0",
    ] {
        assert!(warnings.contains(needle), "no '{needle}' in:\n{text}");
    }
    assert!(!text.contains("not measured"), "{text}");
    assert!(!text.contains("no Docker or Podman socket"), "{text}");
}

/// The cgroup-v2 fixture's expected snapshot with its warnings as plain sentences, as older
/// versions of hostfit wrote them and as people write them by hand.
fn old_snapshot(scratch: &Scratch) -> PathBuf {
    let text = std::fs::read_to_string(tree("cgroup-v2").join("expected.yaml")).expect("expected");
    let (head, _) = text.split_once("\nwarnings:\n").expect("a warnings block");
    let old = format!(
        "{head}\nwarnings:\n- \"CPU use was not measured: the interval is 0\"\n- written by hand\n"
    );
    let path = scratch.path("old.yaml");
    std::fs::write(&path, old).expect("write");
    path
}

#[test]
fn a_snapshot_with_sentences_for_warnings_still_loads() {
    let scratch = Scratch::new("old-warnings");
    let path = old_snapshot(&scratch);
    let snap = parse_snapshot(&std::fs::read_to_string(&path).expect("read"));
    assert_eq!(
        snap.warnings,
        vec![
            ScanWarning::note("CPU use was not measured: the interval is 0"),
            ScanWarning::note("written by hand"),
        ]
    );
    // the plan reads it and says each sentence as it is, in either language
    let plan = root().join("examples/aliyun-2c2g/plan.yaml");
    for (lang, lead) in [
        ("en", "the scan could not read everything: "),
        ("zh", "采集未能读取全部数据："),
    ] {
        let j = json(&hostfit(&[
            "plan",
            s(&plan),
            "--snapshot",
            s(&path),
            "--format",
            "json",
            "--lang",
            lang,
        ]));
        let probe: Vec<(String, String)> = probe_warnings(&j);
        assert_eq!(
            probe,
            vec![
                (
                    format!("{lead}CPU use was not measured: the interval is 0"),
                    "CPU use was not measured: the interval is 0".to_string()
                ),
                (
                    format!("{lead}written by hand"),
                    "written by hand".to_string()
                ),
            ],
            "{lang}"
        );
    }
}

/// The `probe_incomplete` warnings of a JSON report: (message, detail).
fn probe_warnings(j: &serde_json::Value) -> Vec<(String, String)> {
    j["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|w| w["code"] == "probe_incomplete")
        .map(|w| {
            let text = |k: &str| w[k].as_str().unwrap_or_default().to_string();
            (text("message"), text("detail"))
        })
        .collect()
}

#[test]
fn plan_words_the_scan_warnings_in_the_report_language() {
    let plan = root().join("examples/aliyun-2c2g/plan.yaml");
    let snapshot = tree("cgroup-v1").join("expected.yaml");
    let report = |lang: &str| {
        json(&hostfit(&[
            "plan",
            s(&plan),
            "--snapshot",
            s(&snapshot),
            "--format",
            "json",
            "--lang",
            lang,
        ]))
    };
    let engine = "container engine at 'ROOT/var/run/docker.sock': no Docker or Podman socket \
                  found (tried 'ROOT/var/run/docker.sock', 'ROOT/run/podman/podman.sock')";
    let cpu = "CPU use was not measured: the interval is 0";
    let renamed = "two workloads are named 'nginx': the later one (processes) is called \
                   'nginx-process'";
    // English: the sentences the snapshot keeps; `detail` is that sentence in both languages
    assert_eq!(
        probe_warnings(&report("en")),
        vec![
            (
                format!("the scan could not read everything: {engine}"),
                engine.to_string()
            ),
            (
                format!("the scan could not read everything: {cpu}"),
                cpu.to_string()
            ),
            (
                format!("the scan could not read everything: {renamed}"),
                renamed.to_string()
            ),
        ]
    );
    assert_eq!(
        probe_warnings(&report("zh")),
        vec![
            (
                "采集未能读取全部数据：容器引擎 'ROOT/var/run/docker.sock'：未找到 Docker 或 Podman \
                 的套接字（已尝试 'ROOT/var/run/docker.sock', 'ROOT/run/podman/podman.sock'）"
                    .to_string(),
                engine.to_string()
            ),
            (
                "采集未能读取全部数据：未测量 CPU 使用率：测量间隔为 0".to_string(),
                cpu.to_string()
            ),
            (
                "采集未能读取全部数据：有两个工作负载都叫 'nginx'：后一个（进程组）改称 \
                 'nginx-process'"
                    .to_string(),
                renamed.to_string()
            ),
        ]
    );
}
