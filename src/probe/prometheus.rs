//! A fleet read from Prometheus: node_exporter's metrics for each host (cores, MemTotal, the
//! minimum of MemAvailable over the window, the 95th percentile of busy cores (every mode but
//! idle and iowait), the disk at `/`)
//! and cAdvisor's for its containers (the peak working set and CPU over the window). Fetching
//! (`fetch`, blocking HTTP within a timeout, the credentials the caller gives, never shown) is
//! apart from parsing (`parse_vector`) and assembling (`assemble`), which are pure. A host that
//! node_exporter's job knows but whose figures are missing is kept in `Fleet::missing`.

use super::error::ProbeError;
use crate::model::{
    Bytes, Cores, CpuState, Disk, Fleet, FleetHost, Host, Labels, MemoryState, MissingHost,
    ScanWarning, Snapshot, SwapState, Workload, WorkloadKind,
};
use std::collections::BTreeMap;
use std::time::Duration;

/// How to reach the server. `Debug` never shows the secret.
#[derive(Clone, PartialEq)]
pub enum Auth {
    None,
    Bearer(String),
    Basic { user: String, password: String },
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Auth::None => "None",
            Auth::Bearer(_) => "Bearer(<hidden>)",
            Auth::Basic { .. } => "Basic(<hidden>)",
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PromSource {
    /// The server's base URL, `http://host:9090`.
    pub url: String,
    pub auth: Auth,
    /// For each query, from connecting to the last byte.
    pub timeout: Duration,
    /// A Prometheus duration, `7d`.
    pub window: String,
}

/// One sample of an instant vector: its labels and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub labels: BTreeMap<String, String>,
    pub value: f64,
}

/// The queries, by the name their answers are kept under; `{w}` is the window.
pub const QUERIES: &[(&str, &str)] = &[
    (
        "jobs",
        "count by (job) (max_over_time(node_exporter_build_info[{w}]))",
    ),
    ("up", "max by (instance, job) (max_over_time(up[{w}]))"),
    (
        "cores",
        "count by (instance) (node_cpu_seconds_total{mode=\"idle\"})",
    ),
    (
        "mem_total",
        "max by (instance) (max_over_time(node_memory_MemTotal_bytes[{w}]))",
    ),
    (
        "mem_available",
        "min by (instance) (min_over_time(node_memory_MemAvailable_bytes[{w}]))",
    ),
    (
        "mem_estimated",
        "min by (instance) (min_over_time((node_memory_MemFree_bytes + node_memory_Buffers_bytes + node_memory_Cached_bytes)[{w}:]))",
    ),
    (
        "cpu_busy",
        "max by (instance) (quantile_over_time(0.95, (sum by (instance) (rate(node_cpu_seconds_total{mode!=\"idle\",mode!=\"iowait\"}[5m])))[{w}:]))",
    ),
    (
        "cpu_ticking",
        "sum by (instance) (rate(node_cpu_seconds_total[5m]))",
    ),
    (
        "disk_total",
        "max by (instance) (max_over_time(node_filesystem_size_bytes{mountpoint=\"/\"}[{w}]))",
    ),
    (
        "disk_available",
        "min by (instance) (min_over_time(node_filesystem_avail_bytes{mountpoint=\"/\"}[{w}]))",
    ),
    (
        "container_memory",
        "max by (instance, name) (max_over_time(container_memory_working_set_bytes{name!=\"\"}[{w}]))",
    ),
    (
        "container_cpu",
        "max by (instance, name) (max_over_time(rate(container_cpu_usage_seconds_total{name!=\"\"}[5m])[{w}:]))",
    ),
];

/// Every query's answer, by name.
pub type Answers = BTreeMap<String, Vec<Sample>>;

/// Runs every query against the server.
pub fn fetch(source: &PromSource) -> Result<Answers, ProbeError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(source.timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let mut out = Answers::new();
    for (name, query) in QUERIES {
        let query = query.replace("{w}", &source.window);
        let text = get(&agent, source, &query)?;
        let samples = parse_vector(&text).map_err(|e| ProbeError::Prometheus(e.to_string()))?;
        out.insert((*name).to_string(), samples);
    }
    Ok(out)
}

fn get(agent: &ureq::Agent, source: &PromSource, query: &str) -> Result<String, ProbeError> {
    let url = format!("{}/api/v1/query", source.url.trim_end_matches('/'));
    let mut request = agent.get(&url).query("query", query);
    match &source.auth {
        Auth::None => {}
        Auth::Bearer(token) => request = request.header("Authorization", format!("Bearer {token}")),
        Auth::Basic { user, password } => {
            let pair = base64(format!("{user}:{password}").as_bytes());
            request = request.header("Authorization", format!("Basic {pair}"));
        }
    }
    let mut response = request
        .call()
        .map_err(|e| ProbeError::Prometheus(e.to_string()))?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .map_err(|e| ProbeError::Prometheus(e.to_string()))?;
    if status == 200 {
        Ok(body)
    } else {
        let said = parse_error(&body).unwrap_or_default();
        Err(ProbeError::Prometheus(
            format!("HTTP {status} {said}").trim().to_string(),
        ))
    }
}

/// Base64 of `bytes` (RFC 4648, with padding), for HTTP basic authentication.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The `error` of a Prometheus error reply.
fn parse_error(text: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    v.get("error")?.as_str().map(str::to_string)
}

/// The samples of an instant-vector reply (`{"status":"success","data":{"resultType":"vector",
/// "result":[{"metric":{...},"value":[t,"v"]}]}}`).
pub fn parse_vector(text: &str) -> Result<Vec<Sample>, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if v.get("status").and_then(|s| s.as_str()) != Some("success") {
        return Err(parse_error(text).unwrap_or_else(|| "status is not 'success'".into()));
    }
    let data = v.get("data").ok_or("no 'data'")?;
    if data.get("resultType").and_then(|s| s.as_str()) != Some("vector") {
        return Err("the result is not an instant vector".into());
    }
    let result = data
        .get("result")
        .and_then(|r| r.as_array())
        .ok_or("no 'result' list")?;
    result
        .iter()
        .map(|s| {
            let labels = s
                .get("metric")
                .and_then(|m| m.as_object())
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                        .collect()
                })
                .unwrap_or_default();
            let value = s
                .get("value")
                .and_then(|v| v.get(1))
                .and_then(|v| v.as_str())
                .and_then(|v| v.parse::<f64>().ok())
                .ok_or("a sample without a value")?;
            Ok(Sample { labels, value })
        })
        .collect()
}

fn by_instance(answers: &Answers, name: &str) -> BTreeMap<String, f64> {
    answers
        .get(name)
        .into_iter()
        .flatten()
        .filter(|s| s.value.is_finite())
        .filter_map(|s| Some((s.labels.get("instance")?.clone(), s.value)))
        .collect()
}

/// The host part of an instance label (`10.0.0.5:9100` -> `10.0.0.5`).
fn host_part(instance: &str) -> &str {
    match instance.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => instance,
    }
}

/// The fleet the answers describe, each host named by its `instance` label and measured
/// `taken_at`. cAdvisor's containers join the host whose instance has the same host part.
pub fn assemble(answers: &Answers, taken_at: &str) -> Fleet {
    let jobs: Vec<String> = answers
        .get("jobs")
        .into_iter()
        .flatten()
        .filter_map(|s| s.labels.get("job").cloned())
        .collect();
    let mut instances: Vec<String> = answers
        .get("up")
        .into_iter()
        .flatten()
        .filter(|s| s.labels.get("job").is_some_and(|j| jobs.contains(j)))
        .filter_map(|s| s.labels.get("instance").cloned())
        .collect();
    let cores = by_instance(answers, "cores");
    let total = by_instance(answers, "mem_total");
    let available = by_instance(answers, "mem_available");
    let estimated = by_instance(answers, "mem_estimated");
    let busy = by_instance(answers, "cpu_busy");
    // A host whose CPU counters stand still (a recorded tree, not a live kernel) has no measure
    // of use.
    let ticking = by_instance(answers, "cpu_ticking");
    let disk_total = by_instance(answers, "disk_total");
    let disk_available = by_instance(answers, "disk_available");
    for name in cores.keys().chain(total.keys()) {
        if !instances.contains(name) {
            instances.push(name.clone());
        }
    }
    instances.sort();
    instances.dedup();
    let mut fleet = Fleet::default();
    for instance in instances {
        let mut missing = Vec::new();
        // a count of CPUs that is not positive is none (the use of a host is clamped to it)
        let c = cores.get(&instance).copied().filter(|c| *c > 0.0);
        let t = total.get(&instance).copied();
        if c.is_none() {
            missing.push("node_cpu_seconds_total".to_string());
        }
        if t.is_none() {
            missing.push("node_memory_MemTotal_bytes".to_string());
        }
        let (avail, guessed) = match (available.get(&instance), estimated.get(&instance)) {
            (Some(a), _) => (Some(*a), false),
            (None, Some(e)) => (Some(*e), true),
            (None, None) => {
                missing.push("node_memory_MemAvailable_bytes".to_string());
                (None, false)
            }
        };
        let (Some(c), Some(t), Some(avail)) = (c, t, avail) else {
            fleet.missing.push(MissingHost {
                name: instance,
                missing,
            });
            continue;
        };
        let mut warnings = Vec::new();
        if guessed {
            warnings.push(ScanWarning::new(
                "prometheus_available_estimated",
                "no MemAvailable metric: available memory is MemFree + Buffers + Cached",
            ));
        }
        let used = busy
            .get(&instance)
            .copied()
            .filter(|_| ticking.get(&instance).is_some_and(|t| *t > 0.0));
        if used.is_none() {
            warnings.push(ScanWarning::new(
                "cpu_not_measured",
                "CPU use was not measured",
            ));
        }
        let disks = match (disk_total.get(&instance), disk_available.get(&instance)) {
            (Some(dt), Some(da)) => {
                // no more available than there is, nor less than none
                let total = Bytes(*dt as u64);
                let available = Bytes(*da as u64).min(total);
                vec![Disk {
                    mount: "/".into(),
                    total,
                    used: Bytes(total.0 - available.0),
                    available,
                    device: None,
                    fstype: None,
                }]
            }
            _ => Vec::new(),
        };
        let workloads = workloads(answers, host_part(&instance));
        let total_bytes = Bytes(t as u64);
        fleet.hosts.push(FleetHost {
            snapshot: Snapshot {
                host: Host {
                    name: instance.clone(),
                    taken_at: taken_at.to_string(),
                    instance: None,
                    arch: None,
                    cpu: CpuState {
                        cores: Cores(c),
                        used: Cores(used.unwrap_or(0.0).clamp(0.0, c)),
                        quota: None,
                        interval_seconds: None,
                    },
                    memory: MemoryState {
                        total: total_bytes,
                        available: Bytes(avail as u64).min(total_bytes),
                        free: None,
                        cached: None,
                        buffers: None,
                        shmem: None,
                        sreclaimable: None,
                        limit: None,
                        limit_used: None,
                    },
                    swap: SwapState::default(),
                    disks,
                    listening_ports: Vec::new(),
                    pressure: None,
                },
                workloads,
                warnings,
                sampled: None,
            },
            labels: Labels::new(),
        });
    }
    fleet
}

fn workloads(answers: &Answers, host: &str) -> Vec<Workload> {
    let on_host = |s: &&Sample| {
        s.labels
            .get("instance")
            .is_some_and(|i| host_part(i) == host)
    };
    let cpu: BTreeMap<String, f64> = answers
        .get("container_cpu")
        .into_iter()
        .flatten()
        .filter(on_host)
        .filter(|s| s.value.is_finite())
        .filter_map(|s| Some((s.labels.get("name")?.clone(), s.value.max(0.0))))
        .collect();
    answers
        .get("container_memory")
        .into_iter()
        .flatten()
        .filter(on_host)
        .filter_map(|s| {
            let name = s.labels.get("name")?;
            let mut w = Workload::new(
                name.clone(),
                WorkloadKind::Container,
                Bytes(s.value.max(0.0) as u64),
                Cores(cpu.get(name).copied().unwrap_or(0.0)),
            );
            w.source = Some("cadvisor".into());
            Some(w)
        })
        .collect()
}

#[cfg(test)]
mod tests;
