//! The options when a scenario does not fit, one file each: `upgrade` (the cheapest catalog type,
//! its cost and per-service budgets), `raise` (a larger cgroup cap when the host has room),
//! `lightweight` (the exact best choice that fits now), `phased` (a gated rollout), and
//! `recommend` (the one action advised). This file puts them together. Pure.

pub mod mover;
pub mod phased;
pub mod raise;
pub mod recommend;
pub mod tuning;
pub mod upgrade;

pub use mover::{DEFAULT_USABLE_SHARE, UsableRule};
pub use phased::{Gate, PhasedBatch};
pub use raise::RaiseLimit;
pub use recommend::{Action, Reason, Recommendation};
pub use tuning::{Risk, TuneStep, Tuning};
pub use upgrade::{CurrentInstance, Upgrade};

use super::scenario::{ScenarioResult, Selection};
use super::verdict::{Capacity, Verdict};
use super::warnings::{Warning, WarningCode};
use crate::model::{Arch, Bytes, Catalog, Cores, Needs, Policy, Service, Snapshot, Tier};
use mover::{Mover, disk_growth, with_disk_grown};
use serde::Serialize;
use upgrade::{Upgrader, round2};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub catalog: Option<String>,
    pub current: Option<CurrentInstance>,
    /// How usable memory was estimated for the catalog's types.
    pub usable_rule: UsableRule,
    /// The host's architecture, and how many catalog types were left out for another one.
    pub arch: Arch,
    pub left_out_arch: usize,
    pub upgrade: Vec<Upgrade>,
    /// Scenarios for which no type of the catalog fits.
    pub no_upgrade: Vec<String>,
    /// For scenarios that do not fit: the same vCPUs with more memory, the upgrade people reach for.
    pub naive: Vec<Upgrade>,
    /// Scenarios that fit on the host but not under the services' cgroup cap.
    pub raise_limit: Vec<RaiseLimit>,
    /// Scenarios whose memory and CPU fit and only the disk does not: another instance type
    /// does not help, the disk must grow.
    pub disk_bound: Vec<DiskBound>,
    pub lightweight: Lightweight,
    /// The gated rollout, every service at its lowest tier.
    pub phased: Vec<PhasedBatch>,
    /// The same batches on the cheapest type that takes them all.
    pub phased_on_upgrade: Option<PhasedOnUpgrade>,
    /// Services that alone at their lowest tier would run only `tight` here.
    pub alone_tight: Vec<String>,
    /// Services that alone at their lowest tier do not fit here at all.
    pub alone_does_not_fit: Vec<String>,
    /// Scenarios that do not fit and that only another instance type can settle (neither a
    /// larger cap nor a larger disk).
    pub need_instance: Vec<String>,
    /// For scenarios whose memory does not fit: database settings to lower, and what each frees.
    pub tuning: Vec<Tuning>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiskBound {
    pub scenario: String,
    pub mount: String,
    pub shortfall_bytes: Bytes,
    /// The growth of the disk that makes it fit under its reserve.
    pub disk_growth_bytes: Bytes,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhasedOnUpgrade {
    pub instance: String,
    /// Whether it is the recommended upgrade (else the cheapest type that takes them all).
    pub recommended: bool,
    pub monthly_cost: f64,
    pub currency: String,
    pub delta: Option<f64>,
    pub disk_growth_bytes: Bytes,
    pub batches: Vec<PhasedBatch>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Lightweight {
    /// Deployed at their lowest tier.
    pub services: Vec<String>,
    /// Service -> the alternative that replaces it.
    pub alternatives: std::collections::BTreeMap<String, String>,
    pub left_out: Vec<String>,
    /// Room left after it: memory in bytes (room - demand), CPU in cores.
    pub memory_left_bytes: i64,
    pub cpu_left_cores: Cores,
}

/// What the options are worked out from.
pub struct OptionsInput<'a> {
    pub snapshot: &'a Snapshot,
    pub policy: &'a Policy,
    /// The services' room (under their cap, when they have one).
    pub base: &'a Capacity,
    /// The host itself, caps aside.
    pub host: &'a Capacity,
    /// The plan's services with their priority, most important first.
    pub services: &'a [(u32, &'a Service)],
    pub phases: &'a [Vec<String>],
    pub scenarios: &'a [ScenarioResult],
    pub fits_now: &'a Selection,
    pub catalog: Option<&'a Catalog>,
}

/// The options and the one recommendation, on whose upgrade the phased rollout is judged.
pub fn options(
    input: &OptionsInput<'_>,
    warnings: &mut Vec<Warning>,
) -> (Options, Option<Recommendation>) {
    let base = input.base;
    let batches = phased::batches(input.services, input.phases);
    let (alone_tight, alone_does_not_fit) = phased::alone(input.services, base);
    let mut out = Options {
        lightweight: lightweight(input.fits_now, base),
        phased: phased::judge(&batches, base, true),
        alone_tight,
        alone_does_not_fit,
        arch: input.snapshot.host.arch.unwrap_or_default(),
        ..Options::default()
    };
    settle_on_this_host(input, &mut out);
    let Some(catalog) = input.catalog else {
        warnings.push(Warning::new(WarningCode::NoCatalog));
        let recommendation = recommend::recommend(input.scenarios, &out, input.fits_now);
        return (out, recommendation);
    };
    out.catalog = Some(catalog.name.clone());
    let snapshot = input.snapshot;
    let current = snapshot
        .host
        .instance
        .as_deref()
        .and_then(|n| catalog.find(n));
    if let (Some(name), None) = (snapshot.host.instance.as_deref(), current) {
        warnings.push(
            Warning::new(WarningCode::UnknownInstance)
                .arg("instance", name)
                .arg("catalog", &catalog.name),
        );
    }
    // What the services' host reports as its memory (the cap, on a capped host) against the
    // nominal memory of its type; never more than all of it.
    out.usable_rule = match current {
        Some(t) if t.memory.0 > 0 => UsableRule::CurrentRatio {
            share: (base.memory_total.0 as f64 / t.memory.0 as f64).min(1.0),
        },
        _ => UsableRule::Default,
    };
    out.current = current.map(|t| CurrentInstance {
        name: t.name.clone(),
        vcpus: t.vcpus,
        memory_bytes: t.memory,
        monthly_cost: round2(t.monthly_cost()),
        currency: t.currency.clone(),
    });
    let upgrader = Upgrader {
        mover: Mover {
            snapshot,
            policy: input.policy,
            base,
            host: input.host,
            rule: out.usable_rule,
        },
        catalog,
        current: out.current.clone(),
        arch: out.arch,
        allow_arch_change: input.policy.allow_arch_change,
    };
    out.left_out_arch = upgrader.other_arch();
    for scenario in input
        .scenarios
        .iter()
        .filter(|s| out.need_instance.contains(&s.name))
    {
        let on_host = input.host.check(&scenario.needs);
        let here = on_host.memory.verdict.max(on_host.cpu.verdict);
        let (fits, tight) = upgrader.cheapest(&scenario.name, &scenario.demands, here);
        if fits.is_none() && tight.is_none() {
            out.no_upgrade.push(scenario.name.clone());
        }
        out.upgrade.extend(fits);
        out.upgrade.extend(tight);
        out.naive
            .extend(upgrader.naive(&scenario.name, &scenario.demands));
    }
    let recommendation = recommend::recommend(input.scenarios, &out, input.fits_now);
    out.phased_on_upgrade =
        phased_on_upgrade(input, &upgrader, &batches, &out, recommendation.as_ref());
    (out, recommendation)
}

/// What this host settles without another type: a scenario whose memory and CPU fit on the
/// host itself gets a larger cap where the services' cgroup binds, and a larger disk where the
/// disk at `/` is short; the others need another instance type.
fn settle_on_this_host(input: &OptionsInput<'_>, out: &mut Options) {
    let capped = Capacity::is_capped(input.snapshot);
    for scenario in input
        .scenarios
        .iter()
        .filter(|s| s.verdict != Verdict::Fits)
    {
        let on_host = input.host.check(&scenario.needs);
        if on_host.memory.verdict.max(on_host.cpu.verdict) != Verdict::Fits {
            out.need_instance.push(scenario.name.clone());
            continue;
        }
        let here = scenario
            .checks
            .memory
            .verdict
            .max(scenario.checks.cpu.verdict);
        if capped && here != Verdict::Fits {
            out.raise_limit.push(raise::raise_limit(
                input.snapshot,
                input.policy,
                &scenario.name,
                &scenario.needs,
                input.base.memory_held,
            ));
        }
        if let Some(d) = on_host.disk.as_ref().filter(|d| d.verdict != Verdict::Fits) {
            out.disk_bound.push(DiskBound {
                scenario: scenario.name.clone(),
                mount: d.mount.clone(),
                shortfall_bytes: d.shortfall,
                disk_growth_bytes: disk_growth(d.shortfall, input.policy.disk_reserve.get()),
            });
        }
    }
}

/// The rollout judged on the recommended type when the recommendation is an upgrade to one (and
/// every service fits on it), else on the cheapest type that takes every service at its lowest
/// tier; only where the rollout does not fit here and another type helps (memory or CPU short on
/// this host for all of it, not only the disk).
fn phased_on_upgrade(
    input: &OptionsInput<'_>,
    upgrader: &Upgrader<'_>,
    batches: &[Vec<&Service>],
    out: &Options,
    recommendation: Option<&Recommendation>,
) -> Option<PhasedOnUpgrade> {
    if out.phased.iter().all(|b| b.by_estimate == Verdict::Fits) {
        return None;
    }
    let demands: Vec<(String, Tier, Needs)> = input
        .services
        .iter()
        .filter_map(|(_, s)| s.tiers.lowest().map(|(t, n)| (s.name.clone(), t, *n)))
        .collect();
    let all: Needs = demands.iter().map(|(_, _, n)| *n).sum();
    let on_host = input.host.check(&all);
    if on_host.memory.verdict.max(on_host.cpu.verdict) == Verdict::Fits {
        return None;
    }
    let recommended = recommendation
        .and_then(|r| r.instance.as_deref())
        .and_then(|n| upgrader.catalog.find(n))
        .map(|t| upgrader.judge(t, "phased", &demands))
        .filter(|u| u.verdict == Verdict::Fits);
    let is_recommended = recommended.is_some();
    let u = recommended.or_else(|| upgrader.cheapest("phased", &demands, Verdict::DoesNotFit).0)?;
    let t = upgrader.catalog.find(&u.instance)?;
    Some(PhasedOnUpgrade {
        instance: u.instance.clone(),
        recommended: is_recommended,
        monthly_cost: u.monthly_cost,
        currency: u.currency.clone(),
        delta: u.delta,
        disk_growth_bytes: u.disk_growth_bytes,
        batches: phased::judge(
            batches,
            &with_disk_grown(
                &upgrader.mover.capacity_on(t),
                u.disk_growth_bytes,
                input.policy.disk_reserve.get(),
            ),
            false,
        ),
    })
}

fn lightweight(fits_now: &Selection, capacity: &Capacity) -> Lightweight {
    Lightweight {
        services: fits_now.services.iter().map(|(n, _)| n.clone()).collect(),
        alternatives: fits_now.alternatives.clone(),
        left_out: fits_now.left_out.clone(),
        memory_left_bytes: capacity
            .memory_room()
            .saturating_sub(i64::try_from(fits_now.needs.memory.0).unwrap_or(i64::MAX)),
        cpu_left_cores: Cores(capacity.cpu_limit().0 - capacity.cpu_used.0 - fits_now.needs.cpu.0),
    }
}

#[cfg(test)]
mod tests;
