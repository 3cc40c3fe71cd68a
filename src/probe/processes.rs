//! Processes from `/proc/<pid>/{stat,status,smaps_rollup,exe,oom_score,fd}` under the
//! root: pure parsers for each file, and a fetch that reads one process and treats a process
//! that vanished as absent. A process a tree keeps only `stat` of counts the RSS field of
//! `stat`; one it keeps only `status` of is named and counted from `status`. It must not group
//! processes into workloads (`workloads` does).

use super::error::ProbeError;
use super::ports::socket_inode;
use super::root::Root;
use crate::model::Bytes;

/// PF_KTHREAD in the `flags` field of `/proc/<pid>/stat`.
const PF_KTHREAD: u64 = 0x0020_0000;

/// The fields of `/proc/<pid>/stat` the scan uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcStat {
    pub(crate) comm: String,
    pub(crate) kernel_thread: bool,
    /// Exited and not yet reaped (`Z`, `X`): it holds no memory.
    pub(crate) dead: bool,
    /// user + system time, in clock ticks.
    pub(crate) ticks: u64,
    /// Start time after boot, in clock ticks: with the PID, it names one process.
    pub(crate) start: u64,
    /// Resident set size in pages (field 24), when it is a count.
    pub(crate) rss_pages: Option<u64>,
}

/// `pid (comm) state ppid …`; `comm` may hold spaces and parentheses, so the last `)` ends it.
pub fn parse_stat(text: &str) -> Result<ProcStat, ProbeError> {
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
        match rest.get(i) {
            None => Err(bad(&format!("no field {}", i + 3))),
            Some(v) => v
                .parse::<u64>()
                .map_err(|_| bad(&format!("field {} is '{v}', not a count", i + 3))),
        }
    };
    // Field n of proc(5) is rest[n - 3]: flags 9, utime 14, stime 15, starttime 22, rss 24.
    let state = rest.first().copied().unwrap_or("");
    Ok(ProcStat {
        comm,
        dead: matches!(state, "Z" | "X" | "x"),
        kernel_thread: field(6)? & PF_KTHREAD != 0,
        ticks: field(11)?.saturating_add(field(12)?),
        start: field(19)?,
        rss_pages: field(21).ok(),
    })
}

/// A process from its `status` alone (a tree without its `stat`): the name, whether it is a
/// kernel thread (no memory map: no `VmSize` line, or `Kthread: 1`) or has exited, and no CPU
/// time. `None` without a `Name:` line.
pub fn stat_from_status(text: &str) -> Option<ProcStat> {
    let value = |key: &str| {
        text.lines().find_map(|l| {
            let rest = l.strip_prefix(key)?.strip_prefix(':')?;
            Some(rest.trim())
        })
    };
    let state = value("State").unwrap_or("");
    let dead = matches!(state.chars().next(), Some('Z' | 'X' | 'x'));
    Some(ProcStat {
        comm: value("Name")?.to_string(),
        kernel_thread: value("Kthread") == Some("1") || (value("VmSize").is_none() && !dead),
        dead,
        ticks: 0,
        start: 0,
        rss_pages: None,
    })
}

/// A `Key:   123 kB` line of `status` or `smaps_rollup`, in bytes.
pub fn parse_kb_line(text: &str, key: &str) -> Option<Bytes> {
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
    /// `oom_score_adj`, -1000 (never) to 1000 (first).
    pub(crate) oom_score_adj: Option<i64>,
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

/// What could not be read about processes that exist (not those that vanished), and what was
/// read in place of it.
#[derive(Debug, Default)]
pub(crate) struct Gaps {
    pub(crate) pss: u32,
    pub(crate) exe: u32,
    pub(crate) fds: u32,
    /// Processes with a `stat` file only: their RSS is `stat`'s pages.
    pub(crate) rss_from_stat: u32,
    /// Processes with a `status` file only: named and counted from it.
    pub(crate) from_status: u32,
    /// Files that were not regular or too large, each skipped.
    pub(crate) skipped: Vec<ProbeError>,
}

impl Gaps {
    /// Keeps `e` when it is about the file itself (not a process that went away or a refusal,
    /// which are counted elsewhere).
    fn note(&mut self, e: ProbeError) {
        if matches!(
            e,
            ProbeError::NotRegular { .. } | ProbeError::TooLarge { .. }
        ) {
            self.skipped.push(e);
        }
    }
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
/// from the cgroup's figures: its own is not read. `page_size` turns `stat`'s RSS into bytes.
pub(crate) fn read_process(
    root: Root<'_>,
    pid: u32,
    stat: Option<ProcStat>,
    counted: bool,
    page_size: u64,
    gaps: &mut Gaps,
) -> Result<Option<Process>, ProbeError> {
    let dir = match root.open_dir(format!("proc/{pid}")) {
        Ok(d) => d,
        Err(e) if e.is_gone() => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut status = None;
    let parsed = |t: String| parse_stat(&t).map_err(|e| e.in_file(format!("proc/{pid}/stat")));
    let stat = match stat.map_or_else(|| dir.read("stat").and_then(parsed), Ok) {
        Ok(s) => s,
        // No `stat`: gone, unless a tree keeps this process's `status` only.
        Err(e) if e.is_gone() => match dir.read("status") {
            Ok(text) => match stat_from_status(&text) {
                Some(s) => {
                    status = Some(text);
                    s
                }
                None => return Ok(None),
            },
            Err(_) => return Ok(None),
        },
        Err(e) => return Err(e),
    };
    if stat.kernel_thread || stat.dead {
        return Ok(None);
    }
    let from_status = status.is_some();
    let number = |name: &str| {
        dir.read(name)
            .ok()
            .and_then(|t| t.trim().parse::<i64>().ok())
    };
    let mut process = Process {
        pid,
        stat,
        exe: None,
        rss: None,
        pss: None,
        oom_score: number("oom_score"),
        oom_score_adj: number("oom_score_adj"),
    };
    if from_status {
        gaps.from_status += 1;
    }
    // The executable names the workload's engine, in a cgroup or not.
    process.exe = match dir.read_link("exe") {
        Ok(path) => Some(path),
        Err(e) => {
            if e.is_denied() {
                gaps.exe += 1;
            }
            None
        }
    };
    if counted {
        return Ok(Some(process));
    }
    let status = match status {
        Some(text) => Some(text),
        None => match dir.read("status") {
            Ok(text) => Some(text),
            // A process that exits now is gone: its `stat` is gone with it.
            Err(e) if e.is_gone() && dir.read("stat").is_err() => return Ok(None),
            Err(e) => {
                gaps.note(e);
                None
            }
        },
    };
    process.rss = status.as_deref().and_then(|t| parse_kb_line(t, "VmRSS"));
    process.pss = match dir.read("smaps_rollup") {
        Ok(text) => parse_kb_line(&text, "Pss"),
        Err(e) => {
            if e.is_denied() {
                gaps.pss += 1;
            }
            gaps.note(e);
            None
        }
    };
    if let (None, None, Some(pages)) = (&status, process.pss, process.stat.rss_pages) {
        process.rss = Some(Bytes(pages.saturating_mul(page_size)));
        gaps.rss_from_stat += 1;
    }
    Ok(Some(process))
}

/// The inodes of the sockets a process holds open. A process whose descriptors may not be
/// read is counted in `gaps` once, and given up on at the first refusal.
pub(crate) fn socket_inodes(root: Root<'_>, pid: u32, gaps: &mut Gaps) -> Vec<u64> {
    match root.read_links(format!("proc/{pid}/fd")) {
        Ok((links, refused)) => {
            if refused {
                gaps.fds += 1;
            }
            links.iter().filter_map(|l| socket_inode(l)).collect()
        }
        Err(e) => {
            if e.is_denied() {
                gaps.fds += 1;
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
                start: 98765,
                rss_pages: Some(2500),
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
        let bad = "1 (x) S 1 1 1 0 -1 4194560 0 0 0 0 12x 0 0 0 20 0 1 0 5 0 0\n";
        let err = parse_stat(bad)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("field 14 is '12x'"), "{err}");
        assert!(parse_stat("garbage").is_err());
        assert!(parse_stat(")(").is_err());
    }

    #[test]
    fn a_process_from_its_status() {
        let user =
            "Name:   kube-proxy\nState:  S (sleeping)\nVmSize:   758200 kB\nVmRSS:     42652 kB\n";
        let s = stat_from_status(user);
        assert_eq!(
            s.as_ref()
                .map(|s| (s.comm.as_str(), s.kernel_thread, s.dead)),
            Some(("kube-proxy", false, false))
        );
        let kthread = "Name:\tkthreadd\nState:\tS (sleeping)\nThreads:\t1\n";
        assert_eq!(
            stat_from_status(kthread).map(|s| s.kernel_thread),
            Some(true)
        );
        let zombie = "Name:\tsh\nState:\tZ (zombie)\n";
        assert_eq!(
            stat_from_status(zombie).map(|s| (s.kernel_thread, s.dead)),
            Some((false, true))
        );
        assert_eq!(stat_from_status("State: R\n"), None);
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
                rss_pages: None,
            }),
            exe: Some("/usr/bin/redis-check-rdb".into()),
            rss: None,
            pss: None,
            oom_score: None,
            oom_score_adj: None,
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
