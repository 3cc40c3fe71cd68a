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
];
