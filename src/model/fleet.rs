//! A fleet: many hosts, each a snapshot with the labels its owner gives it (`--host-labels`), and
//! the hosts a source named but could not read whole, kept so that no host is dropped silently.
//! Also the rules of the plan's fleet keys (`replicas`, `spread`, `on`, `not_on`, `requires`) that
//! their types cannot express. Pure types.

use super::planfile::PlanFile;
use super::problem::{FieldPath, Problem};
use super::snapshot::Snapshot;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A host's labels: `zone: b`, `disk: ssd`.
pub type Labels = BTreeMap<String, String>;

/// The `--host-labels` file: host name -> its labels.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(transparent)]
pub struct HostLabels(pub BTreeMap<String, Labels>);

/// One host of a fleet.
#[derive(Debug, Clone, PartialEq)]
pub struct FleetHost {
    pub snapshot: Snapshot,
    pub labels: Labels,
}

impl FleetHost {
    pub fn name(&self) -> &str {
        &self.snapshot.host.name
    }
}

/// A host a source named whose figures it could not read whole: it cannot take services, and the
/// report says which figures are missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingHost {
    pub name: String,
    /// The metrics or fields that were not there, as the source names them.
    pub missing: Vec<String>,
}

/// The hosts a placement may use, in the order the source gave them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fleet {
    pub hosts: Vec<FleetHost>,
    pub missing: Vec<MissingHost>,
}

impl Fleet {
    /// Puts `labels` on the hosts they name; returns the names that match no host.
    pub fn label(&mut self, labels: &HostLabels) -> Vec<String> {
        let mut unknown = Vec::new();
        for (name, set) in &labels.0 {
            match self.hosts.iter_mut().find(|h| h.name() == name) {
                Some(host) => host.labels.extend(set.clone()),
                None => unknown.push(name.clone()),
            }
        }
        unknown
    }
}

/// The rules of the fleet keys of one plan: at least one replica, a host not both in `on` and
/// in `not_on`.
pub(super) fn fleet_problems(plan: &PlanFile) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, service) in plan.services.iter().enumerate() {
        let at = FieldPath::root().key("services").index(i);
        if service.replicas == Some(0) {
            out.push(
                Problem::new(at.key("replicas"), "problem.plan.zero_replicas")
                    .arg("name", &service.name),
            );
        }
        for (j, host) in service.not_on.iter().enumerate() {
            if service.on.contains(host) {
                out.push(
                    Problem::new(at.key("not_on").index(j), "problem.plan.on_and_not_on")
                        .arg("name", &service.name)
                        .arg("host", host),
                );
            }
        }
    }
    out
}
