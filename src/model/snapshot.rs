//! The snapshot format: a host's state at one moment and the workloads on it.
//! Written by hand or by `hostfit scan`, read by `hostfit plan`. Pure types, no I/O.

use super::catalog::Arch;
use super::engine::Engine;
use super::history::{Lows, Peaks};
use super::units::{Bytes, Cores};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub host: Host,
    #[serde(default)]
    pub workloads: Vec<Workload>,
    /// What the probe could not read; empty for a hand-written snapshot.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<ScanWarning>,
    /// The figures over a window, when the scan sampled (`hostfit scan --for`); the figures
    /// above are then those of the last sample.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampled: Option<Sampled>,
}

/// What a sampled scan saw over its window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sampled {
    pub samples: u32,
    pub every_seconds: f64,
    /// How long the samples span, in seconds.
    pub window_seconds: f64,
    /// True when the window was ended early (Ctrl-C).
    #[serde(default)]
    pub interrupted: bool,
    /// The host's available memory: its minimum is the moment it had least room.
    pub available: Lows<Bytes>,
    /// Cores busy on the host.
    pub cpu_used: Peaks<Cores>,
    #[serde(default)]
    pub workloads: Vec<SampledWorkload>,
}

/// One workload's figures over the window, by the name it has in `workloads`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampledWorkload {
    pub name: String,
    /// Samples the workload was seen in.
    pub samples: u32,
    /// Its working set.
    pub memory: Peaks<Bytes>,
    pub cpu: Peaks<Cores>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Host {
    pub name: String,
    pub taken_at: String,
    /// The catalog name of the instance type this host is, when known (`ecs.e-c1m1.large`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// The CPU architecture, as the kernel names it (`uname -m`); x86_64 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arch: Option<Arch>,
    pub cpu: CpuState,
    pub memory: MemoryState,
    #[serde(default)]
    pub swap: SwapState,
    #[serde(default)]
    pub disks: Vec<Disk>,
    #[serde(default)]
    pub listening_ports: Vec<ListeningPort>,
    /// Pressure stall information, where the kernel offers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pressure: Option<Pressure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CpuState {
    /// Cores online.
    pub cores: Cores,
    /// Cores busy on average over the measurement.
    #[serde(default)]
    pub used: Cores,
    /// The CPU quota of the cgroup the measuring process ran in, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<Cores>,
    /// Over how many seconds `used` was measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_seconds: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemoryState {
    /// MemTotal: what the kernel can use, below the instance's nominal size.
    pub total: Bytes,
    /// MemAvailable: the one "available".
    pub available: Bytes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free: Option<Bytes>,
    /// Buffers + Cached as `free` prints "buff/cache".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached: Option<Bytes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buffers: Option<Bytes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shmem: Option<Bytes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sreclaimable: Option<Bytes>,
    /// The memory limit of the cgroup the services run under (a VPS, an LXC host, a
    /// container), when there is one below MemTotal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Bytes>,
    /// What that capped cgroup holds now: its working set (usage less inactive_file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_used: Option<Bytes>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwapState {
    #[serde(default)]
    pub total: Bytes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free: Option<Bytes>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disk {
    pub mount: String,
    pub total: Bytes,
    pub used: Bytes,
    pub available: Bytes,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fstype: Option<String>,
}

/// PSI averages over ten seconds, in percent of time stalled.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pressure {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_some_avg10: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_some_avg10: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_full_avg10: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub io_some_avg10: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Tcp,
    Udp,
}

/// A port something listens on: a bare number in a hand-written snapshot, or
/// `{port, protocol, address, process}` from a scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListeningPort {
    pub port: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process: Option<String>,
}

impl ListeningPort {
    pub fn number(port: u16) -> ListeningPort {
        ListeningPort {
            port,
            protocol: None,
            address: None,
            process: None,
        }
    }
}

impl<'de> Deserialize<'de> for ListeningPort {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PortVisitor;
        impl<'de> Visitor<'de> for PortVisitor {
            type Value = ListeningPort;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a port number from 1 to 65535, or {port, protocol, address, process}")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ListeningPort, E> {
                match u16::try_from(v) {
                    Ok(p) if p > 0 => Ok(ListeningPort::number(p)),
                    _ => Err(E::custom(format!(
                        "'{v}' is not a port: expected a number from 1 to 65535"
                    ))),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ListeningPort, E> {
                u64::try_from(v)
                    .map_err(|_| {
                        E::custom(format!(
                            "'{v}' is not a port: expected a number from 1 to 65535"
                        ))
                    })
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ListeningPort, A::Error> {
                let mut port: Option<u16> = None;
                let mut out = ListeningPort::number(1);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "port" => port = Some(map.next_value()?),
                        "protocol" => out.protocol = Some(map.next_value()?),
                        "address" => out.address = Some(map.next_value()?),
                        "process" => out.process = Some(map.next_value()?),
                        other => {
                            return Err(de::Error::unknown_field(
                                other,
                                &["port", "protocol", "address", "process"],
                            ));
                        }
                    }
                }
                out.port = port.ok_or_else(|| de::Error::missing_field("port"))?;
                Ok(out)
            }
        }
        deserializer.deserialize_any(PortVisitor)
    }
}

/// Something a scan could not read, and what it did instead: a stable snake_case `code`, the
/// values its sentence names (`args`), and that sentence in English (`message`), kept so that a
/// snapshot file reads well to people and to tools that know no codes. Written as
/// `{code, message, args}`; read from that map or from a plain string (an older or hand-written
/// snapshot), which becomes code `note` with the string as its message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanWarning {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

impl ScanWarning {
    /// The code of a warning that is only a sentence.
    pub const NOTE: &'static str = "note";

    pub fn new(code: impl Into<String>, message: impl Into<String>) -> ScanWarning {
        ScanWarning {
            code: code.into(),
            message: message.into(),
            args: BTreeMap::new(),
        }
    }

    /// A warning with no code of its own: the reports print `message` as it is.
    pub fn note(message: impl Into<String>) -> ScanWarning {
        ScanWarning::new(ScanWarning::NOTE, message)
    }

    /// Adds a value the sentence names.
    pub fn arg(mut self, name: &str, value: impl ToString) -> ScanWarning {
        self.args.insert(name.to_string(), value.to_string());
        self
    }
}

impl<'de> Deserialize<'de> for ScanWarning {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WarningVisitor;
        impl<'de> Visitor<'de> for WarningVisitor {
            type Value = ScanWarning;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sentence, or {code, message, args}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ScanWarning, E> {
                Ok(ScanWarning::note(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ScanWarning, A::Error> {
                let mut code: Option<String> = None;
                let mut out = ScanWarning::note("");
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "code" => code = Some(map.next_value()?),
                        "message" => out.message = map.next_value()?,
                        "args" => out.args = map.next_value()?,
                        other => {
                            return Err(de::Error::unknown_field(
                                other,
                                &["code", "message", "args"],
                            ));
                        }
                    }
                }
                out.code = code.ok_or_else(|| de::Error::missing_field("code"))?;
                Ok(out)
            }
        }
        deserializer.deserialize_any(WarningVisitor)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkloadKind {
    Container,
    /// A systemd unit.
    Service,
    Process,
    /// A cgroup that is not a systemd unit or a container.
    Cgroup,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    pub name: String,
    pub kind: WorkloadKind,
    /// The working set: cgroup usage less inactive page cache, or PSS/RSS for a process group.
    pub memory: Bytes,
    /// Cores used, averaged over the measurement.
    #[serde(default)]
    pub cpu: Cores,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rss: Option<Bytes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pss: Option<Bytes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_cache: Option<Bytes>,
    /// The part of `memory` that is recently used page cache (a cgroup's `active_file`).
    /// MemAvailable counts it as available too, so it is the overlap between `available`
    /// and the workloads when they add up to more than `total - available`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_file: Option<Bytes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_limit: Option<Bytes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_limit: Option<Cores>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<u16>,
    /// The OOM killer's score of the workload's likeliest victim: the highest `oom_score` of
    /// its processes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oom_score: Option<i64>,
    /// That process's `oom_score_adj` (-1000 to 1000), where it is not 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oom_score_adj: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processes: Option<u32>,
    /// Where the figures were read: a cgroup path, or the processes' executable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A container's labels, as the container engine reports them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// The database engine this workload is, with its settings and memory ceiling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<Engine>,
}

impl Workload {
    pub fn new(name: impl Into<String>, kind: WorkloadKind, memory: Bytes, cpu: Cores) -> Workload {
        Workload {
            name: name.into(),
            kind,
            memory,
            cpu,
            image: None,
            rss: None,
            pss: None,
            page_cache: None,
            active_file: None,
            memory_limit: None,
            cpu_limit: None,
            ports: Vec::new(),
            oom_score: None,
            oom_score_adj: None,
            processes: None,
            source: None,
            labels: BTreeMap::new(),
            engine: None,
        }
    }
}

impl Snapshot {
    /// The disk mounted at `/`, which the planner checks.
    pub fn root_disk(&self) -> Option<&Disk> {
        self.host.disks.iter().find(|d| d.mount == "/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_is_a_sentence_or_a_map() {
        let text = "- the probe's own sentence\n\
                    - code: pss_unreadable\n  message: smaps_rollup not readable for 3 processes\n  args:\n    count: '3'\n\
                    - code: cpu_not_measured\n  message: CPU use was not measured\n";
        let read: Vec<ScanWarning> = serde_saphyr::from_str(text).unwrap_or_default();
        assert_eq!(
            read,
            vec![
                ScanWarning::note("the probe's own sentence"),
                ScanWarning::new(
                    "pss_unreadable",
                    "smaps_rollup not readable for 3 processes"
                )
                .arg("count", 3),
                ScanWarning::new("cpu_not_measured", "CPU use was not measured"),
            ]
        );
        let bad: Result<Vec<ScanWarning>, _> = serde_saphyr::from_str("- message: no code\n");
        assert!(bad.is_err());
        let bad: Result<Vec<ScanWarning>, _> = serde_saphyr::from_str("- {code: a, when: b}\n");
        assert!(bad.is_err());
    }

    #[test]
    fn a_warning_is_written_as_a_map_without_empty_args() {
        let plain = ScanWarning::new("cpu_not_measured", "CPU use was not measured");
        assert_eq!(
            serde_json::to_string(&plain).unwrap_or_default(),
            r#"{"code":"cpu_not_measured","message":"CPU use was not measured"}"#
        );
        let with = ScanWarning::new("fds_unreadable", "m").arg("count", 2);
        let json = serde_json::to_string(&with).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"code":"fds_unreadable","message":"m","args":{"count":"2"}}"#
        );
        let back: Option<ScanWarning> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(with));
    }
}
