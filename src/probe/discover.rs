//! Finding the workloads before the measurement starts: the engine's containers and where their
//! cgroups are, systemd services and other named cgroups that hold processes, and whether each
//! one's CPU counter is its own. Membership is read from the cgroups' `cgroup.procs`, never
//! from every process. It reads no figures (`scan` does) and decides no fit.

use super::cgroup::{Cgroups, is_within, parse_proc_cgroup, path_in};
use super::docker::Engine;
use super::docker::{Container, EngineSource};
use super::error::ProbeError;
use super::http::EngineLimits;
use super::systemd;
use super::warning;
use super::workloads::{Candidate, Origin};
use crate::model::ScanWarning;
use std::collections::HashSet;

/// Containers from the engine, then systemd services, then other top-level cgroups.
pub(crate) fn discover(
    engine: &EngineSource,
    limits: EngineLimits,
    cgroups: &Cgroups<'_>,
    warnings: &mut Vec<ScanWarning>,
) -> Vec<Candidate> {
    if cgroups.layout.memory().is_none() {
        return Vec::new();
    }
    let mut found: Vec<(Origin, String)> = Vec::new();
    match Engine::find(engine, limits).and_then(|e| Ok((e.list()?, e))) {
        Ok((list, engine)) => {
            let mut late = None;
            for mut c in list {
                if let Some(path) = container_cgroup(cgroups, &engine, &mut c, &mut late, warnings)
                {
                    found.push((Origin::Container(c), path));
                }
            }
            warnings.extend(late.map(|e: ProbeError| e.warning()));
        }
        Err(e) => warnings.push(e.warning()),
    }
    for list in [
        systemd::systemd_services(cgroups),
        systemd::top_level(cgroups),
    ] {
        match list {
            Ok(services) => {
                for s in services {
                    let overlaps = found
                        .iter()
                        .any(|(_, p)| is_within(p, &s.path) || is_within(&s.path, p));
                    let occupied = cgroups.memory_pids(&s.path).is_ok_and(|p| !p.is_empty());
                    if occupied && !overlaps {
                        let path = s.path.clone();
                        found.push((Origin::Cgroup(s), path));
                    }
                }
            }
            Err(e) => warnings.push(e.warning()),
        }
    }
    found
        .into_iter()
        .map(|(origin, path)| {
            let cpu_counter = cgroups.has_cpu_usage(&path) && dedicated_counter(cgroups, &path);
            Candidate {
                origin,
                path,
                cpu_counter,
            }
        })
        .collect()
}

/// Where a container's cgroup is: where Docker and Podman put them, else where its main
/// process is (asking the engine for the PID). A container that went away is dropped quietly.
/// Once the engine's time is up it is not asked again, and `late` says so once.
fn container_cgroup(
    cgroups: &Cgroups<'_>,
    engine: &Engine,
    c: &mut Container,
    late: &mut Option<ProbeError>,
    warnings: &mut Vec<ScanWarning>,
) -> Option<String> {
    let guesses = [
        format!("/docker/{}", c.id),
        format!("/system.slice/docker-{}.scope", c.id),
        format!("/machine.slice/libpod-{}.scope", c.id),
        format!("/libpod_parent/libpod-{}", c.id),
    ];
    let guess = guesses.into_iter().find(|g| cgroups.exists(g));
    let image_by_id = c.image.as_deref().is_none_or(|i| i.starts_with("sha256:"));
    // A database's image: its command, environment and mounts hold its settings.
    let database = c
        .image
        .as_deref()
        .and_then(super::engines::by_image)
        .is_some();
    if guess.is_none() || image_by_id || database {
        match engine.expired() {
            Some(e) => {
                late.get_or_insert(e);
            }
            None => match engine.inspect(c) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e @ ProbeError::EngineDeadline { .. }) => {
                    late.get_or_insert(e);
                }
                Err(e) => warnings.push(warning::container_inspect_failed(&c.name, &e)),
            },
        }
    }
    let by_pid = || {
        let memory = cgroups.layout.memory()?;
        let text = cgroups.root.read(format!("proc/{}/cgroup", c.pid?)).ok()?;
        let lines = parse_proc_cgroup(&text);
        path_in(&lines, memory)
            .filter(|p| *p != "/")
            .map(str::to_string)
    };
    let path = guess.or_else(by_pid);
    if path.is_none() {
        warnings.push(warning::container_cgroup_missing(&c.name));
    }
    path
}

/// A cgroup's CPU counter is its workload's when every process the memory hierarchy puts in
/// it is accounted there too (cgroup v1 mounts `cpuacct` apart, and a cgroup made by hand may
/// exist in `memory` only, with its processes' CPU time counted elsewhere).
fn dedicated_counter(cgroups: &Cgroups<'_>, path: &str) -> bool {
    if cgroups.cpu_with_memory() {
        return true;
    }
    let (Ok(memory), Ok(cpu)) = (cgroups.memory_pids(path), cgroups.cpu_usage_pids(path)) else {
        return false;
    };
    let cpu: HashSet<u32> = cpu.into_iter().collect();
    memory.iter().all(|pid| cpu.contains(pid))
}
