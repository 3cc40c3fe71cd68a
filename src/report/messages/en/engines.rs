//! English words for database engines: their names, where a setting was read, the scan's
//! warnings about them, and the report's sections on ceilings, tuning and the OOM killer's order.
//! Every key here exists in `zh/engines.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    (
        "scan.warn.db_config_unreadable",
        "database '{workload}': cannot read its configuration '{path}': {error}",
    ),
    (
        "scan.warn.db_title_only",
        "database '{workload}': Redis shows only its process title, so options given on its command line cannot be read; '--connect redis=...' reads them from the server",
    ),
    (
        "scan.warn.db_performance_schema",
        "database '{workload}': performance_schema is on and its memory is not counted in the ceiling; '--connect mysql=...' reads it",
    ),
    (
        "scan.warn.db_unbounded",
        "database '{workload}' ({engine}) has no '{setting}': its memory has no ceiling and may grow until the host runs out",
    ),
    (
        "scan.warn.db_connect_failed",
        "--connect {engine}: cannot read the live settings of '{target}': {error}",
    ),
    (
        "scan.warn.db_connect_unmatched",
        "--connect {engine}: no {engine} workload listens at '{target}'",
    ),
];
