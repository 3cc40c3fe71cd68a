//! Live tests: `hostfit scan` and `hostfit plan --live` on this machine, with the real servers
//! scripts/components.sh starts (PostgreSQL, Redis and MariaDB each in a cgroup of its own, a
//! busybox container under a Docker engine, node_exporter), and the HTML report in headless
//! Chromium (`browser`). Each figure hostfit reports is held against
//! the server's own account of itself, or against what the test made the server hold, never
//! against hostfit's formula done again on the same kernel files.
//!
//! A test whose server is not running skips, saying so on stderr (past the test harness's
//! capture). With `HOSTFIT_LIVE=required`, which scripts/test sets, it fails instead, naming the
//! server. Every test here has `live` in its name, so `cargo test --test it live` runs them all.

mod browser;
mod docker;
mod engines;
mod fleet;
mod history;
mod host;
mod services;

use crate::util::hostfit;
use hostfit::model::{Snapshot, Workload, WorkloadKind};
use std::collections::BTreeMap;
use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

const MIB: u64 = 1024 * 1024;

/// The servers the live tests measure, as scripts/components.sh starts them.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Server {
    Postgres,
    Redis,
    Mariadb,
    Docker,
    NodeExporter,
    Prometheus,
}

impl Server {
    fn name(self) -> &'static str {
        match self {
            Server::Postgres => "postgres",
            Server::Redis => "redis",
            Server::Mariadb => "mariadb",
            Server::Docker => "docker",
            Server::NodeExporter => "node_exporter",
            Server::Prometheus => "prometheus",
        }
    }

    /// The variables scripts/components.sh exports once the server is up.
    fn vars(self) -> &'static [&'static str] {
        match self {
            Server::Postgres => &["HOSTFIT_PG_PORT", "HOSTFIT_PG_PID", "HOSTFIT_PG_CGROUP"],
            Server::Redis => &[
                "HOSTFIT_REDIS_PORT",
                "HOSTFIT_REDIS_PID",
                "HOSTFIT_REDIS_CGROUP",
            ],
            Server::Mariadb => &[
                "HOSTFIT_MARIADB_PORT",
                "HOSTFIT_MARIADB_PID",
                "HOSTFIT_MARIADB_SOCKET",
                "HOSTFIT_MARIADB_CGROUP",
            ],
            Server::Docker => &[
                "DOCKER_HOST",
                "HOSTFIT_DOCKER_CONTAINER",
                "HOSTFIT_DOCKER_CONTAINER_ID",
                "HOSTFIT_DOCKER_ALLOC_BYTES",
            ],
            Server::NodeExporter => &["HOSTFIT_NODE_EXPORTER_URL"],
            Server::Prometheus => &[
                "HOSTFIT_PROMETHEUS_URL",
                "HOSTFIT_PROMETHEUS3_URL",
                "HOSTFIT_FLEET_TARGETS",
            ],
        }
    }

    /// Why the server, whose variables are all set, does not answer; `None` when it does.
    fn unreachable(self, env: &Env) -> Option<String> {
        let tcp = |port: &str| {
            let addr: SocketAddr = format!("127.0.0.1:{port}").parse().ok()?;
            match TcpStream::connect_timeout(&addr, Duration::from_secs(3)) {
                Ok(_) => None,
                Err(e) => Some(format!("nothing answers on {addr}: {e}")),
            }
        };
        let alive = |pid: &str| {
            (!Path::new("/proc").join(pid).is_dir()).then(|| format!("pid {pid} is not running"))
        };
        match self {
            Server::Postgres => {
                alive(env.get("HOSTFIT_PG_PID")).or_else(|| tcp(env.get("HOSTFIT_PG_PORT")))
            }
            Server::Redis => {
                alive(env.get("HOSTFIT_REDIS_PID")).or_else(|| tcp(env.get("HOSTFIT_REDIS_PORT")))
            }
            Server::Mariadb => alive(env.get("HOSTFIT_MARIADB_PID"))
                .or_else(|| tcp(env.get("HOSTFIT_MARIADB_PORT"))),
            Server::Docker => {
                let host = env.get("DOCKER_HOST");
                let Some(sock) = host.strip_prefix("unix://") else {
                    return Some(format!("DOCKER_HOST '{host}' is not a unix socket"));
                };
                std::os::unix::net::UnixStream::connect(sock)
                    .err()
                    .map(|e| format!("cannot connect to '{sock}': {e}"))
            }
            Server::Prometheus => ["HOSTFIT_PROMETHEUS_URL", "HOSTFIT_PROMETHEUS3_URL"]
                .iter()
                .find_map(|k| match url_port(env.get(k)) {
                    Some(port) => tcp(&port),
                    None => Some(format!("'{}' is not http://127.0.0.1:PORT", env.get(k))),
                }),
            Server::NodeExporter => {
                let url = env.get("HOSTFIT_NODE_EXPORTER_URL");
                match url_port(url) {
                    Some(port) => tcp(&port),
                    None => Some(format!("'{url}' is not http://127.0.0.1:PORT/..")),
                }
            }
        }
    }
}

/// `http://127.0.0.1:PORT/path` -> `PORT`.
fn url_port(url: &str) -> Option<String> {
    let rest = url.strip_prefix("http://127.0.0.1:")?;
    Some(rest.split('/').next()?.to_string())
}

/// The variables of one running server.
#[derive(Debug)]
pub(crate) struct Env(BTreeMap<&'static str, String>);

impl Env {
    pub(crate) fn get(&self, name: &str) -> &str {
        self.0.get(name).map(String::as_str).unwrap_or_default()
    }

    pub(crate) fn number(&self, name: &str) -> u64 {
        let v = self.get(name);
        v.parse()
            .unwrap_or_else(|_| panic!("{name}='{v}' is not a number"))
    }
}

/// True when `HOSTFIT_LIVE=required`: a live test without its server fails instead of skipping.
fn required() -> bool {
    match std::env::var("HOSTFIT_LIVE").as_deref() {
        Ok("required") => true,
        Ok("") | Err(_) => false,
        Ok(other) => panic!("HOSTFIT_LIVE='{other}': the one value it takes is 'required'"),
    }
}

/// The variables of `server` when it runs. When it does not: a failure naming it under
/// `HOSTFIT_LIVE=required`, else `None` after a line on stderr saying `test` is skipped.
pub(crate) fn need(test: &str, server: Server) -> Option<Env> {
    let mut values = BTreeMap::new();
    let mut unset = Vec::new();
    for name in server.vars() {
        match std::env::var(name) {
            Ok(v) if !v.is_empty() => {
                values.insert(*name, v);
            }
            _ => unset.push(*name),
        }
    }
    let env = Env(values);
    let why = if unset.is_empty() {
        server.unreachable(&env)
    } else {
        Some(format!("{} unset", unset.join(", ")))
    };
    let Some(why) = why else {
        return Some(env);
    };
    let server = server.name();
    if required() {
        panic!(
            "{test}: {server} is not running ({why}) and HOSTFIT_LIVE=required; \
             scripts/test or scripts/with-components starts it"
        );
    }
    // Straight to stderr, in one write so lines of tests running side by side do not mix:
    // the harness captures print! and eprint!, not the stream itself.
    let line = format!(
        "SKIP {test}: {server} is not running ({why}); HOSTFIT_LIVE=required makes this a failure\n"
    );
    let _ = std::io::stderr().write_all(line.as_bytes());
    None
}

/// A scan of this host as JSON, with a CPU interval of `interval` (`0` for none).
pub(crate) fn scan_now(interval: &str) -> Snapshot {
    let run = hostfit(&["scan", "--format", "json", "--interval", interval]);
    assert_eq!(run.status, 0, "hostfit scan: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("a JSON snapshot")
}

/// One scan of this host with a one-second CPU interval, shared by the tests that only read
/// figures that hold still (the servers are idle once started).
pub(crate) fn scan() -> &'static Snapshot {
    static SCAN: OnceLock<Snapshot> = OnceLock::new();
    SCAN.get_or_init(|| scan_now("1s"))
}

pub(crate) fn workload<'a>(snap: &'a Snapshot, name: &str, kind: WorkloadKind) -> &'a Workload {
    snap.workloads
        .iter()
        .find(|w| w.name == name && w.kind == kind)
        .unwrap_or_else(|| {
            let names: Vec<String> = snap
                .workloads
                .iter()
                .map(|w| format!("{} ({:?})", w.name, w.kind))
                .collect();
            panic!(
                "no {kind:?} workload '{name}' in the scan: {}",
                names.join(", ")
            )
        })
}

/// Standard output of a command that must succeed.
pub(crate) fn output(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run '{program}': {e}"));
    assert!(
        out.status.success(),
        "'{program} {}' failed with {}: {}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A program from the first of `paths` that exists, else by name from `PATH`.
pub(crate) fn program(name: &str, paths: &[&str]) -> String {
    paths
        .iter()
        .find(|p| Path::new(p).is_file())
        .map_or_else(|| name.to_string(), |p| p.to_string())
}

/// The directory of cgroup `name` in the memory hierarchy: v1 `memory/NAME`, v2 `NAME`.
pub(crate) fn memory_cgroup(name: &str) -> PathBuf {
    let v1 = Path::new("/sys/fs/cgroup/memory").join(name);
    if v1.is_dir() {
        v1
    } else {
        Path::new("/sys/fs/cgroup").join(name)
    }
}

/// The PIDs the kernel lists in a cgroup directory now.
pub(crate) fn cgroup_pids(dir: &Path) -> Vec<u32> {
    let path = dir.join("cgroup.procs");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect()
}

/// A `Key:   N kB` line of `/proc/PID/status`, in bytes; 0 for a process gone meanwhile.
pub(crate) fn status_bytes(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}
