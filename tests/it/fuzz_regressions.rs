//! Regressions found by the fuzz targets of `fuzz/` (run by `bench/fuzz.sh`): each test names
//! what it checks and holds the input the target found (or a smaller one with the same cause),
//! with the target named in its comment.

use crate::util::{Scratch, hostfit, json, s};

const SKYPILOT_HEADER: &str = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone";

/// `hostfit catalog import VMS --from skypilot-csv -o OUT`.
fn import_skypilot(vms: &std::path::Path, out: &std::path::Path) -> crate::util::Run {
    hostfit(&[
        "catalog",
        "import",
        s(vms),
        "--from",
        "skypilot-csv",
        "-o",
        s(out),
    ])
}

/// Imports a SkyPilot vms.csv with one type named `name`, then lists the catalog written: the
/// name must read back as it was.
fn import_and_list(test: &str, name: &str) {
    let dir = Scratch::new(test);
    let vms = dir.write(
        "vms.csv",
        &format!("{SKYPILOT_HEADER}\n\"{name}\",,,2.0,8.0,,0.1,0.03,us-east-1,use1-az1\n"),
    );
    let out = dir.path("catalog.yaml");
    let run = import_skypilot(&vms, &out);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let listed = json(&hostfit(&["catalog", s(&out), "-f", "json"]));
    let names: Vec<&str> = listed
        .as_array()
        .map(|rows| rows.iter().filter_map(|r| r["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, [name], "{listed}");
}

/// catalog_csv found it with `box.smal\u{7f}` as a type name: the catalog writer quoted strings
/// as JSON, which leaves DEL and the C1 controls raw, and YAML allows neither in a document, so
/// an imported catalog did not load.
#[test]
fn an_imported_catalog_with_control_characters_in_a_name_loads_back() {
    import_and_list("fuzz-del", "box.smal\u{7f}");
    import_and_list("fuzz-c1", "a\u{80}b\u{9f}c\u{85}d");
    import_and_list("fuzz-seps", "a\u{2028}b\u{2029}c\u{feff}d\u{fffe}e\u{ffff}");
}

/// import_skypilot found it with `MemoryGiB` 1769921875 (a mutated sample): the importer took any
/// size in GiB, and wrote a catalog that `hostfit` then refused as larger than 1 EiB. The import
/// now stops at that cell, as a CSV catalog does, and writes nothing.
#[test]
fn an_import_with_memory_above_one_eib_stops_at_the_cell() {
    let dir = Scratch::new("fuzz-huge-gib");
    let vms = dir.write(
        "vms.csv",
        &format!(
            "{SKYPILOT_HEADER}\n\
             m7i.large,,,2.0,8.0,,0.1008,0.0323,us-east-1,use1-az1\n\
             c1.medium,,,2.0,1769921875,,0.13,0.0371,us-east-1,use1-az1\n"
        ),
    );
    let out = dir.path("catalog.yaml");
    let run = import_skypilot(&vms, &out);
    assert_eq!(run.status, 2, "{}", run.stderr);
    let flat = run.stderr_flat();
    assert!(flat.contains("vms.csv:3:"), "{flat}");
    assert!(flat.contains("'1769921875 GiB' is too large"), "{flat}");
    assert!(!out.exists());
    // 1 EiB itself is the largest size read, and imports.
    let vms = dir.write(
        "vms.csv",
        &format!("{SKYPILOT_HEADER}\nbig.metal,,,2.0,1073741824,,0.13,0.0371,us-east-1,use1-az1\n"),
    );
    let run = import_skypilot(&vms, &out);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(hostfit(&["catalog", s(&out)]).status, 0);
}

/// import_aliyun, on a type whose name spells a vCPU:GiB ratio of 1:4000000000 (an input made
/// after reading the naming rule, then run through the target, which failed on it): the rule
/// estimated 4096 vCPUs with more than 1 EiB, and the catalog written did not load. Such a type
/// is now skipped as a ratio that is none.
#[test]
fn an_aliyun_type_whose_ratio_spells_more_than_one_eib_is_skipped() {
    let dir = Scratch::new("fuzz-aliyun-ratio");
    let prices = dir.write(
        "instancePrice.json",
        r#"{"currency": "CNY", "pricingInfo": {
  "cn-hangzhou::ecs.x1-c1m4000000000.1024xlarge::vpc::linux::optimized": {"months": [{"price": "58.5", "period": "1"}]},
  "cn-hangzhou::ecs.x1-c1m4.1024xlarge::vpc::linux::optimized": {"months": [{"price": "99", "period": "1"}]}
}}"#,
    );
    let out = dir.path("catalog.yaml");
    let run = hostfit(&[
        "catalog",
        "import",
        s(&prices),
        "--from",
        "aliyun-price-json",
        "-o",
        s(&out),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("ecs.x1-c1m4000000000.1024xlarge"),
        "{}",
        run.stderr
    );
    let listed = json(&hostfit(&["catalog", s(&out), "-f", "json"]));
    let names: Vec<&str> = listed
        .as_array()
        .map(|rows| rows.iter().filter_map(|r| r["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, ["ecs.x1-c1m4.1024xlarge"], "{listed}");
}

/// Read by hand while writing probe_engines (its heap check is that a heap is a size): a
/// `-XX:MaxRAMPercentage` of `NaN`, `-50` or `1e9` in a `jvm.options` made a heap of NaN, a
/// negative one or a thousand times the RAM, and the engine's ceiling with it. The JVM refuses
/// to start with any of them; the reader now ignores them, so an earlier `-Xmx` stands.
#[test]
fn a_jvm_ram_percentage_outside_0_to_100_is_no_heap() {
    use hostfit::probe::parse::heap_from_options;
    const RAM: f64 = 8.0 * 1024.0 * 1024.0 * 1024.0;
    for bad in ["NaN", "-50", "1e9", "inf", "100.5"] {
        let option = format!("-XX:MaxRAMPercentage={bad}");
        assert_eq!(heap_from_options([option.as_str()], RAM), None, "{option}");
        assert_eq!(
            heap_from_options(["-Xmx1g", option.as_str()], RAM),
            Some(1024.0 * 1024.0 * 1024.0),
            "{option}"
        );
    }
    assert_eq!(
        heap_from_options(["-XX:MaxRAMPercentage=25"], RAM),
        Some(RAM / 4.0)
    );
}

/// One sample of a Prometheus reply: its labels and its value as the API writes it.
type PromSample<'a> = (&'a [(&'a str, &'a str)], &'a str);

/// The Prometheus replies of `assemble`'s queries, by name.
fn prometheus_answers(
    replies: &[(&str, &[PromSample<'_>])],
) -> hostfit::probe::prometheus::Answers {
    use hostfit::probe::prometheus::parse_vector;
    replies
        .iter()
        .map(|(name, samples)| {
            let result: Vec<serde_json::Value> = samples
                .iter()
                .map(|(labels, value)| {
                    let metric: serde_json::Map<String, serde_json::Value> = labels
                        .iter()
                        .map(|(k, v)| ((*k).to_string(), serde_json::json!(v)))
                        .collect();
                    serde_json::json!({"metric": metric, "value": [1435781451.781, value]})
                })
                .collect();
            let reply = serde_json::json!({
                "status": "success",
                "data": {"resultType": "vector", "result": result}
            });
            let samples = parse_vector(&reply.to_string());
            (name.to_string(), samples.unwrap_or_else(|e| panic!("{e}")))
        })
        .collect()
}

/// Found by reading `assemble` for probe_prometheus (whose first run stopped on the target's own
/// check): a core count below zero made `clamp(0.0, cores)` panic (its bounds upside down), an
/// available disk above its size or below zero made a disk with more used or available than
/// its size, and a container's CPU of `NaN` (what `rate()` gives over no samples) a workload
/// whose CPU was NaN. Such a host is now missing its cores, the disk is bounded by its size, and
/// a CPU that is not a number is none.
#[test]
fn prometheus_answers_out_of_range_make_sound_hosts() {
    use hostfit::probe::prometheus::assemble;
    let a: &[(&str, &str)] = &[("instance", "a:9100")];
    let b: &[(&str, &str)] = &[("instance", "b:9100")];
    let b_api: &[(&str, &str)] = &[("instance", "b:8080"), ("name", "api")];
    let answers = prometheus_answers(&[
        ("cores", &[(a, "-4"), (b, "2")]),
        ("mem_total", &[(a, "8589934592"), (b, "8589934592")]),
        ("mem_available", &[(a, "4294967296"), (b, "4294967296")]),
        ("cpu_busy", &[(a, "1"), (b, "0.5")]),
        ("cpu_ticking", &[(a, "1"), (b, "2")]),
        ("disk_total", &[(b, "1000")]),
        ("disk_available", &[(b, "5000")]),
        ("container_memory", &[(b_api, "1048576")]),
        ("container_cpu", &[(b_api, "NaN")]),
    ]);
    let fleet = assemble(&answers, "2025-10-07T08:00:00Z");
    let missing: Vec<&str> = fleet.missing.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(missing, ["a:9100"], "{fleet:#?}");
    let [host] = fleet.hosts.as_slice() else {
        panic!("{fleet:#?}");
    };
    let disk = &host.snapshot.host.disks[0];
    assert!(
        disk.available <= disk.total && disk.used <= disk.total,
        "{disk:?}"
    );
    let cpu = host.snapshot.workloads[0].cpu.0;
    assert!(cpu.is_finite() && cpu >= 0.0, "{cpu}");
    let answers = prometheus_answers(&[
        ("cores", &[(b, "2")]),
        ("mem_total", &[(b, "8589934592")]),
        ("mem_available", &[(b, "4294967296")]),
        ("disk_total", &[(b, "1000")]),
        ("disk_available", &[(b, "-5")]),
    ]);
    let fleet = assemble(&answers, "2025-10-07T08:00:00Z");
    let disk = &fleet.hosts[0].snapshot.host.disks[0];
    assert!(disk.used <= disk.total, "{disk:?}");
}
