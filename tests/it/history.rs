//! History and profiles end to end, on a fixture tree so the figures hold still: `scan --for`
//! (also ended by Ctrl-C), `record` then `history` and `plan --history`, a profile of a
//! command pasted into a plan, and the store's refusals (newer schema, read-only, not a
//! history) that leave the file as it was. The crash tests are in `history_crash.rs`.

use crate::util::{Scratch, hostfit, json, root, s};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) fn fixture() -> PathBuf {
    root().join("tests/fixtures/hosts/cgroup-v2")
}

/// Records the fixture host into `db` for `secs` at `every`.
pub(crate) fn record(db: &Path, every: &str, secs: &str) {
    let f = fixture();
    let run = hostfit(&[
        "record",
        "--db",
        s(db),
        "--every",
        every,
        "--for",
        secs,
        "--quiet",
        "--root",
        s(&f),
    ]);
    assert_eq!(run.status, 0, "record: {}", run.stderr);
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_sampled_scan_carries_the_spread_of_each_figure() {
    let f = fixture();
    let run = hostfit(&[
        "scan",
        "--root",
        s(&f),
        "--for",
        "1s",
        "--every",
        "200ms",
        "--format",
        "json",
    ]);
    let v = json(&run);
    let sampled = &v["sampled"];
    let n = sampled["samples"].as_u64().unwrap_or(0);
    assert!((3..=7).contains(&n), "{sampled}");
    assert_eq!(sampled["interrupted"], false);
    for key in ["now", "p50", "p5", "p1", "min"] {
        assert!(sampled["available"][key].is_u64(), "{key}: {sampled}");
    }
    // A tree holds still: every figure of available memory is the snapshot's.
    assert_eq!(
        sampled["available"]["min"],
        v["host"]["memory"]["available"]
    );
    let w = &sampled["workloads"][0];
    for key in ["now", "p50", "p95", "p99", "max"] {
        assert!(w["memory"][key].is_u64(), "{key}: {w}");
    }
    // The text view says it too.
    let text = hostfit(&[
        "scan",
        "--root",
        s(&f),
        "--for",
        "400ms",
        "--every",
        "200ms",
    ]);
    assert_eq!(text.status, 0, "{}", text.stderr);
    assert!(text.stdout.contains("Over the window:"), "{}", text.stdout);
}

/// Whether this process ignores SIGINT (bit 1 of `SigIgn` in /proc/self/status); its children
/// start ignoring it too.
fn sigint_ignored() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find_map(|l| l.strip_prefix("SigIgn:"))?;
            u64::from_str_radix(line.trim(), 16).ok()
        })
        .is_some_and(|mask| mask & 0b10 != 0)
}

#[test]
fn ctrl_c_ends_the_window_early_and_the_samples_are_written() {
    let dir = Scratch::new("scan-int");
    let out = dir.path("s.json");
    let f = fixture();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hostfit"))
        .args([
            "scan",
            "--root",
            s(&f),
            "--for",
            "60s",
            "--every",
            "200ms",
            "--format",
            "json",
            "-o",
            s(&out),
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hostfit starts");
    std::thread::sleep(Duration::from_millis(1200));
    let pid = rustix::process::Pid::from_child(&child);
    // Ctrl-C, unless this test runs with SIGINT ignored (under nohup, or as a background job of a
    // script): hostfit then rightly keeps it ignored, and SIGTERM, which ends a window the same
    // way, stands in for it.
    let signal = if sigint_ignored() {
        rustix::process::Signal::TERM
    } else {
        rustix::process::Signal::INT
    };
    rustix::process::kill_process(pid, signal).expect("the signal");
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still running 10 s after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap_or_default()).expect("JSON");
    assert_eq!(v["sampled"]["interrupted"], true, "{}", v["sampled"]);
    assert!(v["sampled"]["samples"].as_u64().unwrap_or(0) >= 3);
    assert!(v["sampled"]["window_seconds"].as_f64().unwrap_or(99.0) < 10.0);
    // Nothing staged is left beside the output.
    assert_eq!(files_in(&dir.0), vec!["s.json".to_string()]);
}

#[test]
fn a_recording_is_summarized_and_planned_on() {
    let dir = Scratch::new("record");
    let db = dir.path("h.db");
    record(&db, "100ms", "1s");
    let v = json(&hostfit(&[
        "history",
        "--db",
        s(&db),
        "--since",
        "1h",
        "-f",
        "json",
    ]));
    assert_eq!(v["schema"], "hostfit.history/1");
    let samples = v["samples"].as_u64().unwrap_or(0);
    assert!((3..=12).contains(&samples), "{samples}");
    assert!(v["available_bytes"]["min"].is_u64(), "{v}");
    let names: Vec<&str> = v["workloads"]
        .as_array()
        .map(|a| a.iter().filter_map(|w| w["name"].as_str()).collect())
        .unwrap_or_default();
    assert!(!names.is_empty(), "{v}");
    // A tree holds still: no growth, so no date.
    assert_eq!(
        v["forecast"]["host"]["reserve_reached"]["kind"], "not_within_a_year",
        "{}",
        v["forecast"]
    );
    let text = hostfit(&["history", "--db", s(&db), "--since", "1h"]);
    assert_eq!(text.status, 0, "{}", text.stderr);
    assert!(text.stdout.contains("not within a year"), "{}", text.stdout);
    // seconds of samples: the date is said to rest on less than a day
    assert_eq!(v["forecast"]["short_window"], true, "{}", v["forecast"]);
    assert!(text.stdout.contains("less than a day"), "{}", text.stdout);
    let zh = hostfit(&["history", "--db", s(&db), "--lang", "zh"]);
    assert!(zh.stdout.contains("一年内不会"), "{}", zh.stdout);

    // plan --history: the report says which basis and window it used.
    let snapshot = dir.path("snap.yaml");
    let f = fixture();
    let run = hostfit(&[
        "scan",
        "--root",
        s(&f),
        "--interval",
        "0",
        "--format",
        "yaml",
        "-o",
        s(&snapshot),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let plan = dir.write(
        "plan.yaml",
        "services:\n  - name: app\n    tiers:\n      standard: {memory: 64MiB, cpu: 0.1}\n",
    );
    let args = |format: &str| {
        hostfit(&[
            "plan",
            s(&plan),
            "--snapshot",
            s(&snapshot),
            "--history",
            s(&db),
            "--window",
            "1h",
            "--ahead",
            "30d",
            "-f",
            format,
        ])
    };
    let text = args("text");
    assert_eq!(text.status, 0, "{}", text.stderr);
    assert!(text.stdout.contains("Recorded history"), "{}", text.stdout);
    assert!(
        text.stdout.contains("memory on its 'max'"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("CPU on its 'p95'"), "{}", text.stdout);
    // Per workload too: its growth a day and when the reserve would be reached.
    assert!(text.stdout.contains("Growth a day"), "{}", text.stdout);
    assert!(text.stdout.contains("Reserve reached"), "{}", text.stdout);
    assert!(
        text.stdout.contains("No verdict changes within 30 days"),
        "{}",
        text.stdout
    );
    let v = json(&args("json"));
    // The same host on both sides: no warning that the history is of another.
    let codes = |v: &serde_json::Value| -> Vec<String> {
        v["warnings"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|w| w["code"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(
        !codes(&v).contains(&"history_other_host".to_string()),
        "{}",
        v["warnings"]
    );
    // A snapshot of another host (its name and memory differ): warned.
    let other = crate::util::example("aliyun-2c2g").join("snapshot.yaml");
    let elsewhere = json(&hostfit(&[
        "plan",
        s(&plan),
        "--snapshot",
        s(&other),
        "--history",
        s(&db),
        "--window",
        "1h",
        "-f",
        "json",
    ]));
    assert!(
        codes(&elsewhere).contains(&"history_other_host".to_string()),
        "{}",
        elsewhere["warnings"]
    );
    assert_eq!(v["history"]["memory_basis"], "max");
    assert_eq!(v["history"]["window_seconds"], 3600.0);
    assert_eq!(v["history"]["ahead"]["seconds"], 2_592_000.0);
    // No sample in the window is an error that names the window.
    let stale = hostfit(&[
        "plan",
        s(&plan),
        "--snapshot",
        s(&snapshot),
        "--history",
        s(&db),
        "--window",
        "1ms",
    ]);
    assert_eq!(stale.status, 2);
    assert!(
        stale.stderr_flat().contains("has no sample in the last"),
        "{}",
        stale.stderr
    );
}

#[test]
fn refused_databases_exit_2_and_are_left_as_they_were() {
    let dir = Scratch::new("refused");
    let db = dir.path("h.db");
    record(&db, "100ms", "300ms");
    let f = fixture();
    let again = |db: &Path| {
        hostfit(&[
            "record",
            "--db",
            s(db),
            "--every",
            "100ms",
            "--for",
            "300ms",
            "--quiet",
            "--root",
            s(&f),
        ])
    };

    // A newer schema: the header says version 2.
    let newer = dir.path("newer.db");
    let mut bytes = std::fs::read(&db).expect("the recording");
    bytes[60..64].copy_from_slice(&2i32.to_be_bytes());
    std::fs::write(&newer, &bytes).expect("write");
    let run = again(&newer);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr_flat()
            .contains("written by a newer hostfit (schema 2"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&newer).unwrap_or_default(), bytes);
    let run = hostfit(&["history", "--db", s(&newer)]);
    assert_eq!(run.status, 2, "{}", run.stderr);

    // Read-only: no write bit, even for root.
    let ro = dir.path("ro.db");
    let bytes = std::fs::read(&db).unwrap_or_default();
    std::fs::write(&ro, &bytes).expect("write");
    let mut perms = std::fs::metadata(&ro).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o444);
    std::fs::set_permissions(&ro, perms).expect("chmod");
    let run = again(&ro);
    assert_eq!(run.status, 2, "{}", run.stderr);
    let flat = run.stderr_flat();
    assert!(
        flat.contains("the file is read") && flat.contains("nothing was changed"),
        "{flat}"
    );
    assert_eq!(std::fs::read(&ro).unwrap_or_default(), bytes);
    // history only reads: a read-only file is fine for it.
    assert_eq!(
        hostfit(&["history", "--db", s(&ro), "--since", "1h"]).status,
        0
    );

    // Not a history.
    let other = dir.write("notes.db", &"not sqlite at all\n".repeat(10));
    let run = again(&other);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr_flat()
            .contains("is not a hostfit history database"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&other).unwrap_or_default(),
        "not sqlite at all\n".repeat(10)
    );

    // A symbolic link where the database is, or beside it where SQLite puts its -wal: refused,
    // and nothing is written through it.
    let recorded = std::fs::read(&db).unwrap_or_default();
    let link = dir.path("link.db");
    std::os::unix::fs::symlink(&db, &link).expect("symlink");
    let run = again(&link);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr_flat().contains("is a symbolic link"),
        "{}",
        run.stderr
    );
    assert_eq!(hostfit(&["history", "--db", s(&link)]).status, 2);
    assert_eq!(std::fs::read(&db).unwrap_or_default(), recorded);
    let planted = dir.path("planted.db");
    std::fs::write(&planted, &recorded).expect("write");
    let elsewhere = dir.path("elsewhere");
    std::os::unix::fs::symlink(&elsewhere, dir.path("planted.db-wal")).expect("symlink");
    let run = again(&planted);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr_flat()
            .contains("planted.db-wal' is a symbolic link"),
        "{}",
        run.stderr
    );
    assert!(!elsewhere.exists(), "written through the planted link");
    assert_eq!(std::fs::read(&planted).unwrap_or_default(), recorded);

    // No -wal or -shm beside any refused file.
    let left: Vec<String> = files_in(&dir.0)
        .into_iter()
        .filter(|n| n.starts_with("newer") || n.starts_with("ro") || n.starts_with("notes"))
        .collect();
    assert_eq!(left, vec!["newer.db", "notes.db", "ro.db"]);
}

#[test]
fn a_profile_is_a_service_entry_a_plan_reads() {
    let dir = Scratch::new("profile");
    let data = dir.path("data");
    std::fs::create_dir_all(&data).expect("data dir");
    let child_pid = dir.path("child.pid");
    let script = format!(
        "i=0; while [ $i -lt 40 ]; do head -c 65536 /dev/zero > {}/f$i; i=$((i+1)); sleep 0.05; done; sleep 30 >/dev/null 2>&1 & echo $! > {}; wait",
        s(&data),
        s(&child_pid)
    );
    let run = hostfit(&[
        "profile",
        "--for",
        "2500ms",
        "--every",
        "100ms",
        "--data-dir",
        s(&data),
        "--name",
        "filler",
        "--",
        "sh",
        "-c",
        &script,
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.contains("samples over"), "{out}");
    assert!(out.contains("warning: only"), "{out}");
    assert!(out.contains("warning: less than a day of data"), "{out}");
    assert!(out.contains("- name: \"filler\""), "{out}");
    for tier in ["minimum:", "standard:", "ideal:"] {
        assert!(out.contains(tier), "{out}");
    }
    assert!(
        out.contains("      memory: 16MiB\n      cpu: 25m\n      disk: "),
        "{out}"
    );
    // The entry, pasted under `services:`, is a plan hostfit reads.
    let plan = dir.write("plan.yaml", &format!("services:\n{out}"));
    let snap = crate::util::example("aliyun-2c2g").join("snapshot.yaml");
    let planned = hostfit(&["plan", s(&plan), "--snapshot", s(&snap)]);
    assert_eq!(planned.status, 0, "{}\n{}", planned.stderr, plan.display());
    // The command was stopped at the end, and what it started with it: its 'sleep 30' is gone.
    assert!(!run.stderr.contains("still running"));
    let pid = std::fs::read_to_string(&child_pid).unwrap_or_default();
    let pid = pid.trim();
    assert!(!pid.is_empty(), "the script wrote no pid");
    // Gone, or a zombie waiting for whoever adopted it: /proc/PID/stat's state after the name.
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let alive = stat.contains("(sleep)")
        && stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z') && !rest.starts_with('X'));
    assert!(!alive, "the command's child outlived the profile: {stat}");
    // A running process by --pid: followed, and left running.
    let mut sleeper = Command::new("sleep")
        .arg("30")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sleep starts");
    let pid = sleeper.id().to_string();
    let run = hostfit(&[
        "profile", "--for", "600ms", "--every", "200ms", "--pid", &pid,
    ]);
    let still = sleeper.try_wait().map(|st| st.is_none()).unwrap_or(false);
    let _ = sleeper.kill();
    let _ = sleeper.wait();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("- name: \"sleep\""), "{}", run.stdout);
    assert!(run.stdout.contains("samples over"), "{}", run.stdout);
    assert!(still, "profile --pid stopped the process it followed");
    // Nothing to follow is an error.
    let none = hostfit(&["profile", "--for", "1s", "--pid", "999999999"]);
    assert_eq!(none.status, 2, "{}", none.stderr);
    assert!(
        none.stderr_flat()
            .contains("cannot profile --pid 999999999"),
        "{}",
        none.stderr
    );
}
