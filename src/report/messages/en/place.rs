//! English words for `hostfit place`: the placement across a fleet, the reasons a replica is on
//! no host, the purchase, the count, and the command's own errors. Every key here exists in
//! `zh/place.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    ("place.title", "Placement across the fleet"),
    (
        "place.summary",
        "{placed} of {replicas} replicas placed on {used} of {hosts} hosts, every host's every resource at fits under the plan's policy.",
    ),
    (
        "place.tier.lowest",
        "Each service is placed at its lowest tier.",
    ),
    (
        "place.tier.at",
        "Each service is placed at tier {tier} (or its nearest lower one).",
    ),
    (
        "place.bound",
        "Lower bound: {bound} hosts (the larger of the volume bound, {volume}, the largest per resource, and the bound by how many replicas one host can hold); hosts used / bound = {ratio}; hosts used / volume bound = {volume_ratio}.",
    ),
    (
        "place.search.exact_proven",
        "Solved exactly by branch and bound, starting from {start}: no placement is better.",
    ),
    (
        "place.search.exact_budget",
        "Branch and bound stopped at its budget, starting from {start}: the best found, not proven best.",
    ),
    (
        "place.search.local",
        "The best of the classic heuristics ({start}), improved by local search ({steps} steps).",
    ),
    (
        "place.search.local_layered",
        "Built in two layers by how many replicas a host can hold, which did better than every classic heuristic, then improved by local search ({steps} steps).",
    ),
    ("place.start.layered", "the layered construction"),
    ("place.sec.placements", "Placements"),
    ("place.sec.unplaced", "Not placed, and why"),
    ("place.sec.hosts", "Hosts after the placement"),
    ("place.sec.missing", "Hosts whose figures are missing"),
    ("place.sec.purchase", "New instances for the rest"),
    ("place.sec.count", "More copies of {service}"),
    (
        "place.sec.heuristics",
        "The classic heuristics on this fleet",
    ),
    ("place.col.service", "Service"),
    ("place.col.replica", "Replica"),
    ("place.col.host", "Host"),
    ("place.col.services", "Services added"),
    ("place.col.memory_added", "Memory added"),
    ("place.col.memory_room", "Memory room"),
    ("place.col.memory", "Memory"),
    ("place.col.cpu_planned", "CPU planned"),
    ("place.col.cpu_limit", "CPU limit"),
    ("place.col.cpu", "CPU"),
    ("place.col.disk", "Disk"),
    ("place.col.verdict", "Verdict"),
    ("place.col.instance", "Instance"),
    ("place.col.count", "Count"),
    ("place.col.monthly_cost", "Monthly cost"),
    ("place.col.copies", "More copies"),
    ("place.col.heuristic", "Heuristic"),
    ("place.col.placed", "Replicas placed"),
    ("place.col.hosts_used", "Hosts used"),
    ("place.none_unplaced", "Every replica is placed."),
    (
        "place.unplaced.item",
        "{service} replica {replicas}: {reasons}",
    ),
    (
        "place.unplaced.not_buyable",
        "(no new instance can take it)",
    ),
    (
        "place.reason.not_listed",
        "not in its 'on' list on {hosts} hosts",
    ),
    (
        "place.reason.excluded",
        "in its 'not_on' list on {hosts} hosts",
    ),
    (
        "place.reason.label_missing",
        "label {label} missing on {hosts} hosts",
    ),
    (
        "place.reason.port_taken",
        "port {port} taken on {hosts} hosts",
    ),
    (
        "place.reason.spread",
        "a replica already there on {hosts} hosts (spread)",
    ),
    (
        "place.reason.memory_short",
        "memory short on {hosts} hosts (by {range})",
    ),
    (
        "place.reason.cpu_short",
        "CPU short on {hosts} hosts (by {range} cores)",
    ),
    (
        "place.reason.disk_short",
        "disk short on {hosts} hosts (by {range})",
    ),
    ("place.reason.no_hosts", "no host to place it on"),
    ("place.missing.item", "{host}: missing {metrics}"),
    (
        "place.purchase.total",
        "Total: {total} {currency} a month. Cheapest single type: {single}. No purchase can cost less than {bound} {currency}.",
    ),
    (
        "place.purchase.single",
        "{count} x {instance} for {cost} {currency}",
    ),
    (
        "place.purchase.no_single",
        "none (no one type takes every replica)",
    ),
    (
        "place.purchase.no_catalog",
        "No catalog: name one with --catalog to price new instances.",
    ),
    ("place.count.total", "In all: {total} more."),
    ("place.count.any", "any number"),
    (
        "place.count.unknown",
        "'{service}' is not a service of the plan",
    ),
    ("place.cli.no_hosts", "no host file matches '{pattern}'"),
    (
        "place.cli.prometheus",
        "cannot query Prometheus at '{url}': {error}",
    ),
    (
        "place.cli.kubernetes",
        "'{path}' is not the output of 'kubectl get nodes,pods -A -o json': {error}",
    ),
    (
        "place.cli.bad_window",
        "'{value}' is not a Prometheus duration such as 7d, 12h or 30m",
    ),
    (
        "place.cli.bad_time",
        "'{value}' is not a time budget such as 1s, 500ms or 2.5s",
    ),
    (
        "place.cli.unknown_label_host",
        "--host-labels names '{host}', which is not a host of the fleet",
    ),
    (
        "place.cli.unknown_service",
        "--count names '{service}', which is not a service of the plan",
    ),
    (
        "place.cli.duplicate_host",
        "two hosts are named '{host}': host names must be unique across the fleet",
    ),
    (
        "problem.plan.zero_replicas",
        "service '{name}' asks for 0 replicas: at least 1",
    ),
    (
        "problem.plan.on_and_not_on",
        "service '{name}' lists host '{host}' both in 'on' and in 'not_on'",
    ),
    (
        "scan.warn.prometheus_available_estimated",
        "no MemAvailable metric: available memory is MemFree + Buffers + Cached",
    ),
];
