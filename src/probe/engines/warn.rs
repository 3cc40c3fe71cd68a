//! The warnings the engines probe gives: their stable codes (`db_*`, apart from the container
//! engine's `engine_*`), the values their sentences name, and the English sentence the snapshot
//! keeps. The report layer words each from `scan.warn.<code>`. It must not choose a report's words.

use crate::model::{EngineName, ScanWarning};

/// A configuration file the engine was told to read could not be read.
pub(crate) fn config_unreadable(workload: &str, path: &str, error: &str) -> ScanWarning {
    ScanWarning::new(
        "db_config_unreadable",
        format!("database '{workload}': cannot read its configuration '{path}': {error}"),
    )
    .arg("workload", workload)
    .arg("path", path)
    .arg("error", error)
}

/// Redis wrote its title over its command line and no configuration file was found.
pub(crate) fn title_only(workload: &str) -> ScanWarning {
    ScanWarning::new(
        "db_title_only",
        format!(
            "database '{workload}': Redis shows only its process title, so options given on its command line cannot be read; '--connect redis=...' reads them from the server"
        ),
    )
    .arg("workload", workload)
}

/// performance_schema is on and its memory is known only to the server.
pub(crate) fn schema_not_counted(workload: &str) -> ScanWarning {
    ScanWarning::new(
        "db_performance_schema",
        format!(
            "database '{workload}': performance_schema is on and its memory is not counted in the ceiling; '--connect mysql=...' reads it"
        ),
    )
    .arg("workload", workload)
}

/// The engine's settings set no bound on its memory.
pub(crate) fn unbounded(workload: &str, engine: EngineName, setting: &str) -> ScanWarning {
    ScanWarning::new(
        "db_unbounded",
        format!(
            "database '{workload}' ({}) has no '{setting}': its memory has no ceiling and may grow until the host runs out",
            engine.key()
        ),
    )
    .arg("workload", workload)
    .arg("engine", engine.key())
    .arg("setting", setting)
}

/// `--connect` could not read the live settings.
pub(crate) fn connect_failed(engine: EngineName, target: &str, error: &str) -> ScanWarning {
    ScanWarning::new(
        "db_connect_failed",
        format!(
            "--connect {}: cannot read the live settings of '{target}': {error}",
            engine.key()
        ),
    )
    .arg("engine", engine.key())
    .arg("target", target)
    .arg("error", error)
}

/// `--connect` named a server that is none of the workloads found.
pub(crate) fn connect_unmatched(engine: EngineName, target: &str) -> ScanWarning {
    ScanWarning::new(
        "db_connect_unmatched",
        format!(
            "--connect {}: no {} workload listens at '{target}'",
            engine.key(),
            engine.key()
        ),
    )
    .arg("engine", engine.key())
    .arg("target", target)
}
