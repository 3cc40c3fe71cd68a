//! The busybox container under a real Docker engine: its memory against `docker stats` and the
//! 64 MiB the script made it write, its CPU against the half core `--cpus 0.5` grants it.

use super::{Env, MIB, Server, need, output, program, scan_now, workload};
use hostfit::model::{Bytes, WorkloadKind};
use std::path::{Path, PathBuf};

/// The docker client of the engine's own package before a newer one earlier on `PATH`, as
/// scripts/components.sh chooses.
fn docker(env: &Env, args: &[&str]) -> String {
    let docker = program("docker", &["/usr/bin/docker"]);
    let mut full = vec!["--host", env.get("DOCKER_HOST")];
    full.extend_from_slice(args);
    output(&docker, &full)
}

/// `64.48MiB` as `docker stats` prints a size (Go's `units.BytesSize`: four significant
/// digits and a binary unit) in bytes.
fn docker_size(text: &str) -> f64 {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .unwrap_or_else(|_| panic!("'{text}' is not a size"));
    let scale = match unit {
        "B" => 1.0,
        "KiB" => 1024.0,
        "MiB" => 1024.0 * 1024.0,
        "GiB" => 1024.0 * 1024.0 * 1024.0,
        _ => panic!("'{text}': unit '{unit}' unknown"),
    };
    number * scale
}

#[test]
fn docker_size_reads_what_docker_stats_prints() {
    assert_eq!(docker_size("64.48MiB"), 64.48 * 1024.0 * 1024.0);
    assert_eq!(docker_size("512KiB"), 512.0 * 1024.0);
    assert_eq!(docker_size("0B"), 0.0);
}

/// The container's memory, read by hostfit and by `docker stats` one right after the other.
///
/// Docker computes its figure itself from the engine's stats (usage less inactive file cache),
/// the same definition hostfit reports, so the two agree to within what can differ between two
/// reads of an idle container: `docker stats` prints four significant digits (0.03 MiB at this
/// size) and the kernel charges memory to a cgroup in per-CPU batches of up to 128 KiB; 1 MiB
/// covers both with room.
///
/// Against the allocation: the script wrote 64 MiB into the container's /dev/shm, a tmpfs
/// charged to its cgroup as shared memory, which no working-set definition leaves out, so the
/// figure is at least that. The container runs one static busybox shell besides, so it holds
/// at most 8 MiB more: the shell, its page tables and the cgroup's kernel memory (seen: 0.5 MiB).
#[test]
fn live_scan_docker_container_memory() {
    let Some(env) = need("live_scan_docker_container_memory", Server::Docker) else {
        return;
    };
    let name = env.get("HOSTFIT_DOCKER_CONTAINER");
    let alloc = env.number("HOSTFIT_DOCKER_ALLOC_BYTES");
    let snap = scan_now("0");
    let stats = docker(
        &env,
        &["stats", "--no-stream", "--format", "{{json .}}", name],
    );
    let w = workload(&snap, name, WorkloadKind::Container);
    let stats: serde_json::Value =
        serde_json::from_str(stats.trim()).unwrap_or_else(|e| panic!("docker stats: {e}: {stats}"));
    let usage = stats["MemUsage"].as_str().unwrap_or_default();
    let (used, limit) = usage
        .split_once('/')
        .unwrap_or_else(|| panic!("docker stats MemUsage '{usage}'"));
    let memory = w.memory.0;
    assert!(
        (memory as f64 - docker_size(used)).abs() <= MIB as f64,
        "container: scan says {memory} bytes, docker stats says {usage}"
    );
    assert!(
        (alloc..=alloc + 8 * MIB).contains(&memory),
        "container: scan says {memory} bytes; the script wrote {alloc} bytes into it"
    );
    // --memory 256m, as docker reports it and as the script set it
    assert_eq!(docker_size(limit), (256 * MIB) as f64, "{usage}");
    assert_eq!(w.memory_limit, Some(Bytes(256 * MIB)));
    assert_eq!(w.image.as_deref(), Some("local/busybox:1"));
}

/// CFS bandwidth counters of a cgroup: periods it ran in, and periods it used up its quota in.
#[derive(Debug, Clone, Copy)]
struct Throttling {
    periods: u64,
    throttled: u64,
}

/// The container's `cpu.stat` (v1 cpu hierarchy, or v2 with the cgroupfs or systemd driver).
fn cpu_stat(id: &str) -> PathBuf {
    let candidates = [
        format!("/sys/fs/cgroup/cpu/docker/{id}/cpu.stat"),
        format!("/sys/fs/cgroup/cpu,cpuacct/docker/{id}/cpu.stat"),
        format!("/sys/fs/cgroup/docker/{id}/cpu.stat"),
        format!("/sys/fs/cgroup/system.slice/docker-{id}.scope/cpu.stat"),
    ];
    candidates
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("no cpu.stat for container {id} among {candidates:?}"))
}

fn throttling(path: &Path) -> Throttling {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let key = |k: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(k)?.trim().parse().ok())
            .unwrap_or_else(|| panic!("no '{k}' in {}:\n{text}", path.display()))
    };
    Throttling {
        periods: key("nr_periods "),
        throttled: key("nr_throttled "),
    }
}

/// The container's busy loop, held by `--cpus 0.5` to a quota of 50 ms per 100 ms period,
/// measured by a scan with a 2 s interval.
///
/// Upper bound: the kernel lets the loop run at most its quota in each period, overrunning by
/// at most one scheduler tick (10 ms at the lowest common HZ) before it throttles; the interval
/// touches at most ceil(interval / period) + 1 periods: about 0.65 cores for 2 s.
///
/// Lower bound: on a machine whose other work leaves the loop its half core, the loop uses up
/// its quota in every period and the kernel counts the period as throttled. A throttled period
/// means at least the quota less the 5 ms slice the bandwidth pool may still have handed to the
/// other CPU, so 45 ms. The counters are read around the whole hostfit run, which is longer
/// than the interval: the periods outside the interval are assumed all throttled, which leaves
/// a bound that holds however busy the machine is (0.43 cores on an idle one; lower, and said so
/// on stderr, when other work kept the loop from its quota).
#[test]
fn live_scan_docker_container_cpu() {
    let Some(env) = need("live_scan_docker_container_cpu", Server::Docker) else {
        return;
    };
    const PERIOD: f64 = 0.1;
    const QUOTA: f64 = 0.05;
    const TICK: f64 = 0.01;
    const SLICE: f64 = 0.005;
    let stat = cpu_stat(env.get("HOSTFIT_DOCKER_CONTAINER_ID"));
    let before = throttling(&stat);
    let snap = scan_now("2s");
    let after = throttling(&stat);
    let w = workload(
        &snap,
        env.get("HOSTFIT_DOCKER_CONTAINER"),
        WorkloadKind::Container,
    );
    let interval = snap.host.cpu.interval_seconds.unwrap_or(0.0);
    assert!(interval >= 2.0, "the scan measured over {interval} s");

    let touched = (interval / PERIOD).ceil() + 1.0;
    let most = touched * (QUOTA + TICK) / interval;
    let periods = after.periods - before.periods;
    let throttled = after.throttled - before.throttled;
    let inside = (interval / PERIOD).floor() - 1.0;
    let throttled_inside = (throttled as f64 - (periods as f64 - inside)).max(0.0);
    let least = throttled_inside * (QUOTA - SLICE) / interval;
    let cpu = w.cpu.0;
    let seen = format!(
        "scan says {cpu} cores over {interval} s; throttled in {throttled} of {periods} periods"
    );
    assert!(
        (least..=most).contains(&cpu),
        "container: {seen}: expected {least:.3} ..= {most:.3} cores"
    );
    if least < 0.3 {
        use std::io::Write;
        let line = format!(
            "live_scan_docker_container_cpu: the machine kept the loop from its quota ({seen}), \
             so the lower bound was only {least:.3} cores\n"
        );
        let _ = std::io::stderr().write_all(line.as_bytes());
    }
    assert_eq!(w.cpu_limit.map(|c| c.0), Some(0.5));
}
