//! The databases tree: each engine found by its executable, JVM main class or image, each
//! setting read from the source the tree put it in, and each ceiling held against arithmetic done
//! here from the tree's own files (tests/fixtures/hosts/databases, built by build.py).

use super::{scan_fixture, tree};
use hostfit::model::engine::Source;
use hostfit::model::{Engine, EngineName, Snapshot};

const MIB: u64 = 1 << 20;
const KIB: u64 = 1 << 10;

fn engine<'a>(snap: &'a Snapshot, workload: &str) -> &'a Engine {
    snap.workloads
        .iter()
        .find(|w| w.name == workload)
        .and_then(|w| w.engine.as_ref())
        .unwrap_or_else(|| panic!("no engine on workload '{workload}'"))
}

fn input(e: &Engine, setting: &str) -> f64 {
    e.inputs
        .get(setting)
        .map(|v| v.0)
        .unwrap_or_else(|| panic!("{:?} has no input '{setting}'", e.name))
}

fn from_file(e: &Engine, setting: &str) -> (String, u32) {
    match e.sources.get(setting) {
        Some(Source::File { path, line }) => (path.clone(), *line),
        other => panic!("{setting}: {other:?}, not a file"),
    }
}

#[test]
fn every_engine_of_the_tree_has_its_ceiling() {
    let snap = scan_fixture(&tree("databases"), "json");
    // Elasticsearch: -Xmx512m on the JVM's command line; heap plus as much off the heap.
    let es = engine(&snap, "production-elasticsearch");
    assert_eq!(
        (es.name, es.version.as_deref()),
        (EngineName::Elasticsearch, Some("8.11.1"))
    );
    assert_eq!(es.sources.get("heap_max"), Some(&Source::CommandLine));
    assert_eq!(es.ceiling_bytes.map(|b| b.0), Some(2 * 512 * MIB));
    // Neo4j: the image's NEO4J_server_memory_heap_max__size=512m over neo4j.conf's 1g; the page
    // cache from neo4j.conf line 2 (256m); Neo4j 5 keeps transactions on the heap.
    let neo = engine(&snap, "production-neo4j");
    assert_eq!(neo.version.as_deref(), Some("5.13.0"));
    assert_eq!(
        neo.sources.get("heap_max"),
        Some(&Source::Environment {
            variable: "NEO4J_server_memory_heap_max__size".into()
        })
    );
    assert_eq!(
        from_file(neo, "pagecache"),
        ("/var/lib/neo4j/conf/neo4j.conf".to_string(), 2)
    );
    assert_eq!(neo.ceiling_bytes.map(|b| b.0), Some((512 + 256) * MIB));
    // Weaviate: GOMEMLIMIT=400MiB.
    let wv = engine(&snap, "production-weaviate");
    assert_eq!(wv.ceiling_bytes.map(|b| b.0), Some(400 * MIB));
    // MongoDB: cacheSizeGB 0.5 in the mounted mongod.conf, line 5.
    let mongo = engine(&snap, "production-mongo");
    assert_eq!(
        from_file(mongo, "wiredtiger_cache"),
        ("/etc/mongo/mongod.conf".to_string(), 5)
    );
    assert_eq!(mongo.ceiling_bytes.map(|b| b.0), Some(512 * MIB));
    // Redis: its process title hides its options; the container's recorded command has
    // --maxmemory 100mb. Fragmentation is not observed without --connect: 1.
    let redis = engine(&snap, "production-redis");
    assert_eq!(redis.sources.get("maxmemory"), Some(&Source::CommandLine));
    assert_eq!(
        redis.sources.get("mem_fragmentation_ratio"),
        Some(&Source::Assumed)
    );
    assert_eq!(redis.ceiling_bytes.map(|b| b.0), Some(100 * MIB));
    // MariaDB 10.11 through my.cnf's two links and !includedir: innodb_buffer_pool_size 64M, the
    // command line's --max-connections=40; [client] and [mariadb-10.6] do not apply.
    let maria = engine(&snap, "mariadb");
    assert_eq!(maria.name, EngineName::Mariadb);
    assert_eq!(
        from_file(maria, "innodb_buffer_pool_size"),
        ("/etc/mysql/mariadb.conf.d/50-server.cnf".to_string(), 5)
    );
    assert_eq!(input(maria, "max_connections"), 40.0);
    assert_eq!(input(maria, "key_buffer_size"), (128 * MIB) as f64);
    // key 128M + pool 64M + log 16M + query cache 1M + aria 128M + min(tmp, heap) 16M = 353 MiB;
    // per connection 128K + 256K + 2048K + 292K + 256K = 2980 KiB, x 40.
    assert_eq!(
        maria.ceiling_bytes.map(|b| b.0),
        Some(353 * MIB + 40 * 2980 * KIB)
    );
    // PostgreSQL 15: shared_buffers 64MB from conf.d over postgresql.conf's 128MB, work_mem 8MB
    // from postgresql.auto.conf, max_connections 40 from the command line over the file's 100.
    let pg = engine(&snap, "postgresql@15-main");
    assert_eq!(pg.version.as_deref(), Some("15"));
    assert_eq!(
        from_file(pg, "shared_buffers"),
        ("/etc/postgresql/15/main/conf.d/hostfit.conf".to_string(), 1)
    );
    assert_eq!(
        from_file(pg, "work_mem"),
        (
            "/var/lib/postgresql/15/main/postgresql.auto.conf".to_string(),
            2
        )
    );
    assert_eq!(
        pg.sources.get("max_connections"),
        Some(&Source::CommandLine)
    );
    // 64 + 64/32 + 40 x 8 x 2 + 3 x 64 = 898 MiB
    assert_eq!(pg.ceiling_bytes.map(|b| b.0), Some(898 * MIB));
    // The OOM killer's adjustment is read where it is set.
    let pgw = snap
        .workloads
        .iter()
        .find(|w| w.name == "postgresql@15-main");
    assert_eq!(pgw.and_then(|w| w.oom_score_adj), Some(-900));
    // Nothing else is an engine, and no secret of a container's environment is kept.
    let engines = snap.workloads.iter().filter(|w| w.engine.is_some()).count();
    assert_eq!(engines, 7);
    let text = serde_json::to_string(&snap).unwrap_or_default();
    for secret in ["changeme", "secret-pass", "secret-key", "NEO4J_AUTH"] {
        assert!(!text.contains(secret), "'{secret}' is in the snapshot");
    }
}
