//! The upgrade: the cheapest catalog type on which a scenario fits with what is in use now
//! carried over: memory, CPU and disk (grown when only the disk is short) all `fits`. Never the
//! current type, never another CPU architecture unless the policy allows it, and one currency
//! (the catalog layer refuses a mixed one). Also the upgrade people reach for first (the same
//! vCPUs with more memory), when it falls short. Pure.

use super::mover::{Mover, disk_growth};
use crate::model::{Arch, Bytes, Catalog, Cores, InstanceType, Needs, Tier};
use crate::plan::verdict::{Checks, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Upgrade {
    pub scenario: String,
    pub instance: String,
    pub family: String,
    pub arch: Arch,
    pub vcpus: u32,
    pub cpu_baseline: f64,
    pub planning_cores: Cores,
    pub memory_bytes: Bytes,
    pub usable_memory_bytes: Bytes,
    pub monthly_cost: f64,
    pub currency: String,
    /// Against the current instance, when the catalog knows it.
    pub delta: Option<f64>,
    pub estimate: bool,
    /// After the move, with the disk grown by `disk_growth_bytes`.
    pub verdict: Verdict,
    /// What is in use now and carried over to the new type.
    pub carried_bytes: Bytes,
    /// The checks on the new type, the disk as it is now.
    pub checks: Checks,
    /// How much the disk at `/` must grow for the disk check to fit; 0 when it fits.
    pub disk_growth_bytes: Bytes,
    /// Service -> memory limit on the new type: its tier plus a share of what is left.
    pub budgets: BTreeMap<String, Bytes>,
    #[serde(skip)]
    pub budget_order: Vec<String>,
}

/// The current type, as the catalog has it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrentInstance {
    pub name: String,
    pub vcpus: u32,
    pub memory_bytes: Bytes,
    pub monthly_cost: f64,
    pub currency: String,
}

pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Judges instance types for scenarios.
pub struct Upgrader<'a> {
    pub mover: Mover<'a>,
    pub catalog: &'a Catalog,
    pub current: Option<CurrentInstance>,
    /// The host's architecture, and whether others are candidates.
    pub arch: Arch,
    pub allow_arch_change: bool,
}

impl Upgrader<'_> {
    /// The types an upgrade may go to: not the current one, and of the host's architecture
    /// unless the policy allows a change.
    pub fn candidates(&self) -> impl Iterator<Item = &InstanceType> {
        self.catalog.instances.iter().filter(|t| {
            self.current.as_ref().is_none_or(|c| c.name != t.name)
                && (self.allow_arch_change || t.arch == self.arch)
        })
    }

    /// Types left out only for their architecture.
    pub fn other_arch(&self) -> usize {
        if self.allow_arch_change {
            0
        } else {
            self.catalog
                .instances
                .iter()
                .filter(|t| t.arch != self.arch)
                .count()
        }
    }

    /// The scenario's demands judged on `t`.
    pub fn judge(
        &self,
        t: &InstanceType,
        scenario: &str,
        demands: &[(String, Tier, Needs)],
    ) -> Upgrade {
        let needs: Needs = demands.iter().map(|(_, _, n)| *n).sum();
        let capacity = self.mover.capacity_on(t);
        let checks = capacity.check(&needs);
        let growth = checks.disk.as_ref().map_or(Bytes::ZERO, |d| {
            disk_growth(d.shortfall, self.mover.policy.disk_reserve.get())
        });
        let verdict = checks.memory.verdict.max(checks.cpu.verdict);
        let left =
            u64::try_from((i128::from(checks.memory.room) - i128::from(needs.memory.0)).max(0))
                .unwrap_or(0);
        let budgets = crate::plan::budgets::share_out(demands, left);
        let monthly = t.monthly_cost();
        Upgrade {
            scenario: scenario.to_string(),
            instance: t.name.clone(),
            family: t.family.clone(),
            arch: t.arch,
            vcpus: t.vcpus,
            cpu_baseline: t.baseline(),
            planning_cores: t.planning_cores(),
            memory_bytes: t.memory,
            usable_memory_bytes: self.mover.usable(t),
            monthly_cost: round2(monthly),
            currency: t.currency.clone(),
            delta: self
                .current
                .as_ref()
                .filter(|c| c.currency == t.currency)
                .map(|c| round2(monthly - c.monthly_cost)),
            estimate: t.estimate,
            verdict,
            carried_bytes: self.mover.in_use(),
            checks,
            disk_growth_bytes: growth,
            budget_order: budgets.iter().map(|(n, _)| n.clone()).collect(),
            budgets: budgets.into_iter().collect(),
        }
    }

    /// The cheapest candidate judged `fits` and, when the host now does not fit at all and a
    /// cheaper one is `tight`, that one too.
    pub fn cheapest(
        &self,
        scenario: &str,
        demands: &[(String, Tier, Needs)],
        here: Verdict,
    ) -> (Option<Upgrade>, Option<Upgrade>) {
        let mut judged: Vec<Upgrade> = self
            .candidates()
            .map(|t| self.judge(t, scenario, demands))
            .collect();
        judged.sort_by(|a, b| {
            a.monthly_cost
                .total_cmp(&b.monthly_cost)
                .then_with(|| a.instance.cmp(&b.instance))
        });
        let fits = judged.iter().find(|u| u.verdict == Verdict::Fits).cloned();
        let tight = judged
            .iter()
            .find(|u| u.verdict != Verdict::DoesNotFit)
            .filter(|t| {
                fits.as_ref()
                    .is_none_or(|f| t.monthly_cost < f.monthly_cost)
            })
            .filter(|_| here == Verdict::DoesNotFit)
            .cloned();
        (fits, tight)
    }

    /// The same vCPUs with more memory in the current family: the upgrade people reach for.
    pub fn naive(&self, scenario: &str, demands: &[(String, Tier, Needs)]) -> Option<Upgrade> {
        let current = self.current.as_ref()?;
        let now = self.catalog.find(&current.name)?;
        self.catalog
            .instances
            .iter()
            .filter(|t| t.vcpus == now.vcpus && t.memory > now.memory && t.family == now.family)
            .min_by(|a, b| a.monthly_cost().total_cmp(&b.monthly_cost()))
            .map(|t| self.judge(t, scenario, demands))
            .filter(|u| u.verdict != Verdict::Fits)
    }
}
