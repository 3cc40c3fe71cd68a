//! Regressions found by the fuzz targets of `fuzz/` (run by `bench/fuzz.sh`): each test names
//! what it checks and holds the input the target found (or a smaller one with the same cause),
//! with the target named in its comment.

use crate::util::{Scratch, hostfit, json, s};

const SKYPILOT_HEADER: &str = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone";

/// Imports a SkyPilot vms.csv with one type named `name`, then lists the catalog written: the
/// name must read back as it was.
fn import_and_list(test: &str, name: &str) {
    let dir = Scratch::new(test);
    let vms = dir.write(
        "vms.csv",
        &format!("{SKYPILOT_HEADER}\n\"{name}\",,,2.0,8.0,,0.1,0.03,us-east-1,use1-az1\n"),
    );
    let out = dir.path("catalog.yaml");
    let run = hostfit(&[
        "catalog",
        "import",
        s(&vms),
        "--from",
        "skypilot-csv",
        "-o",
        s(&out),
    ]);
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
