//! The pure half of the Prometheus reader, on replies laid out as the HTTP API documents them
//! (prometheus.io/docs/prometheus/latest/querying/api/, "Instant queries" and "Instant vectors").

use super::*;

fn reply(samples: &[(&[(&str, &str)], &str)]) -> String {
    let result: Vec<String> = samples
        .iter()
        .map(|(labels, v)| {
            let m: Vec<String> = labels
                .iter()
                .map(|(k, v)| format!("\"{k}\":\"{v}\""))
                .collect();
            format!(
                "{{\"metric\":{{{}}},\"value\":[1435781451.781,\"{v}\"]}}",
                m.join(",")
            )
        })
        .collect();
    format!(
        "{{\"status\":\"success\",\"data\":{{\"resultType\":\"vector\",\"result\":[{}]}}}}",
        result.join(",")
    )
}

fn answers(entries: &[(&str, String)]) -> Answers {
    entries
        .iter()
        .map(|(k, text)| (k.to_string(), parse_vector(text).unwrap_or_default()))
        .collect()
}

#[test]
fn an_instant_vector_is_read_with_its_labels() {
    let text = reply(&[(&[("instance", "a:9100"), ("job", "node")], "8")]);
    let samples = parse_vector(&text).unwrap_or_default();
    assert_eq!(samples.len(), 1);
    assert_eq!(samples[0].value, 8.0);
    assert_eq!(
        samples[0].labels.get("job").map(String::as_str),
        Some("node")
    );
    let error = r#"{"status":"error","errorType":"bad_data","error":"parse error at char 5"}"#;
    assert_eq!(
        parse_vector(error),
        Err("parse error at char 5".to_string())
    );
    let matrix = r#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#;
    assert!(parse_vector(matrix).is_err());
}

#[test]
fn hosts_with_missing_metrics_are_kept_and_named() {
    let a = answers(&[
        ("jobs", reply(&[(&[("job", "node")], "3")])),
        (
            "up",
            reply(&[
                (&[("instance", "a:9100"), ("job", "node")], "1"),
                (&[("instance", "b:9100"), ("job", "node")], "0"),
                (&[("instance", "prom:9090"), ("job", "prometheus")], "1"),
            ]),
        ),
        ("cores", reply(&[(&[("instance", "a:9100")], "4")])),
        (
            "mem_total",
            reply(&[(&[("instance", "a:9100")], "8589934592")]),
        ),
        (
            "mem_available",
            reply(&[(&[("instance", "a:9100")], "4294967296")]),
        ),
        ("cpu_busy", reply(&[(&[("instance", "a:9100")], "1.5")])),
        ("cpu_ticking", reply(&[(&[("instance", "a:9100")], "4")])),
        ("disk_total", reply(&[(&[("instance", "a:9100")], "1000")])),
        (
            "disk_available",
            reply(&[(&[("instance", "a:9100")], "400")]),
        ),
        (
            "container_memory",
            reply(&[(&[("instance", "a:8080"), ("name", "web")], "1048576")]),
        ),
    ]);
    let fleet = assemble(&a, "2025-01-01T00:00:00Z");
    assert_eq!(fleet.hosts.len(), 1);
    let host = &fleet.hosts[0].snapshot;
    assert_eq!(host.host.name, "a:9100");
    assert_eq!(host.host.cpu.cores, Cores(4.0));
    assert_eq!(host.host.cpu.used, Cores(1.5));
    assert_eq!(host.host.memory.available, Bytes(4 << 30));
    assert_eq!(host.host.disks[0].used, Bytes(600));
    assert_eq!(host.workloads[0].name, "web");
    // b is down, and the Prometheus server itself is no host
    assert_eq!(fleet.missing.len(), 1);
    assert_eq!(fleet.missing[0].name, "b:9100");
    assert!(
        fleet.missing[0]
            .missing
            .contains(&"node_memory_MemTotal_bytes".to_string())
    );
}

#[test]
fn without_mem_available_the_classic_estimate_is_used_and_said() {
    let a = answers(&[
        ("cores", reply(&[(&[("instance", "old:9100")], "2")])),
        ("mem_total", reply(&[(&[("instance", "old:9100")], "1000")])),
        (
            "mem_estimated",
            reply(&[(&[("instance", "old:9100")], "600")]),
        ),
    ]);
    let fleet = assemble(&a, "2025-01-01T00:00:00Z");
    let host = &fleet.hosts[0].snapshot;
    assert_eq!(host.host.memory.available, Bytes(600));
    let codes: Vec<&str> = host.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(
        codes,
        ["prometheus_available_estimated", "cpu_not_measured"]
    );
}

#[test]
fn credentials_are_never_shown() {
    let auth = Auth::Basic {
        user: "u".into(),
        password: "s3cret".into(),
    };
    assert!(!format!("{auth:?}").contains("s3cret"));
    assert!(!format!("{:?}", Auth::Bearer("tok".into())).contains("tok"));
    assert_eq!(
        base64(b"Aladdin:open sesame"),
        "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    );
    assert_eq!(base64(b"a"), "YQ==");
}
