//! English words for database engines: their names, where a setting was read, the scan's
//! warnings about them, and the report's sections on ceilings, tuning and the OOM killer's order.
//! Every key here exists in `zh/engines.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    ("engine.mysql", "MySQL"),
    ("engine.mariadb", "MariaDB"),
    ("engine.postgresql", "PostgreSQL"),
    ("engine.redis", "Redis"),
    ("engine.elasticsearch", "Elasticsearch"),
    ("engine.opensearch", "OpenSearch"),
    ("engine.neo4j", "Neo4j"),
    ("engine.weaviate", "Weaviate"),
    ("engine.mongodb", "MongoDB"),
    ("basis.ceiling", "ceiling"),
    ("basis.now", "now"),
    ("source.default", "default of {engine} {version}"),
    (
        "source.default_unknown",
        "default of the newest {engine} known (version not known)",
    ),
    ("source.file", "{path}:{line}"),
    ("source.command_line", "command line"),
    ("source.environment", "environment {variable}"),
    ("source.live", "the server (--connect)"),
    ("source.assumed", "assumed, not readable"),
    ("source.host", "the memory it sees"),
    ("source.hand", "the snapshot"),
    ("auto", "auto"),
    ("unbounded", "no ceiling"),
    (
        "sec.engines",
        "Databases: what they use now and may grow to",
    ),
    ("col.engine", "Engine"),
    ("col.ceiling", "Ceiling"),
    ("col.budget", "Counted"),
    ("col.growth", "Held for growth"),
    ("col.basis", "Databases at"),
    (
        "engines.line",
        "{workload} ({engine}) uses {now} now and may grow to {ceiling}, because {why}",
    ),
    (
        "engines.line_limited",
        "{workload} ({engine}) uses {now} now and may grow to {ceiling}, because {why}; its container's memory limit of {limit} stops it there first",
    ),
    (
        "engines.line_unbounded",
        "{workload} ({engine}) uses {now} now and its settings set no ceiling: it may grow until memory runs out",
    ),
    (
        "engines.held",
        "Of the {available} available, {growth} is held for the databases to grow to their ceilings (policy engines: ceiling), so {usable} is what new services may use. With 'engines: now' they would be counted at what they use now.",
    ),
    (
        "engines.now",
        "The databases are counted at what they use now (policy engines: now); at their ceilings they would take {growth} more, which a plan built on now does not hold back.",
    ),
    (
        "engines.none_known",
        "No database's ceiling is known, so each is counted at what it uses now.",
    ),
    (
        "scenarios.engines",
        "These verdicts count the databases at their {basis}.",
    ),
    (
        "host.mem_held",
        "Held for the databases to grow (policy engines: {policy})",
    ),
    (
        "host.mem_room_held",
        "Memory room (available - held - reserve)",
    ),
    (
        "upgrade.held",
        "The {held} held for the databases to grow to their ceilings goes along: each type is judged with it held too.",
    ),
    ("sec.tuning", "Option 4: tune the databases"),
    (
        "tuning.intro",
        "Lowering these settings lowers what the databases may grow to; each takes a restart of its database, and a value is lowered at most to half.",
    ),
    (
        "tuning.scenario",
        "Scenario {scenario}, memory short by {shortfall}:",
    ),
    (
        "tuning.step",
        "{workload} ({engine}): lower {setting} from {from} to {to}, which frees {frees}. Risk: {risk}",
    ),
    (
        "tuning.enough",
        "Together they free {frees}: scenario {scenario} then {verdict}.",
    ),
    (
        "tuning.not_enough",
        "Together they free {frees} of the {shortfall} it is short: scenario {scenario} still {verdict}.",
    ),
    (
        "risk.smaller_cache",
        "a smaller cache, so more reads from disk and slower queries",
    ),
    ("risk.spill", "sorts, hashes and joins spill to disk sooner"),
    (
        "risk.fewer_connections",
        "connections above the new limit are refused",
    ),
    (
        "risk.smaller_heap",
        "a smaller heap, so more garbage collection and large requests refused sooner",
    ),
    (
        "risk.eviction",
        "keys are evicted, or writes refused, once the data reaches the new limit (maxmemory-policy)",
    ),
    (
        "risk.slower_maintenance",
        "VACUUM and index builds run slower",
    ),
    (
        "risk.myisam_cache",
        "MyISAM and Aria tables (few, beside InnoDB) read from disk more",
    ),
    ("sec.oom", "If memory runs out: the OOM killer's order"),
    (
        "oom.intro",
        "When a scenario is tight or does not fit, memory may run out. The kernel's OOM killer then ends the process with the highest oom_score first (oom_score_adj added in); this is the order the scan saw.",
    ),
    ("col.rank", "#"),
    ("col.oom_score", "oom_score"),
    ("col.oom_adj", "oom_score_adj"),
    ("col.frees", "Frees at most"),
    ("col.database", "Database"),
    (
        "warn.engine_unbounded",
        "'{workload}' ({engine}) has no memory ceiling in its settings: it is counted at what it uses now and may grow until memory runs out",
    ),
    (
        "warn.engine_above_limit",
        "the ceiling of '{workload}' ({ceiling}) is above its container's memory limit ({limit}): the container would be OOM-killed before the database reaches it",
    ),
    (
        "warn.database_first_oom",
        "if memory runs out, the OOM killer would end the database '{workload}' ({engine}, oom_score {score}) first",
    ),
    ("scan.sec.engines", "Databases"),
    ("scan.col.engine", "Engine"),
    ("scan.col.version", "Version"),
    ("scan.col.ceiling", "Ceiling"),
    ("scan.col.inputs", "Settings (where read)"),
    ("scan.col.formula", "Formula"),
    ("scan.version_unknown", "unknown"),
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
