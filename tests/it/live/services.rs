//! PostgreSQL and Redis, each in a cgroup of its own: the working set hostfit reports for the
//! cgroup against what the server itself says it holds.

use super::{
    MIB, Server, cgroup_pids, memory_cgroup, need, output, program, scan, status_bytes, workload,
};
use hostfit::model::{Snapshot, Workload, WorkloadKind};
use std::path::Path;

/// The checks both servers share: the workload listens on the server's port, counts the
/// processes the kernel lists in its cgroup, and its executable is not counted again.
fn same_processes_and_port(label: &str, snap: &Snapshot, w: &Workload, port: u16, pids: &[u32]) {
    assert!(
        w.ports.contains(&port),
        "{label}: port {port} not in {:?}",
        w.ports
    );
    assert!(
        snap.host.listening_ports.iter().any(|l| l.port == port),
        "{label}: port {port} is not among the listening ports"
    );
    // The kernel's list read after the scan: equal, or one apart when a PostgreSQL worker
    // (autovacuum starts one a minute) came or went in between.
    let processes = u64::from(w.processes.unwrap_or(0));
    assert!(
        processes.abs_diff(pids.len() as u64) <= 1,
        "{label}: scan counts {processes} processes, the cgroup lists {pids:?}"
    );
    // The server's processes are not counted a second time among the groups by executable.
    let exe = pids
        .first()
        .and_then(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).ok());
    if let Some(name) = exe
        .as_ref()
        .and_then(|e| e.file_name())
        .and_then(|n| n.to_str())
        && let Some(again) = snap
            .workloads
            .iter()
            .find(|o| o.name == name && o.kind == WorkloadKind::Process)
    {
        assert!(
            again.memory.0 < w.memory.0 / 2,
            "{label}: '{name}' counted twice"
        );
    }
}

pub(crate) fn psql(port: &str, sql: &str) -> String {
    let psql = program("psql", &["/usr/lib/postgresql/15/bin/psql"]);
    let args = [
        "-X",
        "-A",
        "-t",
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
    ];
    output(&psql, &args).trim().to_string()
}

fn psql_bytes(port: &str, sql: &str) -> u64 {
    let v = psql(port, sql);
    v.parse()
        .unwrap_or_else(|_| panic!("'{sql}' gave '{v}', not a number"))
}

/// Bytes of the regular files under `dir`.
fn tree_bytes(dir: &Path) -> u64 {
    let mut sum = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            sum += tree_bytes(&entry.path());
        } else if kind.is_file() {
            sum += entry.metadata().map_or(0, |m| m.len());
        }
    }
    sum
}

/// PostgreSQL, with a 26 MB table the script read into its shared buffers.
///
/// Lower bound, from PostgreSQL: the shared buffers that hold a page (pg_buffercache). Each was
/// written when its page came in, so it is resident shared memory, charged to this cgroup (every
/// process of the server lives there, from the postmaster on) and not page cache, so no
/// working-set definition leaves it out. Upper bound, loose but from other sources: all the
/// shared memory PostgreSQL allocated (pg_shmem_allocations), the private memory of its
/// processes (RssAnon), every byte of its data directory as page cache, and 16 MiB for the
/// kernel's own memory charged to the cgroup.
#[test]
fn live_scan_postgres() {
    let Some(env) = need("live_scan_postgres", Server::Postgres) else {
        return;
    };
    let (port, cgroup) = (env.get("HOSTFIT_PG_PORT"), env.get("HOSTFIT_PG_CGROUP"));
    let snap = scan();
    // a cgroup made by hand, not a systemd unit: kind cgroup
    let w = workload(snap, cgroup, WorkloadKind::Cgroup);
    // read before psql below adds a backend of its own
    let pids = cgroup_pids(&memory_cgroup(cgroup));
    let anon: u64 = pids.iter().map(|&p| status_bytes(p, "RssAnon")).sum();
    same_processes_and_port(
        "postgres",
        snap,
        w,
        env.number("HOSTFIT_PG_PORT") as u16,
        &pids,
    );

    let buffers = psql_bytes(
        port,
        "SELECT count(*) * current_setting('block_size')::bigint FROM pg_buffercache \
         WHERE relfilenode IS NOT NULL",
    );
    let shared = psql_bytes(port, "SELECT sum(allocated_size) FROM pg_shmem_allocations");
    let files = tree_bytes(Path::new(&psql(port, "SHOW data_directory")));
    assert!(
        buffers >= 20 * MIB,
        "PostgreSQL holds only {buffers} bytes in shared buffers: the script's table is missing"
    );
    let memory = w.memory.0;
    assert!(
        memory >= buffers,
        "postgres: scan says {memory} bytes, below the {buffers} bytes PostgreSQL holds in shared buffers"
    );
    let most = shared + anon + files + 16 * MIB;
    assert!(
        memory <= most,
        "postgres: scan says {memory} bytes, above shared memory {shared} + private {anon} \
         + data directory {files} + 16 MiB"
    );
}

/// Redis, with 100000 keys of 200 bytes the script put in (about 25 MB of data).
///
/// Its own `INFO memory` brackets the cgroup's working set: `used_memory`, the bytes its
/// allocator handed out, is resident once written (no swap on these machines), so the working
/// set is at least that, less 2 MiB for zeroed blocks handed out from fresh pages and not yet
/// written (the empty buckets of a hash table grown by calloc); `used_memory_rss`, every resident page of the process, is at
/// least its anonymous memory, so the working set is at most that plus what the cgroup holds
/// outside the process's pages: the kernel's own memory and unmapped page cache (seen here:
/// 0.4 MiB; 4 MiB allowed). The two are not equal: `used_memory_rss` also counts the mapped
/// pages of the redis binary and its libraries (9 MiB here), which the page cache charges to
/// whichever cgroup read them first.
#[test]
fn live_scan_redis() {
    let Some(env) = need("live_scan_redis", Server::Redis) else {
        return;
    };
    let cgroup = env.get("HOSTFIT_REDIS_CGROUP");
    let snap = scan();
    // a cgroup made by hand, not a systemd unit: kind cgroup
    let w = workload(snap, cgroup, WorkloadKind::Cgroup);
    let pids = cgroup_pids(&memory_cgroup(cgroup));
    same_processes_and_port(
        "redis",
        snap,
        w,
        env.number("HOSTFIT_REDIS_PORT") as u16,
        &pids,
    );

    let info = output(
        "redis-cli",
        &[
            "-h",
            "127.0.0.1",
            "-p",
            env.get("HOSTFIT_REDIS_PORT"),
            "INFO",
            "memory",
        ],
    );
    let figure = |key: &str| -> u64 {
        info.lines()
            .find_map(|l| {
                l.trim_end()
                    .strip_prefix(key)?
                    .strip_prefix(':')?
                    .parse()
                    .ok()
            })
            .unwrap_or_else(|| panic!("no '{key}' in INFO memory:\n{info}"))
    };
    let (used, rss) = (figure("used_memory"), figure("used_memory_rss"));
    assert!(
        used >= 20 * MIB,
        "Redis holds only {used} bytes: the script's keys are missing"
    );
    let memory = w.memory.0;
    assert!(
        (used.saturating_sub(2 * MIB)..=rss + 4 * MIB).contains(&memory),
        "redis: scan says {memory} bytes; INFO memory says used_memory {used}, used_memory_rss {rss}"
    );
}
