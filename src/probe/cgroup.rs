//! Where cgroups live: the v1, v2 or hybrid layout from the mount table, the lines of
//! `/proc/<pid>/cgroup`, and reading one cgroup's figures under the root. It must not decide
//! which cgroups are workloads (`workloads` does).

use super::cgroup_stats::{self, CgroupMemory};
use super::error::ProbeError;
use super::mounts::Mount;
use super::root::Root;
use crate::model::{Bytes, Cores};
use std::path::PathBuf;

/// The controllers cgroup v1 knows; other super options (`rw`, `xattr`, …) are not controllers.
const V1_CONTROLLERS: &[&str] = &[
    "cpu",
    "cpuacct",
    "cpuset",
    "memory",
    "devices",
    "freezer",
    "net_cls",
    "net_prio",
    "blkio",
    "perf_event",
    "hugetlb",
    "pids",
    "rdma",
    "misc",
];

/// One mounted cgroup hierarchy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hierarchy {
    /// v1 controllers (`memory`, `cpu`, `cpuacct`, `name=systemd`); empty for v2.
    pub(crate) controllers: Vec<String>,
    pub(crate) mount_point: String,
    /// The cgroup that is mounted there (`/` unless a container sees only its own).
    pub(crate) mount_root: String,
    pub(crate) v2: bool,
}

impl Hierarchy {
    /// The directory of cgroup `path`, relative to the root.
    pub(crate) fn dir(&self, path: &str) -> PathBuf {
        let inside = match self.mount_root.as_str() {
            "/" => path,
            prefix => path.strip_prefix(prefix).unwrap_or(path),
        };
        let mut dir = PathBuf::from(&self.mount_point);
        for part in inside.split('/').filter(|p| !p.is_empty() && *p != "..") {
            dir.push(part);
        }
        dir
    }
}

/// The cgroup hierarchies of a host.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct CgroupLayout {
    pub(crate) hierarchies: Vec<Hierarchy>,
}

impl CgroupLayout {
    pub(crate) fn from_mounts(mounts: &[Mount]) -> CgroupLayout {
        let mut hierarchies: Vec<Hierarchy> = Vec::new();
        for m in mounts {
            let v2 = match m.fs_type.as_str() {
                "cgroup2" => true,
                "cgroup" => false,
                _ => continue,
            };
            let controllers: Vec<String> = if v2 {
                Vec::new()
            } else {
                m.super_options
                    .split(',')
                    .filter(|o| V1_CONTROLLERS.contains(o) || o.starts_with("name="))
                    .map(str::to_string)
                    .collect()
            };
            // A hierarchy mounted twice is read at its first mount point.
            if hierarchies
                .iter()
                .any(|h| h.v2 == v2 && h.controllers == controllers)
            {
                continue;
            }
            hierarchies.push(Hierarchy {
                controllers,
                mount_point: m.mount_point.clone(),
                mount_root: m.root.clone(),
                v2,
            });
        }
        CgroupLayout { hierarchies }
    }

    fn v1(&self, controller: &str) -> Option<&Hierarchy> {
        self.hierarchies
            .iter()
            .find(|h| !h.v2 && h.controllers.iter().any(|c| c == controller))
    }

    fn v2(&self) -> Option<&Hierarchy> {
        self.hierarchies.iter().find(|h| h.v2)
    }

    /// The hierarchy that accounts memory: v1 `memory` when mounted, else the unified one.
    pub(crate) fn memory(&self) -> Option<&Hierarchy> {
        self.v1("memory").or_else(|| self.v2())
    }

    pub(crate) fn cpu_usage(&self) -> Option<&Hierarchy> {
        self.v1("cpuacct").or_else(|| self.v2())
    }

    pub(crate) fn cpu_limit(&self) -> Option<&Hierarchy> {
        self.v1("cpu").or_else(|| self.v2())
    }
}

/// One line of `/proc/<pid>/cgroup`: `ID:CONTROLLERS:PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub(crate) controllers: Vec<String>,
    pub(crate) path: String,
}

pub fn parse_proc_cgroup(text: &str) -> Vec<Membership> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, ':');
            let _id = parts.next()?;
            let controllers = parts.next()?;
            let path = parts.next()?;
            Some(Membership {
                controllers: controllers
                    .split(',')
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect(),
                path: path.trim_end_matches(" (deleted)").to_string(),
            })
        })
        .collect()
}

/// The path of a process's cgroup in hierarchy `h`.
pub(crate) fn path_in<'a>(lines: &'a [Membership], h: &Hierarchy) -> Option<&'a str> {
    lines
        .iter()
        .find(|m| {
            if h.v2 {
                m.controllers.is_empty()
            } else {
                h.controllers.iter().any(|c| m.controllers.contains(c))
            }
        })
        .map(|m| m.path.as_str())
}

/// True when cgroup `path` is `ancestor` or below it.
pub(crate) fn is_within(path: &str, ancestor: &str) -> bool {
    ancestor == "/"
        || path == ancestor
        || path
            .strip_prefix(ancestor)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Reads cgroup figures under a root.
#[derive(Debug, Clone)]
pub(crate) struct Cgroups<'a> {
    pub(crate) root: Root<'a>,
    pub(crate) layout: CgroupLayout,
}

/// How deep below a workload's cgroup its processes are looked for.
const MAX_DEPTH: usize = 16;

/// The PIDs of a `cgroup.procs` file; lines that are not numbers are skipped.
pub(crate) fn parse_pid_list(text: &str) -> Vec<u32> {
    text.lines().filter_map(|l| l.trim().parse().ok()).collect()
}

impl Cgroups<'_> {
    fn read(&self, h: &Hierarchy, path: &str, file: &str) -> Result<String, ProbeError> {
        self.root.read(h.dir(path).join(file))
    }

    /// The processes in cgroup `path` of hierarchy `h` and in the cgroups below it.
    fn subtree_pids(&self, h: &Hierarchy, path: &str) -> Result<Vec<u32>, ProbeError> {
        let mut pids = Vec::new();
        let mut stack = vec![(h.dir(path), 0usize)];
        let mut first = true;
        while let Some((dir, depth)) = stack.pop() {
            match self.root.read(dir.join("cgroup.procs")) {
                Ok(text) => pids.extend(parse_pid_list(&text)),
                Err(e) if first => return Err(e),
                // A child that went away, or a threaded cgroup that lists no processes.
                Err(_) => {}
            }
            first = false;
            if depth < MAX_DEPTH {
                for child in self.root.list(&dir, true).unwrap_or_default() {
                    stack.push((dir.join(child), depth + 1));
                }
            }
        }
        Ok(pids)
    }

    /// The processes of cgroup `path` and below it, as the memory hierarchy counts them.
    pub(crate) fn memory_pids(&self, path: &str) -> Result<Vec<u32>, ProbeError> {
        let h = self.need(self.layout.memory(), "memory")?;
        self.subtree_pids(&h, path)
    }

    /// The processes of cgroup `path` and below it in the hierarchy that accounts CPU time.
    pub(crate) fn cpu_usage_pids(&self, path: &str) -> Result<Vec<u32>, ProbeError> {
        let h = self.need(self.layout.cpu_usage(), "cpuacct")?;
        self.subtree_pids(&h, path)
    }

    /// True when memory and CPU time are accounted in the same hierarchy (v2, or v1 with
    /// `memory` and `cpuacct` mounted together).
    pub(crate) fn cpu_with_memory(&self) -> bool {
        self.layout.memory().is_some() && self.layout.memory() == self.layout.cpu_usage()
    }

    fn need(&self, h: Option<&Hierarchy>, what: &str) -> Result<Hierarchy, ProbeError> {
        h.cloned().ok_or_else(|| {
            ProbeError::format(
                "cgroup mounts",
                format!("no hierarchy with the {what} controller is mounted"),
            )
        })
    }

    /// True when the cgroup has a directory in the memory hierarchy.
    pub(crate) fn exists(&self, path: &str) -> bool {
        self.layout
            .memory()
            .is_some_and(|h| self.root.is_dir(h.dir(path)))
    }

    pub(crate) fn memory(&self, path: &str) -> Result<CgroupMemory, ProbeError> {
        let h = self.need(self.layout.memory(), "memory")?;
        if h.v2 {
            cgroup_stats::memory_v2(
                &self.read(&h, path, "memory.current")?,
                &self.read(&h, path, "memory.stat")?,
            )
        } else {
            cgroup_stats::memory_v1(
                &self.read(&h, path, "memory.usage_in_bytes")?,
                &self.read(&h, path, "memory.stat")?,
            )
        }
    }

    pub(crate) fn memory_limit(&self, path: &str) -> Result<Option<Bytes>, ProbeError> {
        let h = self.need(self.layout.memory(), "memory")?;
        if h.v2 {
            cgroup_stats::parse_v2_memory_max(&self.read(&h, path, "memory.max")?)
        } else {
            cgroup_stats::parse_v1_memory_limit(&self.read(&h, path, "memory.limit_in_bytes")?)
        }
    }

    /// The memory limit on `path` as the kernel applies it: v1's `hierarchical_memory_limit`
    /// counts ancestors the scan may not see (a container's parents); v2's `memory.max`.
    pub(crate) fn effective_memory_limit(&self, path: &str) -> Result<Option<Bytes>, ProbeError> {
        let own = self.memory_limit(path)?;
        let h = self.need(self.layout.memory(), "memory")?;
        if h.v2 {
            return Ok(own);
        }
        let inherited = self
            .read(&h, path, "memory.stat")
            .ok()
            .and_then(|t| cgroup_stats::parse_v1_hierarchical_limit(&t));
        Ok(match (own, inherited) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        })
    }

    /// Nanoseconds of CPU the cgroup has used since it was made.
    pub(crate) fn cpu_usage_ns(&self, path: &str) -> Result<u64, ProbeError> {
        let h = self.need(self.layout.cpu_usage(), "cpuacct")?;
        if h.v2 {
            cgroup_stats::parse_v2_cpu_usage(&self.read(&h, path, "cpu.stat")?)
        } else {
            cgroup_stats::parse_cpuacct_usage(&self.read(&h, path, "cpuacct.usage")?)
        }
    }

    /// True when the cgroup has a directory in the hierarchy that accounts CPU time.
    pub(crate) fn has_cpu_usage(&self, path: &str) -> bool {
        self.layout
            .cpu_usage()
            .is_some_and(|h| self.root.is_dir(h.dir(path)))
    }

    pub(crate) fn cpu_limit(&self, path: &str) -> Result<Option<Cores>, ProbeError> {
        let h = self.need(self.layout.cpu_limit(), "cpu")?;
        if h.v2 {
            cgroup_stats::parse_v2_cpu_max(&self.read(&h, path, "cpu.max")?)
        } else {
            cgroup_stats::parse_v1_cpu_quota(
                &self.read(&h, path, "cpu.cfs_quota_us")?,
                &self.read(&h, path, "cpu.cfs_period_us")?,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::mounts::parse_mountinfo;

    const HYBRID: &str = "\
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,nsdelegate
";

    fn layout(text: &str) -> CgroupLayout {
        CgroupLayout::from_mounts(&parse_mountinfo(text).unwrap_or_default())
    }

    #[test]
    fn hybrid_reads_memory_from_v1() {
        let l = layout(HYBRID);
        let mem = l.memory().map(|h| h.dir("/docker/abc"));
        assert_eq!(mem, Some(PathBuf::from("/sys/fs/cgroup/memory/docker/abc")));
        assert_eq!(
            l.cpu_usage().map(|h| h.mount_point.as_str()),
            Some("/sys/fs/cgroup/cpuacct")
        );
    }

    #[test]
    fn v2_and_comounted_v1() {
        let v2 = layout("30 1 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate\n");
        assert_eq!(
            v2.memory().map(|h| h.dir("/")),
            Some(PathBuf::from("/sys/fs/cgroup"))
        );
        let v1 =
            layout("30 1 0:26 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n");
        assert_eq!(v1.cpu_usage(), v1.cpu_limit());
        assert!(v1.memory().is_none());
    }

    #[test]
    fn container_mount_root_is_stripped() {
        let l =
            layout("30 1 0:26 /docker/abc /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n");
        assert_eq!(
            l.memory().map(|h| h.dir("/docker/abc")),
            Some(PathBuf::from("/sys/fs/cgroup/memory"))
        );
        assert_eq!(
            l.memory().map(|h| h.dir("/../../etc")),
            Some(PathBuf::from("/sys/fs/cgroup/memory/etc"))
        );
    }

    #[test]
    fn proc_cgroup_lines() {
        let lines = parse_proc_cgroup(
            "4:memory:/process_api/44be\n2:cpu,cpuacct:/\n0::/init.scope\n1:name=systemd:/x:y\n",
        );
        let l = layout(HYBRID);
        assert_eq!(
            l.memory().and_then(|h| path_in(&lines, h)),
            Some("/process_api/44be")
        );
        assert_eq!(l.cpu_usage().and_then(|h| path_in(&lines, h)), Some("/"));
        assert_eq!(lines[3].path, "/x:y");
        let v2 = layout("30 1 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        assert_eq!(
            v2.memory().and_then(|h| path_in(&lines, h)),
            Some("/init.scope")
        );
    }

    #[test]
    fn pid_lists() {
        assert_eq!(parse_pid_list("12\n7\n\nx\n"), vec![12, 7]);
        assert!(parse_pid_list("").is_empty());
    }

    #[test]
    fn within() {
        assert!(is_within("/docker/abc", "/docker/abc"));
        assert!(is_within("/docker/abc/x", "/docker/abc"));
        assert!(!is_within("/docker/abcd", "/docker/abc"));
        assert!(is_within("/anything", "/"));
    }
}
