//! Each formula against numbers worked by hand in the comments.

use super::*;
use crate::model::engine::defaults;

const KIB: u64 = 1024;
const MIB_U: u64 = 1024 * 1024;

/// `pairs` with the defaults of `name` at `version` for the rest.
fn with_defaults(name: EngineName, version: Option<&str>, pairs: &[(&str, f64)]) -> Inputs {
    let mut i: Inputs = pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    for (k, v) in defaults::missing(name, version, &i) {
        i.insert(k.to_string(), v);
    }
    i
}

fn ceiling_of(name: EngineName, version: Option<&str>, pairs: &[(&str, f64)]) -> Option<u64> {
    ceiling(name, &with_defaults(name, version, pairs))
        .bytes
        .map(|b| b.0)
}

#[test]
fn postgresql_with_the_test_servers_settings() {
    // PostgreSQL 15, shared_buffers 64 MiB, max_connections 40, the rest default:
    // wal_buffers auto = 64 MiB / 32 = 2 MiB; 40 x 4 MiB x 2 = 320 MiB; 3 x 64 MiB = 192 MiB.
    // 64 + 2 + 320 + 192 = 578 MiB.
    let got = ceiling_of(
        EngineName::Postgresql,
        Some("15.4"),
        &[("shared_buffers", 64.0 * MIB), ("max_connections", 40.0)],
    );
    assert_eq!(got, Some(578 * MIB_U));
    // PostgreSQL 14 defaults: 128 + 4 + 100 x 4 x 1 + 3 x 64 = 724 MiB.
    assert_eq!(
        ceiling_of(EngineName::Postgresql, Some("14.9"), &[]),
        Some(724 * MIB_U)
    );
    // autovacuum_work_mem set: it replaces maintenance_work_mem for the workers.
    let got = ceiling_of(
        EngineName::Postgresql,
        Some("15"),
        &[
            ("shared_buffers", 64.0 * MIB),
            ("max_connections", 40.0),
            ("autovacuum_work_mem", 16.0 * MIB),
        ],
    );
    assert_eq!(got, Some((578 - 192 + 48) * MIB_U));
}

#[test]
fn wal_buffers_are_a_32nd_of_shared_buffers_within_bounds() {
    assert_eq!(wal_buffers_auto(64.0 * MIB), 2.0 * MIB);
    // 128 KiB = 16 pages, /32 = 0: at least 8 pages, 64 KiB
    assert_eq!(wal_buffers_auto(128.0 * 1024.0), 64.0 * 1024.0);
    // 1 GiB / 32 = 32 MiB: at most one 16 MiB segment
    assert_eq!(wal_buffers_auto(GIB), 16.0 * MIB);
}

#[test]
fn mariadb_as_mysqltuner_counts_it() {
    // MariaDB 10.11, innodb_buffer_pool_size 64M, max_connections 40, the rest default.
    // Global: key 128M + pool 64M + log buffer 16M + query cache 1M + aria 128M = 337M,
    // plus min(tmp 16M, heap 16M) = 353 MiB = 361472 KiB.
    // Per thread: 128K + 256K + 2048K + 292K + 256K = 2980 KiB; x 40 = 119200 KiB.
    // 361472 + 119200 = 480672 KiB.
    let got = ceiling_of(
        EngineName::Mariadb,
        Some("10.11.19-MariaDB"),
        &[
            ("innodb_buffer_pool_size", 64.0 * MIB),
            ("max_connections", 40.0),
        ],
    );
    assert_eq!(got, Some(480672 * KIB));
    // tmp_table_size above max_heap_table_size: the smaller counts.
    let more_tmp = ceiling_of(
        EngineName::Mariadb,
        Some("10.11"),
        &[
            ("innodb_buffer_pool_size", 64.0 * MIB),
            ("max_connections", 40.0),
            ("tmp_table_size", 256.0 * MIB),
        ],
    );
    assert_eq!(more_tmp, got);
    // performance_schema memory is added when known: + 100 MiB
    let ps = ceiling_of(
        EngineName::Mariadb,
        Some("10.11"),
        &[
            ("innodb_buffer_pool_size", 64.0 * MIB),
            ("max_connections", 40.0),
            ("performance_schema_memory", 100.0 * MIB),
        ],
    );
    assert_eq!(ps, Some(480672 * KIB + 100 * MIB_U));
}

#[test]
fn mysql_8_defaults() {
    // key 8M + pool 128M + log 16M + tmp 16M = 168 MiB = 172032 KiB;
    // per thread 128K + 256K + 256K + 1024K + 256K = 1920 KiB x 151 = 289920 KiB.
    assert_eq!(
        ceiling_of(EngineName::Mysql, Some("8.0.36"), &[]),
        Some((172032 + 289920) * KIB)
    );
}

#[test]
fn redis_is_maxmemory_times_fragmentation() {
    let i = |pairs: &[(&str, f64)]| -> Inputs {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    };
    let c = ceiling(
        EngineName::Redis,
        &i(&[
            ("maxmemory", 100.0 * MIB),
            ("mem_fragmentation_ratio", 1.25),
        ]),
    );
    assert_eq!(c.bytes, Some(Bytes(125 * MIB_U)));
    assert_eq!(
        c.terms.first().map(|t| t.text.as_str()),
        Some("maxmemory 100 MiB x mem_fragmentation_ratio 1.25")
    );
    // a ratio below 1 (pages swapped out) never lowers the ceiling
    let low = ceiling(
        EngineName::Redis,
        &i(&[("maxmemory", 100.0 * MIB), ("mem_fragmentation_ratio", 0.8)]),
    );
    assert_eq!(low.bytes, Some(Bytes(100 * MIB_U)));
    // no maxmemory: no bound
    assert_eq!(
        ceiling(EngineName::Redis, &i(&[("maxmemory", 0.0)])).bytes,
        None
    );
}

#[test]
fn elasticsearch_is_twice_its_heap() {
    // -Xmx512m: heap 512 MiB plus about as much off the heap.
    assert_eq!(
        ceiling_of(
            EngineName::Elasticsearch,
            Some("8.11.1"),
            &[("heap_max", 512.0 * MIB)]
        ),
        Some(1024 * MIB_U)
    );
    // No heap set, 2 GiB: half of it, 1 GiB, and as much off-heap.
    assert_eq!(
        ceiling_of(
            EngineName::Elasticsearch,
            Some("8.11.1"),
            &[(RAM, 2.0 * GIB)]
        ),
        Some(2048 * MIB_U)
    );
    // 768 MiB: 40% = 307.2 MiB, floored to 307 MiB.
    assert_eq!(elasticsearch_heap_auto(768.0 * MIB), 307.0 * MIB);
    // 200 MiB: 40% is 80 MiB, below the 128 MiB floor.
    assert_eq!(elasticsearch_heap_auto(200.0 * MIB), 128.0 * MIB);
    assert_eq!(elasticsearch_heap_auto(100.0 * GIB), 31.0 * GIB);
    // Before 7.11 and on OpenSearch the heap is 1 GiB unless set.
    assert_eq!(
        ceiling_of(EngineName::Opensearch, Some("2.11.0"), &[(RAM, 8.0 * GIB)]),
        Some(2048 * MIB_U)
    );
}

#[test]
fn neo4j_is_heap_page_cache_and_transactions() {
    // 512 MiB heap + 256 MiB page cache, Neo4j 5 (transactions on the heap): 768 MiB.
    assert_eq!(
        ceiling_of(
            EngineName::Neo4j,
            Some("5.13.0"),
            &[
                ("heap_max", 512.0 * MIB),
                ("pagecache", 256.0 * MIB),
                (RAM, 4.0 * GIB)
            ]
        ),
        Some(768 * MIB_U)
    );
    // Nothing set, 4 GiB: heap 1 GiB (a quarter), page cache (4 - 1) / 2 = 1.5 GiB.
    assert_eq!(
        ceiling_of(EngineName::Neo4j, Some("5.13.0"), &[(RAM, 4.0 * GIB)]),
        Some(2560 * MIB_U)
    );
    // Neo4j 4: 2 GiB of transaction state off the heap on top.
    assert_eq!(
        ceiling_of(
            EngineName::Neo4j,
            Some("4.4.30"),
            &[
                ("heap_max", 512.0 * MIB),
                ("pagecache", 256.0 * MIB),
                (RAM, 4.0 * GIB)
            ]
        ),
        Some((768 + 2048) * MIB_U)
    );
}

#[test]
fn mongodb_is_its_wiredtiger_cache() {
    // 2 GiB: (2 - 1) / 2 = 512 MiB; 1 GiB: the 256 MiB floor.
    assert_eq!(
        ceiling_of(EngineName::Mongodb, Some("7.0"), &[(RAM, 2.0 * GIB)]),
        Some(512 * MIB_U)
    );
    assert_eq!(
        ceiling_of(EngineName::Mongodb, Some("7.0"), &[(RAM, GIB)]),
        Some(256 * MIB_U)
    );
    assert_eq!(
        ceiling_of(
            EngineName::Mongodb,
            Some("7.0"),
            &[("wiredtiger_cache", 1.5 * GIB), (RAM, 8.0 * GIB)]
        ),
        Some(1536 * MIB_U)
    );
}

#[test]
fn weaviate_is_its_go_memory_limit() {
    assert_eq!(
        ceiling_of(EngineName::Weaviate, Some("1.24"), &[("memory_limit", GIB)]),
        Some(1024 * MIB_U)
    );
    assert_eq!(ceiling_of(EngineName::Weaviate, Some("1.24"), &[]), None);
}

#[test]
fn terms_add_up_to_the_ceiling() {
    for name in EngineName::ALL {
        let i = with_defaults(
            name,
            None,
            &[(RAM, 4.0 * GIB), ("maxmemory", MIB), ("memory_limit", MIB)],
        );
        let c = ceiling(name, &i);
        let sum: Bytes = c.terms.iter().map(|t| t.bytes).sum();
        assert_eq!(c.bytes, Some(sum), "{name:?}");
        assert!(!c.formula.is_empty());
    }
}
