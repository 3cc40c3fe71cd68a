//! English words for the options of the plan report: upgrade, lightweight, phased, the
//! conclusion and the recommendation. Every key here exists in `zh/options.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    (
        "upgrade.no_catalog",
        "No catalog was given, so no upgrade can be priced: add `catalog: aliyun` (or aws, or a file) to the plan.",
    ),
    (
        "upgrade.current",
        "the current instance {name} ({vcpus} vCPUs, {memory}, {cost} per month)",
    ),
    (
        "upgrade.current_unknown",
        "the current instance is not in the catalog, so no cost change can be given",
    ),
    (
        "upgrade.intro",
        "Catalog {catalog}; {current}. A type's usable memory is its catalog figure, else its nominal memory x {share}. The {carried} in use now is carried over to the new type, and so are the cores busy now.",
    ),
    (
        "upgrade.not_needed",
        "Every scenario fits already: no upgrade is needed.",
    ),
    (
        "upgrade.estimate_note",
        "* estimated price: see the catalog's source for how it was derived.",
    ),
    (
        "upgrade.budgets",
        "Memory limits for {scenario} on {instance}: {list}",
    ),
    (
        "upgrade.burstable",
        "{vcpus} (baseline {baseline} = {cores} cores)",
    ),
    (
        "upgrade.none_fits",
        "No type in catalog {catalog} fits scenario {scenario}.",
    ),
    (
        "upgrade.naive",
        "The obvious upgrade, the same {vcpus} vCPUs with more memory ({instance}, {memory}), does not carry scenario {scenario} beside the {running} workloads running now: it gives only {usable} usable, not {memory}. With the {carried} in use now carried over and the {reserve} reserve, {room} is left for the {demand} of new services, so memory {mem_verdict}{short}; CPU in use plus demand is {planned} cores against a limit of {limit}, so CPU {cpu_verdict}.",
    ),
    (
        "lightweight.intro",
        "Keep the most important services and let alternatives stand in, without buying anything:",
    ),
    (
        "lightweight.left",
        "Room left after it: memory {memory}, CPU {cpu} cores",
    ),
    (
        "lightweight.replaced",
        "{service} is replaced by {alternative}: {purpose}",
    ),
    (
        "phased.no_upgrade",
        "No type in the catalog takes them all.",
    ),
    (
        "conclusion.tally",
        "Scenarios: {total}; fit: {fits}; tight: {tight}; do not fit: {dnf}.",
    ),
    ("conclusion.scenario", "{name}: {verdict}{upgrade}"),
    (
        "conclusion.upgrade",
        "; cheapest type on which it fits: {instance}, {cost} per month ({delta})",
    ),
    (
        "conclusion.lightweight",
        "Without an upgrade, {count} of {total} services can be covered now (see the lightweight option).",
    ),
    (
        "check.backup",
        "Back up the databases and the configuration.",
    ),
    (
        "check.resize",
        "Resize the instance to {instance} at a quiet hour; it restarts.",
    ),
    (
        "check.verify",
        "Take a new snapshot with `hostfit scan`: memory total should be about {usable}, and the workloads back to their figures.",
    ),
    (
        "check.limits",
        "Set each new service's memory limit to its budget above.",
    ),
    (
        "check.batches",
        "Deploy batch by batch, with a new snapshot between batches.",
    ),
    (
        "check.replan",
        "Run `hostfit plan` again on the new snapshot and keep the report.",
    ),
    (
        "upgrade.disk_bound",
        "Scenario {scenario} fits in memory and CPU; only the disk {mount} is short, by {short}: grow that disk by {growth}, no other instance type is needed.",
    ),
    (
        "upgrade.raise_limit",
        "Scenario {scenario} fits on this host but not under the services' cgroup cap ({memory_now}, {cpu_now} cores): raise the memory limit to {memory} and the CPU quota to {cpu} cores; no other instance type is needed.",
    ),
    (
        "upgrade.arch_left_out",
        "{count} types of another CPU architecture than {arch} were left out: the services' images and binaries are built for {arch}. Set `policy.allow_arch_change: true` to consider them.",
    ),
    (
        "upgrade.disk_growth",
        "On {instance}, scenario {scenario} also needs the disk at / grown by {growth}.",
    ),
    (
        "phased.intro",
        "Every service at its lowest tier, in batches. Before each batch, take a new snapshot (`hostfit scan`) and go on only when it meets the batch's gate.",
    ),
    (
        "phased.gate",
        "available ≥ {memory}; CPU busy ≤ {cpu}{disk}",
    ),
    ("phased.gate_disk", "; disk available ≥ {disk}"),
    ("phased.met", "met"),
    ("phased.not_met", "not met"),
    ("phased.after", "{verdict} (gate: available ≥ {memory})"),
    (
        "phased.upgrade",
        "The last column judges the same batches on {instance} ({cost} per month, {delta}), the cheapest type that takes every service at its lowest tier.",
    ),
    (
        "phased.alone_tight",
        "Alone at its lowest tier, each of these would run only tight here: {list}.",
    ),
    (
        "phased.alone_none",
        "Alone at its lowest tier, each of these does not fit here at all: {list}.",
    ),
    ("rec.and_grow", " and grow the disk at / by {growth}"),
    (
        "rec.none",
        "Scenario {scenario} fits as the host is: nothing to change.",
    ),
    (
        "rec.grow_disk",
        "Recommended for scenario {scenario}: grow the disk at / by {growth}.",
    ),
    (
        "rec.upgrade",
        "Recommended for scenario {scenario}: move to {instance} ({cost} per month, {delta}){growth}; memory limits for it are listed under the upgrade option.",
    ),
    (
        "rec.raise_limit",
        "Recommended for scenario {scenario}: raise the services' memory limit to {memory} and their CPU quota to {cpu} cores{growth}.",
    ),
    (
        "rec.lightweight",
        "Recommended instead of scenario {scenario}: the lightweight deployment.",
    ),
    (
        "rec.phased",
        "Recommended instead of scenario {scenario}: the phased rollout, batch by batch, each after its gate is met.",
    ),
    ("reason.fits_now", ""),
    (
        "reason.cap_binds",
        "The host itself has room; only the cap the services run under is too small.",
    ),
    (
        "reason.disk_only",
        "Memory and CPU fit as the host is; another instance type would not help.",
    ),
    (
        "reason.cheapest_fit",
        "It is the cheapest type in the catalog on which memory, CPU and disk all fit with what runs now carried over.",
    ),
    (
        "reason.no_catalog_lightweight",
        "No catalog was given to price an upgrade, and what fits now covers every service.",
    ),
    (
        "reason.no_catalog_phased",
        "No catalog was given to price an upgrade, and what fits now leaves services out.",
    ),
    (
        "reason.no_type_lightweight",
        "No type of the catalog fits it, and what fits now covers every service.",
    ),
    (
        "reason.no_type_phased",
        "No type of the catalog fits it, and what fits now leaves services out.",
    ),
    (
        "upgrade.no_instance_needed",
        "No other instance type is needed: the scenarios that do not fit are settled above by a larger cap or a larger disk.",
    ),
    (
        "phased.upgrade_recommended",
        "The last column judges the same batches on {instance} ({cost} per month, {delta}), the recommended upgrade.",
    ),
    (
        "upgrade.arch_left_out.one",
        "{count} type of another CPU architecture than {arch} was left out: the services' images and binaries are built for {arch}. Set `policy.allow_arch_change: true` to consider it.",
    ),
];
