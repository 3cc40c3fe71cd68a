//! Sampling one process and everything it started, for `hostfit profile --pid` and `-- CMD`:
//! the tree is found again at each sample from the parent PIDs in `/proc/<pid>/stat`, its
//! memory is the sum of PSS (RSS where `smaps_rollup` is unreadable), its CPU the ticks its
//! processes used since the previous sample. Chooses no path and decides no fit.

use super::error::ProbeError;
use super::processes::{self, Gaps};
use super::root::{Root, RootDir};
use crate::model::{Bytes, Cores};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

/// Clock ticks used by each process, by PID and start time (which together name one process).
type Ticks = HashMap<(u32, u64), u64>;

/// One sample of a process tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeReading {
    /// The sum of the processes' PSS (RSS where PSS is unreadable).
    pub memory: Bytes,
    /// Cores used since the previous sample; `None` for the first.
    pub cpu: Option<Cores>,
    pub processes: u32,
}

/// Samples the tree under one PID.
#[derive(Debug)]
pub struct TreeSampler {
    root: RootDir,
    pid: u32,
    ticks_per_second: u64,
    page_size: u64,
    /// Ticks used by each process at the previous sample, and when it was taken.
    before: Option<(Ticks, Instant)>,
}

/// The parent PID from the text of `/proc/<pid>/stat` (the field after the state).
pub(crate) fn parse_ppid(stat: &str) -> Option<u32> {
    let close = stat.rfind(')')?;
    stat.get(close + 1..)?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// `pid` and its descendants, from each process's parent (`(pid, ppid)` pairs).
pub(crate) fn descendants(pid: u32, parents: &[(u32, u32)]) -> Vec<u32> {
    let mut found: HashSet<u32> = HashSet::from([pid]);
    let mut out = vec![pid];
    let mut i = 0;
    while i < out.len() {
        let parent = out[i];
        for (child, _) in parents.iter().filter(|(c, p)| *p == parent && *c != parent) {
            if found.insert(*child) {
                out.push(*child);
            }
        }
        i += 1;
    }
    out
}

impl TreeSampler {
    pub fn new(
        root: &Path,
        pid: u32,
        ticks_per_second: u64,
        page_size: u64,
    ) -> Result<TreeSampler, ProbeError> {
        Ok(TreeSampler {
            root: RootDir::open(root)?,
            pid,
            ticks_per_second: ticks_per_second.max(1),
            page_size,
            before: None,
        })
    }

    /// The command name of the process followed.
    pub fn name(&self) -> Option<String> {
        let stat = self
            .root
            .root()
            .read(format!("proc/{}/stat", self.pid))
            .ok()?;
        processes::parse_stat(&stat).ok().map(|s| s.comm)
    }

    /// Takes one sample; `Ok(None)` once the process itself is gone.
    pub fn sample(&mut self) -> Result<Option<TreeReading>, ProbeError> {
        let root: Root<'_> = self.root.root();
        let mut parents = Vec::new();
        for pid in processes::list_pids(root)? {
            if let Some(ppid) = root
                .read(format!("proc/{pid}/stat"))
                .ok()
                .and_then(|t| parse_ppid(&t))
            {
                parents.push((pid, ppid));
            }
        }
        if !parents.iter().any(|(p, _)| *p == self.pid) {
            return Ok(None);
        }
        let mut gaps = Gaps::default();
        let mut memory = Bytes::ZERO;
        let mut ticks = HashMap::new();
        let mut count = 0;
        for pid in descendants(self.pid, &parents) {
            let Ok(Some(p)) =
                processes::read_process(root, pid, None, false, self.page_size, &mut gaps)
            else {
                continue;
            };
            count += 1;
            memory += p.memory();
            ticks.insert((pid, p.stat.start), p.stat.ticks);
        }
        let now = Instant::now();
        let cpu = self.before.as_ref().map(|(before, at)| {
            let used: u64 = ticks
                .iter()
                .map(|(k, t)| t.saturating_sub(before.get(k).copied().unwrap_or(0)))
                .sum();
            let seconds = now.duration_since(*at).as_secs_f64();
            if seconds > 0.0 {
                Cores(used as f64 / self.ticks_per_second as f64 / seconds)
            } else {
                Cores::ZERO
            }
        });
        self.before = Some((ticks, now));
        Ok(Some(TreeReading {
            memory,
            cpu,
            processes: count,
        }))
    }
}

/// The space the files under `dir` take on disk (allocated blocks), following no link and
/// not leaving its file system; what cannot be read is left out.
pub fn disk_usage(dir: &Path) -> Result<Bytes, ProbeError> {
    use std::os::unix::fs::MetadataExt;
    let top = std::fs::symlink_metadata(dir).map_err(|source| ProbeError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let device = top.dev();
    let mut total = top.blocks().saturating_mul(512);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(meta) = e.metadata() else { continue };
            if meta.dev() != device {
                continue;
            }
            total = total.saturating_add(meta.blocks().saturating_mul(512));
            if meta.is_dir() {
                stack.push(e.path());
            }
        }
    }
    Ok(Bytes(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_pids_and_trees() {
        assert_eq!(parse_ppid("42 (a b) c) S 7 42 42 0"), Some(7));
        assert_eq!(parse_ppid("42 (x"), None);
        let parents = [(1, 0), (10, 1), (11, 10), (12, 11), (20, 1), (13, 10)];
        assert_eq!(descendants(10, &parents), vec![10, 11, 13, 12]);
        assert_eq!(descendants(20, &parents), vec![20]);
    }
}
