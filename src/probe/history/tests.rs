use super::*;
use crate::model::{Bytes, Cores};
use crate::probe::sampler::WorkloadReading;

/// A fresh folder under the system's temporary folder, removed on drop.
struct Dir(PathBuf);

impl Dir {
    fn new(tag: &str) -> Dir {
        let mut random = [0u8; 8];
        let _ = rustix::rand::getrandom(&mut random[..], rustix::rand::GetRandomFlags::empty());
        let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
        let path = std::env::temp_dir().join(format!("hostfit-store-{tag}-{hex}"));
        std::fs::create_dir_all(&path).unwrap_or_else(|e| panic!("{e}"));
        Dir(path)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const MIB: u64 = 1024 * 1024;

fn reading(available_mib: u64, cpu: Option<f64>, db_mib: u64) -> Reading {
    Reading {
        memory_total: Bytes(4096 * MIB),
        available: Bytes(available_mib * MIB),
        cpu_cores: Cores(2.0),
        cpu_used: cpu.map(Cores),
        workloads: vec![WorkloadReading {
            name: "db".into(),
            kind: WorkloadKind::Service,
            memory: Bytes(db_mib * MIB),
            cpu: cpu.map(|c| Cores(c / 2.0)),
        }],
    }
}

fn ok<T>(r: Result<T, StoreError>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn samples_are_read_back_as_written() {
    let dir = Dir::new("rw");
    let path = dir.0.join("h.db");
    let mut store = ok(Store::open_for_recording(&path, "h1"));
    ok(store.append(1_000_000, &reading(1000, None, 100)));
    ok(store.append(1_030_000, &reading(900, Some(0.5), 120)));
    drop(store);
    let store = ok(Store::open_to_read(&path));
    let h = ok(store.read(0));
    assert_eq!(h.host, "h1");
    assert_eq!(h.memory_total, Bytes(4096 * MIB));
    assert_eq!(h.every_seconds, 30.0);
    assert_eq!(h.available.points.len(), 2);
    assert_eq!(h.available.points[1].mean, (900 * MIB) as f64);
    assert_eq!(h.cpu_used.points.len(), 1);
    assert_eq!(h.workloads.len(), 1);
    assert_eq!(h.workloads[0].memory.points[1].max, (120 * MIB) as f64);
    assert_eq!(ok(store.last_sample_ms()), Some(1_030_000));
    assert_eq!(ok(store.read(1_010_000)).available.points.len(), 1);
}

#[test]
fn old_samples_roll_up_into_five_minute_buckets_and_old_buckets_go() {
    let dir = Dir::new("roll");
    let path = dir.0.join("h.db");
    let mut store = ok(Store::open_for_recording(&path, "h1"));
    let day = 86_400_000;
    // Ten samples 30 s apart in the first bucket of day 0: available 1000..=1009 MiB.
    for i in 0..10 {
        ok(store.append(
            i * 30_000,
            &reading(1000 + i as u64, Some(0.1 * i as f64), 100 + i as u64),
        ));
    }
    // One in day 1 and one now (day 3).
    ok(store.append(day, &reading(800, Some(1.0), 200)));
    ok(store.append(3 * day, &reading(700, Some(1.0), 300)));
    ok(store.maintain(3 * day, 30 * day));
    let h = ok(store.read(0));
    assert_eq!(h.available.points.len(), 3);
    let b = h.available.points[0];
    assert_eq!(
        (b.n, b.min, b.max),
        (10, (1000 * MIB) as f64, (1009 * MIB) as f64)
    );
    assert!((b.mean - 1004.5 * MIB as f64).abs() < 1.0);
    assert_eq!(b.t, 150.0);
    assert_eq!(h.available.samples(), 12);
    let w = &h.workloads[0].memory.points[0];
    assert_eq!((w.n, w.max), (10, (109 * MIB) as f64));
    // Rolling up again merges nothing twice.
    ok(store.maintain(3 * day, 30 * day));
    assert_eq!(ok(store.read(0)).available.samples(), 12);
    // A retention of two days keeps only day 3... and the day-1 sample, now a bucket, goes.
    ok(store.maintain(3 * day, 2 * day - 1));
    let h = ok(store.read(0));
    assert_eq!(h.available.samples(), 1);
    assert_eq!(h.workloads[0].memory.samples(), 1);
}

#[test]
fn a_newer_schema_is_refused_and_left_as_it_was() {
    let dir = Dir::new("newer");
    let path = dir.0.join("h.db");
    drop(ok(Store::open_for_recording(&path, "h1")));
    {
        let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        conn.pragma_update(None, "user_version", 2)
            .unwrap_or_else(|e| panic!("{e}"));
        conn.pragma_update(None, "journal_mode", "DELETE")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let before = std::fs::read(&path).unwrap_or_default();
    let e = Store::open_for_recording(&path, "h1").map(|_| ());
    assert!(
        matches!(
            e,
            Err(StoreError::Newer {
                found: 2,
                known: 1,
                ..
            })
        ),
        "{e:?}"
    );
    let e = Store::open_to_read(&path).map(|_| ());
    assert!(matches!(e, Err(StoreError::Newer { .. })), "{e:?}");
    assert_eq!(std::fs::read(&path).unwrap_or_default(), before);
    let names: Vec<String> = std::fs::read_dir(&dir.0)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(names, vec!["h.db".to_string()]);
}

#[test]
fn a_read_only_file_and_a_stranger_are_refused() {
    let dir = Dir::new("ro");
    let path = dir.0.join("h.db");
    drop(ok(Store::open_for_recording(&path, "h1")));
    let mut perms = std::fs::metadata(&path)
        .map(|m| m.permissions())
        .unwrap_or_else(|e| panic!("{e}"));
    perms.set_mode(0o444);
    std::fs::set_permissions(&path, perms).unwrap_or_else(|e| panic!("{e}"));
    let e = Store::open_for_recording(&path, "h1").map(|_| ());
    assert!(matches!(e, Err(StoreError::ReadOnly { .. })), "{e:?}");
    let text = dir.0.join("notes.db");
    std::fs::write(&text, "not a database at all, but long enough to have a header of a hundred bytes or so, yes indeed it is").unwrap_or_else(|e| panic!("{e}"));
    let e = Store::open_for_recording(&text, "h1").map(|_| ());
    assert!(matches!(e, Err(StoreError::NotHistory { .. })), "{e:?}");
    let e = Store::open_to_read(&dir.0.join("absent.db")).map(|_| ());
    assert!(matches!(e, Err(StoreError::Missing { .. })), "{e:?}");
}
