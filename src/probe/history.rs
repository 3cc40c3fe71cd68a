//! The history store: one SQLite file per host (WAL mode, one transaction per sample), written
//! by `hostfit record` and read by `hostfit history` and `hostfit plan --history`. Samples
//! older than two days are rolled up into five-minute min/mean/max buckets; what is older than
//! the retention is deleted. A file that is read-only, not hostfit's or written by a newer
//! schema is refused before anything in it or beside it is touched. The caller chooses the
//! file; nothing here decides fit.

mod read;
mod schema;

pub use schema::{BUCKET_MS, RAW_KEPT_MS};

use super::sampler::Reading;
use crate::model::WorkloadKind;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};
use std::collections::HashMap;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Why the store cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("'{path}' is read-only")]
    ReadOnly { path: PathBuf },
    #[error("'{path}' is not a hostfit history database")]
    NotHistory { path: PathBuf },
    #[error("'{path}' was written by a newer hostfit (schema {found}, this one knows {known})")]
    Newer {
        path: PathBuf,
        found: i32,
        known: i32,
    },
    #[error("'{path}': the disk is full")]
    Full { path: PathBuf },
    #[error("'{path}' does not exist")]
    Missing { path: PathBuf },
    #[error("'{path}' is a symbolic link")]
    Link { path: PathBuf },
    #[error("'{path}': {error}")]
    Sqlite { path: PathBuf, error: String },
}

/// Less room than this left for the user: a file system that is, for a recorder, full.
const NEARLY_FULL: u64 = 1024 * 1024;

/// Whether the file system of `path`'s folder has less than `NEARLY_FULL` free for the user.
fn nearly_full(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    rustix::fs::statvfs(dir).is_ok_and(|v| v.f_bavail.saturating_mul(v.f_frsize) < NEARLY_FULL)
}

impl StoreError {
    fn of(path: &Path, e: rusqlite::Error) -> StoreError {
        let path = path.to_path_buf();
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::Full { path },
            // SQLite says only "disk I/O error" when the shared-memory file or the WAL cannot
            // grow: on a file system with next to no room left, that is the full disk.
            Some(ErrorCode::SystemIoFailure) if nearly_full(&path) => StoreError::Full { path },
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
            Some(ErrorCode::NotADatabase) => StoreError::NotHistory { path },
            _ => StoreError::Sqlite {
                path,
                error: e.to_string(),
            },
        }
    }

    /// The stable code of this error, for the message tables.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::ReadOnly { .. } => "read_only",
            StoreError::NotHistory { .. } => "not_history",
            StoreError::Newer { .. } => "newer",
            StoreError::Full { .. } => "full",
            StoreError::Missing { .. } => "missing",
            StoreError::Link { .. } => "link",
            StoreError::Sqlite { .. } => "sqlite",
        }
    }
}

/// An open history database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Workload ids by (name, kind).
    ids: HashMap<(String, &'static str), i64>,
}

/// The header of an SQLite file: its `user_version` and `application_id`.
fn header(path: &Path) -> std::io::Result<Option<(i32, i32)>> {
    let mut file = std::fs::File::open(path)?;
    let mut head = [0u8; 100];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read == 0 {
        return Ok(None);
    }
    if read < 100 || &head[..16] != b"SQLite format 3\0" {
        return Ok(Some((-1, -1)));
    }
    let int = |at: usize| i32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    Ok(Some((int(60), int(68))))
}

/// Refuses a file that is not a history this hostfit can read, from its header alone.
fn check_header(path: &Path) -> Result<bool, StoreError> {
    let sqlite = |e: std::io::Error| StoreError::Sqlite {
        path: path.to_path_buf(),
        error: e.to_string(),
    };
    match header(path).map_err(sqlite)? {
        None => Ok(false),
        Some((version, app)) => {
            if version < 0 || (app != schema::APPLICATION_ID && version != 0) {
                return Err(StoreError::NotHistory {
                    path: path.to_path_buf(),
                });
            }
            if version > schema::VERSION {
                return Err(StoreError::Newer {
                    path: path.to_path_buf(),
                    found: version,
                    known: schema::VERSION,
                });
            }
            Ok(version == schema::VERSION && app == schema::APPLICATION_ID)
        }
    }
}

/// Refuses `path`, or its `-wal` or `-shm` beside it, when it is a symbolic link: a link
/// planted where the database is to be would have the recorder write, or a reader read, a
/// file somewhere else. Returns whether `path` exists (as a file of its own).
fn refuse_links(path: &Path) -> Result<bool, StoreError> {
    let mut exists = false;
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        let at = PathBuf::from(name);
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(StoreError::Link { path: at });
            }
            Ok(_) => exists |= suffix.is_empty(),
            Err(_) => {}
        }
    }
    Ok(exists)
}

/// The files SQLite makes beside `path` (`-wal`, `-shm`) that are not there yet.
fn absent_companions(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_os_string();
            name.push(suffix);
            PathBuf::from(name)
        })
        .filter(|p| std::fs::symlink_metadata(p).is_err())
        .collect()
}

/// `file:PATH?immutable=1`, the path's bytes escaped as a URI needs.
fn immutable_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file:");
    for b in path.as_os_str().as_bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(char::from(*b));
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Runs each statement of `sql`, binding those of `values` it names.
fn run_all(conn: &Connection, sql: &str, values: &[(&str, i64)]) -> rusqlite::Result<()> {
    for text in sql.split(";\n").map(str::trim).filter(|s| !s.is_empty()) {
        let mut stmt = conn.prepare(text)?;
        for (name, value) in values {
            if let Some(i) = stmt.parameter_index(name)? {
                stmt.raw_bind_parameter(i, value)?;
            }
        }
        stmt.raw_execute()?;
    }
    Ok(())
}

fn kind_word(kind: WorkloadKind) -> &'static str {
    super::workloads::kind_word(kind)
}

fn kind_of(word: &str) -> WorkloadKind {
    match word {
        "container" => WorkloadKind::Container,
        "service" => WorkloadKind::Service,
        "process" => WorkloadKind::Process,
        "cgroup" => WorkloadKind::Cgroup,
        _ => WorkloadKind::Other,
    }
}

impl Store {
    /// Opens `path` for recording, creating it when it does not exist. A read-only file (no
    /// write bit, or not writable by this user), a file that is not a hostfit history and one
    /// of a newer schema are refused before SQLite opens them.
    pub fn open_for_recording(path: &Path, host: &str) -> Result<Store, StoreError> {
        let exists = refuse_links(path)?;
        if exists {
            return Store::open_existing_for_recording(path, host);
        }
        // A new file: made here, so removed again (with what SQLite made beside it) when it
        // cannot be set up, on a full disk say, so that nothing is left half-way.
        let made = absent_companions(path);
        Store::open_existing_for_recording(path, host).inspect_err(|_| {
            for p in made.iter().map(PathBuf::as_path).chain([path]) {
                let _ = std::fs::remove_file(p);
            }
        })
    }

    fn open_existing_for_recording(path: &Path, host: &str) -> Result<Store, StoreError> {
        let exists = path.exists();
        let current = if exists {
            let meta = std::fs::metadata(path).map_err(|e| StoreError::Sqlite {
                path: path.to_path_buf(),
                error: e.to_string(),
            })?;
            let writable = meta.permissions().mode() & 0o222 != 0
                && std::fs::OpenOptions::new().append(true).open(path).is_ok();
            if !writable {
                return Err(StoreError::ReadOnly {
                    path: path.to_path_buf(),
                });
            }
            check_header(path)?
        } else {
            false
        };
        let err = |e| StoreError::of(path, e);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_NOFOLLOW,
        )
        .map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(err)?;
        // WAL: a sample is one append, and a reader never blocks the recorder. NORMAL: a
        // commit survives the process being killed; only a power cut may lose the last ones.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        if !current {
            let version: i32 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .map_err(err)?;
            if version > schema::VERSION {
                return Err(StoreError::Newer {
                    path: path.to_path_buf(),
                    found: version,
                    known: schema::VERSION,
                });
            }
            let tables: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                .map_err(err)?;
            if tables > 0 && version == 0 {
                return Err(StoreError::NotHistory {
                    path: path.to_path_buf(),
                });
            }
            if version == 0 {
                let tx = conn.unchecked_transaction().map_err(err)?;
                tx.execute_batch(schema::CREATE).map_err(err)?;
                tx.pragma_update(None, "application_id", schema::APPLICATION_ID)
                    .map_err(err)?;
                tx.pragma_update(None, "user_version", schema::VERSION)
                    .map_err(err)?;
                tx.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('host', ?1)",
                    params![host],
                )
                .map_err(err)?;
                tx.commit().map_err(err)?;
                // The header of the main file now says what this file is.
                conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
                    .map_err(err)?;
            }
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            ids: HashMap::new(),
        };
        store.load_ids()?;
        Ok(store)
    }

    /// Opens `path` to read, never writing to it.
    pub fn open_to_read(path: &Path) -> Result<Store, StoreError> {
        if !refuse_links(path)? {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        if !check_header(path)? {
            return Err(StoreError::NotHistory {
                path: path.to_path_buf(),
            });
        }
        let err = |e| StoreError::of(path, e);
        // With no `-wal` beside it no recorder has the file open (the last one to close
        // removes it): read it as immutable, which makes no `-wal` or `-shm` either. Else
        // read it as WAL readers do, beside the recorder.
        let mut wal = path.as_os_str().to_os_string();
        wal.push("-wal");
        let conn = if Path::new(&wal).exists() {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_NOFOLLOW,
            )
        } else {
            Connection::open_with_flags(
                immutable_uri(path),
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_NOFOLLOW
                    | OpenFlags::SQLITE_OPEN_URI,
            )
        }
        .map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(err)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            ids: HashMap::new(),
        };
        store.load_ids()?;
        Ok(store)
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::of(&self.path, e)
    }

    fn load_ids(&mut self) -> Result<(), StoreError> {
        let mut ids = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT id, name, kind FROM workload")
                .map_err(|e| self.err(e))?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })
                .map_err(|e| self.err(e))?;
            for row in rows {
                let (id, name, kind) = row.map_err(|e| self.err(e))?;
                ids.insert((name, kind_word(kind_of(&kind))), id);
            }
        }
        self.ids = ids;
        Ok(())
    }

    /// The host the file records.
    pub fn host(&self) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = 'host'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Appends one sample taken at `t_ms`, all of it or nothing.
    pub fn append(&mut self, t_ms: i64, r: &Reading) -> Result<(), StoreError> {
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(|e| StoreError::of(&self.path, e))?;
        let err = |e| StoreError::of(&self.path, e);
        tx.prepare_cached(
            "INSERT OR REPLACE INTO host_sample (t, memory_total, memory_available, cpu_cores, cpu_used)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .and_then(|mut stmt| {
            stmt.execute(params![
                t_ms,
                r.memory_total.0 as i64,
                r.available.0 as i64,
                r.cpu_cores.0,
                r.cpu_used.map(|c| c.0)
            ])
        })
        .map_err(err)?;
        let mut new_ids = Vec::new();
        for w in &r.workloads {
            let key = (w.name.clone(), kind_word(w.kind));
            let id = match self.ids.get(&key) {
                Some(id) => *id,
                None => {
                    tx.execute(
                        "INSERT OR IGNORE INTO workload (name, kind) VALUES (?1, ?2)",
                        params![w.name, key.1],
                    )
                    .map_err(err)?;
                    let id: i64 = tx
                        .query_row(
                            "SELECT id FROM workload WHERE name = ?1 AND kind = ?2",
                            params![w.name, key.1],
                            |row| row.get(0),
                        )
                        .map_err(err)?;
                    new_ids.push((key, id));
                    id
                }
            };
            tx.prepare_cached(
                "INSERT OR REPLACE INTO workload_sample (workload, t, memory, cpu) VALUES (?1, ?2, ?3, ?4)",
            )
            .and_then(|mut stmt| stmt.execute(params![id, t_ms, w.memory.0 as i64, w.cpu.map(|c| c.0)]))
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        self.ids.extend(new_ids);
        Ok(())
    }

    /// Rolls the samples before `now_ms − 2 days` up into five-minute buckets and deletes
    /// everything before `now_ms − retain_ms`, in one transaction.
    pub fn maintain(&mut self, now_ms: i64, retain_ms: i64) -> Result<(), StoreError> {
        let cut = (now_ms - RAW_KEPT_MS).div_euclid(BUCKET_MS) * BUCKET_MS;
        let keep = now_ms - retain_ms;
        let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        let values = [(":cut", cut), (":bucket", BUCKET_MS), (":keep", keep)];
        run_all(&tx, schema::ROLL_UP, &values).map_err(|e| self.err(e))?;
        run_all(&tx, schema::RETAIN, &values).map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        self.load_ids()
    }
}

#[cfg(test)]
mod tests;
