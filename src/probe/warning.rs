//! Every warning a scan can put in `Snapshot.warnings`: its stable code, the values its sentence
//! names, and the English sentence kept in the snapshot file. The report layer's tables have a
//! `scan.warn.<code>` entry for each code here; this file must not choose words for a report.
//!
//! A warning about something that failed for a reason (a `ProbeError`) carries that reason's
//! code as the value `cause` and the reason's values beside its own.

use super::error::ProbeError;
use crate::model::{Bytes, ScanWarning};

impl ProbeError {
    /// This error as a warning: what could not be read or understood, and where.
    pub fn warning(&self) -> ScanWarning {
        let message = self.to_string();
        match self {
            ProbeError::Read { path, source } => ScanWarning::new("file_unreadable", message)
                .arg("path", path.display())
                .arg("error", source),
            ProbeError::Format { what, reason } => ScanWarning::new("format_unexpected", message)
                .arg("what", what)
                .arg("reason", reason),
            ProbeError::Engine { socket, reason } => {
                ScanWarning::new("engine_unreachable", message)
                    .arg("socket", socket.display())
                    .arg("reason", reason)
            }
            ProbeError::EngineDeadline { socket, seconds } => {
                ScanWarning::new("engine_deadline", message)
                    .arg("socket", socket.display())
                    .arg("seconds", seconds)
            }
            ProbeError::Prometheus(_) => ScanWarning::note(message),
            ProbeError::NoEngine { socket, tried } => ScanWarning::new("engine_not_found", message)
                .arg("socket", socket.display())
                .arg("tried", tried),
            ProbeError::NotRegular { path, kind } => ScanWarning::new("not_regular_file", message)
                .arg("path", path.display())
                .arg("file_type", kind),
            ProbeError::TooLarge { path, limit } => ScanWarning::new("file_too_large", message)
                .arg("path", path.display())
                .arg("limit", limit),
            ProbeError::Statvfs { path, source } => ScanWarning::new("statvfs_failed", message)
                .arg("path", path.display())
                .arg("error", source),
        }
    }
}

/// `warning` with `cause`'s values and code added; its sentence ends with the cause's.
fn because(warning: ScanWarning, cause: &ProbeError) -> ScanWarning {
    let cause = cause.warning();
    let mut out = warning;
    out.message = format!("{}: {}", out.message, cause.message);
    out.args.extend(cause.args);
    out.arg("cause", cause.code)
}

/// No cgroup hierarchy has the memory controller, so no cgroup is measured.
pub fn no_memory_cgroup() -> ScanWarning {
    ScanWarning::new(
        "no_memory_cgroup",
        "no cgroup hierarchy accounts memory: services and containers are not measured",
    )
}

/// The scan took one CPU sample only.
pub fn cpu_not_measured() -> ScanWarning {
    ScanWarning::new(
        "cpu_not_measured",
        "CPU use was not measured: the interval is 0",
    )
}

/// The cgroup of a container or service (`kind`) could not be read; it is left out.
pub fn cgroup_unreadable(kind: &str, name: &str, cause: &ProbeError) -> ScanWarning {
    because(
        ScanWarning::new("cgroup_unreadable", format!("{kind} '{name}'"))
            .arg("kind", kind)
            .arg("name", name),
        cause,
    )
}

/// The engine did not describe a container it listed.
pub fn container_inspect_failed(name: &str, cause: &ProbeError) -> ScanWarning {
    because(
        ScanWarning::new("container_inspect_failed", format!("container '{name}'"))
            .arg("name", name),
        cause,
    )
}

/// A container whose cgroup was not found: it is left out.
pub fn container_cgroup_missing(name: &str) -> ScanWarning {
    ScanWarning::new(
        "container_cgroup_missing",
        format!("container '{name}': no cgroup found, its figures are not measured"),
    )
    .arg("name", name)
}

/// The memory limit or use of the host's top cgroup could not be read.
pub fn memory_limit_unreadable(cause: &ProbeError) -> ScanWarning {
    because(
        ScanWarning::new(
            "memory_limit_unreadable",
            "memory limit of the cgroup the host's services run under",
        ),
        cause,
    )
}

/// The CPU quota of the host's top cgroup could not be read.
pub fn cpu_quota_unreadable(cause: &ProbeError) -> ScanWarning {
    because(
        ScanWarning::new(
            "cpu_quota_unreadable",
            "CPU quota of the cgroup the host's services run under",
        ),
        cause,
    )
}

/// `count` processes whose `smaps_rollup` this user may not read.
pub fn pss_unreadable(count: u32) -> ScanWarning {
    ScanWarning::new(
        "pss_unreadable",
        format!(
            "smaps_rollup not readable for {count} processes: their RSS is counted instead of PSS"
        ),
    )
    .arg("count", count)
}

/// `count` processes whose executable this user may not resolve.
pub fn exe_unreadable(count: u32) -> ScanWarning {
    ScanWarning::new(
        "exe_unreadable",
        format!("executable not readable for {count} processes: they are grouped by command name"),
    )
    .arg("count", count)
}

/// `count` processes whose open files this user may not list.
pub fn fds_unreadable(count: u32) -> ScanWarning {
    ScanWarning::new(
        "fds_unreadable",
        format!("open files not readable for {count} processes: their ports have no owner"),
    )
    .arg("count", count)
}

/// Disks were not measured: a tree under a root other than `/`, with no `df` output given.
pub fn disks_not_measured() -> ScanWarning {
    ScanWarning::new(
        "disks_not_measured",
        "disks were not measured: under a root other than / the disks are the tree's, and no output of 'df -P -B1' from that host was given (--df)",
    )
}

/// Two filesystems are mounted at `mount`: the later one hides the earlier, which is left out.
pub fn mount_shadowed(mount: &str) -> ScanWarning {
    ScanWarning::new(
        "mount_shadowed",
        format!("two filesystems are mounted at '{mount}': the one mounted last is measured, the one it hides is left out"),
    )
    .arg("mount", mount)
}

/// MemAvailable was missing and `available` was estimated by `method`.
pub fn available_estimated(available: Bytes, method: &str) -> ScanWarning {
    ScanWarning::new(
        "available_estimated",
        format!(
            "no MemAvailable line (a kernel before 3.14): available memory estimated as {available} by {method}"
        ),
    )
    .arg("available", available)
    .arg("method", method)
}

/// `count` processes with a `stat` file only: their RSS is its page count times `page_size`.
pub fn rss_from_stat(count: u32, page_size: u64) -> ScanWarning {
    ScanWarning::new(
        "rss_from_stat",
        format!(
            "processes with a stat file only ({count}): their RSS is counted from it, in pages of {page_size} bytes"
        ),
    )
    .arg("count", count)
    .arg("page_size", page_size)
}

/// `count` processes with a `status` file only: named and counted from it, CPU not measured.
pub fn process_from_status(count: u32) -> ScanWarning {
    ScanWarning::new(
        "process_from_status",
        format!(
            "processes with no stat file ({count}): their name and RSS are read from status, and their CPU is not measured"
        ),
    )
    .arg("count", count)
}

/// sysfs and `/proc/stat` count different CPUs online; sysfs's count is used.
pub fn cores_disagree(online: u32, listed: u32) -> ScanWarning {
    ScanWarning::new(
        "cores_disagree",
        format!(
            "sysfs says {online} CPUs are online but /proc/stat lists {listed}: {online} are counted"
        ),
    )
    .arg("online", online)
    .arg("listed", listed)
}

/// A figure no host has (`value` in `what`): `used` is written instead.
pub fn figure_capped(what: &str, value: impl ToString, used: impl ToString) -> ScanWarning {
    let (value, used) = (value.to_string(), used.to_string());
    ScanWarning::new(
        "figure_capped",
        format!("'{what}' says {value}, more than any host has: {used} is used instead"),
    )
    .arg("what", what)
    .arg("value", value)
    .arg("used", used)
}

/// MemAvailable says more than MemTotal: the total is used.
pub fn available_above_total(available: Bytes, total: Bytes) -> ScanWarning {
    ScanWarning::new(
        "available_above_total",
        format!("available memory {available} is more than the total {total}: the total is used"),
    )
    .arg("available", available)
    .arg("total", total)
}

/// Two workloads had one name: the later one, of `kind` (a snapshot's word: `process`), is
/// called `renamed`.
pub fn workload_renamed(name: &str, renamed: &str, kind: &str) -> ScanWarning {
    // the English sentence says a group of processes as the reports' tables do
    let said = if kind == "process" { "processes" } else { kind };
    ScanWarning::new(
        "workload_renamed",
        format!("two workloads are named '{name}': the later one ({said}) is called '{renamed}'"),
    )
    .arg("name", name)
    .arg("renamed", renamed)
    .arg("kind", kind)
}

/// The kernel names an architecture hostfit does not plan for; `host.arch` is left unset.
pub fn arch_unknown(machine: &str) -> ScanWarning {
    ScanWarning::new(
        "arch_unknown",
        format!(
            "the kernel's architecture '{machine}' is not one hostfit plans for (x86_64, arm64): it is left unset"
        ),
    )
    .arg("machine", machine)
}

/// `DOCKER_HOST` names something other than a unix socket, so the default sockets are tried.
pub fn docker_host_ignored(host: &str) -> ScanWarning {
    ScanWarning::new(
        "docker_host_ignored",
        format!("DOCKER_HOST '{host}' is not a unix socket: only unix:// is read"),
    )
    .arg("host", host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;
    use std::path::PathBuf;

    #[test]
    fn an_error_keeps_its_sentence_and_gives_its_values() {
        let e = ProbeError::Read {
            path: PathBuf::from("/r/proc/meminfo"),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        let w = e.warning();
        assert_eq!(w.code, "file_unreadable");
        assert_eq!(w.message, e.to_string());
        assert_eq!(
            w.args.get("path").map(String::as_str),
            Some("/r/proc/meminfo")
        );
        assert_eq!(w.args.get("error"), Some(&"permission denied".to_string()));
    }

    #[test]
    fn a_cause_adds_its_code_values_and_sentence() {
        let e = ProbeError::format("memory.stat", "no 'inactive_file' line");
        let w = cgroup_unreadable("service", "docker", &e);
        assert_eq!(w.code, "cgroup_unreadable");
        assert_eq!(w.message, format!("service 'docker': {e}"));
        let args: Vec<(&str, &str)> = w
            .args
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            args,
            vec![
                ("cause", "format_unexpected"),
                ("kind", "service"),
                ("name", "docker"),
                ("reason", "no 'inactive_file' line"),
                ("what", "memory.stat"),
            ]
        );
    }
}
