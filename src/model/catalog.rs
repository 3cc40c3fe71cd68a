//! Catalogs of instance types with prices: what a host could be upgraded to. Pure types.

use super::units::{Bytes, Cores};
use serde::{Deserialize, Serialize};

/// Hours in a month, as cloud providers count when they quote monthly figures for hourly prices.
pub const HOURS_PER_MONTH: f64 = 730.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Month,
    Hour,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Billing {
    Subscription,
    OnDemand,
}

/// A CPU architecture: what binaries a host runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Arch {
    #[default]
    #[serde(rename = "x86_64")]
    X86_64,
    #[serde(rename = "arm64")]
    Arm64,
}

impl Arch {
    pub fn key(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Arm64 => "arm64",
        }
    }

    /// The architecture a kernel names in `uname -m` (`x86_64`, `aarch64`, `arm64`); `None` for
    /// one hostfit does not plan for.
    pub fn from_machine(machine: &str) -> Option<Arch> {
        match machine.trim() {
            "x86_64" | "amd64" => Some(Arch::X86_64),
            "aarch64" | "arm64" | "aarch64_be" => Some(Arch::Arm64),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceType {
    pub name: String,
    pub family: String,
    pub vcpus: u32,
    /// Sustained share of each vCPU of a burstable type; 1.0 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_baseline: Option<f64>,
    pub memory: Bytes,
    /// The CPU architecture; `x86_64` when absent.
    #[serde(default)]
    pub arch: Arch,
    pub price: f64,
    pub currency: String,
    pub period: Period,
    pub billing: Billing,
    pub region: String,
    /// What the kernel reports as MemTotal on this type, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usable_memory: Option<Bytes>,
    pub source: String,
    pub as_of: String,
    #[serde(default)]
    pub estimate: bool,
}

impl InstanceType {
    pub fn baseline(&self) -> f64 {
        self.cpu_baseline.unwrap_or(1.0)
    }

    /// The cores this type offers for planning: vCPUs times the sustained baseline.
    pub fn planning_cores(&self) -> Cores {
        Cores(f64::from(self.vcpus) * self.baseline())
    }

    /// The price of a month of this type.
    pub fn monthly_cost(&self) -> f64 {
        match self.period {
            Period::Month => self.price,
            Period::Hour => self.price * HOURS_PER_MONTH,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub instances: Vec<InstanceType>,
}

impl Catalog {
    pub fn find(&self, name: &str) -> Option<&InstanceType> {
        self.instances.iter().find(|i| i.name == name)
    }
}
