//! The done-when of the history issue on this machine: a recording with PostgreSQL under a
//! pgbench load from halfway shows the load's peak, a Redis filled steadily shows a growth rate
//! and a date, `plan --history` reaches another verdict than a snapshot taken before the load on
//! a plan made to sit between the two, and a profile of redis-server under redis-benchmark has
//! the server's own peak within `ideal`.
//!
//! They load the shared servers, so they are `#[ignore]`d in the parallel run and scripts/test
//! runs them alone afterwards (`cargo test --test it -- --ignored live_history`).

use super::{MIB, Server, need, output, program};
use crate::util::{Scratch, hostfit, json, s};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// SIGTERM, then wait: a recorder ends after the sample in hand.
fn stop(mut child: Child) {
    let pid = rustix::process::Pid::from_child(&child);
    let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn redis_cli(port: &str, args: &[&str]) -> String {
    let mut all = vec!["-h", "127.0.0.1", "-p", port];
    all.extend_from_slice(args);
    output(&program("redis-cli", &[]), &all)
}

/// Redis's maxmemory lifted for a test, and put back as it was when dropped (a failed assertion
/// included), so that the servers' other tests find their setting.
struct Lifted<'a> {
    port: &'a str,
    was: String,
}

impl<'a> Lifted<'a> {
    fn maxmemory(port: &'a str) -> Lifted<'a> {
        let got = redis_cli(port, &["CONFIG", "GET", "maxmemory"]);
        let was = got.lines().nth(1).unwrap_or("").trim().to_string();
        assert!(
            was.parse::<u64>().is_ok(),
            "CONFIG GET maxmemory answered {got:?}"
        );
        redis_cli(port, &["CONFIG", "SET", "maxmemory", "0"]);
        Lifted { port, was }
    }
}

impl Drop for Lifted<'_> {
    fn drop(&mut self) {
        redis_cli(self.port, &["-n", "1", "FLUSHDB"]);
        redis_cli(self.port, &["CONFIG", "SET", "maxmemory", &self.was]);
    }
}

fn psql(port: &str, sql: &str) -> String {
    let psql = program("psql", &["/usr/lib/postgresql/15/bin/psql"]);
    output(
        &psql,
        &[
            "-X",
            "-q",
            "-h",
            "127.0.0.1",
            "-p",
            port,
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-c",
            sql,
        ],
    )
}

fn pgbench(port: &str, args: &[&str]) -> Child {
    let mut all = vec!["-h", "127.0.0.1", "-p", port, "-U", "postgres"];
    all.extend_from_slice(args);
    all.push("postgres");
    Command::new(program("pgbench", &["/usr/lib/postgresql/15/bin/pgbench"]))
        .args(&all)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("pgbench starts")
}

fn workload<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["workloads"]
        .as_array()
        .and_then(|a| a.iter().find(|w| w["name"] == name))
        .unwrap_or_else(|| panic!("no workload '{name}' in the history: {}", v["workloads"]))
}

#[test]
#[ignore = "loads the shared servers: scripts/test runs it alone"]
fn live_history_of_a_pgbench_load_and_a_redis_fill() {
    let test = "live_history_of_a_pgbench_load_and_a_redis_fill";
    let (Some(pg), Some(redis)) = (need(test, Server::Postgres), need(test, Server::Redis)) else {
        return;
    };
    let (pg_port, pg_cgroup) = (pg.get("HOSTFIT_PG_PORT"), pg.get("HOSTFIT_PG_CGROUP"));
    let (redis_port, redis_cgroup) = (
        redis.get("HOSTFIT_REDIS_PORT"),
        redis.get("HOSTFIT_REDIS_CGROUP"),
    );
    let dir = Scratch::new("live-history");
    let db = dir.path("h.db");
    let before = dir.path("before.json");
    let run = hostfit(&[
        "scan",
        "--format",
        "json",
        "--interval",
        "1s",
        "-o",
        s(&before),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let before_v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&before).unwrap_or_default()).expect("JSON");
    let pg_before = before_v["workloads"]
        .as_array()
        .and_then(|a| a.iter().find(|w| w["name"] == pg_cgroup))
        .cloned()
        .unwrap_or_default();

    let recorder = Command::new(env!("CARGO_BIN_EXE_hostfit"))
        .args(["record", "--db", s(&db), "--every", "1s", "--quiet"])
        .stdin(Stdio::null())
        .spawn()
        .expect("hostfit record starts");
    // 32 seconds: Redis filled with 6 MB every second throughout (in its database 1), PostgreSQL
    // loaded by pgbench from the middle on. Redis's maxmemory (100mb) is lifted meanwhile, so that
    // the fill's some 200 MB stand well above what the rest of this machine moves in the time.
    let _lifted = Lifted::maxmemory(redis_port);
    const SECONDS: u64 = 32;
    let start = Instant::now();
    let mut bench: Option<Child> = None;
    let mut second = 0;
    while start.elapsed() < Duration::from_secs(SECONDS) {
        redis_cli(
            redis_port,
            &[
                "-n",
                "1",
                "EVAL",
                "for i = 1, 6000 do redis.call('SET', ARGV[1] .. i, string.rep('x', 1000)) end",
                "0",
                &format!("fill:{second}:"),
            ],
        );
        second += 1;
        if bench.is_none() && start.elapsed() >= Duration::from_secs(SECONDS / 2) {
            let mut init = pgbench(pg_port, &["-i", "-s", "8", "-q"]);
            let _ = init.wait();
            bench = Some(pgbench(pg_port, &["-c", "4", "-j", "2", "-T", "12", "-S"]));
        }
        let next = Duration::from_secs(second);
        std::thread::sleep(next.saturating_sub(start.elapsed()));
    }
    if let Some(mut b) = bench {
        let _ = b.wait();
    }
    stop(recorder);
    redis_cli(redis_port, &["-n", "1", "FLUSHDB"]);

    let v = json(&hostfit(&[
        "history",
        "--db",
        s(&db),
        "--since",
        "10m",
        "-f",
        "json",
    ]));
    let samples = v["samples"].as_u64().unwrap_or(0);
    assert!(samples >= 25, "{samples} samples in 32 s");
    // The load's peak: PostgreSQL's CPU and working set at their highest against the scan before.
    let pgw = workload(&v, pg_cgroup);
    let cpu_max = pgw["cpu_cores"]["max"].as_f64().unwrap_or(0.0);
    let cpu_before = pg_before["cpu"].as_f64().unwrap_or(0.0);
    assert!(
        cpu_max >= 0.2 && cpu_max > 2.0 * cpu_before,
        "pgbench's CPU peak: {cpu_max} (before {cpu_before})"
    );
    let mem_max = pgw["memory_bytes"]["max"].as_u64().unwrap_or(0);
    let mem_before = pg_before["memory"].as_u64().unwrap_or(0);
    assert!(
        mem_max >= mem_before + 10 * MIB,
        "pgbench's memory peak: {mem_max} (before {mem_before})"
    );
    let text = hostfit(&["history", "--db", s(&db), "--since", "10m"]);
    assert!(text.stdout.contains(pg_cgroup), "{}", text.stdout);

    // Redis grew about 6 MB a second: a growth rate, and a date in the forecast.
    let trend = v["forecast"]["workloads"]
        .as_array()
        .and_then(|a| a.iter().find(|w| w["name"] == redis_cgroup))
        .unwrap_or_else(|| panic!("no forecast for '{redis_cgroup}': {}", v["forecast"]));
    let growth = trend["growth_bytes_per_day"].as_f64().unwrap_or(0.0);
    let fill = 6000.0 * 1000.0 * 86_400.0;
    assert!(
        growth > 0.5 * fill && growth < 4.0 * fill,
        "redis grows {growth} a day, filled {fill}"
    );
    assert_eq!(trend["reserve_reached"]["kind"], "at", "{trend}");
    assert!(
        trend["reserve_reached"]["date"]
            .as_str()
            .is_some_and(|d| d.len() == 10),
        "{trend}"
    );
    assert!(v["forecast"]["host"]["used_growth_bytes_per_day"].is_number());

    // A plan that sits between the scan before the load and the recording's worst moment: the
    // planner's memory room on each (a probe of one byte), then a demand halfway.
    let plan_with = |need: u64| {
        dir.write(
            "plan.yaml",
            // The databases counted at what they use: at their ceilings the load's growth is
            // held out of the room before it happens, and the two verdicts would agree.
            &format!("policy:\n  engines: now\n  disk_reserve: 0%\nservices:\n  - name: between\n    tiers:\n      standard: {{memory: {need}, cpu: 0}}\n"),
        )
    };
    let on_snapshot = |plan: &std::path::Path| {
        hostfit(&["plan", s(plan), "--snapshot", s(&before), "-f", "json"])
    };
    let on_history = |plan: &std::path::Path| {
        hostfit(&[
            "plan",
            s(plan),
            "--snapshot",
            s(&before),
            "--history",
            s(&db),
            "--window",
            "10m",
            "-f",
            "json",
        ])
    };
    let memory = |run: &crate::util::Run| json(run)["scenarios"][0]["memory"].clone();
    let probe = plan_with(1);
    let room_before = memory(&on_snapshot(&probe))["room_bytes"]
        .as_i64()
        .unwrap_or(0);
    let room_worst = memory(&on_history(&probe))["room_bytes"]
        .as_i64()
        .unwrap_or(0);
    assert!(
        room_worst + (16 * MIB) as i64 <= room_before,
        "the load took no memory: room {room_before} before, {room_worst} at the worst moment"
    );
    let plan = plan_with(((room_before + room_worst) / 2).max(1) as u64);
    let snapshot_verdict = memory(&on_snapshot(&plan))["verdict"].clone();
    let history_run = on_history(&plan);
    let history_verdict = memory(&history_run)["verdict"].clone();
    assert_eq!(
        snapshot_verdict, "fits",
        "memory on the scan before the load"
    );
    assert_ne!(
        history_verdict, "fits",
        "memory on the history's worst moment"
    );
    assert_eq!(json(&history_run)["history"]["memory_basis"], "max");
    let text = hostfit(&[
        "plan",
        s(&plan),
        "--snapshot",
        s(&before),
        "--history",
        s(&db),
        "--window",
        "10m",
    ]);
    assert!(
        text.stdout.contains("memory on its 'max'"),
        "{}",
        text.stdout
    );
    let _ = psql(
        pg_port,
        "DROP TABLE IF EXISTS pgbench_accounts, pgbench_branches, pgbench_history, pgbench_tellers",
    );
}

#[test]
#[ignore = "runs redis-benchmark: scripts/test runs it alone"]
fn live_history_profile_of_redis_under_benchmark() {
    let test = "live_history_profile_of_redis_under_benchmark";
    if need(test, Server::Redis).is_none() {
        return;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port().to_string())
        .expect("a free port");
    let dir = Scratch::new("live-profile");
    let out = dir.path("entry.yaml");
    let server = program("redis-server", &[]);
    let profile = Command::new(env!("CARGO_BIN_EXE_hostfit"))
        .args([
            "profile",
            "--for",
            "14s",
            "--every",
            "200ms",
            "-o",
            s(&out),
            "--",
            &server,
            "--port",
            &port,
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("hostfit profile starts");
    // Wait for the server, then load it while reading its own account of its memory.
    let start = Instant::now();
    while Command::new(program("redis-cli", &[]))
        .args(["-h", "127.0.0.1", "-p", &port, "PING"])
        .output()
        .map_or(true, |o| {
            !String::from_utf8_lossy(&o.stdout).contains("PONG")
        })
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "redis-server did not answer"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut bench = Command::new(program("redis-benchmark", &[]))
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            &port,
            "-n",
            "150000",
            "-c",
            "10",
            "-d",
            "1000",
            "-r",
            "150000",
            "-t",
            "set",
            "-q",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-benchmark starts");
    let mut peak: u64 = 0;
    let mut profile = profile;
    let status = loop {
        if let Ok(o) = Command::new(program("redis-cli", &[]))
            .args(["-h", "127.0.0.1", "-p", &port, "INFO", "memory"])
            .output()
        {
            let text = String::from_utf8_lossy(&o.stdout);
            if let Some(rss) = text
                .lines()
                .find_map(|l| l.strip_prefix("used_memory_rss:"))
                .and_then(|v| v.trim().parse::<u64>().ok())
            {
                peak = peak.max(rss);
            }
        }
        if let Some(st) = profile.try_wait().expect("wait") {
            break st;
        }
        assert!(
            start.elapsed() < Duration::from_secs(40),
            "hostfit profile did not end"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    let _ = bench.kill();
    let _ = bench.wait();
    assert!(status.success(), "{status}");
    let entry = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(peak > 50 * MIB, "redis-benchmark filled {peak} bytes only");
    let tier_mib = |tier: &str| -> u64 {
        let at = entry
            .find(&format!("    {tier}:"))
            .unwrap_or_else(|| panic!("{entry}"));
        entry[at..]
            .lines()
            .find_map(|l| l.trim().strip_prefix("memory: "))
            .and_then(|m| m.strip_suffix("MiB"))
            .and_then(|m| m.parse().ok())
            .unwrap_or_else(|| panic!("{entry}"))
    };
    assert!(
        tier_mib("ideal") * MIB >= peak,
        "ideal {} MiB below the peak {peak}: {entry}",
        tier_mib("ideal")
    );
    assert!(tier_mib("minimum") >= 16, "{entry}");
    assert!(entry.contains("samples over"), "{entry}");
    assert!(entry.contains("- name: \"redis-server\""), "{entry}");
}

#[test]
fn live_history_profile_of_a_container() {
    let test = "live_history_profile_of_a_container";
    let Some(docker) = need(test, Server::Docker) else {
        return;
    };
    let name = docker.get("HOSTFIT_DOCKER_CONTAINER");
    let held = docker.number("HOSTFIT_DOCKER_ALLOC_BYTES");
    let run = hostfit(&[
        "profile",
        "--for",
        "2s",
        "--every",
        "500ms",
        "--container",
        name,
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let entry = &run.stdout;
    assert!(entry.contains(&format!("- name: \"{name}\"")), "{entry}");
    assert!(entry.contains("the container's working set"), "{entry}");
    // The container holds its 64 MiB in /dev/shm throughout: every tier holds at least that.
    let mibs: Vec<u64> = entry
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("memory: ")?
                .strip_suffix("MiB")?
                .parse()
                .ok()
        })
        .collect();
    assert_eq!(mibs.len(), 3, "{entry}");
    assert!(
        mibs.iter().all(|m| m * MIB >= held),
        "{mibs:?} below {held}: {entry}"
    );
    let none = hostfit(&["profile", "--for", "1s", "--container", "no-such-container"]);
    assert_eq!(none.status, 2, "{}", none.stderr);
}
