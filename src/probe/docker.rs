//! Containers from the Docker Engine API (or Podman's compatible one): names, images, labels,
//! limits and main PID, by GET requests over a unix socket, or from saved replies in a fixture
//! tree. It must not read figures from the API: those come from the cgroup files.

use super::error::ProbeError;
use super::http::{self, EngineLimits};
use super::root::RootDir;
use crate::model::{Bytes, Cores};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

/// Where the container engine is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineSource {
    /// Unix sockets, tried in order; the first that exists is asked.
    Sockets(Vec<PathBuf>),
    /// A directory of recorded replies, named after the API paths (`containers/json`,
    /// `containers/<id>/json`), to replay a captured host. It is read as a root of its own:
    /// nothing outside it is reached.
    Replies(PathBuf),
}

/// A running container as the engine describes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Container {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) image: Option<String>,
    pub(crate) labels: BTreeMap<String, String>,
    /// The container's main process on the host, to find its cgroup.
    pub(crate) pid: Option<u32>,
    pub(crate) memory_limit: Option<Bytes>,
    pub(crate) cpu_limit: Option<Cores>,
    /// What the engines probe reads of an inspected container.
    pub(crate) runtime: Option<Runtime>,
}

/// How an inspected container runs, as the engine recorded it at its start.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Runtime {
    /// `Path` then `Args`: the command as given, which a process may rewrite in its own
    /// `/proc/<pid>/cmdline` (Redis does) but not here.
    pub(crate) command: Vec<String>,
    /// Only the variables the engines probe reads (`engines::wanted_env`): the rest (passwords
    /// among them) are never kept.
    pub(crate) env: BTreeMap<String, String>,
    /// Mounts as (path in the container, path on the host).
    pub(crate) mounts: Vec<(String, String)>,
    /// The container's root filesystem on the host (overlay's `MergedDir`).
    pub(crate) merged_dir: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Summary {
    #[serde(rename = "Id", alias = "ID")]
    id: String,
    #[serde(rename = "Names", default)]
    names: Option<Vec<String>>,
    #[serde(rename = "Image", default)]
    image: Option<String>,
    #[serde(rename = "Labels", default)]
    labels: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Default, Deserialize)]
struct Inspect {
    #[serde(rename = "Name", default)]
    name: Option<String>,
    #[serde(rename = "Path", default)]
    path: Option<String>,
    #[serde(rename = "Args", default)]
    args: Option<Vec<String>>,
    #[serde(rename = "Mounts", default)]
    mounts: Option<Vec<InspectMount>>,
    #[serde(rename = "GraphDriver", default)]
    graph_driver: Option<GraphDriver>,
    #[serde(rename = "State", default)]
    state: Option<InspectState>,
    #[serde(rename = "Config", default)]
    config: Option<InspectConfig>,
    #[serde(rename = "HostConfig", default)]
    host_config: Option<HostConfig>,
}

#[derive(Debug, Default, Deserialize)]
struct InspectState {
    #[serde(rename = "Pid", default)]
    pid: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
struct InspectMount {
    #[serde(rename = "Source", default)]
    source: Option<String>,
    #[serde(rename = "Destination", default)]
    destination: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct GraphDriver {
    #[serde(rename = "Data", default)]
    data: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Default, Deserialize)]
struct InspectConfig {
    #[serde(rename = "Env", default)]
    env: Option<Vec<String>>,
    #[serde(rename = "Image", default)]
    image: Option<String>,
    #[serde(rename = "Labels", default)]
    labels: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Default, Deserialize)]
struct HostConfig {
    #[serde(rename = "Memory", default)]
    memory: Option<i64>,
    #[serde(rename = "NanoCpus", alias = "NanoCPUs", default)]
    nano_cpus: Option<i64>,
    #[serde(rename = "CpuQuota", default)]
    cpu_quota: Option<i64>,
    #[serde(rename = "CpuPeriod", default)]
    cpu_period: Option<i64>,
}

fn clean_name(name: &str) -> String {
    name.trim_start_matches('/').to_string()
}

/// The reply to `GET /containers/json`: one container per element.
pub(crate) fn parse_container_list(text: &str) -> Result<Vec<Container>, ProbeError> {
    let list: Vec<Summary> = serde_json::from_str(text)
        .map_err(|e| ProbeError::format("containers/json", e.to_string()))?;
    Ok(list
        .into_iter()
        .map(|s| Container {
            name: s
                .names
                .as_ref()
                .and_then(|n| n.first())
                .map(|n| clean_name(n))
                .unwrap_or_else(|| s.id.chars().take(12).collect()),
            image: s.image.filter(|i| !i.is_empty()),
            labels: s.labels.unwrap_or_default(),
            id: s.id,
            ..Container::default()
        })
        .collect())
}

/// Adds what `GET /containers/{id}/json` says to a listed container.
pub(crate) fn apply_inspect(container: &mut Container, text: &str) -> Result<(), ProbeError> {
    let inspect: Inspect = serde_json::from_str(text)
        .map_err(|e| ProbeError::format("containers/{id}/json", e.to_string()))?;
    if let Some(name) = inspect
        .name
        .as_deref()
        .map(clean_name)
        .filter(|n| !n.is_empty())
    {
        container.name = name;
    }
    let config = inspect.config.unwrap_or_default();
    container.runtime = Some(Runtime {
        command: inspect
            .path
            .into_iter()
            .chain(inspect.args.unwrap_or_default())
            .collect(),
        env: config
            .env
            .iter()
            .flatten()
            .filter_map(|kv| kv.split_once('='))
            .filter(|(k, _)| super::engines::wanted_env(k))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        mounts: inspect
            .mounts
            .unwrap_or_default()
            .into_iter()
            .filter_map(|m| Some((m.destination?, m.source?)))
            .collect(),
        merged_dir: inspect
            .graph_driver
            .and_then(|g| g.data?.remove("MergedDir"))
            .filter(|d| !d.is_empty()),
    });
    let listed_by_id = container
        .image
        .as_deref()
        .is_none_or(|i| i.starts_with("sha256:"));
    if let Some(image) = config.image.filter(|i| !i.is_empty() && listed_by_id) {
        container.image = Some(image);
    }
    if container.labels.is_empty() {
        container.labels = config.labels.unwrap_or_default();
    }
    container.pid = inspect
        .state
        .and_then(|s| s.pid)
        .and_then(|p| u32::try_from(p).ok())
        .filter(|p| *p > 0);
    let host = inspect.host_config.unwrap_or_default();
    container.memory_limit = host
        .memory
        .and_then(|m| u64::try_from(m).ok())
        .filter(|m| *m > 0)
        .map(Bytes);
    container.cpu_limit = match (host.nano_cpus, host.cpu_quota, host.cpu_period) {
        (Some(n), _, _) if n > 0 => Some(Cores(n as f64 / 1e9)),
        (_, Some(q), Some(p)) if q > 0 && p > 0 => Some(Cores(q as f64 / p as f64)),
        (_, Some(q), _) if q > 0 => Some(Cores(q as f64 / 100_000.0)),
        _ => None,
    };
    Ok(())
}

/// One GET against the engine: an API path in, the reply's body out.
type Fetch = Box<dyn Fn(&str) -> Result<String, ProbeError>>;

/// A container engine found on its socket (or a fixture's saved replies).
pub(crate) struct Engine {
    fetch: Fetch,
    /// When the time the engine has in all is up (`None` for recorded replies).
    deadline: Option<(Instant, PathBuf, EngineLimits)>,
}

impl Engine {
    /// The first socket that exists; no request is made yet. Every request made of it ends
    /// within `limits`, all of them within `limits.total` from now.
    pub(crate) fn find(source: &EngineSource, limits: EngineLimits) -> Result<Engine, ProbeError> {
        let deadline = Instant::now() + limits.total;
        let mut late = None;
        let fetch: Fetch = match source {
            EngineSource::Sockets(candidates) => {
                let socket = candidates
                    .iter()
                    .find(|s| s.exists())
                    .cloned()
                    .ok_or_else(|| {
                        let tried: Vec<String> = candidates
                            .iter()
                            .map(|c| format!("'{}'", c.display()))
                            .collect();
                        ProbeError::NoEngine {
                            socket: candidates.first().cloned().unwrap_or_default(),
                            tried: tried.join(", "),
                        }
                    })?;
                late = Some((deadline, socket.clone(), limits));
                Box::new(move |target: &str| http::get(&socket, target, &limits, deadline))
            }
            EngineSource::Replies(dir) => {
                let replies = RootDir::open(dir)?;
                Box::new(move |target: &str| replies.root().read(target))
            }
        };
        Ok(Engine {
            fetch,
            deadline: late,
        })
    }

    /// Once the time the engine has in all is up, the error that says so: it is asked nothing
    /// more.
    pub(crate) fn expired(&self) -> Option<ProbeError> {
        let (at, socket, limits) = self.deadline.as_ref()?;
        (Instant::now() >= *at).then(|| ProbeError::EngineDeadline {
            socket: socket.clone(),
            seconds: limits.total.as_secs_f64(),
        })
    }

    /// The running containers, as `GET /containers/json` lists them.
    pub(crate) fn list(&self) -> Result<Vec<Container>, ProbeError> {
        parse_container_list(&(self.fetch)("/containers/json")?)
    }

    /// Adds the main PID, limits and configured image; `Ok(false)` when the container is gone.
    pub(crate) fn inspect(&self, container: &mut Container) -> Result<bool, ProbeError> {
        match (self.fetch)(&format!("/containers/{}/json", container.id)) {
            Ok(text) => apply_inspect(container, &text).map(|()| true),
            // A container that stopped between the two requests is no longer a workload.
            Err(ProbeError::Engine { reason, .. }) if reason.contains("status 404") => Ok(false),
            Err(e) if e.is_gone() => Ok(false),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"[{"Id":"4f1c0a","Names":["/hostfit-busy"],"Image":"local/busybox:1",
        "Labels":{"app":"busy"},"State":"running"},
        {"Id":"9e9e","Names":["podman-web"],"Image":"sha256:abc","Labels":null}]"#;
    const INSPECT: &str = r#"{"Id":"4f1c0a","Name":"/hostfit-busy","State":{"Pid":4321},
        "Config":{"Image":"local/busybox:1","Labels":{"app":"busy"}},
        "HostConfig":{"Memory":268435456,"NanoCpus":500000000,"CpuQuota":0,"CpuPeriod":0}}"#;

    #[test]
    fn list_names_without_slash() {
        let list = parse_container_list(LIST).unwrap_or_default();
        let names: Vec<&str> = list.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["hostfit-busy", "podman-web"]);
        assert_eq!(list[0].labels.get("app").map(String::as_str), Some("busy"));
        assert!(list[1].labels.is_empty());
        assert!(parse_container_list("{}").is_err());
    }

    #[test]
    fn inspect_gives_limits_and_pid() {
        let mut c = parse_container_list(LIST).unwrap_or_default().remove(0);
        assert!(apply_inspect(&mut c, INSPECT).is_ok());
        assert_eq!(c.pid, Some(4321));
        assert_eq!(c.memory_limit, Some(Bytes(256 << 20)));
        assert_eq!(c.cpu_limit, Some(Cores(0.5)));
    }

    #[test]
    fn inspect_keeps_the_command_mounts_and_only_wanted_variables() {
        let mut c = parse_container_list(LIST).unwrap_or_default().remove(0);
        let inspect = r#"{"Id":"4f1c0a","Name":"/es","Path":"/bin/tini","Args":["--","eswrapper"],
            "Config":{"Image":"elasticsearch:8.11.1","Env":["ES_JAVA_OPTS=-Xmx512m","ELASTIC_PASSWORD=secret","PATH=/bin"]},
            "Mounts":[{"Type":"bind","Source":"/srv/es/jvm.options.d","Destination":"/usr/share/elasticsearch/config/jvm.options.d"}],
            "GraphDriver":{"Data":{"MergedDir":"/var/lib/docker/overlay2/abc/merged"},"Name":"overlay2"}}"#;
        assert!(apply_inspect(&mut c, inspect).is_ok());
        let r = c.runtime.unwrap_or_default();
        assert_eq!(r.command, vec!["/bin/tini", "--", "eswrapper"]);
        assert_eq!(
            r.env.keys().collect::<Vec<_>>(),
            vec!["ES_JAVA_OPTS"],
            "a password is never kept"
        );
        assert_eq!(
            r.mounts,
            vec![(
                "/usr/share/elasticsearch/config/jvm.options.d".to_string(),
                "/srv/es/jvm.options.d".to_string()
            )]
        );
        assert_eq!(
            r.merged_dir.as_deref(),
            Some("/var/lib/docker/overlay2/abc/merged")
        );
    }

    #[test]
    fn podman_quirks_are_tolerated() {
        let mut c = parse_container_list(LIST).unwrap_or_default().remove(1);
        let inspect = r#"{"Id":"9e9e","Name":"podman-web","State":{"Pid":0},
            "Config":{"Image":"docker.io/library/nginx:1"},
            "HostConfig":{"Memory":0,"CpuQuota":150000,"CpuPeriod":100000}}"#;
        assert!(apply_inspect(&mut c, inspect).is_ok());
        assert_eq!(c.name, "podman-web");
        assert_eq!(c.image.as_deref(), Some("docker.io/library/nginx:1"));
        assert_eq!(c.pid, None);
        assert_eq!(c.memory_limit, None);
        assert_eq!(c.cpu_limit, Some(Cores(1.5)));
        assert!(apply_inspect(&mut c, "[").is_err());
    }

    #[test]
    fn no_socket_is_an_error_naming_the_candidates() {
        let source = EngineSource::Sockets(vec![PathBuf::from("/nonexistent/docker.sock")]);
        let err = Engine::find(&source, EngineLimits::default())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("no Docker or Podman socket"), "{err}");
    }
}
