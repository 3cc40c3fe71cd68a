//! English words for docker-compose files: reading a plan's services from one, and the
//! override and Kubernetes resources `hostfit export` writes. Every key here exists in
//! `zh/compose.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    (
        "problem.compose.no_services",
        "the compose file has no 'services': expected at least one service",
    ),
    (
        "problem.compose.no_figures",
        "compose service '{name}' gives no memory figure: set deploy.resources.limits.memory or mem_limit (the ideal tier), deploy.resources.reservations.memory or mem_reservation (the minimum tier), or x-hostfit.tiers; 'x-hostfit.skip: true' leaves it out",
    ),
    (
        "problem.compose.interpolated",
        "'{value}' is left to a variable, which hostfit does not fill in: write the figure, or give the tiers under x-hostfit",
    ),
    (
        "problem.compose.bad_replicas",
        "'{value}' is not a number of replicas: expected a whole number of at least 1",
    ),
    (
        "problem.compose.duplicate",
        "compose service '{name}' is also a service of the plan: expected each name once",
    ),
    (
        "export.header",
        "Written by hostfit from {source}: {basis}.",
    ),
    (
        "export.basis.as_is",
        "scenario {scenario} on this host as it is",
    ),
    (
        "export.basis.upgrade",
        "scenario {scenario} on {instance}, the cheapest type on which it fits",
    ),
    (
        "export.basis.lightweight",
        "the lightweight option, what fits now without buying anything",
    ),
    (
        "export.rule",
        "Each memory limit is the service's budget: its tier plus a share of the memory left, in proportion to the tiers' memory, rounded down to whole MiB. cpus and the reservation are its tier's.",
    ),
    (
        "export.replicas",
        "{service} runs {replicas} replicas: each container gets its share of the budget.",
    ),
    (
        "export.replaced",
        "{service} is replaced by {alternative}: it is not deployed here.",
    ),
    (
        "export.left_out",
        "{service} is left out: it is not deployed here.",
    ),
    (
        "export.not_in_compose",
        "{service} is not a service of the compose file: it is not written here.",
    ),
    (
        "export.compose.apply",
        "docker compose reads this file beside docker-compose.yml by itself: docker compose up -d",
    ),
    (
        "export.k8s.apply",
        "Put each service's resources into its container spec, or run the kubectl line above it.",
    ),
    (
        "cli.export.unknown_scenario",
        "no scenario '{name}' in the plan: expected one of {known}",
    ),
    (
        "cli.export.no_upgrade",
        "no type of the catalog carries scenario '{scenario}': nothing to write for '--option upgrade'",
    ),
    (
        "cli.export.does_not_fit",
        "scenario '{scenario}' {verdict} on this host and no type of the catalog carries it: choose '--option lightweight', or another '--scenario'",
    ),
];
