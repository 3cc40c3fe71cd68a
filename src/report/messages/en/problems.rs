//! English words for the rules a plan, snapshot or catalog breaks after parsing (`Problem`s).
//! Every key here exists in `zh/problems.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    (
        "problem.catalog.no_name",
        "the catalog's 'name' is empty: expected a name",
    ),
    (
        "problem.catalog.no_instances",
        "'instances' is empty: expected at least one instance type",
    ),
    (
        "problem.catalog.empty_name",
        "an instance type has an empty 'name': expected a name",
    ),
    (
        "problem.catalog.duplicate_name",
        "'{name}' is listed twice (first as entry {first}): expected unique names",
    ),
    (
        "problem.catalog.no_vcpus",
        "'{name}' has 0 vCPUs: expected 1 or more",
    ),
    (
        "problem.catalog.no_memory",
        "'{name}' has no memory: expected a size such as '4GiB'",
    ),
    (
        "problem.catalog.bad_price",
        "'{name}' has the price '{price}': expected zero or more",
    ),
    (
        "problem.catalog.bad_baseline",
        "'{name}' has the CPU baseline '{baseline}': expected a share above 0 and at most 1, such as 0.2",
    ),
    (
        "problem.catalog.no_currency",
        "'{name}' has an empty 'currency': expected one such as 'CNY' or 'USD'",
    ),
    (
        "problem.catalog.mixed_currency",
        "'{name}' is priced in '{currency}', but the catalog's first type in '{first}': expected one currency, so that prices compare",
    ),
    (
        "problem.catalog.bad_usable",
        "'{name}' has usable_memory {usable}: expected more than zero and at most its memory ({memory})",
    ),
    (
        "problem.plan.no_services",
        "'services' is empty: expected at least one service to add",
    ),
    (
        "problem.plan.empty_service_name",
        "a service has an empty 'name': expected a name",
    ),
    (
        "problem.plan.duplicate_service",
        "service '{name}' is listed twice (first as service {first}): expected unique names",
    ),
    (
        "problem.plan.no_tier",
        "service '{name}' has no tier: expected at least one of minimum, standard, ideal",
    ),
    (
        "problem.plan.cpu_limit_zero",
        "policy.cpu_limit is 0%: no scenario could use any CPU; give the share of the cores the services may keep busy, e.g. 70%",
    ),
    (
        "problem.plan.priority_zero",
        "service '{name}' has priority 0: expected 1 (most important) or more",
    ),
    (
        "problem.plan.port_zero",
        "service '{name}' has port 0: expected a port from 1 to 65535",
    ),
    (
        "problem.plan.empty_alternative_name",
        "an alternative has an empty 'name': expected a name",
    ),
    (
        "problem.plan.duplicate_alternative",
        "service '{name}' lists the alternative '{alternative}' twice: expected unique names",
    ),
    (
        "problem.plan.duplicate_scenario",
        "scenario '{name}' already exists (the default scenarios are named after the tiers): expected another name",
    ),
    (
        "problem.plan.empty_scenario",
        "scenario '{name}' has no services: expected at least one",
    ),
    (
        "problem.plan.unknown_service_in_scenario",
        "scenario '{scenario}' names service '{name}', which the plan does not have: expected one of {known}",
    ),
    (
        "problem.plan.service_twice_in_scenario",
        "scenario '{scenario}' names service '{name}' twice: expected each service once",
    ),
    (
        "problem.plan.empty_phase",
        "phase {phase} has no services: expected at least one",
    ),
    (
        "problem.plan.unknown_service_in_phase",
        "phase {phase} names service '{name}', which the plan does not have: expected one of {known}",
    ),
    (
        "problem.plan.service_twice_in_phases",
        "service '{name}' is in more than one phase (or twice in one): expected each service once",
    ),
    (
        "problem.snapshot.bad_taken_at",
        "'{value}' is not a timestamp: expected RFC 3339, such as '2025-10-07T12:00:00+08:00'",
    ),
    (
        "problem.snapshot.no_cores",
        "'host.cpu.cores' is 0: expected the number of cores online, more than 0",
    ),
    (
        "problem.snapshot.zero_quota",
        "'host.cpu.quota' is 0: expected the cores of the CPU quota, more than 0",
    ),
    (
        "problem.snapshot.no_memory",
        "'host.memory.total' is 0: expected MemTotal, more than 0",
    ),
    (
        "problem.snapshot.zero_limit",
        "'host.memory.limit' is 0: expected the cgroup's memory limit, more than 0",
    ),
    (
        "problem.snapshot.used_without_limit",
        "'host.memory.limit_used' is given without 'limit': expected both, or neither",
    ),
    (
        "problem.snapshot.duplicate_mount",
        "two disks are mounted at '{mount}': expected one disk per mount point",
    ),
    (
        "problem.snapshot.duplicate_workload",
        "two workloads are named '{name}': expected unique names",
    ),
    (
        "problem.catalog.bad_as_of",
        "'{name}' has the date '{value}': expected a date such as '2026-01-31' (YYYY-MM-DD)",
    ),
];
