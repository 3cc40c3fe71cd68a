//! The memory ceiling of each engine from its settings: what it may grow to when every buffer it
//! is allowed fills. One function per engine; docs/engines.md writes each formula with its
//! source. Inputs missing from the map count as 0 (`Engine::complete` fills the defaults first).
//! Pure arithmetic.

use super::EngineName;
use super::defaults::RAM;
use crate::model::units::Bytes;
use std::collections::BTreeMap;

const MIB: f64 = 1024.0 * 1024.0;
const GIB: f64 = 1024.0 * MIB;

/// One part of a ceiling, as the report shows it: the settings with their values, and the bytes.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Term {
    /// Settings and values, language-neutral: `max_connections 40 x work_mem 4.0 MiB`.
    pub text: String,
    pub bytes: Bytes,
}

/// An engine's ceiling worked out from its settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Ceiling {
    /// `None` when the settings set no bound.
    pub bytes: Option<Bytes>,
    /// The formula in the settings' names.
    pub formula: &'static str,
    pub terms: Vec<Term>,
}

type Inputs = BTreeMap<String, f64>;

fn get(inputs: &Inputs, key: &str) -> f64 {
    inputs
        .get(key)
        .copied()
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

fn bytes(v: f64) -> Bytes {
    Bytes(v.max(0.0).round() as u64)
}

/// A count or ratio as the formula shows it: whole numbers without decimals.
fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

fn term(text: String, value: f64) -> Term {
    Term {
        text,
        bytes: bytes(value),
    }
}

/// `name value` for a size setting, `name (auto) value` for one the engine works out.
fn size_term(name: &str, raw: f64, effective: f64) -> Term {
    let text = if raw < 0.0 {
        format!("{name} (auto) {}", bytes(effective))
    } else {
        format!("{name} {}", bytes(effective))
    };
    term(text, effective)
}

fn sum(terms: Vec<Term>, formula: &'static str) -> Ceiling {
    let total: Bytes = terms.iter().map(|t| t.bytes).sum();
    Ceiling {
        bytes: Some(total),
        formula,
        terms,
    }
}

/// The ceiling of engine `name` with settings `inputs`.
pub fn ceiling(name: EngineName, inputs: &Inputs) -> Ceiling {
    match name.family() {
        EngineName::Postgresql => postgresql(inputs),
        EngineName::Redis => redis(inputs),
        EngineName::Elasticsearch => elasticsearch(inputs),
        EngineName::Neo4j => neo4j(inputs),
        EngineName::Mongodb => mongodb(inputs),
        EngineName::Weaviate => weaviate(inputs),
        _ => mysql(inputs),
    }
}

/// The value `setting` has in effect: its input, or, where it is `-1`, what the engine works
/// out (a heap or cache sized from the memory, `wal_buffers` from `shared_buffers`).
pub fn effective(name: EngineName, inputs: &Inputs, setting: &str) -> f64 {
    let raw = get(inputs, setting);
    if raw >= 0.0 {
        return raw;
    }
    let ram = get(inputs, RAM);
    match (name.family(), setting) {
        (EngineName::Postgresql, "wal_buffers") => wal_buffers_auto(get(inputs, "shared_buffers")),
        (EngineName::Elasticsearch, "heap_max") => elasticsearch_heap_auto(ram),
        (EngineName::Neo4j, "heap_max") => ram / 4.0,
        (EngineName::Neo4j, "pagecache") => {
            ((ram - effective(name, inputs, "heap_max")) * 0.5).max(0.0)
        }
        (EngineName::Mongodb, "wiredtiger_cache") => wiredtiger_cache_auto(ram),
        _ => raw,
    }
}

/// PostgreSQL's `wal_buffers = -1`: 1/32 of shared_buffers in 8 KiB pages, at least 8 pages and
/// at most one 16 MiB WAL segment.
pub fn wal_buffers_auto(shared_buffers: f64) -> f64 {
    let pages = (shared_buffers / 8192.0).floor();
    (pages / 32.0).floor().clamp(8.0, 2048.0) * 8192.0
}

fn postgresql(i: &Inputs) -> Ceiling {
    let sb = get(i, "shared_buffers");
    let wal_raw = get(i, "wal_buffers");
    let wal = effective(EngineName::Postgresql, i, "wal_buffers");
    let (mc, wm, hm) = (
        get(i, "max_connections"),
        get(i, "work_mem"),
        get(i, "hash_mem_multiplier").max(1.0),
    );
    let workers = get(i, "autovacuum_max_workers");
    let av_raw = get(i, "autovacuum_work_mem");
    let (av_name, av) = if av_raw < 0.0 {
        ("maintenance_work_mem", get(i, "maintenance_work_mem"))
    } else {
        ("autovacuum_work_mem", av_raw)
    };
    sum(
        vec![
            size_term("shared_buffers", sb, sb),
            size_term("wal_buffers", wal_raw, wal),
            term(
                format!(
                    "max_connections {} x work_mem {} x hash_mem_multiplier {}",
                    number(mc),
                    bytes(wm),
                    number(hm)
                ),
                mc * wm * hm,
            ),
            term(
                format!(
                    "autovacuum_max_workers {} x {av_name} {}",
                    number(workers),
                    bytes(av)
                ),
                workers * av,
            ),
        ],
        "shared_buffers + wal_buffers + max_connections x work_mem x hash_mem_multiplier + autovacuum_max_workers x autovacuum_work_mem",
    )
}

/// The global buffers MySQLTuner adds, in its order.
const MYSQL_GLOBAL: [&str; 6] = [
    "key_buffer_size",
    "innodb_buffer_pool_size",
    "innodb_additional_mem_pool_size",
    "innodb_log_buffer_size",
    "query_cache_size",
    "aria_pagecache_buffer_size",
];

/// The buffers MySQLTuner counts once per connection.
const MYSQL_PER_THREAD: [&str; 5] = [
    "read_buffer_size",
    "read_rnd_buffer_size",
    "sort_buffer_size",
    "thread_stack",
    "join_buffer_size",
];

fn mysql(i: &Inputs) -> Ceiling {
    let mut terms: Vec<Term> = MYSQL_GLOBAL
        .iter()
        .filter(|k| get(i, k) > 0.0)
        .map(|k| size_term(k, get(i, k), get(i, k)))
        .collect();
    let tmp = get(i, "tmp_table_size").min(get(i, "max_heap_table_size"));
    terms.push(term(
        format!("min(tmp_table_size, max_heap_table_size) {}", bytes(tmp)),
        tmp,
    ));
    let per_thread: f64 = MYSQL_PER_THREAD.iter().map(|k| get(i, k)).sum();
    let mc = get(i, "max_connections");
    let listed: Vec<String> = MYSQL_PER_THREAD
        .iter()
        .map(|k| format!("{k} {}", bytes(get(i, k))))
        .collect();
    terms.push(term(
        format!("max_connections {} x ({})", number(mc), listed.join(" + ")),
        mc * per_thread,
    ));
    let ps = get(i, "performance_schema_memory");
    if ps > 0.0 {
        terms.push(size_term("performance_schema_memory", ps, ps));
    }
    sum(
        terms,
        "key_buffer_size + min(tmp_table_size, max_heap_table_size) + innodb_buffer_pool_size + innodb_additional_mem_pool_size + innodb_log_buffer_size + query_cache_size + aria_pagecache_buffer_size + max_connections x (read_buffer_size + read_rnd_buffer_size + sort_buffer_size + thread_stack + join_buffer_size) + performance_schema_memory",
    )
}

fn redis(i: &Inputs) -> Ceiling {
    let formula = "maxmemory x mem_fragmentation_ratio";
    let max = get(i, "maxmemory");
    if max <= 0.0 {
        return Ceiling {
            bytes: None,
            formula,
            terms: Vec::new(),
        };
    }
    let ratio = get(i, "mem_fragmentation_ratio").max(1.0);
    sum(
        vec![term(
            format!(
                "maxmemory {} x mem_fragmentation_ratio {}",
                bytes(max),
                number(ratio)
            ),
            max * ratio,
        )],
        formula,
    )
}

/// The heap Elasticsearch gives a data node from 7.11 on when none is set: 40% of the memory
/// below 1 GiB (at least 128 MiB), else half of it up to 31 GiB, in whole MiB.
pub fn elasticsearch_heap_auto(ram: f64) -> f64 {
    let heap = if ram < GIB {
        (ram * 0.4).max(128.0 * MIB)
    } else {
        (ram * 0.5).min(31.0 * GIB)
    };
    (heap / MIB).floor() * MIB
}

fn elasticsearch(i: &Inputs) -> Ceiling {
    let raw = get(i, "heap_max");
    let heap = effective(EngineName::Elasticsearch, i, "heap_max");
    sum(
        vec![
            size_term("heap_max", raw, heap),
            term(format!("off_heap = heap_max {}", bytes(heap)), heap),
        ],
        "heap_max + off_heap (about heap_max)",
    )
}

fn neo4j(i: &Inputs) -> Ceiling {
    let ram = get(i, RAM);
    let heap_raw = get(i, "heap_max");
    // The JVM's own default: a quarter of the memory it sees.
    let heap = if heap_raw < 0.0 { ram / 4.0 } else { heap_raw };
    let cache_raw = get(i, "pagecache");
    // Neo4j's heuristic: half of what the heap leaves.
    let cache = if cache_raw < 0.0 {
        ((ram - heap) * 0.5).max(0.0)
    } else {
        cache_raw
    };
    let tx = get(i, "tx_off_heap_max");
    sum(
        vec![
            size_term("heap_max", heap_raw, heap),
            size_term("pagecache", cache_raw, cache),
            size_term("tx_off_heap_max", tx, tx),
        ],
        "heap_max + pagecache + tx_off_heap_max",
    )
}

/// MongoDB's default WiredTiger cache: 50% of (RAM - 1 GiB), at least 256 MiB.
pub fn wiredtiger_cache_auto(ram: f64) -> f64 {
    ((ram - GIB) * 0.5).max(256.0 * MIB)
}

fn mongodb(i: &Inputs) -> Ceiling {
    let raw = get(i, "wiredtiger_cache");
    let cache = effective(EngineName::Mongodb, i, "wiredtiger_cache");
    sum(
        vec![size_term("wiredtiger_cache", raw, cache)],
        "wiredtiger_cache",
    )
}

fn weaviate(i: &Inputs) -> Ceiling {
    let limit = get(i, "memory_limit");
    if limit <= 0.0 {
        return Ceiling {
            bytes: None,
            formula: "memory_limit",
            terms: Vec::new(),
        };
    }
    sum(
        vec![size_term("memory_limit", limit, limit)],
        "memory_limit",
    )
}

#[cfg(test)]
mod tests;
