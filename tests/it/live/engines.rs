//! The databases scripts/components.sh runs with settings that are not their defaults
//! (PostgreSQL shared_buffers=64MB in an included file and max_connections=40 on its command
//! line; Redis maxmemory 100mb in the redis.conf its title names; MariaDB
//! innodb_buffer_pool_size=64M in an !includedir file and --max-connections=40): hostfit finds
//! each, reads its settings where they were put, and works out the ceiling this file works out by
//! hand from what the server itself says (SHOW, SHOW GLOBAL VARIABLES, CONFIG GET, INFO). Then a
//! plan built between what they use now and their ceilings switches verdict with the policy,
//! and its tuning option names a setting and the memory it frees.

use super::services::psql;
use super::{Server, need, output, scan, workload};
use crate::util::{Scratch, hostfit, json, s};
use hostfit::model::engine::Source;
use hostfit::model::{Engine, EngineName, Snapshot, WorkloadKind};
use std::collections::BTreeMap;

fn engine_of<'a>(snap: &'a Snapshot, cgroup: &str) -> &'a Engine {
    workload(snap, cgroup, WorkloadKind::Cgroup)
        .engine
        .as_ref()
        .unwrap_or_else(|| panic!("the workload '{cgroup}' is not seen as a database"))
}

fn input(e: &Engine, setting: &str) -> f64 {
    e.inputs
        .get(setting)
        .map(|v| v.0)
        .unwrap_or_else(|| panic!("no input '{setting}'"))
}

fn file_of(e: &Engine, setting: &str) -> String {
    match e.sources.get(setting) {
        Some(Source::File { path, .. }) => path.clone(),
        other => panic!("{setting} was read from {other:?}, not a file"),
    }
}

/// A scan that asks the server itself, with `--connect DSN`.
fn scan_connected(dsn: &str) -> Snapshot {
    let run = hostfit(&[
        "scan",
        "--interval",
        "0",
        "--format",
        "json",
        "--connect",
        dsn,
    ]);
    serde_json::from_str(&json(&run).to_string()).expect("a snapshot")
}

fn ceiling(e: &Engine) -> u64 {
    e.ceiling_bytes
        .map(|b| b.0)
        .unwrap_or_else(|| panic!("{:?}: no ceiling", e.name))
}

/// A PostgreSQL setting as the server has it: bytes for sizes, the number otherwise.
fn pg(port: &str, setting: &str, size: bool) -> f64 {
    let sql = if size {
        format!("SELECT pg_size_bytes(current_setting('{setting}'))")
    } else {
        format!("SELECT current_setting('{setting}')")
    };
    let v = psql(port, &sql);
    v.parse().unwrap_or_else(|_| panic!("{setting} is '{v}'"))
}

#[test]
fn live_scan_engines_postgres_ceiling() {
    let Some(env) = need("live_scan_engines_postgres_ceiling", Server::Postgres) else {
        return;
    };
    let port = env.get("HOSTFIT_PG_PORT");
    let e = engine_of(scan(), env.get("HOSTFIT_PG_CGROUP"));
    assert_eq!(e.name, EngineName::Postgresql);
    // Where the script put the settings.
    assert!(file_of(e, "shared_buffers").ends_with("/conf.d/hostfit.conf"));
    assert_eq!(e.sources.get("max_connections"), Some(&Source::CommandLine));
    // The server's own account (wal_buffers shows what -1 worked out to).
    let sb = pg(port, "shared_buffers", true);
    let wal = pg(port, "wal_buffers", true);
    let mc = pg(port, "max_connections", false);
    let wm = pg(port, "work_mem", true);
    let hm = pg(port, "hash_mem_multiplier", false);
    let workers = pg(port, "autovacuum_max_workers", false);
    let av = pg(port, "autovacuum_work_mem", true);
    let mwm = pg(port, "maintenance_work_mem", true);
    assert_eq!(
        (sb, mc),
        ((64u64 << 20) as f64, 40.0),
        "the script's settings"
    );
    assert_eq!(
        (input(e, "shared_buffers"), input(e, "max_connections")),
        (sb, mc)
    );
    let per_worker = if av < 0.0 { mwm } else { av };
    let by_hand = (sb + wal + mc * wm * hm + workers * per_worker) as u64;
    assert_eq!(ceiling(e), by_hand, "from the files and command line");
    // The same from the server itself, through psql's SHOW ALL.
    let dsn = format!("postgresql=postgresql://postgres@127.0.0.1:{port}/postgres");
    let snap = scan_connected(&dsn);
    let e = engine_of(&snap, env.get("HOSTFIT_PG_CGROUP"));
    assert_eq!(
        e.sources.get("shared_buffers"),
        Some(&Source::Live),
        "{:?}",
        snap.warnings
    );
    assert_eq!(
        e.version.as_deref().map(|v| v.starts_with("15")),
        Some(true)
    );
    assert_eq!(ceiling(e), by_hand, "from the server");
}

fn redis_cli(port: &str, args: &[&str]) -> String {
    let mut all = vec!["-h", "127.0.0.1", "-p", port];
    all.extend_from_slice(args);
    output("redis-cli", &all)
}

fn fragmentation(port: &str) -> f64 {
    let info = redis_cli(port, &["INFO", "memory"]);
    info.lines()
        .find_map(|l| l.trim().strip_prefix("mem_fragmentation_ratio:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("INFO memory gives mem_fragmentation_ratio")
}

#[test]
fn live_scan_engines_redis_ceiling() {
    let Some(env) = need("live_scan_engines_redis_ceiling", Server::Redis) else {
        return;
    };
    let (port, cgroup) = (
        env.get("HOSTFIT_REDIS_PORT"),
        env.get("HOSTFIT_REDIS_CGROUP"),
    );
    let max: f64 = redis_cli(port, &["CONFIG", "GET", "maxmemory"])
        .lines()
        .nth(1)
        .and_then(|v| v.trim().parse().ok())
        .expect("CONFIG GET maxmemory");
    assert_eq!(max, (100u64 << 20) as f64, "the script's maxmemory 100mb");
    // Without --connect: from the redis.conf the process title names; fragmentation not
    // observed, so 1.
    let e = engine_of(scan(), cgroup);
    assert!(file_of(e, "maxmemory").ends_with("/redis.conf"));
    assert_eq!(input(e, "maxmemory"), max);
    assert_eq!(ceiling(e), max as u64);
    // With --connect: CONFIG GET and INFO. The ratio moves with the server's resident memory, so
    // it is read before and after the scan and the scan's must lie between the two.
    let before = fragmentation(port);
    let dsn = format!("redis=redis://127.0.0.1:{port}");
    let snap = scan_connected(&dsn);
    let after = fragmentation(port);
    let e = engine_of(&snap, cgroup);
    assert_eq!(
        e.sources.get("maxmemory"),
        Some(&Source::Live),
        "{:?}",
        snap.warnings
    );
    let ratio = input(e, "mem_fragmentation_ratio");
    assert!(
        ratio >= before.min(after) && ratio <= before.max(after),
        "ratio {ratio} is not between {before} and {after}"
    );
    assert_eq!(ceiling(e), (max * ratio.max(1.0)).round() as u64);
}

/// SHOW GLOBAL VARIABLES of the script's MariaDB, by name.
fn mariadb_variables(socket: &str) -> BTreeMap<String, String> {
    let sock = format!("--socket={socket}");
    output(
        "mariadb",
        &[
            "--no-defaults",
            &sock,
            "-uroot",
            "-N",
            "-B",
            "-e",
            "SHOW GLOBAL VARIABLES",
        ],
    )
    .lines()
    .filter_map(|l| l.split_once('\t'))
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

#[test]
fn live_scan_engines_mariadb_ceiling() {
    let Some(env) = need("live_scan_engines_mariadb_ceiling", Server::Mariadb) else {
        return;
    };
    let (socket, cgroup) = (
        env.get("HOSTFIT_MARIADB_SOCKET"),
        env.get("HOSTFIT_MARIADB_CGROUP"),
    );
    let vars = mariadb_variables(socket);
    let v = |name: &str| -> f64 {
        vars.get(name)
            .and_then(|x| x.parse().ok())
            .unwrap_or_else(|| panic!("SHOW GLOBAL VARIABLES has no number for {name}"))
    };
    assert_eq!(
        (v("innodb_buffer_pool_size"), v("max_connections")),
        ((64u64 << 20) as f64, 40.0),
        "the script's settings"
    );
    assert_eq!(
        vars.get("performance_schema").map(String::as_str),
        Some("OFF")
    );
    // MySQLTuner's maximum peak memory, from the server's own variables.
    let global = v("key_buffer_size")
        + v("tmp_table_size").min(v("max_heap_table_size"))
        + v("innodb_buffer_pool_size")
        + v("innodb_log_buffer_size")
        + v("query_cache_size")
        + v("aria_pagecache_buffer_size");
    let per_thread = v("read_buffer_size")
        + v("read_rnd_buffer_size")
        + v("sort_buffer_size")
        + v("thread_stack")
        + v("join_buffer_size");
    let by_hand = (global + v("max_connections") * per_thread) as u64;
    let e = engine_of(scan(), cgroup);
    assert_eq!(e.name, EngineName::Mariadb);
    assert!(file_of(e, "innodb_buffer_pool_size").ends_with("/conf.d/hostfit.cnf"));
    assert_eq!(e.sources.get("max_connections"), Some(&Source::CommandLine));
    assert_eq!(ceiling(e), by_hand, "from the files and command line");
    // The same from the server itself, through the mariadb client.
    let dsn = format!("mysql=mysql://root@localhost/?socket={socket}");
    let snap = scan_connected(&dsn);
    let e = engine_of(&snap, cgroup);
    assert_eq!(
        e.sources.get("innodb_buffer_pool_size"),
        Some(&Source::Live)
    );
    assert_eq!(ceiling(e), by_hand, "from the server");
}

/// The done-when of issue 10: on this host's databases, a plan that fits when they are counted
/// at what they use now and does not when they are counted at their ceilings; the tuning option
/// names the setting to lower and the memory it frees.
#[test]
fn live_plan_engines_switch_verdict_between_now_and_ceiling() {
    let Some(_) = need("live_plan_engines_switch_verdict", Server::Postgres) else {
        return;
    };
    let dir = Scratch::new("engines-switch");
    let run = hostfit(&["scan", "--interval", "0", "--format", "json"]);
    let snap: Snapshot = serde_json::from_str(&json(&run).to_string()).expect("a snapshot");
    let path = dir.write("snapshot.json", &run.stdout);
    // What the databases may add above now, from the snapshot: ceiling (capped by a container's
    // limit) less the working set, for each one with a ceiling.
    let growth: u64 = snap
        .workloads
        .iter()
        .filter_map(|w| {
            let c = w.engine.as_ref()?.ceiling_bytes?;
            let c = w.memory_limit.map_or(c, |l| c.min(l));
            Some(c.0.saturating_sub(w.memory.0))
        })
        .sum();
    assert!(
        growth > 64 << 20,
        "the databases may grow by only {growth} bytes"
    );
    // No disk reserve: how full this machine's disk is is not what the test is about.
    let plan_with = |engines: &str, demand: u64| {
        let text = format!(
            "policy: {{memory_reserve: 0%, cpu_limit: 100%, disk_reserve: 0%, engines: {engines}}}\nservices:\n  - name: app\n    port: 1\n    tiers: {{minimum: {{memory: {demand}, cpu: 0, disk: 0}}}}\n"
        );
        let plan = dir.write(&format!("plan-{engines}.yaml"), &text);
        json(&hostfit(&[
            "plan",
            s(&plan),
            "--snapshot",
            s(&path),
            "--format",
            "json",
        ]))
    };
    // The room on `now` is what is available (the cap's figure under a cgroup limit).
    let probe = plan_with("now", 1);
    let room_now = probe["scenarios"][0]["memory"]["room_bytes"]
        .as_i64()
        .unwrap_or(0) as u64;
    assert!(
        room_now > growth,
        "room {room_now} is below the growth {growth}"
    );
    let demand = room_now - growth / 2;
    let now = plan_with("now", demand);
    let ceil = plan_with("ceiling", demand);
    assert_eq!(
        now["scenarios"][0]["verdict"], "fits",
        "{}",
        now["scenarios"][0]
    );
    assert_eq!(now["scenarios"][0]["engines"], "now");
    assert_eq!(ceil["engines"]["growth_bytes"].as_u64(), Some(growth));
    assert_eq!(ceil["scenarios"][0]["engines"], "ceiling");
    assert_eq!(ceil["scenarios"][0]["verdict"], "does_not_fit");
    assert_eq!(
        ceil["reconciliation"]["engine_growth_bytes"].as_u64(),
        Some(growth)
    );
    // Short by growth / 2: the tuning option lowers a setting and says what it frees.
    let step = &ceil["options"]["tuning"][0]["steps"][0];
    assert!(
        step["setting"].as_str().is_some_and(|s| !s.is_empty()),
        "{step}"
    );
    assert!(
        step["frees_bytes"].as_u64().is_some_and(|f| f > 0),
        "{step}"
    );
    let plan = dir.path("plan-ceiling.yaml");
    let text = hostfit(&["plan", s(&plan), "--snapshot", s(&path)]);
    let setting = step["setting"].as_str().unwrap_or_default();
    assert!(
        text.stdout.contains(&format!("lower {setting} from")),
        "{}",
        text.stdout
    );
}
