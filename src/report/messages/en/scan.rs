//! English words for scans and their warnings. Every key here exists in `zh/scan.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    ("scan.title", "Host {host}, measured {taken_at}"),
    ("scan.col.figure", "Figure"),
    ("scan.col.value", "Value"),
    ("scan.host.cores", "CPU cores online"),
    ("scan.host.busy", "CPU busy over {seconds} s (cores)"),
    ("scan.host.busy_unmeasured", "CPU busy (cores)"),
    ("scan.not_measured", "not measured"),
    ("scan.host.cpu_quota", "CPU quota of the cgroup (cores)"),
    ("scan.host.shmem", "Shared memory (Shmem)"),
    ("scan.host.mem_limit", "Memory limit of the cgroup"),
    (
        "scan.host.mem_limit_used",
        "Memory used under the limit (working set)",
    ),
    ("scan.host.arch", "CPU architecture"),
    ("scan.host.swap_total", "Swap total"),
    ("scan.host.swap_free", "Swap free"),
    ("scan.host.psi_cpu_some", "CPU pressure, some (avg10)"),
    ("scan.host.psi_memory_some", "Memory pressure, some (avg10)"),
    ("scan.host.psi_memory_full", "Memory pressure, full (avg10)"),
    ("scan.host.psi_io_some", "I/O pressure, some (avg10)"),
    ("scan.sec.disks", "Disks"),
    ("scan.col.mount", "Mount"),
    ("scan.col.device", "Device"),
    ("scan.col.fstype", "Type"),
    ("scan.col.total", "Total"),
    ("scan.col.used", "Used"),
    ("scan.col.available", "Available"),
    ("scan.sec.ports", "Listening ports"),
    ("scan.col.port", "Port"),
    ("scan.col.protocol", "Protocol"),
    ("scan.col.address", "Address"),
    ("scan.col.process", "Process"),
    ("scan.sec.workloads", "Workloads"),
    ("scan.col.name", "Name"),
    ("scan.col.kind", "Kind"),
    ("scan.col.working_set", "Working set"),
    ("scan.col.rss", "RSS"),
    ("scan.col.pss", "PSS"),
    ("scan.col.page_cache", "Page cache"),
    ("scan.col.active_file", "Active cache"),
    ("scan.col.memory_limit", "Mem limit"),
    ("scan.col.cpu", "CPU"),
    ("scan.col.cpu_limit", "CPU limit"),
    ("scan.col.processes", "Procs"),
    ("scan.col.oom_score", "OOM"),
    ("scan.col.ports", "Ports"),
    (
        "scan.memory_split",
        "Memory: total {total} = available {available} + workloads {workloads} + other {other}",
    ),
    (
        "scan.memory_split_cache",
        "Memory: total {total} = available {available} + workloads {workloads} - page cache counted in both {cache} + other {other}",
    ),
    ("scan.warn.file_unreadable", "cannot read '{path}': {error}"),
    (
        "scan.warn.format_unexpected",
        "'{what}' is not in the expected format: {reason}",
    ),
    (
        "scan.warn.engine_unreachable",
        "container engine at '{socket}': {reason}",
    ),
    (
        "scan.warn.engine_deadline",
        "container engine at '{socket}': no answer within the {seconds} s a scan gives the engine",
    ),
    (
        "scan.warn.engine_not_found",
        "container engine at '{socket}': no Docker or Podman socket found (tried {tried})",
    ),
    (
        "scan.warn.not_regular_file",
        "'{path}' is not a regular file ({file_type}): skipped",
    ),
    (
        "scan.warn.file_too_large",
        "'{path}' is larger than {limit} bytes: skipped",
    ),
    (
        "scan.warn.statvfs_failed",
        "cannot measure the filesystem at '{path}': {error}",
    ),
    (
        "scan.warn.no_memory_cgroup",
        "no cgroup hierarchy accounts memory: services and containers are not measured",
    ),
    (
        "scan.warn.cpu_not_measured",
        "CPU use was not measured: the interval is 0",
    ),
    ("scan.warn.cgroup_unreadable", "{kind} '{name}': {cause}"),
    (
        "scan.warn.container_inspect_failed",
        "container '{name}': {cause}",
    ),
    (
        "scan.warn.container_cgroup_missing",
        "container '{name}': no cgroup found, its figures are not measured",
    ),
    (
        "scan.warn.memory_limit_unreadable",
        "memory limit of the cgroup the host's services run under: {cause}",
    ),
    (
        "scan.warn.cpu_quota_unreadable",
        "CPU quota of the cgroup the host's services run under: {cause}",
    ),
    (
        "scan.warn.pss_unreadable",
        "smaps_rollup not readable for {count} processes: their RSS is counted instead of PSS",
    ),
    (
        "scan.warn.exe_unreadable",
        "executable not readable for {count} processes: they are grouped by command name",
    ),
    (
        "scan.warn.fds_unreadable",
        "open files not readable for {count} processes: their ports have no owner",
    ),
    (
        "scan.warn.available_estimated",
        "no MemAvailable line (a kernel before 3.14): available memory estimated as {available} by {method}",
    ),
    (
        "scan.warn.disks_not_measured",
        "disks were not measured: under a root other than / the disks are the tree's, and no output of 'df -P -B1' from that host was given (--df)",
    ),
    (
        "scan.warn.rss_from_stat",
        "processes with a stat file only ({count}): their RSS is counted from it, in pages of {page_size} bytes",
    ),
    (
        "scan.warn.process_from_status",
        "processes with no stat file ({count}): their name and RSS are read from status, and their CPU is not measured",
    ),
    (
        "scan.warn.cores_disagree",
        "sysfs says {online} CPUs are online but /proc/stat lists {listed}: {online} are counted",
    ),
    (
        "scan.warn.figure_capped",
        "'{what}' says {value}, more than any host has: {used} is used instead",
    ),
    (
        "scan.warn.available_above_total",
        "available memory {available} is more than the total {total}: the total is used",
    ),
    (
        "scan.warn.workload_renamed",
        "two workloads are named '{name}': the later one ({kind}) is called '{renamed}'",
    ),
    (
        "scan.warn.arch_unknown",
        "the kernel's architecture '{machine}' is not one hostfit plans for (x86_64, arm64): it is left unset",
    ),
    (
        "scan.warn.docker_host_ignored",
        "DOCKER_HOST '{host}' is not a unix socket: only unix:// is read",
    ),
    (
        "scan.warn.mount_shadowed",
        "two filesystems are mounted at '{mount}': the one mounted last is measured, the one it hides is left out",
    ),
];
