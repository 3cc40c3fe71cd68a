//! Crash safety of `hostfit record`: SIGKILL at 100 random moments never leaves the database
//! corrupt (`PRAGMA integrity_check` each time) and loses at most the sample in hand; a disk
//! that fills up (a small tmpfs mounted in the test's own folder) ends it with status 2 and a
//! clear error, the samples written before intact.

use crate::history::fixture;
use crate::util::{Scratch, s};
use rusqlite::Connection;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// `PRAGMA integrity_check`, and the number and last time of the host's samples.
fn check(db: &Path) -> (String, i64, Option<i64>) {
    let conn = Connection::open(db).expect("the database opens");
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check answers");
    // Killed while it made the file: an empty database, which the next run sets up.
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'host_sample'",
            [],
            |r| r.get(0),
        )
        .expect("sqlite_schema");
    if tables == 0 {
        return (ok, 0, None);
    }
    let (n, last): (i64, Option<i64>) = conn
        .query_row("SELECT count(*), max(t) FROM host_sample", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("samples");
    (ok, n, last)
}

/// A small pseudo-random sequence (xorshift), seeded from the clock and printed, so that a
/// failing run can be told apart.
struct Moments(u64);

impl Moments {
    fn next_ms(&mut self, low: u64, high: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        low + self.0 % (high - low)
    }
}

#[test]
fn record_killed_at_100_random_moments_stays_sound() {
    const EVERY_MS: i64 = 100;
    // Scheduling on a busy two-core machine: how late a sample may be written.
    const SLACK_MS: i64 = 250;
    let dir = Scratch::new("kill");
    let db = dir.path("h.db");
    let f = fixture();
    let seed = (now_ms() as u64) | 1;
    let mut moments = Moments(seed);
    let started = Instant::now();
    let mut with_samples = 0;
    for round in 0..100 {
        let spawned = now_ms();
        let mut child = Command::new(env!("CARGO_BIN_EXE_hostfit"))
            .args([
                "record",
                "--db",
                s(&db),
                "--every",
                "100ms",
                "--quiet",
                "--root",
                s(&f),
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("hostfit starts");
        std::thread::sleep(Duration::from_millis(moments.next_ms(20, 600)));
        let killed = now_ms();
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let (ok, n, last) = check(&db);
        assert_eq!(ok, "ok", "round {round} (seed {seed}): integrity_check");
        if let Some(last) = last.filter(|t| *t >= spawned) {
            with_samples += 1;
            assert!(
                killed - last <= EVERY_MS + SLACK_MS,
                "round {round} (seed {seed}): killed at {killed}, last sample at {last}, {n} in all: more than one interval lost"
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the kill test is to take about a minute"
        );
    }
    assert!(
        with_samples >= 50,
        "only {with_samples} of 100 runs wrote a sample (seed {seed})"
    );
}

/// Mounts a tmpfs of `kib` KiB on `dir`; false where mounting is not allowed.
fn mount_tmpfs(dir: &Path, kib: u64) -> bool {
    Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            &format!("size={kib}k"),
            "tmpfs",
            s(dir),
        ])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|st| st.success())
}

struct Unmount<'a>(&'a Path);

impl Drop for Unmount<'_> {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0).status();
    }
}

#[test]
fn a_full_disk_ends_record_with_status_2_and_a_sound_file() {
    let dir = Scratch::new("full");
    let mnt = dir.path("mnt");
    std::fs::create_dir_all(&mnt).expect("mount point");
    if !mount_tmpfs(&mnt, 512) {
        assert!(
            std::env::var("HOSTFIT_LIVE").as_deref() != Ok("required"),
            "cannot mount a tmpfs for the full-disk test"
        );
        eprintln!(
            "SKIP a_full_disk_ends_record_with_status_2_and_a_sound_file: cannot mount tmpfs"
        );
        return;
    }
    let _unmount = Unmount(&mnt);
    let db = mnt.join("h.db");
    let f = fixture();
    // Leave room for the schema and some samples, then fill the rest.
    let run = crate::util::hostfit(&[
        "record",
        "--db",
        s(&db),
        "--every",
        "100ms",
        "--for",
        "300ms",
        "--quiet",
        "--root",
        s(&f),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let filler = mnt.join("filler");
    let _ = std::fs::write(&filler, vec![0u8; 400 * 1024]);
    let start = Instant::now();
    let run = crate::util::hostfit(&[
        "record",
        "--db",
        s(&db),
        "--every",
        "100ms",
        "--for",
        "60s",
        "--quiet",
        "--root",
        s(&f),
    ]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("the disk is full"), "{}", run.stderr);
    assert!(
        start.elapsed() < Duration::from_secs(50),
        "record went on on a full disk"
    );
    let _ = std::fs::remove_file(&filler);
    let (ok, n, _) = check(&db);
    assert_eq!(ok, "ok");
    assert!(n >= 3, "{n} samples kept");
}
