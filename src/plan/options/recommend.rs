//! The recommendation: the one action the planner advises for the plan's main scenario (the
//! default `standard` one, else the first), with why. Every report format renders this decision;
//! none makes its own. Pure.

use super::Options;
use crate::model::{Bytes, Cores};
use crate::plan::scenario::{ScenarioResult, Selection};
use crate::plan::verdict::Verdict;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Upgrade,
    RaiseLimit,
    Lightweight,
    Phased,
    None,
}

/// Why the action was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The scenario fits as the host is.
    FitsNow,
    /// The services' cgroup cap binds and the host itself has room.
    CapBinds,
    /// Memory and CPU fit; only the disk at `/` must grow.
    DiskOnly,
    /// The cheapest catalog type on which it fits.
    CheapestFit,
    /// No catalog to upgrade from; what fits now covers every service.
    NoCatalogLightweight,
    /// No catalog to upgrade from; a rollout in batches with a check between them.
    NoCatalogPhased,
    /// No type of the catalog fits; what fits now covers every service.
    NoTypeLightweight,
    /// No type of the catalog fits; a rollout in batches.
    NoTypePhased,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub action: Action,
    pub scenario: String,
    pub verdict: Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monthly_cost: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delta: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usable_memory_bytes: Option<Bytes>,
    /// The disk at `/` must grow by this much (0 when not).
    pub disk_growth_bytes: Bytes,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_limit_bytes: Option<Bytes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu_quota_cores: Option<Cores>,
    pub reason: Reason,
}

/// The scenario the recommendation is about: the default `standard`, else the first.
pub fn main_scenario(scenarios: &[ScenarioResult]) -> Option<&ScenarioResult> {
    scenarios
        .iter()
        .find(|s| s.origin == "default" && s.name == "standard")
        .or_else(|| scenarios.first())
}

pub fn recommend(
    scenarios: &[ScenarioResult],
    options: &Options,
    fits_now: &Selection,
) -> Option<Recommendation> {
    let target = main_scenario(scenarios)?;
    let mut r = Recommendation {
        action: Action::None,
        scenario: target.name.clone(),
        verdict: target.verdict,
        instance: None,
        monthly_cost: None,
        currency: None,
        delta: None,
        usable_memory_bytes: None,
        disk_growth_bytes: Bytes::ZERO,
        memory_limit_bytes: None,
        cpu_quota_cores: None,
        reason: Reason::FitsNow,
    };
    if target.verdict == Verdict::Fits {
        return Some(r);
    }
    let name = target.name.as_str();
    let growth = options
        .disk_bound
        .iter()
        .find(|x| x.scenario == name)
        .map(|d| d.disk_growth_bytes);
    if let Some(raise) = options.raise_limit.iter().find(|x| x.scenario == name) {
        r.action = Action::RaiseLimit;
        r.memory_limit_bytes = Some(raise.memory_bytes);
        r.cpu_quota_cores = Some(raise.cpu_cores);
        r.disk_growth_bytes = growth.unwrap_or_default();
        r.reason = Reason::CapBinds;
    } else if let Some(d) = options.disk_bound.iter().find(|x| x.scenario == name) {
        r.action = Action::Upgrade;
        r.disk_growth_bytes = d.disk_growth_bytes;
        r.reason = Reason::DiskOnly;
    } else if let Some(u) = options
        .upgrade
        .iter()
        .find(|u| u.scenario == name && u.verdict == Verdict::Fits)
    {
        r.action = Action::Upgrade;
        r.instance = Some(u.instance.clone());
        r.monthly_cost = Some(u.monthly_cost);
        r.currency = Some(u.currency.clone());
        r.delta = u.delta;
        r.usable_memory_bytes = Some(u.usable_memory_bytes);
        r.disk_growth_bytes = u.disk_growth_bytes;
        r.reason = Reason::CheapestFit;
    } else {
        let covers_all = fits_now.left_out.is_empty();
        r.action = if covers_all {
            Action::Lightweight
        } else {
            Action::Phased
        };
        r.reason = match (options.catalog.is_some(), covers_all) {
            (false, true) => Reason::NoCatalogLightweight,
            (false, false) => Reason::NoCatalogPhased,
            (true, true) => Reason::NoTypeLightweight,
            (true, false) => Reason::NoTypePhased,
        };
    }
    Some(r)
}
