//! `hostfit scan --root` on trees with things that are not files where files are expected: a
//! FIFO, a socket, links planted to reach outside the tree. The scan goes on with a warning,
//! never blocks, and never reads the machine it runs on in place of the tree.

use super::faults::copy_tree;
use super::{normalize, parse_snapshot, tree};
use crate::util::{Run, Scratch, s};
use hostfit::model::{Cores, Snapshot};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary with a watchdog, its output in files of `scratch`: a scan that blocks fails
/// the test (after `limit`, far above any scan's time on a loaded machine) instead of hanging it.
pub(super) fn hostfit_within(scratch: &Scratch, args: &[&str], limit: Duration) -> Run {
    let out = std::fs::File::create(scratch.path("stdout")).expect("stdout file");
    let err = std::fs::File::create(scratch.path("stderr")).expect("stderr file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hostfit"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("DOCKER_HOST")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .expect("hostfit starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("hostfit {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |name: &str| std::fs::read_to_string(scratch.path(name)).unwrap_or_default();
    Run {
        status: status.code().unwrap_or(-1),
        stdout: read("stdout"),
        stderr: read("stderr"),
    }
}

fn mkfifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
        0,
    )
    .expect("mkfifo");
}

fn replace_with_link(path: &Path, target: &Path) {
    if path.is_dir() {
        std::fs::remove_dir_all(path).expect("rm -r");
    } else {
        let _ = std::fs::remove_file(path);
    }
    std::os::unix::fs::symlink(target, path).expect("symlink");
}

#[test]
fn scan_skips_fifos_sockets_and_planted_links() {
    let scratch = Scratch::new("scan-files");
    let dir = scratch.path("host");
    copy_tree(&tree("cgroup-v1"), &dir);
    // a FIFO with no writer: opened blocking, it would wait forever
    mkfifo(&dir.join("proc/self/mountinfo"));
    // a unix socket where a table is expected
    std::fs::remove_file(dir.join("proc/net/udp")).expect("rm");
    let _listener = std::os::unix::net::UnixListener::bind(dir.join("proc/net/udp")).expect("bind");
    // links planted at the last component: to this machine's own file, and to an endless one
    replace_with_link(
        &dir.join("proc/sys/kernel/hostname"),
        Path::new("/proc/sys/kernel/hostname"),
    );
    replace_with_link(&dir.join("proc/net/tcp6"), Path::new("/dev/zero"));
    // a link in the middle that leaves the tree for a "machine" of 64 cores beside it
    let outside = scratch.path("outside");
    std::fs::create_dir_all(outside.join("cpu")).expect("mkdir");
    std::fs::write(outside.join("cpu/online"), "0-63\n").expect("write");
    replace_with_link(&dir.join("sys/devices/system"), &outside);
    // a link in the middle that stays inside the tree, as the kernel's `net -> self/net`
    std::fs::rename(dir.join("proc/net"), dir.join("proc/real-net")).expect("mv");
    replace_with_link(&dir.join("proc/net"), Path::new("real-net"));

    let run = hostfit_within(
        &scratch,
        &[
            "scan",
            "--root",
            s(&dir),
            "--interval",
            "0",
            "--format",
            "json",
        ],
        Duration::from_secs(60),
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut snap: Snapshot = parse_snapshot(&run.stdout);
    normalize(&mut snap, &dir);
    // not this machine's host name, and not the 64 cores outside the tree: /proc/stat's two
    assert_eq!(snap.host.name, "localhost");
    assert_eq!(snap.host.cpu.cores, Cores(2.0));
    let skipped: Vec<(String, String)> = snap
        .warnings
        .iter()
        .filter(|w| w.code == "not_regular_file")
        .map(|w| (w.args["path"].clone(), w.args["file_type"].clone()))
        .collect();
    for want in [
        ("ROOT/proc/self/mountinfo", "fifo"),
        ("ROOT/proc/sys/kernel/hostname", "symlink"),
        ("ROOT/proc/net/tcp6", "symlink"),
    ] {
        assert!(
            skipped
                .iter()
                .any(|(p, k)| (p.as_str(), k.as_str()) == want),
            "no {want:?} in {skipped:?}"
        );
    }
    assert!(
        snap.warnings
            .iter()
            .any(|w| w.code == "file_unreadable" && w.args["path"] == "ROOT/proc/net/udp"),
        "{:#?}",
        snap.warnings
    );
    // the tables reached through the link inside the tree are read: sshd listens on 22
    assert!(snap.host.listening_ports.iter().any(|p| p.port == 22));
}
