//! A fleet from the output of `kubectl get nodes,pods -A -o json` (a `v1` `List` of `Node` and
//! `Pod` objects, as the API returns them), so no cluster credentials are needed: each node is a
//! host whose room is what the scheduler sees, as kube-capacity shows it: its `allocatable` CPU,
//! memory and ephemeral storage less the requests of the pods bound to it (each pod the larger of
//! its containers' sum and its largest init container, plus its overhead); pods that ended
//! (`Succeeded`, `Failed`) hold nothing. Host ports are the ports taken; node labels are labels.
//! Pure: the caller reads the text.

use crate::model::{
    Bytes, Cores, CpuState, Disk, Fleet, FleetHost, Host, ListeningPort, MemoryState, MissingHost,
    Snapshot, SwapState, Workload, WorkloadKind,
};
use serde_json::Value;

/// A Kubernetes quantity (`100m`, `1.5`, `128Mi`, `1G`, `1e3`) as a number of units.
pub fn parse_quantity(text: &str) -> Option<f64> {
    let t = text.trim();
    let split = t
        .find(|c: char| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
        .unwrap_or(t.len());
    let (number, suffix) = t.split_at(split);
    let (number, exp) = match number.find(['e', 'E']) {
        Some(i) => (&number[..i], number[i + 1..].parse::<i32>().ok()?),
        None => (number, 0),
    };
    let n: f64 = number.parse().ok()?;
    let factor = match suffix {
        "" => 1.0,
        // divided below, so that 3800m is 3.8 exactly
        "n" => -1e9,
        "u" => -1e6,
        "m" => -1e3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        _ => return None,
    };
    let scaled = if factor < 0.0 {
        n / -factor
    } else {
        n * factor
    };
    let v = scaled * 10f64.powi(exp);
    (v.is_finite() && v >= 0.0).then_some(v)
}

/// CPU, memory and ephemeral storage of one resource list (`requests`, `limits`, `allocatable`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Amounts {
    cpu: f64,
    memory: f64,
    storage: f64,
}

impl Amounts {
    fn of(list: Option<&Value>) -> Result<Amounts, String> {
        let get = |key: &str| -> Result<f64, String> {
            match list.and_then(|l| l.get(key)) {
                None => Ok(0.0),
                Some(v) => {
                    let text = match v {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        _ => return Err(format!("'{key}' is not a quantity")),
                    };
                    parse_quantity(&text).ok_or_else(|| format!("'{text}' is not a quantity"))
                }
            }
        };
        Ok(Amounts {
            cpu: get("cpu")?,
            memory: get("memory")?,
            storage: get("ephemeral-storage")?,
        })
    }

    fn plus(self, o: Amounts) -> Amounts {
        Amounts {
            cpu: self.cpu + o.cpu,
            memory: self.memory + o.memory,
            storage: self.storage + o.storage,
        }
    }

    fn max(self, o: Amounts) -> Amounts {
        Amounts {
            cpu: self.cpu.max(o.cpu),
            memory: self.memory.max(o.memory),
            storage: self.storage.max(o.storage),
        }
    }
}

struct Pod {
    name: String,
    node: String,
    requests: Amounts,
    limits: Amounts,
    host_ports: Vec<u16>,
}

fn containers(spec: &Value, key: &str) -> Vec<Value> {
    spec.get(key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn pod(item: &Value) -> Result<Option<Pod>, String> {
    let phase = item.pointer("/status/phase").and_then(Value::as_str);
    if matches!(phase, Some("Succeeded" | "Failed")) {
        return Ok(None);
    }
    let Some(node) = item.pointer("/spec/nodeName").and_then(Value::as_str) else {
        return Ok(None); // not scheduled yet
    };
    let spec = item.get("spec").cloned().unwrap_or_default();
    let name = format!(
        "{}/{}",
        item.pointer("/metadata/namespace")
            .and_then(Value::as_str)
            .unwrap_or("default"),
        item.pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or("?")
    );
    let mut requests = Amounts::default();
    let mut limits = Amounts::default();
    let mut host_ports = Vec::new();
    for c in containers(&spec, "containers") {
        requests = requests.plus(Amounts::of(c.pointer("/resources/requests"))?);
        limits = limits.plus(Amounts::of(c.pointer("/resources/limits"))?);
        for p in c
            .get("ports")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(port) = p.get("hostPort").and_then(Value::as_u64) {
                host_ports.extend(u16::try_from(port).ok().filter(|p| *p > 0));
            }
        }
    }
    for c in containers(&spec, "initContainers") {
        requests = requests.max(Amounts::of(c.pointer("/resources/requests"))?);
        limits = limits.max(Amounts::of(c.pointer("/resources/limits"))?);
    }
    let overhead = Amounts::of(spec.get("overhead"))?;
    Ok(Some(Pod {
        name,
        node: node.to_string(),
        requests: requests.plus(overhead),
        limits: limits.plus(overhead),
        host_ports,
    }))
}

/// The fleet of a `kubectl get nodes,pods -A -o json` output (a `List`, or a `NodeList` with pods
/// absent), measured at `taken_at`.
pub fn parse_kubernetes(text: &str, taken_at: &str) -> Result<Fleet, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let items = v
        .get("items")
        .and_then(Value::as_array)
        .ok_or("no 'items' list")?;
    let kind = |i: &Value| {
        i.get("kind")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let mut pods = Vec::new();
    for item in items.iter().filter(|i| kind(i) == "Pod") {
        pods.extend(pod(item)?);
    }
    let mut fleet = Fleet::default();
    for node in items.iter().filter(|i| kind(i) == "Node") {
        let name = node
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .ok_or("a Node without metadata.name")?
            .to_string();
        let Some(allocatable) = node.pointer("/status/allocatable") else {
            fleet.missing.push(MissingHost {
                name,
                missing: vec!["status.allocatable".into()],
            });
            continue;
        };
        let room = Amounts::of(Some(allocatable))?;
        let here: Vec<&Pod> = pods.iter().filter(|p| p.node == name).collect();
        let asked = here
            .iter()
            .fold(Amounts::default(), |a, p| a.plus(p.requests));
        let mut ports: Vec<u16> = here.iter().flat_map(|p| p.host_ports.clone()).collect();
        ports.sort_unstable();
        ports.dedup();
        let labels = node
            .pointer("/metadata/labels")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        let bytes = |v: f64| Bytes(v.max(0.0).round() as u64);
        let disks = if room.storage > 0.0 {
            vec![Disk {
                mount: "/".into(),
                total: bytes(room.storage),
                used: bytes(asked.storage.min(room.storage)),
                available: bytes(room.storage - asked.storage),
                device: None,
                fstype: Some("ephemeral-storage".into()),
            }]
        } else {
            Vec::new()
        };
        let workloads = here
            .iter()
            .map(|p| {
                let mut w = Workload::new(
                    p.name.clone(),
                    WorkloadKind::Container,
                    bytes(p.requests.memory),
                    Cores(p.requests.cpu),
                );
                w.memory_limit = (p.limits.memory > 0.0).then(|| bytes(p.limits.memory));
                w.cpu_limit = (p.limits.cpu > 0.0).then_some(Cores(p.limits.cpu));
                w.ports = p.host_ports.clone();
                w.source = Some("kubernetes requests".into());
                w
            })
            .collect();
        fleet.hosts.push(FleetHost {
            snapshot: Snapshot {
                host: Host {
                    name,
                    taken_at: taken_at.to_string(),
                    instance: None,
                    arch: None,
                    cpu: CpuState {
                        cores: Cores(room.cpu),
                        used: Cores(asked.cpu),
                        quota: None,
                        interval_seconds: None,
                    },
                    memory: MemoryState {
                        total: bytes(room.memory),
                        available: bytes(room.memory - asked.memory),
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
                    listening_ports: ports.into_iter().map(ListeningPort::number).collect(),
                    pressure: None,
                },
                workloads,
                warnings: Vec::new(),
                sampled: None,
            },
            labels,
        });
    }
    Ok(fleet)
}

#[cfg(test)]
mod tests;
