//! Which cgroups are workloads: systemd's `system.slice/*.service` (kind `service`), and any
//! other cgroup made directly under the memory hierarchy's root (`hostfit-pg`: kind `cgroup`,
//! unless it is a `.service` unit there). It lists candidates only: whether one is empty or
//! already counted is decided by `discover`.

use super::cgroup::Cgroups;
use super::error::ProbeError;
use crate::model::WorkloadKind;

/// A cgroup to report as a workload: a systemd unit (`Service`) or a cgroup made by hand
/// (`Cgroup`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NamedCgroup {
    pub(crate) name: String,
    pub(crate) path: String,
    pub(crate) kind: WorkloadKind,
}

/// Top-level cgroups that hold other workloads or the system itself, never one service.
const NOT_SERVICES: &[&str] = &[
    "docker",
    "libpod_parent",
    "kubepods",
    "lxc",
    "lxc.payload",
    "machine",
    "init.scope",
];

fn list_dirs(cgroups: &Cgroups<'_>, path: &str) -> Result<Vec<String>, ProbeError> {
    match cgroups.layout.memory() {
        Some(h) => cgroups.root.list(h.dir(path), true),
        None => Ok(Vec::new()),
    }
}

/// `system.slice/NAME.service`, named `NAME`.
pub(crate) fn systemd_services(cgroups: &Cgroups<'_>) -> Result<Vec<NamedCgroup>, ProbeError> {
    match list_dirs(cgroups, "/system.slice") {
        Ok(dirs) => Ok(select_services(&dirs)),
        Err(e) if e.is_gone() => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

pub(crate) fn select_services(dirs: &[String]) -> Vec<NamedCgroup> {
    dirs.iter()
        .filter_map(|d| {
            let name = d.strip_suffix(".service")?;
            (!name.is_empty()).then(|| NamedCgroup {
                name: name.to_string(),
                path: format!("/system.slice/{d}"),
                kind: WorkloadKind::Service,
            })
        })
        .collect()
}

/// Cgroups directly under the root of the memory hierarchy that are not slices or engines.
pub(crate) fn top_level(cgroups: &Cgroups<'_>) -> Result<Vec<NamedCgroup>, ProbeError> {
    Ok(select_top_level(&list_dirs(cgroups, "/")?))
}

pub(crate) fn select_top_level(dirs: &[String]) -> Vec<NamedCgroup> {
    dirs.iter()
        .filter(|d| !d.ends_with(".slice") && !NOT_SERVICES.contains(&d.as_str()))
        .map(
            |d| match d.strip_suffix(".service").filter(|n| !n.is_empty()) {
                Some(unit) => NamedCgroup {
                    name: unit.to_string(),
                    path: format!("/{d}"),
                    kind: WorkloadKind::Service,
                },
                None => NamedCgroup {
                    name: d.clone(),
                    path: format!("/{d}"),
                    kind: WorkloadKind::Cgroup,
                },
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[NamedCgroup]) -> Vec<(&str, &str, WorkloadKind)> {
        list.iter()
            .map(|s| (s.name.as_str(), s.path.as_str(), s.kind))
            .collect()
    }

    #[test]
    fn services_are_dot_service_dirs() {
        let dirs: Vec<String> = [
            "nginx.service",
            "docker-4f.scope",
            ".service",
            "system-getty.slice",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            names(&select_services(&dirs)),
            vec![(
                "nginx",
                "/system.slice/nginx.service",
                WorkloadKind::Service
            )]
        );
    }

    #[test]
    fn top_level_skips_slices_and_engines() {
        let dirs: Vec<String> = [
            "docker",
            "hostfit-pg",
            "init.scope",
            "system.slice",
            "user.slice",
            "process_api",
            "snapd.service",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            names(&select_top_level(&dirs)),
            vec![
                ("hostfit-pg", "/hostfit-pg", WorkloadKind::Cgroup),
                ("process_api", "/process_api", WorkloadKind::Cgroup),
                ("snapd", "/snapd.service", WorkloadKind::Service),
            ]
        );
    }
}
