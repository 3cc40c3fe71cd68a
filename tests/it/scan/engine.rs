//! The container engine's socket when it does not answer: a server made by the test in its own
//! folder that takes connections and never replies, and one that lists containers and then
//! never answers about them. The scan ends with a warning either way, and never hangs.

use super::files::hostfit_within;
use super::{TAKEN_AT, faults::copy_tree, normalize, parse_snapshot, tree};
use crate::util::{Scratch, s};
use hostfit::probe::{
    self, ArchSource, DiskSource, EngineLimits, EngineSource, ScanConfig, SocketSource,
};
use std::io::{Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::time::{Duration, Instant};

/// Takes every connection and keeps it open; answers `/containers/json` with `listing` when
/// given one, and nothing else ever.
fn silent_engine(socket: &Path, listing: Option<String>) {
    let listener = UnixListener::bind(socket).expect("bind the engine socket");
    std::thread::spawn(move || {
        let mut held: Vec<UnixStream> = Vec::new();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 1024];
            let n = stream.read(&mut request).unwrap_or(0);
            let asked = String::from_utf8_lossy(&request[..n]).into_owned();
            if let Some(body) = listing
                .as_ref()
                .filter(|_| asked.starts_with("GET /containers/json "))
            {
                let reply = format!(
                    "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes());
                continue;
            }
            held.push(stream);
        }
    });
}

#[test]
fn scan_engine_that_never_answers_ends_with_a_warning() {
    let scratch = Scratch::new("scan-engine-silent");
    let dir = scratch.path("host");
    copy_tree(&tree("cgroup-v1"), &dir);
    std::fs::create_dir_all(dir.join("var/run")).expect("mkdir");
    let socket = dir.join("var/run/docker.sock");
    silent_engine(&socket, None);
    let started = Instant::now();
    let run = hostfit_within(
        &scratch,
        &[
            "scan",
            "--root",
            s(&dir),
            "--interval",
            "0",
            "--format",
            "yaml",
        ],
        Duration::from_secs(60),
    );
    let took = started.elapsed();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut snap = parse_snapshot(&run.stdout);
    normalize(&mut snap, &dir);
    let engine = snap
        .warnings
        .iter()
        .find(|w| w.code == "engine_unreachable")
        .unwrap_or_else(|| panic!("{:#?}", snap.warnings));
    assert_eq!(engine.args["socket"], "ROOT/var/run/docker.sock");
    assert!(
        engine.args["reason"].contains("no answer within"),
        "{engine:?}"
    );
    // one request's time (a few seconds), far from a hang; generous for a loaded machine
    assert!(took < Duration::from_secs(30), "{took:?}");
    // the rest of the host was scanned
    assert_eq!(snap.host.name, "legacy-01");
}

/// An engine that lists containers and then never describes them: each description waits its
/// request's time until the scan's time for the engine is up; then none is asked for, and one
/// warning says so.
#[test]
fn scan_engine_deadline_bounds_the_whole_conversation() {
    let scratch = Scratch::new("scan-engine-deadline");
    let dir = scratch.path("host");
    copy_tree(&tree("cgroup-v1"), &dir);
    let socket = scratch.path("engine.sock");
    let listing: Vec<String> = (0..8)
        .map(|i| format!(r#"{{"Id":"{i:064x}","Names":["/c{i}"],"Image":"sha256:{i:064x}"}}"#))
        .collect();
    silent_engine(&socket, Some(format!("[{}]", listing.join(","))));
    let limits = EngineLimits {
        connect: Duration::from_millis(500),
        request: Duration::from_millis(300),
        total: Duration::from_millis(900),
    };
    let config = ScanConfig {
        root: dir.clone(),
        engine: EngineSource::Sockets(vec![socket.clone()]),
        engine_limits: limits,
        disks: DiskSource::NotMeasured,
        taken_at: TAKEN_AT.to_string(),
        ticks_per_second: 100,
        page_size: 4096,
        arch: ArchSource::Tree,
        sockets: SocketSource::Tables,
        connect: Vec::new(),
    };
    let started = Instant::now();
    let snap = probe::begin(&config, false)
        .expect("the root opens")
        .finish()
        .expect("a snapshot");
    let took = started.elapsed();
    let deadlines: Vec<_> = snap
        .warnings
        .iter()
        .filter(|w| w.code == "engine_deadline")
        .collect();
    assert_eq!(deadlines.len(), 1, "{:#?}", snap.warnings);
    assert_eq!(deadlines[0].args["seconds"], "0.9");
    // eight requests of 0.3 s would take 2.4 s; the 0.9 s in all stopped them (bound loose for
    // a loaded machine, but below eight request times plus the rest of the scan)
    assert!(took < Duration::from_secs(20), "{took:?}");
    let asked = snap
        .warnings
        .iter()
        .filter(|w| w.code == "container_inspect_failed")
        .count();
    assert!(asked < 8, "{:#?}", snap.warnings);
}
