//! `hostfit scan` on the fixture trees under tests/fixtures/hosts (cgroup v1, v2, hybrid), each
//! compared with its expected snapshot, and the scan's flags and formats; `faults` breaks copies
//! of the trees; `warnings` checks how the scan's warnings are worded and read back; `databases`
//! the engines' settings and ceilings.

mod capped;
mod databases;
mod engine;
mod faults;
mod figures;
mod files;
mod sources;
mod third_party;
mod warnings;

use crate::util::{Scratch, hostfit, hostfit_env, root, s};
use hostfit::model::{Bytes, Cores, Snapshot};
use std::path::{Path, PathBuf};

const TREES: &[&str] = &["cgroup-v1", "cgroup-v2", "hybrid", "lxc-v2", "databases"];
/// The `taken_at` the expected snapshots carry; a scan's own is replaced by it.
const TAKEN_AT: &str = "2000-01-01T00:00:00Z";

pub(crate) fn tree(name: &str) -> PathBuf {
    root().join("tests/fixtures/hosts").join(name)
}

fn parse_snapshot(text: &str) -> Snapshot {
    serde_saphyr::from_str(text).expect("a snapshot")
}

/// `scan --root dir`, with `--df` and `--engine-replies` for what the tree's `capture/`
/// recorded of its host.
fn scan_args(dir: &Path) -> Vec<String> {
    let mut args: Vec<String> = vec!["scan".into(), "--root".into(), s(dir).into()];
    let capture = dir.join("capture");
    if capture.join("df").is_file() {
        args.extend(["--df".into(), s(&capture.join("df")).into()]);
    }
    if capture.join("engine").is_dir() {
        args.extend(["--engine-replies".into(), s(&capture.join("engine")).into()]);
    }
    args
}

/// A scan of `dir` as the binary writes it in `format`, with `taken_at` and the root's path
/// replaced so that it compares with an expected file.
pub(crate) fn scan_fixture(dir: &Path, format: &str) -> Snapshot {
    let mut args = scan_args(dir);
    args.extend(["--interval", "0", "--format", format].map(String::from));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = hostfit_env(&args, &[("DOCKER_HOST", "unix:///nonexistent/docker.sock")]);
    assert_eq!(run.status, 0, "stderr: {}", run.stderr);
    assert!(run.stderr.is_empty(), "stderr: {}", run.stderr);
    let mut snap = parse_snapshot(&run.stdout);
    normalize(&mut snap, dir);
    snap
}

fn normalize(snap: &mut Snapshot, dir: &Path) {
    snap.host.taken_at = TAKEN_AT.to_string();
    let prefix = format!("{}/", dir.display());
    for w in &mut snap.warnings {
        w.message = w.message.replace(&prefix, "ROOT/");
        for value in w.args.values_mut() {
            *value = value.replace(&prefix, "ROOT/");
        }
    }
}

fn check(name: &str, format: &str) {
    let dir = tree(name);
    let expected_text =
        std::fs::read_to_string(dir.join("expected.yaml")).expect("expected.yaml is readable");
    let expected = parse_snapshot(&expected_text);
    let actual = scan_fixture(&dir, format);
    if actual != expected {
        let shown = serde_saphyr::to_string(&actual).unwrap_or_default();
        panic!("{name} ({format}) differs from expected.yaml; the scan gave:\n{shown}");
    }
}

#[test]
fn scan_fixture_v1_matches_expected() {
    check("cgroup-v1", "yaml");
}

#[test]
fn scan_fixture_v2_matches_expected() {
    check("cgroup-v2", "yaml");
}

#[test]
fn scan_fixture_hybrid_matches_expected() {
    check("hybrid", "json");
}

#[test]
fn scan_fixture_lxc_matches_expected() {
    check("lxc-v2", "yaml");
}

#[test]
fn scan_fixture_databases_matches_expected() {
    check("databases", "json");
}

#[test]
fn scan_fixture_figures_by_hand() {
    // cgroup-v2.rst: working set = memory.current - inactive_file
    let v2 = scan_fixture(&tree("cgroup-v2"), "json");
    let web = v2.workloads.iter().find(|w| w.name == "web").expect("web");
    assert_eq!(web.memory, Bytes((100 - 20) << 20));
    assert_eq!(web.memory_limit, Some(Bytes(512 << 20)));
    assert_eq!(web.cpu_limit, Some(Cores(1.0)));
    assert_eq!(web.image.as_deref(), Some("nginx:1.25"));
    assert_eq!(v2.host.memory.available, Bytes(5_600_000 * 1024));
    // the session hostfit runs in has 1 GiB and 2 CPUs: the scan's own limits, not the host's
    assert_eq!(v2.host.memory.limit, None);
    assert_eq!(v2.host.cpu.quota, None);
    assert!(
        !v2.workloads
            .iter()
            .any(|w| w.name == "cron" || w.name == "migrate")
    );
    // v1: usage_in_bytes - total_inactive_file; the tighter limit of an ancestor applies
    let v1 = scan_fixture(&tree("cgroup-v1"), "json");
    let nginx = v1
        .workloads
        .iter()
        .find(|w| w.name == "nginx")
        .expect("nginx");
    assert_eq!((nginx.memory, nginx.processes), (Bytes(40 << 20), Some(2)));
    assert_eq!(v1.host.memory.limit, None);
    assert_eq!(v1.host.cpu.quota, None);
    assert!(v1.host.pressure.is_none());
    assert!(v1.warnings.iter().any(|w| {
        w.code == "engine_not_found"
            && w.message.contains("no Docker or Podman socket")
            && w.args
                .get("tried")
                .is_some_and(|t| t.contains("podman.sock"))
    }));
    // hybrid: the container's cgroup in every v1 controller
    let hybrid = scan_fixture(&tree("hybrid"), "yaml");
    let busy = hybrid
        .workloads
        .iter()
        .find(|w| w.name == "hostfit-busy")
        .expect("busy");
    assert_eq!(busy.memory, Bytes(66 << 20));
    assert_eq!(busy.memory_limit, Some(Bytes(256 << 20)));
    assert_eq!(busy.cpu_limit, Some(Cores(0.5)));
    let mounts: Vec<&str> = hybrid.host.disks.iter().map(|d| d.mount.as_str()).collect();
    assert_eq!(mounts, vec!["/", "/var/lib/hostfit"]);
}

#[test]
fn scan_fixture_reconciles() {
    for name in TREES {
        let snap = scan_fixture(&tree(name), "json");
        let m = &snap.host.memory;
        let workloads: u64 = snap.workloads.iter().map(|w| w.memory.0).sum();
        assert!(
            workloads <= m.total.0 - m.available.0,
            "{name}: workloads exceed total - available"
        );
    }
}

#[test]
fn scan_expected_snapshots_load_in_plan() {
    for name in TREES {
        let snapshot = tree(name).join("expected.yaml");
        let plan = root().join("examples/aliyun-2c2g/plan.yaml");
        let run = hostfit(&[
            "plan",
            s(&plan),
            "--snapshot",
            s(&snapshot),
            "--format",
            "json",
        ]);
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
    }
}

#[test]
fn scan_text_is_a_table() {
    let dir = tree("cgroup-v2");
    let df = dir.join("capture/df");
    let run = hostfit(&["scan", "--root", s(&dir), "--df", s(&df), "--interval", "0"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    for needle in [
        "Workloads",
        "postgresql@15-main",
        "hostfit-redis",
        "docker-proxy",
        "/boot/efi",
        "Warnings",
    ] {
        assert!(
            run.stdout.contains(needle),
            "no '{needle}' in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn scan_bad_interval_names_the_flag() {
    for bad in ["fast", "-1s", "1h"] {
        let flag = format!("--interval={bad}");
        let run = hostfit(&["scan", &flag, "--root", s(&tree("hybrid"))]);
        assert_eq!(run.status, 2, "{bad}");
        assert!(run.stderr.contains("--interval"), "{bad}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}

#[test]
fn scan_accepts_the_documented_intervals() {
    for good in ["0", "500ms", "0.2s"] {
        let run = hostfit(&[
            "scan",
            "--interval",
            good,
            "--root",
            s(&tree("hybrid")),
            "--format",
            "json",
        ]);
        assert_eq!(run.status, 0, "{good}: {}", run.stderr);
    }
}

#[test]
fn scan_output_file_is_written_whole() {
    let scratch = Scratch::new("scan-output");
    let out = scratch.path("snap.json");
    let run = hostfit(&[
        "scan",
        "--root",
        s(&tree("cgroup-v1")),
        "--interval",
        "0",
        "--format",
        "json",
        "--output",
        s(&out),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let text = std::fs::read_to_string(&out).expect("the output file");
    let snap: Snapshot = serde_json::from_str(&text).expect("a JSON snapshot");
    assert_eq!(snap.host.name, "legacy-01");
    let leftovers: Vec<_> = std::fs::read_dir(&scratch.0)
        .expect("dir")
        .flatten()
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary files left behind");
    // a folder that does not exist: an error, and nothing written
    let missing = scratch.path("no/such/dir/snap.json");
    let run = hostfit(&[
        "scan",
        "--root",
        s(&tree("cgroup-v1")),
        "--interval",
        "0",
        "--output",
        s(&missing),
    ]);
    assert_eq!(run.status, 2);
    assert!(!missing.exists());
}

#[test]
fn scan_bad_root_is_an_error() {
    let run = hostfit(&[
        "scan",
        "--root",
        "/nonexistent/hostfit/root",
        "--interval",
        "0",
    ]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--root"), "{}", run.stderr);
}

/// `hostfit scan --format text` of the cgroup-v1 tree, as the brief's command line gives it, with
/// the scan's own `taken_at` replaced by `TAKEN_AT`.
fn scan_text(lang: &str) -> String {
    let run = hostfit_env(
        &[
            "scan",
            "--root",
            "tests/fixtures/hosts/cgroup-v1",
            "--df",
            "tests/fixtures/hosts/cgroup-v1/capture/df",
            "--interval",
            "0",
            "--format",
            "text",
            "--lang",
            lang,
        ],
        &[("DOCKER_HOST", "unix:///nonexistent/docker.sock")],
    );
    assert_eq!(run.status, 0, "stderr: {}", run.stderr);
    assert!(run.stderr.is_empty(), "stderr: {}", run.stderr);
    mask_taken_at(&run.stdout)
}

/// Replaces every `2026-11-28T17:17:34Z`-shaped time with `TAKEN_AT`.
fn mask_taken_at(text: &str) -> String {
    const SHAPE: &[u8] = b"dddd-dd-ddTdd:dd:ddZ";
    let fits = |s: &[u8]| {
        s.len() >= SHAPE.len()
            && SHAPE.iter().zip(s).all(|(want, got)| match want {
                b'd' => got.is_ascii_digit(),
                _ => want == got,
            })
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if fits(rest.as_bytes()) {
            out.push_str("TAKEN_AT");
            rest = &rest[SHAPE.len()..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

#[test]
fn scan_text_en() {
    let text = scan_text("en");
    assert!(
        text.starts_with("Host legacy-01, measured TAKEN_AT\n"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn scan_text_zh() {
    let text = scan_text("zh");
    assert!(
        text.starts_with("主机 legacy-01，测量时间 TAKEN_AT\n"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn scan_text_language_comes_from_the_locale() {
    let args = [
        "scan",
        "--root",
        "tests/fixtures/hosts/cgroup-v1",
        "--interval",
        "0",
    ];
    let run = hostfit_env(&args, &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("工作负载"), "{}", run.stdout);
    let mut with_flag = args.to_vec();
    with_flag.extend(["--lang", "en"]);
    let run = hostfit_env(&with_flag, &[("LANG", "zh_CN.UTF-8")]);
    assert!(run.stdout.contains("Workloads"), "{}", run.stdout);
}

#[test]
fn scan_lang_never_changes_the_snapshot_formats() {
    for format in ["json", "yaml"] {
        let scan = |lang: &str| {
            let run = hostfit(&[
                "scan",
                "--root",
                "tests/fixtures/hosts/cgroup-v1",
                "--interval",
                "0",
                "--format",
                format,
                "--lang",
                lang,
            ]);
            assert_eq!(run.status, 0, "{}", run.stderr);
            mask_taken_at(&run.stdout)
        };
        assert_eq!(scan("en"), scan("zh"), "{format}");
    }
}

#[test]
fn masking_replaces_only_timestamps() {
    assert_eq!(
        mask_taken_at("主机 a，测量时间 2026-11-28T17:17:34Z\n2026-11-28"),
        "主机 a，测量时间 TAKEN_AT\n2026-11-28"
    );
}

/// Every workload name appears once in a snapshot, and a cgroup made by hand is kind `cgroup`
/// while a systemd unit is `service`.
#[test]
fn scan_fixture_names_are_unique_and_kinds_right() {
    use hostfit::model::WorkloadKind;
    for name in TREES {
        let snap = scan_fixture(&tree(name), "json");
        let mut names: Vec<&str> = snap.workloads.iter().map(|w| w.name.as_str()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "{name}: {names:?}");
    }
    let v1 = scan_fixture(&tree("cgroup-v1"), "json");
    let kind = |n: &str| v1.workloads.iter().find(|w| w.name == n).map(|w| w.kind);
    assert_eq!(kind("legacy-app"), Some(WorkloadKind::Cgroup));
    assert_eq!(kind("nginx"), Some(WorkloadKind::Service));
    assert_eq!(kind("nginx-process"), Some(WorkloadKind::Process));
}
