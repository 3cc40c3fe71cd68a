//! Each engine's defaults for the settings its ceiling formula reads, by version where they
//! differ, as the engines' own documentation gives them (docs/engines.md lists each with its
//! source). A value of `-1` means the engine works the value out itself at start, which the
//! formula then does the same way. Pure.

use super::EngineName;
use std::collections::BTreeMap;

/// The input that carries the memory an engine sees (its container's limit, else the host's),
/// for the engines that size themselves from it.
pub const RAM: &str = "ram";

const KIB: f64 = 1024.0;
const MIB: f64 = 1024.0 * 1024.0;
const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// The leading `major.minor` of a version string (`10.11.19-MariaDB` is (10, 11)).
pub fn major_minor(version: &str) -> Option<(u32, u32)> {
    let digits = |s: &str| -> Option<u32> {
        let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        s.get(..end)?.parse().ok()
    };
    let v = version.trim().trim_start_matches(['v', 'V']);
    let major = digits(v)?;
    let rest = v.find('.').and_then(|i| v.get(i + 1..)).unwrap_or("");
    Some((major, digits(rest).unwrap_or(0)))
}

/// Whether a setting is a count or a ratio rather than a size in bytes.
pub fn unitless(setting: &str) -> bool {
    matches!(
        setting,
        "max_connections"
            | "autovacuum_max_workers"
            | "hash_mem_multiplier"
            | "mem_fragmentation_ratio"
    )
}

/// A setting's value as people read it: `auto` for -1 (said in words by the caller), a size in
/// MiB or GiB, or the plain number.
pub fn spell(setting: &str, value: f64) -> Option<String> {
    if value < 0.0 {
        return None;
    }
    Some(if unitless(setting) {
        if value.fract() == 0.0 {
            format!("{value:.0}")
        } else {
            format!("{value}")
        }
    } else {
        // Exact where it is a whole number of KiB (`292KiB`, `64MiB`), as configurations say it.
        let b = crate::model::Bytes(value.round() as u64);
        let exact = b.exact();
        if exact.ends_with("iB") || b.0 == 0 {
            exact
        } else {
            b.to_string()
        }
    })
}

/// Whether the engine sizes something from the memory it sees.
pub fn needs_ram(name: EngineName) -> bool {
    matches!(
        name,
        EngineName::Elasticsearch | EngineName::Neo4j | EngineName::Mongodb
    )
}

/// The version whose defaults apply, as the report names it ("15", "10.11", "8.0"), or `None`
/// when the version is not known and the newest defaults hostfit knows were taken.
pub fn known_version(name: EngineName, version: Option<&str>) -> Option<String> {
    let (major, minor) = major_minor(version?)?;
    Some(match name {
        EngineName::Postgresql if major >= 10 => major.to_string(),
        EngineName::Elasticsearch
        | EngineName::Opensearch
        | EngineName::Neo4j
        | EngineName::Weaviate => major.to_string(),
        _ => format!("{major}.{minor}"),
    })
}

/// The defaults of `name` at `version` (the newest known when `None`), setting by setting.
pub fn defaults(name: EngineName, version: Option<&str>) -> Vec<(&'static str, f64)> {
    let v = version.and_then(major_minor);
    let at_least = |major: u32, minor: u32| v.is_none_or(|have| have >= (major, minor));
    match name {
        EngineName::Postgresql => vec![
            ("shared_buffers", 128.0 * MIB),
            ("wal_buffers", -1.0),
            ("max_connections", 100.0),
            ("work_mem", 4.0 * MIB),
            // 1.0 when it came in with PostgreSQL 13, 2.0 from 15 on.
            (
                "hash_mem_multiplier",
                if at_least(15, 0) { 2.0 } else { 1.0 },
            ),
            ("maintenance_work_mem", 64.0 * MIB),
            ("autovacuum_max_workers", 3.0),
            ("autovacuum_work_mem", -1.0),
        ],
        EngineName::Mariadb => vec![
            ("key_buffer_size", 128.0 * MIB),
            ("tmp_table_size", 16.0 * MIB),
            ("max_heap_table_size", 16.0 * MIB),
            ("innodb_buffer_pool_size", 128.0 * MIB),
            ("innodb_additional_mem_pool_size", 0.0),
            ("innodb_log_buffer_size", 16.0 * MIB),
            ("query_cache_size", 1.0 * MIB),
            ("aria_pagecache_buffer_size", 128.0 * MIB),
            ("read_buffer_size", 128.0 * KIB),
            ("read_rnd_buffer_size", 256.0 * KIB),
            ("sort_buffer_size", 2.0 * MIB),
            ("thread_stack", 292.0 * KIB),
            ("join_buffer_size", 256.0 * KIB),
            ("max_connections", 151.0),
            // performance_schema is OFF by default in MariaDB.
            ("performance_schema_memory", 0.0),
        ],
        EngineName::Mysql => vec![
            ("key_buffer_size", 8.0 * MIB),
            ("tmp_table_size", 16.0 * MIB),
            ("max_heap_table_size", 16.0 * MIB),
            ("innodb_buffer_pool_size", 128.0 * MIB),
            ("innodb_additional_mem_pool_size", 0.0),
            ("innodb_log_buffer_size", 16.0 * MIB),
            // The query cache is gone from MySQL 8.0.
            ("query_cache_size", if at_least(8, 0) { 0.0 } else { MIB }),
            ("aria_pagecache_buffer_size", 0.0),
            ("read_buffer_size", 128.0 * KIB),
            ("read_rnd_buffer_size", 256.0 * KIB),
            ("sort_buffer_size", 256.0 * KIB),
            // 1 MiB from 8.0.27, 280 KiB in 8.0 before it, 256 KiB in 5.7.
            (
                "thread_stack",
                match v {
                    Some((5, _)) => 256.0 * KIB,
                    Some((8, 0)) if version.is_some_and(|t| patch(t) < 27) => 280.0 * KIB,
                    _ => MIB,
                },
            ),
            ("join_buffer_size", 256.0 * KIB),
            ("max_connections", 151.0),
            ("performance_schema_memory", 0.0),
        ],
        EngineName::Redis => vec![("maxmemory", 0.0), ("mem_fragmentation_ratio", 1.0)],
        // Elasticsearch sizes its heap from the memory and the node's roles from 7.11 on.
        EngineName::Elasticsearch => {
            vec![("heap_max", if at_least(7, 11) { -1.0 } else { GIB })]
        }
        EngineName::Opensearch => vec![("heap_max", GIB)],
        EngineName::Neo4j => vec![
            ("heap_max", -1.0),
            ("pagecache", -1.0),
            // Transaction state off the heap, up to 2 GiB, by default in 4.x; on it in 5.
            (
                "tx_off_heap_max",
                if v.is_some_and(|(m, _)| m == 4) {
                    2.0 * GIB
                } else {
                    0.0
                },
            ),
        ],
        EngineName::Mongodb => vec![("wiredtiger_cache", -1.0)],
        EngineName::Weaviate => vec![("memory_limit", 0.0)],
    }
}

/// The patch number of `a.b.c`, 0 when absent.
fn patch(version: &str) -> u32 {
    version
        .split('.')
        .nth(2)
        .and_then(|p| {
            let end = p.find(|c: char| !c.is_ascii_digit()).unwrap_or(p.len());
            p.get(..end)?.parse().ok()
        })
        .unwrap_or(0)
}

/// The defaults for the settings `present` lacks.
pub fn missing(
    name: EngineName,
    version: Option<&str>,
    present: &BTreeMap<String, f64>,
) -> Vec<(&'static str, f64)> {
    defaults(name, version)
        .into_iter()
        .filter(|(s, _)| !present.contains_key(*s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(major_minor("10.11.19-MariaDB"), Some((10, 11)));
        assert_eq!(major_minor("15"), Some((15, 0)));
        assert_eq!(major_minor("v1.24.1"), Some((1, 24)));
        assert_eq!(major_minor("latest"), None);
        assert_eq!(
            known_version(EngineName::Postgresql, Some("15.4")),
            Some("15".into())
        );
        assert_eq!(
            known_version(EngineName::Mariadb, Some("10.11.19-MariaDB")),
            Some("10.11".into())
        );
        assert_eq!(known_version(EngineName::Redis, None), None);
    }

    #[test]
    fn defaults_follow_the_version() {
        let get = |name, v: Option<&str>, s: &str| {
            defaults(name, v)
                .into_iter()
                .find(|(k, _)| *k == s)
                .map(|(_, x)| x)
        };
        assert_eq!(
            get(EngineName::Postgresql, Some("14.9"), "hash_mem_multiplier"),
            Some(1.0)
        );
        assert_eq!(
            get(EngineName::Postgresql, None, "hash_mem_multiplier"),
            Some(2.0)
        );
        assert_eq!(
            get(EngineName::Elasticsearch, Some("7.10.2"), "heap_max"),
            Some(GIB)
        );
        assert_eq!(
            get(EngineName::Elasticsearch, Some("8.11.1"), "heap_max"),
            Some(-1.0)
        );
        assert_eq!(
            get(EngineName::Mysql, Some("8.0.26"), "thread_stack"),
            Some(280.0 * KIB)
        );
        assert_eq!(
            get(EngineName::Mysql, Some("8.0.35"), "thread_stack"),
            Some(MIB)
        );
        assert_eq!(
            get(EngineName::Neo4j, Some("4.4.30"), "tx_off_heap_max"),
            Some(2.0 * GIB)
        );
        assert_eq!(
            get(EngineName::Neo4j, Some("5.13"), "tx_off_heap_max"),
            Some(0.0)
        );
    }
}
