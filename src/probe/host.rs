//! The host-wide figures under a root: name, memory and swap, cores and the limits of the
//! cgroup the scan runs in, pressure, and listening ports with their owners. It fetches and
//! hands the text to the pure parsers; it must not build workloads.

use super::available;
use super::capped;
use super::cgroup::Cgroups;
use super::cpu;
use super::error::ProbeError;
use super::meminfo::{self, MemInfo};
use super::ports::SocketSource;
use super::ports::{self, Listener};
use super::pressure;
use super::processes::{self, Gaps, Process};
use super::root::Root;
use super::scan::ScanConfig;
use super::sockdiag;
use super::warning;
use crate::model::{
    Arch, Bytes, Cores, CpuState, Host, ListeningPort, Pressure, Protocol, ScanWarning,
};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::Duration;

/// How long the kernel may take to list its listening sockets.
const NETLINK_TIMEOUT: Duration = Duration::from_secs(2);

/// Name, memory, swap, cores, own limits and pressure. Fails only when `/proc/meminfo` or
/// `/proc/stat` cannot be read: without them there is no host to describe.
pub(crate) fn read_host(
    root: Root<'_>,
    config: &ScanConfig,
    cgroups: &Cgroups<'_>,
    warnings: &mut Vec<ScanWarning>,
) -> Result<Host, ProbeError> {
    let page_size = config.page_size;
    let info = meminfo::parse_meminfo(&root.read("proc/meminfo")?);
    warnings.extend(info.unparsable_lines().iter().map(ProbeError::warning));
    let available = available(root, &info, page_size, warnings)?;
    let mut memory = info.memory(available)?;
    let stat = root.read("proc/stat")?;
    let cores = cores(root, &stat, warnings)?;
    let name = match root.read("proc/sys/kernel/hostname") {
        Ok(n) if !n.trim().is_empty() => n.trim().to_string(),
        Ok(_) => "localhost".to_string(),
        Err(e) => {
            warnings.push(e.warning());
            "localhost".to_string()
        }
    };
    let cap = capped::read_cap(cgroups, memory.total, cores, warnings);
    memory.limit = cap.limit;
    memory.limit_used = cap.limit_used;
    Ok(Host {
        name,
        taken_at: config.taken_at.clone(),
        instance: None,
        arch: read_arch(root, config.arch, warnings),
        cpu: CpuState {
            cores: Cores(f64::from(cores)),
            used: Cores::ZERO,
            quota: cap.quota,
            interval_seconds: None,
        },
        memory,
        swap: info.swap(),
        disks: Vec::new(),
        listening_ports: Vec::new(),
        pressure: read_pressure(root, warnings),
    })
}

/// Where the CPU architecture is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchSource {
    /// `uname(2)`: the kernel this process runs on, so only for the live root `/`.
    Uname,
    /// `proc/sys/kernel/arch` under the root (Linux 6.1 and later), where the tree has it;
    /// else the architecture is left unknown.
    Tree,
}

/// The architecture as the kernel names it (`uname -m`), when it is one hostfit plans for.
fn read_arch(root: Root<'_>, source: ArchSource, warnings: &mut Vec<ScanWarning>) -> Option<Arch> {
    let machine = match source {
        ArchSource::Uname => rustix::system::uname()
            .machine()
            .to_string_lossy()
            .into_owned(),
        ArchSource::Tree => match root.read("proc/sys/kernel/arch") {
            Ok(text) => text.trim().to_string(),
            Err(e) if e.is_gone() => return None,
            Err(e) => {
                warnings.push(e.warning());
                return None;
            }
        },
    };
    let arch = Arch::from_machine(&machine);
    if arch.is_none() {
        warnings.push(warning::arch_unknown(&machine));
    }
    arch
}

/// The CPUs online, from sysfs, else the `cpuN` lines of `/proc/stat` (which lists the online
/// ones). A count no kernel is built for is not taken: the other source, or the cap, is.
fn cores(root: Root<'_>, stat: &str, warnings: &mut Vec<ScanWarning>) -> Result<u32, ProbeError> {
    const ONLINE: &str = "sys/devices/system/cpu/online";
    let listed = cpu::count_cpu_lines(stat);
    let listed_ok = (1..=cpu::MAX_CPUS).contains(&listed);
    match root.read(ONLINE).and_then(|t| cpu::parse_cpu_list(&t)) {
        Ok(online) if online <= cpu::MAX_CPUS => {
            if listed_ok && listed != online {
                warnings.push(warning::cores_disagree(online, listed));
            }
            Ok(online)
        }
        Ok(online) => {
            let used = if listed_ok { listed } else { cpu::MAX_CPUS };
            warnings.push(warning::figure_capped(
                &root.path(ONLINE).display().to_string(),
                online,
                used,
            ));
            Ok(used)
        }
        Err(e) if listed == 0 => Err(e),
        Err(e) => {
            if !e.is_gone() {
                warnings.push(e.warning());
            }
            Ok(listed.min(cpu::MAX_CPUS))
        }
    }
}

/// MemAvailable, or where the kernel has none (before 3.14) an estimate, with a warning naming
/// how it was made. Fails only without MemTotal or MemFree.
fn available(
    root: Root<'_>,
    info: &MemInfo,
    page_size: u64,
    warnings: &mut Vec<ScanWarning>,
) -> Result<Bytes, ProbeError> {
    info.total()?;
    if let Some(available) = info.get("MemAvailable") {
        return Ok(available);
    }
    let zones = match root
        .read("proc/zoneinfo")
        .and_then(|t| available::parse_zoneinfo(&t))
    {
        Ok(z) => Some(z),
        Err(e) => {
            if !e.is_gone() {
                warnings.push(e.warning());
            }
            None
        }
    };
    let (bytes, method) = available::estimate(info, zones, page_size).ok_or_else(|| {
        ProbeError::format(
            "meminfo",
            "no 'MemAvailable' line and no 'MemFree' line to estimate it from",
        )
    })?;
    warnings.push(warning::available_estimated(bytes, method.word()));
    Ok(bytes)
}

/// PSI where the kernel offers it; a kernel without PSI is not a warning.
fn read_pressure(root: Root<'_>, warnings: &mut Vec<ScanWarning>) -> Option<Pressure> {
    let mut read = |name: &str| match root
        .read(format!("proc/pressure/{name}"))
        .and_then(|t| pressure::parse_pressure(&t))
    {
        Ok(s) => Some(s),
        Err(e) if e.is_gone() => None,
        // Kernels built with PSI but booted without it refuse the read.
        Err(ProbeError::Read { source, .. }) if source.raw_os_error() == Some(95) => None,
        Err(e) => {
            warnings.push(e.warning());
            None
        }
    };
    let (cpu, memory, io) = (read("cpu"), read("memory"), read("io"));
    if cpu.is_none() && memory.is_none() && io.is_none() {
        return None;
    }
    Some(Pressure {
        cpu_some_avg10: cpu.and_then(|s| s.some_avg10),
        memory_some_avg10: memory.and_then(|s| s.some_avg10),
        memory_full_avg10: memory.and_then(|s| s.full_avg10),
        io_some_avg10: io.and_then(|s| s.some_avg10),
    })
}

/// The listening ports, sorted, and the ports each process listens on. The owner of a socket
/// is the lowest PID holding it (the parent of forked workers); descriptors are read only until
/// every listening socket has an owner.
pub(crate) fn listening_ports(
    root: Root<'_>,
    source: &SocketSource,
    procs: &[Process],
    gaps: &mut Gaps,
    warnings: &mut Vec<ScanWarning>,
) -> (Vec<ListeningPort>, HashMap<u32, BTreeSet<u16>>) {
    let mut listeners: Vec<Listener> = Vec::new();
    let mut tables = vec![("udp", Protocol::Udp), ("udp6", Protocol::Udp)];
    let from_netlink = match source {
        SocketSource::Netlink => sockdiag::tcp_listeners(NETLINK_TIMEOUT).ok(),
        SocketSource::Tables => None,
    };
    match from_netlink {
        Some(found) => listeners.extend(found),
        None => tables.extend([("tcp", Protocol::Tcp), ("tcp6", Protocol::Tcp)]),
    }
    for (file, protocol) in tables {
        match root
            .read_seq(format!("proc/net/{file}"))
            .and_then(|t| ports::parse_net_table(&t, protocol))
        {
            Ok(found) => listeners.extend(found),
            // No IPv6 on this host.
            Err(e) if e.is_gone() && file.ends_with('6') => {}
            Err(e) => warnings.push(e.warning()),
        }
    }
    let mut wanted: HashSet<u64> = listeners
        .iter()
        .map(|l| l.inode)
        .filter(|i| *i != 0)
        .collect();
    let mut by_inode: HashMap<u64, &Process> = HashMap::new();
    let mut sorted: Vec<&Process> = procs.iter().collect();
    sorted.sort_by_key(|p| p.pid);
    for p in sorted {
        if wanted.is_empty() {
            break;
        }
        for inode in processes::socket_inodes(root, p.pid, gaps) {
            if wanted.remove(&inode) {
                by_inode.insert(inode, p);
            }
        }
    }
    let mut owners: HashMap<u32, BTreeSet<u16>> = HashMap::new();
    let mut out: Vec<ListeningPort> = listeners
        .iter()
        .map(|l| {
            let owner = by_inode.get(&l.inode).copied();
            if let Some(p) = owner {
                owners.entry(p.pid).or_default().insert(l.port);
            }
            ListeningPort {
                port: l.port,
                protocol: Some(l.protocol),
                address: Some(l.address.to_string()),
                process: owner.map(|p| p.name().to_string()),
            }
        })
        .collect();
    out.sort_by(|a, b| (a.port, a.protocol, &a.address).cmp(&(b.port, b.protocol, &b.address)));
    out.dedup();
    (out, owners)
}
