//! The plan format: the services to add, their tiers, parts and alternatives, the policy and the
//! scenarios to weigh. Pure types and their defaults; reading files is the `cli` layer's job.

use super::units::{Bytes, Cores, Ratio, SizeRange};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    #[serde(default)]
    pub title: Option<String>,
    /// The snapshot, relative to the plan file.
    #[serde(default)]
    pub host: Option<String>,
    /// A built-in catalog name or a path relative to the plan file.
    #[serde(default)]
    pub catalog: Option<String>,
    #[serde(default)]
    pub policy: Policy,
    #[serde(default)]
    pub services: Vec<Service>,
    /// A docker-compose file (relative to the plan file) whose services are added to `services`.
    #[serde(default)]
    pub services_from: Option<String>,
    #[serde(default)]
    pub scenarios: Vec<ScenarioSpec>,
    /// The plan's own rollout batches, `[[a, b], [c]]`; services not named follow, by priority.
    #[serde(default)]
    pub phases: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Share of memory kept free after deployment.
    #[serde(default = "Policy::default_memory_reserve")]
    pub memory_reserve: Ratio,
    /// Planned CPU above this share of all cores is only "tight".
    #[serde(default = "Policy::default_cpu_limit")]
    pub cpu_limit: Ratio,
    /// Share of the disk kept free.
    #[serde(default = "Policy::default_disk_reserve")]
    pub disk_reserve: Ratio,
    /// Whether an upgrade may move to another CPU architecture (x86_64 to arm64, say).
    #[serde(default)]
    pub allow_arch_change: bool,
    /// How a database engine among the workloads is budgeted: at what it may grow to under its
    /// settings (`ceiling`, when that is known) or at what it uses now.
    #[serde(default)]
    pub engines: EngineBasis,
}

/// What a database workload is budgeted at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EngineBasis {
    /// `max(now, ceiling)` for an engine whose ceiling is known.
    #[default]
    Ceiling,
    /// What it uses now.
    Now,
}

impl EngineBasis {
    pub fn key(self) -> &'static str {
        match self {
            EngineBasis::Ceiling => "ceiling",
            EngineBasis::Now => "now",
        }
    }
}

impl Policy {
    fn share(value: f64) -> Ratio {
        Ratio::new(value).unwrap_or_else(|_| unreachable!("constant share in range"))
    }
    fn default_memory_reserve() -> Ratio {
        Policy::share(0.10)
    }
    fn default_cpu_limit() -> Ratio {
        Policy::share(0.70)
    }
    fn default_disk_reserve() -> Ratio {
        Policy::share(0.10)
    }
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            memory_reserve: Policy::default_memory_reserve(),
            cpu_limit: Policy::default_cpu_limit(),
            disk_reserve: Policy::default_disk_reserve(),
            allow_arch_change: false,
            engines: EngineBasis::Ceiling,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Minimum,
    Standard,
    Ideal,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Minimum, Tier::Standard, Tier::Ideal];

    pub fn key(self) -> &'static str {
        match self {
            Tier::Minimum => "minimum",
            Tier::Standard => "standard",
            Tier::Ideal => "ideal",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// What one deployment of a service needs.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Needs {
    pub memory: Bytes,
    #[serde(default)]
    pub cpu: Cores,
    #[serde(default)]
    pub disk: Bytes,
}

impl std::ops::Add for Needs {
    type Output = Needs;
    fn add(self, rhs: Needs) -> Needs {
        Needs {
            memory: self.memory + rhs.memory,
            cpu: self.cpu + rhs.cpu,
            disk: self.disk + rhs.disk,
        }
    }
}

impl std::iter::Sum for Needs {
    fn sum<I: Iterator<Item = Needs>>(iter: I) -> Needs {
        iter.fold(Needs::default(), |a, b| a + b)
    }
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tiers {
    #[serde(default)]
    pub minimum: Option<Needs>,
    #[serde(default)]
    pub standard: Option<Needs>,
    #[serde(default)]
    pub ideal: Option<Needs>,
}

impl Tiers {
    pub fn get(&self, tier: Tier) -> Option<&Needs> {
        match tier {
            Tier::Minimum => self.minimum.as_ref(),
            Tier::Standard => self.standard.as_ref(),
            Tier::Ideal => self.ideal.as_ref(),
        }
    }

    /// The tiers given, lowest first.
    pub fn present(&self) -> impl Iterator<Item = (Tier, &Needs)> {
        Tier::ALL
            .into_iter()
            .filter_map(|t| self.get(t).map(|n| (t, n)))
    }

    /// The tier used when `wanted` is asked for: that tier, else the nearest lower one, else the lowest.
    pub fn resolve(&self, wanted: Tier) -> Option<(Tier, &Needs)> {
        Tier::ALL
            .into_iter()
            .rev()
            .filter(|t| *t <= wanted)
            .find_map(|t| self.get(t).map(|n| (t, n)))
            .or_else(|| self.lowest())
    }

    pub fn lowest(&self) -> Option<(Tier, &Needs)> {
        self.present().next()
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub name: String,
    pub memory: SizeRange,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    pub name: String,
    #[serde(default)]
    pub purpose: Option<String>,
    #[serde(default)]
    pub needs: Needs,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub name: String,
    #[serde(default)]
    pub purpose: Option<String>,
    #[serde(default)]
    pub port: Option<u16>,
    /// 1 is most important; when absent, the order in the file.
    #[serde(default)]
    pub priority: Option<u32>,
    pub tiers: Tiers,
    #[serde(default)]
    pub parts: Vec<Part>,
    #[serde(default)]
    pub alternatives: Vec<Alternative>,
    /// Across a fleet (`hostfit place`): the copies to place; 1 when absent.
    #[serde(default)]
    pub replicas: Option<u32>,
    /// Across a fleet: every replica on a different host.
    #[serde(default)]
    pub spread: bool,
    /// Across a fleet: only these hosts (by name); any host when empty.
    #[serde(default)]
    pub on: Vec<String>,
    /// Across a fleet: never these hosts.
    #[serde(default)]
    pub not_on: Vec<String>,
    /// Across a fleet: only hosts with these labels (`--host-labels`).
    #[serde(default)]
    pub requires: BTreeMap<String, String>,
}

impl Service {
    /// The copies to place across a fleet.
    pub fn replica_count(&self) -> u32 {
        self.replicas.unwrap_or(1)
    }

    /// The parts summed as a range, when the service lists any.
    pub fn parts_sum(&self) -> Option<SizeRange> {
        if self.parts.is_empty() {
            None
        } else {
            Some(
                self.parts
                    .iter()
                    .map(|p| p.memory)
                    .fold(SizeRange::default(), |a, b| a + b),
            )
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSpec {
    pub name: String,
    pub tier: Tier,
    pub services: Vec<String>,
}
