//! Processes from `/proc/<pid>/{stat,status,smaps_rollup,exe,oom_score,fd}` under the
//! root: pure parsers for each file, and a fetch that reads one process and treats a process
//! that vanished as absent. It must not group processes into workloads (`workloads` does).

use super::error::ProbeError;
use super::ports::socket_inode;
use super::root::Root;
use crate::model::Bytes;

/// PF_KTHREAD in the `flags` field of `/proc/<pid>/stat`.
const PF_KTHREAD: u64 = 0x0020_0000;

/// The fields of `/proc/<pid>/stat` the scan uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProcStat {
    pub(crate) comm: String,
    pub(crate) kernel_thread: bool,
    /// Exited and not yet reaped (`Z`, `X`): it holds no memory.
    pub(crate) dead: bool,
    /// user + system time, in clock ticks.
    pub(crate) ticks: u64,
    /// Start time after boot, in clock ticks: with the PID, it names one process.
    pub(crate) start: u64,
}

/// `pid (comm) state ppid …`; `comm` may hold spaces and parentheses, so the last `)` ends it.
pub(crate) fn parse_stat(text: &str) -> Result<ProcStat, ProbeError> {
    let bad = |why: &str| ProbeError::format("pid stat", why.to_string());
    let open = text.find('(').ok_or_else(|| bad("no '('"))?;
    let close = text.rfind(')').ok_or_else(|| bad("no ')'"))?;
    let comm = text
        .get(open + 1..close)
        .ok_or_else(|| bad("bad comm"))?
        .to_string();
    let rest: Vec<&str> = text
        .get(close + 1..)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let field = |i: usize| -> Result<u64, ProbeError> {
        rest.get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| bad("missing or bad counters"))
    };
    // Field n of proc(5) is rest[n - 3]: flags 9, utime 14, stime 15, starttime 22.
    let state = rest.first().copied().unwrap_or("");
    Ok(ProcStat {
        comm,
        dead: matches!(state, "Z" | "X" | "x"),
        kernel_thread: field(6)? & PF_KTHREAD != 0,
        ticks: field(11)?.saturating_add(field(12)?),
        start: field(19)?,
    })
}

/// A `Key:   123 kB` line of `status` or `smaps_rollup`, in bytes.
pub(crate) fn parse_kb_line(text: &str, key: &str) -> Option<Bytes> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.strip_prefix(':')?;
        let kb = rest.split_whitespace().next()?.parse::<u64>().ok()?;
        Some(Bytes(kb.saturating_mul(1024)))
    })
}

/// The file name of an executable path, without the kernel's ` (deleted)` mark.
pub(crate) fn exe_name(path: &str) -> &str {
    let path = path.strip_suffix(" (deleted)").unwrap_or(path);
    path.rsplit('/').next().unwrap_or(path)
}

/// What one process is and uses.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Process {
    pub(crate) pid: u32,
    pub(crate) stat: ProcStat,
    /// The executable's path, when the link is readable.
    pub(crate) exe: Option<String>,
    pub(crate) rss: Option<Bytes>,
    pub(crate) pss: Option<Bytes>,
    pub(crate) oom_score: Option<i64>,
}

impl Process {
    /// The name its group goes by: the executable's file name, unless the process calls itself
    /// something else (`redis-server` is a link to `redis-check-rdb`; busybox runs as `sh`),
    /// then its command name. The kernel cuts command names at 15 bytes.
    pub(crate) fn name(&self) -> &str {
        let comm = self.stat.comm.as_str();
        match self.exe.as_deref().map(exe_name) {
            Some(exe) if !exe.is_empty() && (comm.is_empty() || exe.starts_with(comm)) => exe,
            _ => comm,
        }
    }

    /// PSS where readable, else RSS.
    pub(crate) fn memory(&self) -> Bytes {
        self.pss.or(self.rss).unwrap_or_default()
    }
}

/// What could not be read about processes that exist (not those that vanished).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Denied {
    pub(crate) pss: u32,
    pub(crate) exe: u32,
    pub(crate) fds: u32,
}

/// The numeric entries of `proc/`, in increasing order.
pub(crate) fn list_pids(root: Root<'_>) -> Result<Vec<u32>, ProbeError> {
    let mut pids: Vec<u32> = root
        .list("proc", true)?
        .iter()
        .filter_map(|n| n.parse::<u32>().ok())
        .collect();
    pids.sort_unstable();
    Ok(pids)
}

pub(crate) fn read_stat(root: Root<'_>, pid: u32) -> Result<ProcStat, ProbeError> {
    parse_stat(&root.read(format!("proc/{pid}/stat"))?)
}

/// Reads one process; `Ok(None)` when it vanished, is a kernel thread or has exited. `stat`
/// is its `stat` when already read. A process `counted` in a cgroup workload has its memory
/// from the cgroup's figures: its own is not read.
pub(crate) fn read_process(
    root: Root<'_>,
    pid: u32,
    stat: Option<ProcStat>,
    counted: bool,
    denied: &mut Denied,
) -> Result<Option<Process>, ProbeError> {
    let dir = match root.open_dir(format!("proc/{pid}")) {
        Ok(d) => d,
        Err(e) if e.is_gone() => return Ok(None),
        Err(e) => return Err(e),
    };
    let stat = match stat.map_or_else(|| dir.read("stat").and_then(|t| parse_stat(&t)), Ok) {
        Ok(s) if s.kernel_thread || s.dead => return Ok(None),
        Ok(s) => s,
        Err(e) if e.is_gone() => return Ok(None),
        Err(e) => return Err(e),
    };
    let oom_score = dir
        .read("oom_score")
        .ok()
        .and_then(|t| t.trim().parse::<i64>().ok());
    let mut process = Process {
        pid,
        stat,
        exe: None,
        rss: None,
        pss: None,
        oom_score,
    };
    if counted {
        return Ok(Some(process));
    }
    process.rss = dir
        .read("status")
        .ok()
        .and_then(|t| parse_kb_line(&t, "VmRSS"));
    process.pss = match dir.read("smaps_rollup") {
        Ok(text) => parse_kb_line(&text, "Pss"),
        Err(e) => {
            if e.is_denied() {
                denied.pss += 1;
            }
            None
        }
    };
    process.exe = match dir.read_link("exe") {
        Ok(path) => Some(path),
        Err(e) => {
            if e.is_denied() {
                denied.exe += 1;
            }
            None
        }
    };
    Ok(Some(process))
}

/// The inodes of the sockets a process holds open. A process whose descriptors may not be
/// read is counted in `denied` once, and given up on at the first refusal.
pub(crate) fn socket_inodes(root: Root<'_>, pid: u32, denied: &mut Denied) -> Vec<u64> {
    match root.read_links(format!("proc/{pid}/fd")) {
        Ok((links, refused)) => {
            if refused {
                denied.fds += 1;
            }
            links.iter().filter_map(|l| socket_inode(l)).collect()
        }
        Err(e) => {
            if e.is_denied() {
                denied.fds += 1;
            }
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAT: &str = "4242 (redis-server (x)) S 1 4242 4242 0 -1 4194560 2000 0 0 0 150 50 0 0 20 0 5 0 98765 70000000 2500 18446744073709551615 1 1 0 0 0 0 0 4096 16384 0 0 0 17 1 0 0 0 0 0\n";

    #[test]
    fn stat_fields() {
        let stat = parse_stat(STAT).ok();
        assert_eq!(
            stat,
            Some(ProcStat {
                comm: "redis-server (x)".into(),
                kernel_thread: false,
                dead: false,
                ticks: 200,
                start: 98765
            })
        );
        let kthread = "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0\n";
        assert_eq!(
            parse_stat(kthread).ok().map(|s| s.kernel_thread),
            Some(true)
        );
        let zombie = "77 (sh) Z 1 0 0 0 -1 4194316 0 0 0 0 3 1 0 0 20 0 1 0 500 0 0\n";
        assert_eq!(
            parse_stat(zombie).ok().map(|s| (s.dead, s.ticks)),
            Some((true, 4))
        );
        assert!(parse_stat("1 (x) S 1 2").is_err());
        assert!(parse_stat("garbage").is_err());
        assert!(parse_stat(")(").is_err());
    }

    #[test]
    fn kb_lines() {
        let rollup = "562760ee0000-7fffd178c000 ---p 00000000 00:00 0   [rollup]\nRss:   1684 kB\nPss:    268 kB\nPss_Anon:  112 kB\n";
        assert_eq!(parse_kb_line(rollup, "Pss"), Some(Bytes(268 * 1024)));
        assert_eq!(parse_kb_line(rollup, "Rss"), Some(Bytes(1684 * 1024)));
        assert_eq!(
            parse_kb_line("VmRSS:\t  10 kB\n", "VmRSS"),
            Some(Bytes(10240))
        );
        assert_eq!(parse_kb_line("Name: x\n", "VmRSS"), None);
    }

    #[test]
    fn group_names() {
        let mut p = Process {
            pid: 1,
            stat: parse_stat(STAT).unwrap_or_else(|_| ProcStat {
                comm: String::new(),
                kernel_thread: false,
                dead: false,
                ticks: 0,
                start: 0,
            }),
            exe: Some("/usr/bin/redis-check-rdb".into()),
            rss: None,
            pss: None,
            oom_score: None,
        };
        p.stat.comm = "redis-server".into();
        assert_eq!(p.name(), "redis-server");
        p.stat.comm = "prometheus-node".into();
        p.exe = Some("/usr/bin/prometheus-node-exporter".into());
        assert_eq!(p.name(), "prometheus-node-exporter");
        p.exe = None;
        assert_eq!(p.name(), "prometheus-node");
    }

    #[test]
    fn exe_names() {
        assert_eq!(exe_name("/usr/lib/postgresql/15/bin/postgres"), "postgres");
        assert_eq!(exe_name("/usr/bin/python3.11 (deleted)"), "python3.11");
        assert_eq!(exe_name("busybox"), "busybox");
    }
}
