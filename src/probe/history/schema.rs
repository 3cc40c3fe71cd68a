//! The history database's schema, version 1, as `docs/history.md` documents it for `sqlite3`
//! users. Times are milliseconds since the epoch (UTC), memory is bytes, CPU is cores.

/// `PRAGMA application_id`: "hfit", so that hostfit knows its own files.
pub(crate) const APPLICATION_ID: i32 = 0x6866_6974;
/// `PRAGMA user_version` of the schema this hostfit writes; a file with a larger one was
/// written by a newer hostfit and is left alone.
pub(crate) const VERSION: i32 = 1;

/// Samples older than this are rolled up into buckets.
pub const RAW_KEPT_MS: i64 = 2 * 24 * 3600 * 1000;
/// The width of a rolled-up bucket: five minutes.
pub const BUCKET_MS: i64 = 5 * 60 * 1000;

pub(crate) const CREATE: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE workload (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    UNIQUE (name, kind)
);
CREATE TABLE host_sample (
    t                INTEGER PRIMARY KEY,
    memory_total     INTEGER NOT NULL,
    memory_available INTEGER NOT NULL,
    cpu_cores        REAL NOT NULL,
    cpu_used         REAL
);
CREATE TABLE workload_sample (
    workload INTEGER NOT NULL REFERENCES workload (id),
    t        INTEGER NOT NULL,
    memory   INTEGER NOT NULL,
    cpu      REAL,
    PRIMARY KEY (workload, t)
) WITHOUT ROWID;
CREATE INDEX workload_sample_t ON workload_sample (t);
CREATE TABLE host_rollup (
    t                     INTEGER PRIMARY KEY,
    n                     INTEGER NOT NULL,
    memory_total          INTEGER NOT NULL,
    cpu_cores             REAL NOT NULL,
    memory_available_min  INTEGER NOT NULL,
    memory_available_mean REAL NOT NULL,
    memory_available_max  INTEGER NOT NULL,
    cpu_used_min          REAL,
    cpu_used_mean         REAL,
    cpu_used_max          REAL
);
CREATE TABLE workload_rollup (
    workload    INTEGER NOT NULL REFERENCES workload (id),
    t           INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    memory_min  INTEGER NOT NULL,
    memory_mean REAL NOT NULL,
    memory_max  INTEGER NOT NULL,
    cpu_min     REAL,
    cpu_mean    REAL,
    cpu_max     REAL,
    PRIMARY KEY (workload, t)
) WITHOUT ROWID;
";

/// Rolls every sample before `:cut` into its bucket (merged with a bucket rolled before, by
/// count), then deletes those samples.
pub(crate) const ROLL_UP: &str = "
INSERT INTO host_rollup (t, n, memory_total, cpu_cores, memory_available_min,
        memory_available_mean, memory_available_max, cpu_used_min, cpu_used_mean, cpu_used_max)
    SELECT t / :bucket * :bucket AS b, count(*), max(memory_total), max(cpu_cores),
        min(memory_available), avg(memory_available), max(memory_available),
        min(cpu_used), avg(cpu_used), max(cpu_used)
    FROM host_sample WHERE t < :cut GROUP BY b
    ON CONFLICT (t) DO UPDATE SET
        memory_available_mean = (memory_available_mean * n
            + excluded.memory_available_mean * excluded.n) / (n + excluded.n),
        cpu_used_mean = coalesce((cpu_used_mean * n + excluded.cpu_used_mean * excluded.n)
            / (n + excluded.n), cpu_used_mean, excluded.cpu_used_mean),
        memory_available_min = min(memory_available_min, excluded.memory_available_min),
        memory_available_max = max(memory_available_max, excluded.memory_available_max),
        cpu_used_min = coalesce(min(cpu_used_min, excluded.cpu_used_min), cpu_used_min,
            excluded.cpu_used_min),
        cpu_used_max = coalesce(max(cpu_used_max, excluded.cpu_used_max), cpu_used_max,
            excluded.cpu_used_max),
        memory_total = excluded.memory_total,
        cpu_cores = excluded.cpu_cores,
        n = n + excluded.n;
DELETE FROM host_sample WHERE t < :cut;
INSERT INTO workload_rollup (workload, t, n, memory_min, memory_mean, memory_max,
        cpu_min, cpu_mean, cpu_max)
    SELECT workload, t / :bucket * :bucket AS b, count(*), min(memory), avg(memory),
        max(memory), min(cpu), avg(cpu), max(cpu)
    FROM workload_sample WHERE t < :cut GROUP BY workload, b
    ON CONFLICT (workload, t) DO UPDATE SET
        memory_mean = (memory_mean * n + excluded.memory_mean * excluded.n) / (n + excluded.n),
        cpu_mean = coalesce((cpu_mean * n + excluded.cpu_mean * excluded.n) / (n + excluded.n),
            cpu_mean, excluded.cpu_mean),
        memory_min = min(memory_min, excluded.memory_min),
        memory_max = max(memory_max, excluded.memory_max),
        cpu_min = coalesce(min(cpu_min, excluded.cpu_min), cpu_min, excluded.cpu_min),
        cpu_max = coalesce(max(cpu_max, excluded.cpu_max), cpu_max, excluded.cpu_max),
        n = n + excluded.n;
DELETE FROM workload_sample WHERE t < :cut;
";

/// Deletes everything before `:keep`, and workloads left with no figure.
pub(crate) const RETAIN: &str = "
DELETE FROM host_sample WHERE t < :keep;
DELETE FROM workload_sample WHERE t < :keep;
DELETE FROM host_rollup WHERE t + :bucket <= :keep;
DELETE FROM workload_rollup WHERE t + :bucket <= :keep;
DELETE FROM workload WHERE id NOT IN (SELECT workload FROM workload_sample)
    AND id NOT IN (SELECT workload FROM workload_rollup);
";
