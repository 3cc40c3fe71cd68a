//! Database engines among the workloads: which ones they are, the settings that bound their
//! memory (from what is readable without credentials: command lines, environments, a
//! container's recorded command and environment, configuration files in the process's own
//! view) or, with `--connect`, from the server itself; then each one's ceiling by the model's
//! formula. Read-only: nothing here writes to an engine or its files. It decides no fit.

mod detect;
mod files;
mod jvm;
mod live;
mod mysql;
mod others;
mod postgres;
mod redis;
mod sizes;
mod view;
mod warn;

pub(crate) use detect::by_image;
pub use live::{Connect, DsnError, Secret, parse_connect, password_variable};

/// The pure readers of engine configuration files (one line at a time) and of each engine's
/// spelling of a size, for `probe::parse`, their public face.
pub(super) mod parse {
    pub use super::files::Line as ConfigLine;
    pub use super::jvm::{heap_from_options, parse_jvm_line, parse_neo4j_line};
    pub use super::mysql::parse_line as parse_mysql_line;
    pub use super::postgres::parse_line as parse_postgres_line;
    pub use super::redis::parse_line as parse_redis_line;
    pub use super::sizes::{
        binary as size_binary, mysql as size_mysql, postgres as size_postgres, redis as size_redis,
    };
}

use super::docker::Runtime;
use super::processes::{Process, exe_name};
use super::root::Root;
use super::workloads::Assembled;
use crate::model::engine::Source;
use crate::model::{Bytes, Engine, EngineName, ScanWarning};
use std::collections::{BTreeMap, HashMap};
use view::View;

/// Whether the engines probe reads environment variable `key`. No other is ever kept: a
/// container's environment holds its passwords too.
pub(crate) fn wanted_env(key: &str) -> bool {
    matches!(
        key,
        "PGDATA"
            | "ES_JAVA_OPTS"
            | "OPENSEARCH_JAVA_OPTS"
            | "ES_PATH_CONF"
            | "OPENSEARCH_PATH_CONF"
            | "NEO4J_CONF"
            | "NEO4J_HOME"
            | "GOMEMLIMIT"
            | "LIMIT_RESOURCES"
    ) || (key.starts_with("NEO4J_")
        && (key.contains("_memory_") || key.contains("tx__state"))
        && !key.contains("AUTH")
        && !key.contains("PASSWORD"))
}

/// `/proc/<pid>/cmdline` or `environ`: NUL-separated, the trailing empty ones dropped.
pub(crate) fn split_nul(text: &str) -> Vec<String> {
    let mut parts: Vec<String> = text.split('\0').map(str::to_string).collect();
    while parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    parts
}

/// One engine workload as its readers see it.
pub(crate) struct Subject<'a> {
    /// The workload's name, for warnings.
    pub(crate) label: String,
    /// The main process's command line (or the container's recorded command).
    pub(crate) argv: Vec<String>,
    /// The wanted variables of the process's environment, then its container's.
    pub(crate) env: BTreeMap<String, String>,
    pub(crate) cwd: Option<String>,
    pub(crate) exe: Option<String>,
    pub(crate) image: Option<String>,
    pub(crate) ports: Vec<u16>,
    /// The memory the engine sees, in bytes: its container's limit, else the host's.
    pub(crate) ram: f64,
    pub(crate) view: View<'a>,
    root: Root<'a>,
    runtime: Option<&'a Runtime>,
    pub(crate) warnings: Vec<ScanWarning>,
}

impl Subject<'_> {
    pub(crate) fn image_version(&self) -> Option<String> {
        self.image.as_deref().and_then(detect::image_version)
    }

    /// The version of the first installed package named (a host process only).
    pub(crate) fn package_version(&self, prefixes: &[&str]) -> Option<String> {
        if self.runtime.is_some() {
            return None;
        }
        let status = self.root.read("var/lib/dpkg/status").ok()?;
        detect::dpkg_version(&status, prefixes)
    }

    /// The container's command as its engine recorded it.
    pub(crate) fn container_command(&self) -> Option<Vec<String>> {
        self.runtime
            .map(|r| r.command.clone())
            .filter(|c| !c.is_empty())
    }

    pub(crate) fn note_config(&mut self, path: &str, error: &str) {
        self.warnings
            .push(warn::config_unreadable(&self.label, path, error));
    }

    pub(crate) fn note_title(&mut self) {
        self.warnings.push(warn::title_only(&self.label));
    }

    pub(crate) fn note_schema(&mut self) {
        self.warnings.push(warn::schema_not_counted(&self.label));
    }
}

/// The engine a workload is, and its main process (the one whose settings count).
fn identify<'p>(
    a: &Assembled,
    members: &[&'p Process],
    argv_of: &mut dyn FnMut(u32) -> Vec<String>,
) -> Option<(EngineName, Option<&'p Process>)> {
    let oldest = |list: Vec<(EngineName, &'p Process)>| {
        list.into_iter().min_by_key(|(_, p)| (p.stat.start, p.pid))
    };
    let by_exe: Vec<(EngineName, &Process)> = members
        .iter()
        .filter_map(|p| {
            // The name it goes by first: Debian's redis-server is a link to redis-check-rdb.
            detect::by_executable(p.name())
                .or_else(|| detect::by_executable(exe_name(p.exe.as_deref()?)))
                .map(|e| (e, *p))
        })
        .collect();
    if let Some((e, p)) = oldest(by_exe) {
        return Some((e, Some(p)));
    }
    let by_main: Vec<(EngineName, &Process)> = members
        .iter()
        .filter(|p| p.name().starts_with("java"))
        .filter_map(|p| detect::by_java_main(&argv_of(p.pid)).map(|e| (e, *p)))
        .collect();
    if let Some((e, p)) = oldest(by_main) {
        return Some((e, Some(p)));
    }
    let first = members
        .iter()
        .min_by_key(|p| (p.stat.start, p.pid))
        .copied();
    if let Some(e) = a.workload.image.as_deref().and_then(detect::by_image) {
        return Some((e, first));
    }
    let unreadable = members.iter().all(|p| p.exe.is_none());
    if unreadable && !members.is_empty() {
        return detect::by_port(&a.workload.ports).map(|e| (e, first));
    }
    None
}

/// What the engines probe needs besides the workloads.
pub(crate) struct Context<'a> {
    pub(crate) root: Root<'a>,
    pub(crate) processes: &'a [Process],
    /// MemTotal.
    pub(crate) host_memory: Bytes,
    pub(crate) connect: &'a [Connect],
}

/// Finds the engines among `assembled` and gives each its `engine`.
pub(crate) fn attach(
    cx: &Context<'_>,
    assembled: &mut [Assembled],
    warnings: &mut Vec<ScanWarning>,
) {
    let by_pid: HashMap<u32, &Process> = cx.processes.iter().map(|p| (p.pid, p)).collect();
    let root = cx.root;
    let mut argv_of = |pid: u32| {
        root.read(format!("proc/{pid}/cmdline"))
            .map(|t| split_nul(&t))
            .unwrap_or_default()
    };
    let mut used = vec![false; cx.connect.len()];
    for a in assembled.iter_mut() {
        let members: Vec<&Process> = a
            .pids
            .iter()
            .filter_map(|p| by_pid.get(p).copied())
            .collect();
        let Some((name, main)) = identify(a, &members, &mut argv_of) else {
            continue;
        };
        let runtime = a.container.as_ref().and_then(|c| c.runtime.as_ref());
        let mut subject = subject(cx, a, main, runtime, &mut argv_of);
        let mut engine = Engine::new(name);
        match name.family() {
            EngineName::Postgresql => postgres::read(&mut subject, &mut engine),
            EngineName::Mysql => mysql::read(&mut subject, &mut engine),
            EngineName::Redis => redis::read(&mut subject, &mut engine),
            EngineName::Elasticsearch => jvm::read_search(&mut subject, &mut engine),
            EngineName::Neo4j => jvm::read_neo4j(&mut subject, &mut engine),
            EngineName::Mongodb => others::read_mongodb(&mut subject, &mut engine),
            EngineName::Weaviate => others::read_weaviate(&mut subject, &mut engine),
            _ => {}
        }
        warnings.append(&mut subject.warnings);
        let ports = a.workload.ports.clone();
        // A TCP DSN is the workload listening on its port; a socket one (whose listener the
        // scan does not see) the first workload of its engine not yet matched.
        let ours = cx.connect.iter().enumerate().filter(|(i, c)| {
            c.engine == name.family()
                && !used[*i]
                && (c.socket.is_some() || ports.contains(&c.port))
        });
        if let Some((i, c)) = ours.map(|(i, c)| (i, c.clone())).next() {
            used[i] = true;
            match live::read(&c) {
                Ok(l) => {
                    for (setting, value) in l.settings {
                        engine.set(&setting, value, Source::Live);
                    }
                    engine.version = l.version.or(engine.version.take());
                    if name == EngineName::Mysql
                        && engine
                            .version
                            .as_deref()
                            .is_some_and(|v| v.contains("MariaDB"))
                    {
                        engine.name = EngineName::Mariadb;
                    }
                }
                Err(e) => warnings.push(warn::connect_failed(c.engine, &c.target(), &e)),
            }
        }
        engine.now_bytes = Some(a.workload.memory);
        let ram = subject.ram;
        engine.complete(Bytes(ram as u64));
        if engine.ceiling_bytes.is_none() {
            let setting = if name == EngineName::Redis {
                "maxmemory"
            } else {
                "GOMEMLIMIT"
            };
            warnings.push(warn::unbounded(&a.workload.name, engine.name, setting));
        }
        a.workload.engine = Some(engine);
    }
    for (c, _) in cx.connect.iter().zip(used).filter(|(_, u)| !u) {
        warnings.push(warn::connect_unmatched(c.engine, &c.target()));
    }
}

/// The readers' view of workload `a` with main process `main`.
fn subject<'a>(
    cx: &Context<'a>,
    a: &Assembled,
    main: Option<&Process>,
    runtime: Option<&'a Runtime>,
    argv_of: &mut dyn FnMut(u32) -> Vec<String>,
) -> Subject<'a> {
    let root = cx.root;
    let pid = main.map(|p| p.pid);
    let mut argv = pid.map(&mut *argv_of).unwrap_or_default();
    if argv.is_empty() {
        argv = runtime.map(|r| r.command.clone()).unwrap_or_default();
    }
    let mut env: BTreeMap<String, String> = runtime.map(|r| r.env.clone()).unwrap_or_default();
    if let Some(text) = pid.and_then(|p| root.read(format!("proc/{p}/environ")).ok()) {
        for kv in split_nul(&text) {
            if let Some((k, v)) = kv.split_once('=')
                && wanted_env(k)
            {
                env.insert(k.to_string(), v.to_string());
            }
        }
    }
    let cwd = pid.and_then(|p| {
        root.open_dir(format!("proc/{p}"))
            .ok()?
            .read_link("cwd")
            .ok()
    });
    let limit = a.workload.memory_limit.filter(|l| *l < cx.host_memory);
    Subject {
        label: a.workload.name.clone(),
        argv,
        env,
        cwd,
        exe: main.and_then(|p| p.exe.clone()),
        image: a.workload.image.clone(),
        ports: a.workload.ports.clone(),
        ram: limit.unwrap_or(cx.host_memory).0 as f64,
        view: match runtime {
            Some(r) => View::container(root, r),
            None => View::host(root),
        },
        root,
        runtime,
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_wanted_variables() {
        assert!(wanted_env("ES_JAVA_OPTS") && wanted_env("GOMEMLIMIT") && wanted_env("PGDATA"));
        assert!(wanted_env("NEO4J_server_memory_heap_max__size"));
        assert!(!wanted_env("NEO4J_AUTH"));
        assert!(!wanted_env("POSTGRES_PASSWORD") && !wanted_env("MYSQL_ROOT_PASSWORD"));
        assert!(!wanted_env("PATH"));
    }

    #[test]
    fn nul_separated() {
        assert_eq!(
            split_nul(concat!("redis-server\0--port\0", "6379\0\0\0")),
            vec!["redis-server", "--port", "6379"]
        );
        assert!(split_nul("").is_empty());
    }
}
