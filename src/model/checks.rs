//! The rules a parsed plan or snapshot must keep that their types cannot express, as `Problem`s
//! at field paths: unique names, known services, at least one tier, no service twice in a
//! scenario or a phase, figures above zero, RFC 3339 timestamps, one workload per name and one
//! disk per mount. Pure; `cli` finds the places in the file and words the messages.

use super::date::is_rfc3339;
use super::planfile::{PlanFile, Tier};
use super::problem::{FieldPath, Problem};
use super::snapshot::Snapshot;
use super::units::Bytes;
use std::collections::{BTreeMap, BTreeSet};

impl PlanFile {
    /// Every rule this plan breaks, in file order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let services = FieldPath::root().key("services");
        if self.services.is_empty() && self.services_from.is_none() {
            out.push(Problem::new(services.clone(), "problem.plan.no_services"));
        }
        let mut names: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, service) in self.services.iter().enumerate() {
            let at = services.index(i);
            let name = service.name.as_str();
            if name.trim().is_empty() {
                out.push(Problem::new(
                    at.key("name"),
                    "problem.plan.empty_service_name",
                ));
            } else if let Some(first) = names.get(name) {
                out.push(
                    Problem::new(at.key("name"), "problem.plan.duplicate_service")
                        .arg("name", name)
                        .arg("first", first + 1),
                );
            } else {
                names.insert(name, i);
            }
            if service.tiers.lowest().is_none() {
                out.push(Problem::new(at.key("tiers"), "problem.plan.no_tier").arg("name", name));
            }
            if service.priority == Some(0) {
                out.push(
                    Problem::new(at.key("priority"), "problem.plan.priority_zero")
                        .arg("name", name),
                );
            }
            if service.port == Some(0) {
                out.push(Problem::new(at.key("port"), "problem.plan.port_zero").arg("name", name));
            }
            let mut alternatives = BTreeSet::new();
            for (j, alt) in service.alternatives.iter().enumerate() {
                let path = at.key("alternatives").index(j).key("name");
                if alt.name.trim().is_empty() {
                    out.push(Problem::new(path, "problem.plan.empty_alternative_name"));
                } else if !alternatives.insert(alt.name.as_str()) {
                    out.push(
                        Problem::new(path, "problem.plan.duplicate_alternative")
                            .arg("name", name)
                            .arg("alternative", &alt.name),
                    );
                }
            }
        }
        let known = || names.keys().copied().collect::<Vec<_>>().join(", ");
        let mut scenario_names: BTreeSet<String> = Tier::ALL
            .iter()
            .filter(|t| self.services.iter().any(|s| s.tiers.get(**t).is_some()))
            .map(|t| t.key().to_string())
            .collect();
        for (j, scenario) in self.scenarios.iter().enumerate() {
            let at = FieldPath::root().key("scenarios").index(j);
            if !scenario_names.insert(scenario.name.clone()) {
                out.push(
                    Problem::new(at.key("name"), "problem.plan.duplicate_scenario")
                        .arg("name", &scenario.name),
                );
            }
            if scenario.services.is_empty() {
                out.push(
                    Problem::new(at.key("services"), "problem.plan.empty_scenario")
                        .arg("name", &scenario.name),
                );
            }
            let mut listed = BTreeSet::new();
            for (k, service) in scenario.services.iter().enumerate() {
                let path = at.key("services").index(k);
                if !names.contains_key(service.as_str()) {
                    out.push(
                        Problem::new(path, "problem.plan.unknown_service_in_scenario")
                            .arg("scenario", &scenario.name)
                            .arg("name", service)
                            .arg("known", known()),
                    );
                } else if !listed.insert(service.as_str()) {
                    out.push(
                        Problem::new(path, "problem.plan.service_twice_in_scenario")
                            .arg("scenario", &scenario.name)
                            .arg("name", service),
                    );
                }
            }
        }
        let mut phased = BTreeSet::new();
        for (j, phase) in self.phases.iter().enumerate() {
            let at = FieldPath::root().key("phases").index(j);
            if phase.is_empty() {
                out.push(Problem::new(at.clone(), "problem.plan.empty_phase").arg("phase", j + 1));
            }
            for (k, service) in phase.iter().enumerate() {
                if !names.contains_key(service.as_str()) {
                    out.push(
                        Problem::new(at.index(k), "problem.plan.unknown_service_in_phase")
                            .arg("phase", j + 1)
                            .arg("name", service)
                            .arg("known", known()),
                    );
                } else if !phased.insert(service.as_str()) {
                    out.push(
                        Problem::new(at.index(k), "problem.plan.service_twice_in_phases")
                            .arg("name", service),
                    );
                }
            }
        }
        // No CPU at all for the services makes every scenario fail whatever it needs.
        if self.policy.cpu_limit.get() <= 0.0 {
            out.push(Problem::new(
                FieldPath::root().key("policy").key("cpu_limit"),
                "problem.plan.cpu_limit_zero",
            ));
        }
        out.extend(super::fleet::fleet_problems(self));
        out
    }
}

impl Snapshot {
    /// Every rule this snapshot breaks, in file order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let host = FieldPath::root().key("host");
        if !is_rfc3339(&self.host.taken_at) {
            out.push(
                Problem::new(host.key("taken_at"), "problem.snapshot.bad_taken_at")
                    .arg("value", &self.host.taken_at),
            );
        }
        let cpu = &self.host.cpu;
        if cpu.cores.0 <= 0.0 {
            out.push(Problem::new(
                host.key("cpu").key("cores"),
                "problem.snapshot.no_cores",
            ));
        }
        if cpu.quota.is_some_and(|q| q.0 <= 0.0) {
            out.push(Problem::new(
                host.key("cpu").key("quota"),
                "problem.snapshot.zero_quota",
            ));
        }
        let memory = &self.host.memory;
        if memory.total == Bytes::ZERO {
            out.push(Problem::new(
                host.key("memory").key("total"),
                "problem.snapshot.no_memory",
            ));
        }
        if memory.limit == Some(Bytes::ZERO) {
            out.push(Problem::new(
                host.key("memory").key("limit"),
                "problem.snapshot.zero_limit",
            ));
        }
        if memory.limit_used.is_some() && memory.limit.is_none() {
            out.push(Problem::new(
                host.key("memory").key("limit_used"),
                "problem.snapshot.used_without_limit",
            ));
        }
        let mut mounts = BTreeSet::new();
        for (i, disk) in self.host.disks.iter().enumerate() {
            if !mounts.insert(disk.mount.as_str()) {
                out.push(
                    Problem::new(
                        host.key("disks").index(i).key("mount"),
                        "problem.snapshot.duplicate_mount",
                    )
                    .arg("mount", &disk.mount),
                );
            }
        }
        let mut workloads = BTreeSet::new();
        for (i, w) in self.workloads.iter().enumerate() {
            if !workloads.insert(w.name.as_str()) {
                out.push(
                    Problem::new(
                        FieldPath::root().key("workloads").index(i).key("name"),
                        "problem.snapshot.duplicate_workload",
                    )
                    .arg("name", &w.name),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(problems: &[Problem]) -> Vec<String> {
        problems
            .iter()
            .map(|p| format!("{} {}", p.path, p.key))
            .collect()
    }

    #[test]
    fn plan_rules_name_their_fields() {
        let text = "services:
  - { name: a, tiers: { minimum: { memory: 1 } } }
  - { name: a, priority: 0, tiers: {} }
scenarios:
  - { name: minimum, tier: minimum, services: [a, b, a] }
phases: [[a], [a, c], []]
";
        let plan: PlanFile = serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            paths(&plan.problems()),
            [
                "services[1].name problem.plan.duplicate_service",
                "services[1].tiers problem.plan.no_tier",
                "services[1].priority problem.plan.priority_zero",
                "scenarios[0].name problem.plan.duplicate_scenario",
                "scenarios[0].services[1] problem.plan.unknown_service_in_scenario",
                "scenarios[0].services[2] problem.plan.service_twice_in_scenario",
                "phases[1][0] problem.plan.service_twice_in_phases",
                "phases[1][1] problem.plan.unknown_service_in_phase",
                "phases[2] problem.plan.empty_phase",
            ]
        );
    }

    #[test]
    fn snapshot_rules_name_their_fields() {
        let text = "host:
  name: h
  taken_at: yesterday
  cpu: { cores: 0 }
  memory: { total: 0, available: 0, limit_used: 1 }
  disks:
    - { mount: /, total: 1, used: 0, available: 1 }
    - { mount: /, total: 1, used: 0, available: 1 }
workloads:
  - { name: w, kind: container, memory: 1 }
  - { name: w, kind: service, memory: 1 }
";
        let snap: Snapshot = serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            paths(&snap.problems()),
            [
                "host.taken_at problem.snapshot.bad_taken_at",
                "host.cpu.cores problem.snapshot.no_cores",
                "host.memory.total problem.snapshot.no_memory",
                "host.memory.limit_used problem.snapshot.used_without_limit",
                "host.disks[1].mount problem.snapshot.duplicate_mount",
                "workloads[1].name problem.snapshot.duplicate_workload",
            ]
        );
    }
}
