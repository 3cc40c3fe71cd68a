//! Output and input at the edges: `--output` never writes through a planted link, writes through
//! the user's link, leaves FIFOs and devices as they are, keeps a file's mode and owner, refuses
//! its own inputs and leaves nothing behind on SIGTERM; standard output closed or full is an
//! error and a closed pipe is not; inputs that are not regular files, or too large, or not
//! UTF-8 are refused without blocking. Every test works in its own scratch folder.

use crate::util::{Run, Scratch, example, hostfit, hostfit_env, s};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The seed plan and its snapshot, copied into `dir`; returns the plan's path.
fn seed(dir: &Scratch) -> PathBuf {
    for name in ["plan.yaml", "snapshot.yaml"] {
        let text = std::fs::read_to_string(example("aliyun-2c2g").join(name)).unwrap_or_default();
        assert!(!text.is_empty(), "the example has {name}");
        dir.write(name, &text);
    }
    dir.path("plan.yaml")
}

/// The seed plan with its `host:` line pointing at `host`.
fn plan_with_host(dir: &Scratch, host: &str) -> PathBuf {
    let plan = seed(dir);
    let text = std::fs::read_to_string(&plan).unwrap_or_default();
    let changed = text.replacen("host: snapshot.yaml", &format!("host: {host}"), 1);
    assert_ne!(text, changed);
    dir.write("plan.yaml", &changed)
}

/// The real binary with the environment `util` gives it, for tests that need the process.
fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hostfit"));
    cmd.args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    cmd
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Waits for `child` at most `limit`; kills it and fails the test when it takes longer.
fn wait_at_most(mut child: Child, limit: Duration) -> std::process::Output {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Ok(Some(_)) = child.try_wait() {
            return child.wait_with_output().expect("the output of hostfit");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("hostfit did not finish within {limit:?}");
}

fn refused(run: &Run, says: &[&str]) {
    assert_eq!(run.status, 2, "stderr: {}", run.stderr);
    let flat = run.stderr_flat();
    for word in says {
        assert!(flat.contains(word), "expected {word:?} in:\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

fn mkfifo(path: &Path) {
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        path,
        rustix::fs::Mode::from_raw_mode(0o600),
    )
    .unwrap_or_else(|e| panic!("mkfifo {}: {e}", path.display()));
}

#[test]
fn files_planted_beside_the_output_are_never_touched() {
    let dir = Scratch::new("out-planted");
    let plan = seed(&dir);
    let victim = dir.write("victim", "keep me\n");
    // Links at the names a careless writer might use for its temporary file.
    for name in [
        ".report.txt.tmp",
        "report.txt.tmp",
        ".report.txt.hostfit.tmp",
        "report.txt~",
    ] {
        std::os::unix::fs::symlink(&victim, dir.path(name)).expect("symlink");
    }
    dir.write(".report.txt.swp", "also keep me\n");
    let before = names(&dir.0);
    let out = dir.path("report.txt");
    let run = hostfit(&["plan", s(&plan), "--output", s(&out)]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(read(&out).contains("阿里云服务器承载能力分析"));
    assert_eq!(read(&victim), "keep me\n");
    assert_eq!(read(&dir.path(".report.txt.swp")), "also keep me\n");
    for name in [".report.txt.tmp", "report.txt.tmp", "report.txt~"] {
        assert_eq!(
            std::fs::read_link(dir.path(name)).ok(),
            Some(victim.clone())
        );
    }
    let mut expected = before;
    expected.push("report.txt".into());
    expected.sort();
    assert_eq!(names(&dir.0), expected, "only the report is new");
}

#[test]
fn output_through_a_link_writes_the_file_it_points_at() {
    let dir = Scratch::new("out-link");
    let plan = seed(&dir);
    std::fs::create_dir(dir.path("real")).expect("mkdir");
    let real = dir.write("real/report.txt", "old\n");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let link = dir.path("report.txt");
    std::os::unix::fs::symlink("real/report.txt", &link).expect("symlink");
    let run = hostfit(&["plan", s(&plan), "-o", s(&link)]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let meta = std::fs::symlink_metadata(&link).expect("the link");
    assert!(meta.file_type().is_symlink(), "the link stays a link");
    assert_eq!(
        std::fs::read_link(&link).ok(),
        Some(PathBuf::from("real/report.txt"))
    );
    assert!(read(&real).contains("阿里云服务器承载能力分析"));
    assert_eq!(mode(&real), 0o600);
    assert_eq!(names(&dir.path("real")), ["report.txt"]);
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).map_or(0, |m| m.mode() & 0o7777)
}

#[test]
fn an_existing_file_keeps_its_mode_and_owner() {
    let dir = Scratch::new("out-mode");
    let plan = seed(&dir);
    for wanted in [0o600, 0o640, 0o604] {
        let out = dir.write("report.json", "{}\n");
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(wanted)).expect("chmod");
        let run = hostfit(&["plan", s(&plan), "-f", "json", "-o", s(&out)]);
        assert!(run.status == 0, "{}", run.stderr);
        assert_eq!(mode(&out), wanted, "mode {wanted:o}");
        assert!(read(&out).contains("\"scenarios\""));
    }
    // The owner, where this test may give the file to someone else (as root).
    let out = dir.write("owned.txt", "old\n");
    if std::os::unix::fs::chown(&out, Some(4242), Some(4343)).is_ok() {
        let run = hostfit(&["plan", s(&plan), "-o", s(&out)]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        let meta = std::fs::metadata(&out).expect("the report");
        assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
        assert!(read(&out).contains("阿里云服务器承载能力分析"));
    }
    // A new file gets the mode the umask gives, not the staged file's 0600.
    let fresh = dir.path("fresh.txt");
    let run = hostfit(&["plan", s(&plan), "-o", s(&fresh)]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let umask = rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o022));
    rustix::process::umask(umask);
    assert_eq!(mode(&fresh), 0o666 & !umask.as_raw_mode());
}

#[test]
fn a_fifo_is_written_and_stays_a_fifo() {
    let dir = Scratch::new("out-fifo");
    let plan = seed(&dir);
    let fifo = dir.path("pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap_or_default())
    };
    let child = command(&["plan", s(&plan), "-o", s(&fifo)])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hostfit runs");
    let out = wait_at_most(child, Duration::from_secs(60));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = reader.join().unwrap_or_default();
    assert!(got.contains("阿里云服务器承载能力分析"), "{got}");
    let meta = std::fs::symlink_metadata(&fifo).expect("the fifo");
    assert!(meta.file_type().is_fifo(), "still a FIFO");
    assert_eq!(names(&dir.0), ["pipe", "plan.yaml", "snapshot.yaml"]);
}

#[test]
fn a_character_device_stays_a_character_device() {
    let dir = Scratch::new("out-device");
    let plan = seed(&dir);
    // A null device of this test's own where the system lets it make one; else /dev/null, the
    // one device the tests may write to.
    let own = dir.path("null");
    let made = rustix::fs::mknodat(
        rustix::fs::CWD,
        &own,
        rustix::fs::FileType::CharacterDevice,
        rustix::fs::Mode::from_raw_mode(0o666),
        rustix::fs::makedev(1, 3),
    );
    let device = if made.is_ok() {
        own
    } else {
        PathBuf::from("/dev/null")
    };
    let before = std::fs::symlink_metadata(&device).expect("the device");
    assert!(before.file_type().is_char_device());
    let run = hostfit(&["plan", s(&plan), "-o", s(&device)]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let after = std::fs::symlink_metadata(&device).expect("the device");
    assert!(after.file_type().is_char_device(), "still a device");
    assert_eq!(
        (after.ino(), after.rdev(), after.mode()),
        (before.ino(), before.rdev(), before.mode())
    );
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = Scratch::new("out-input");
    let plan = seed(&dir);
    let snapshot = dir.path("snapshot.yaml");
    let (plan_text, snapshot_text) = (read(&plan), read(&snapshot));
    std::os::unix::fs::symlink("snapshot.yaml", dir.path("snap-link")).expect("symlink");
    std::fs::hard_link(&snapshot, dir.path("snap-hard")).expect("link");
    for (out, input) in [
        (plan.clone(), "plan.yaml"),
        (snapshot.clone(), "snapshot.yaml"),
        (dir.path("snap-link"), "snapshot.yaml"),
        (dir.path("snap-hard"), "snapshot.yaml"),
    ] {
        let run = hostfit(&["plan", s(&plan), "-o", s(&out)]);
        refused(&run, &["--output", "is the input", input]);
    }
    let catalog = dir.write(
        "mine.csv",
        "name,family,vcpus,memory,price,currency,period,billing,region,source,as_of\n\
         box.small,box,2,4GiB,5,EUR,month,subscription,fsn1,page,2026-01-01\n",
    );
    let catalog_text = read(&catalog);
    let run = hostfit(&[
        "plan",
        s(&plan),
        "--catalog",
        s(&catalog),
        "-o",
        s(&catalog),
    ]);
    refused(&run, &["is the input", "mine.csv"]);
    let run = hostfit(&[
        "catalog",
        "import",
        s(&catalog),
        "--from",
        "skypilot-csv",
        "-o",
        s(&catalog),
    ]);
    refused(&run, &["is the input", "mine.csv"]);
    let run = hostfit(&["plan", s(&plan), "-o", s(&plan), "--lang", "zh"]);
    refused(&run, &["就是输入文件"]);
    assert_eq!(read(&plan), plan_text);
    assert_eq!(read(&snapshot), snapshot_text);
    assert_eq!(read(&catalog), catalog_text);
    assert_eq!(
        names(&dir.0),
        [
            "mine.csv",
            "plan.yaml",
            "snap-hard",
            "snap-link",
            "snapshot.yaml"
        ]
    );
}

#[test]
fn outputs_that_are_not_files_are_refused_by_kind() {
    let dir = Scratch::new("out-kinds");
    let plan = seed(&dir);
    std::fs::create_dir(dir.path("folder")).expect("mkdir");
    let run = hostfit(&["plan", s(&plan), "-o", s(&dir.path("folder"))]);
    refused(&run, &["--output", "is a directory"]);
    std::os::unix::fs::symlink("nowhere", dir.path("dangling")).expect("symlink");
    let run = hostfit(&["plan", s(&plan), "-o", s(&dir.path("dangling"))]);
    refused(&run, &["symbolic link to 'nowhere'"]);
    assert!(!dir.path("nowhere").exists());
}

/// The staged file of a slow scan: `hostfit scan --interval` makes its output ready before it
/// measures, so the staged file is there, and its process waiting, for as long as the test needs.
#[allow(
    clippy::zombie_processes,
    reason = "the child is returned, and the caller waits for it"
)]
fn staged_scan(dir: &Path, out: &str) -> (Child, String) {
    let root = crate::util::root().join("tests/fixtures/hosts/cgroup-v2");
    let before = names(dir);
    let mut child = command(&[
        "scan",
        "--root",
        s(&root),
        "--interval",
        "60s",
        "-f",
        "json",
        "-o",
        s(&dir.join(out)),
    ])
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .expect("hostfit runs");
    let start = Instant::now();
    loop {
        let new: Vec<String> = names(dir)
            .into_iter()
            .filter(|n| !before.contains(n))
            .collect();
        if let [staged] = new.as_slice() {
            return (child, staged.clone());
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("no staged file appeared: {new:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigterm_and_sigint_leave_no_staged_file() {
    use std::os::unix::process::ExitStatusExt;
    let dir = Scratch::new("out-signal");
    let (first, first_name) = staged_scan(&dir.0, "snap.json");
    let (second, second_name) = staged_scan(&dir.0, "snap.json");
    // Private, a plain file, and not guessable: not the pid, not the same twice.
    for (child, name) in [(&first, &first_name), (&second, &second_name)] {
        let meta = std::fs::symlink_metadata(dir.path(name)).expect("the staged file");
        assert!(meta.file_type().is_file(), "{name}");
        assert_eq!(meta.mode() & 0o777, 0o600, "{name}");
        assert!(!name.contains(&child.id().to_string()), "{name}");
    }
    assert_ne!(first_name, second_name);
    // SIGINT where this process does not ignore it (a script's background job does), which
    // hostfit then keeps ignoring.
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let ignored = status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .unwrap_or(0);
    let second_signal = if ignored & 0b10 == 0 {
        rustix::process::Signal::INT
    } else {
        rustix::process::Signal::TERM
    };
    for (child, signal) in [
        (first, rustix::process::Signal::TERM),
        (second, second_signal),
    ] {
        let pid = rustix::process::Pid::from_child(&child);
        rustix::process::kill_process(pid, signal).expect("kill");
        let out = wait_at_most(child, Duration::from_secs(20));
        let by = out.status.signal().or(out.status.code().map(|c| c - 128));
        assert_eq!(by, Some(signal.as_raw()), "{:?}", out.status);
    }
    assert_eq!(names(&dir.0), Vec::<String>::new(), "nothing left behind");
}

#[test]
fn a_closed_or_full_standard_output_is_an_error() {
    let plan = example("aliyun-2c2g").join("plan.yaml");
    // `>&-`: standard output closed.
    let out = Command::new("sh")
        .args([
            "-c",
            "exec \"$0\" plan \"$1\" >&-",
            env!("CARGO_BIN_EXE_hostfit"),
            s(&plan),
        ])
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .expect("sh runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("standard output") && stderr.contains("closed"),
        "{stderr}"
    );
    // /dev/full: every write fails with ENOSPC.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = command(&["plan", s(&plan), "--lang", "zh"])
        .stdout(full)
        .output()
        .expect("hostfit runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("无法写入标准输出"), "{stderr}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let out = command(&["plan", s(&plan)])
        .stdout(writer)
        .output()
        .expect("hostfit runs");
    assert_eq!(out.status.code(), Some(0), "{:?}", out);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_device_as_host_is_refused_at_once() {
    let dir = Scratch::new("in-zero");
    let plan = plan_with_host(&dir, "/dev/zero");
    let start = Instant::now();
    let run = hostfit(&["plan", s(&plan)]);
    refused(
        &run,
        &["'/dev/zero'", "is a character device", "plan.yaml:3:7"],
    );
    // Far above the few milliseconds it takes, so that a loaded machine passes too.
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn directories_and_fifos_as_inputs_are_refused_by_kind() {
    let dir = Scratch::new("in-kinds");
    let plan = plan_with_host(&dir, ".");
    let run = hostfit(&["plan", s(&plan)]);
    refused(&run, &["is a directory", "plan.yaml:3:7"]);
    assert!(!run.stderr.contains("cannot read ''"), "{}", run.stderr);

    let run = hostfit(&["plan", s(&dir.0)]);
    refused(&run, &["is a directory"]);

    // A FIFO nobody writes to: opening it for reading would wait for ever.
    let fifo = dir.path("snapshot.yaml.fifo");
    mkfifo(&fifo);
    let catalog = dir.path("catalog.csv");
    mkfifo(&catalog);
    let plan = seed(&dir);
    for args in [
        vec!["plan", s(&plan), "--snapshot", s(&fifo)],
        vec!["plan", s(&fifo)],
        vec!["plan", s(&plan), "--catalog", s(&catalog)],
    ] {
        let child = command(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("hostfit runs");
        let out = wait_at_most(child, Duration::from_secs(20));
        let stderr = String::from_utf8_lossy(&out.stderr).replace("\n  │", "");
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("FIFO"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_file_above_the_limit_is_refused_naming_the_limit() {
    let dir = Scratch::new("in-large");
    let plan = seed(&dir);
    // Sparse: 65 MiB long, no disk used.
    let big = dir.path("big.yaml");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(65 << 20).expect("set_len");
    let run = hostfit(&["plan", s(&plan), "--snapshot", s(&big)]);
    refused(&run, &["big.yaml", "larger than 64 MiB"]);
    let run = hostfit(&["plan", s(&big)]);
    refused(&run, &["big.yaml", "64 MiB"]);
}

#[test]
fn invalid_utf8_is_placed_at_its_line_and_column() {
    let dir = Scratch::new("in-utf8");
    let plan = seed(&dir);
    let mut bytes = read(&plan).into_bytes();
    let at = bytes
        .windows(6)
        .position(|w| w == b"title:")
        .expect("a title");
    // `title: 阿里…` becomes `title: \xFF阿里…` on line 2.
    bytes.insert(at + 7, 0xFF);
    std::fs::write(&plan, bytes).expect("write");
    let run = hostfit(&["plan", s(&plan)]);
    refused(&run, &["plan.yaml:2:8", "not UTF-8", "'0xFF'"]);
    let run = hostfit_env(&["plan", s(&plan)], &[("LANG", "zh_CN.UTF-8")]);
    refused(&run, &["plan.yaml:2:8", "不是 UTF-8 文本"]);
}

#[test]
fn cli_errors_follow_the_locale() {
    let run = hostfit_env(&["plan", "no-such-plan.yaml"], &[("LC_ALL", "zh_CN.UTF-8")]);
    refused(&run, &["无法读取 'no-such-plan.yaml'"]);
    let run = hostfit(&["scan", "--root", "no-such-root", "--lang", "zh"]);
    refused(&run, &["'--root no-such-root' 不是目录"]);
    let run = hostfit(&["catalog", "alyun", "--lang", "zh"]);
    refused(&run, &["未知的目录 'alyun'", "'aliyun'、'aws'"]);
}

/// Every file under `dir` with its contents, for checking a tree is as it was.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                todo.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn an_output_onto_a_source_of_the_scan_is_refused() {
    let dir = Scratch::new("out-sources");
    let plan = seed(&dir);
    let host = dir.path("host");
    let copied = Command::new("cp")
        .arg("-a")
        .arg(crate::util::root().join("tests/fixtures/hosts/cgroup-v2"))
        .arg(&host)
        .status()
        .expect("cp runs");
    assert!(copied.success());
    let df = host.join("capture/df");
    let engine = host.join("capture/engine");
    let before = tree(&dir.0);
    let (h, d, e) = (s(&host), s(&df), s(&engine));
    let reply = engine.join("containers/json");
    let meminfo = host.join("proc/meminfo");
    let new_in_tree = host.join("new.json");
    let live = ["plan", s(&plan), "--live", "--root", h];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        ([&live[..], &["--df", d, "-o", d]].concat(), "is the input"),
        (
            [
                &live[..],
                &["--df", d, "--engine-replies", e, "-o", s(&reply)],
            ]
            .concat(),
            "inside the input directory",
        ),
        (
            vec![
                "scan",
                "--root",
                h,
                "--engine-replies",
                e,
                "--interval",
                "0",
                "-o",
                s(&reply),
            ],
            "inside the input directory",
        ),
        (
            vec!["scan", "--root", h, "--interval", "0", "-o", s(&meminfo)],
            "inside the input directory",
        ),
        (
            vec![
                "scan",
                "--root",
                h,
                "--interval",
                "0",
                "-o",
                s(&new_in_tree),
            ],
            "inside the input directory",
        ),
        (
            [&live[..], &["-o", s(&meminfo)]].concat(),
            "inside the input directory",
        ),
    ];
    for (args, says) in cases {
        let run = hostfit(&args);
        refused(&run, &["--output", says]);
    }
    assert_eq!(tree(&dir.0), before);
    // Beside the tree is fine.
    let out = dir.path("snap.json");
    let run = hostfit(&[
        "scan",
        "--root",
        h,
        "--interval",
        "0",
        "-f",
        "json",
        "-o",
        s(&out),
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[test]
fn dev_stdout_and_stderr_are_written_as_streams_keeping_what_is_there() {
    let dir = Scratch::new("out-devstdout");
    let plan = seed(&dir);
    let exe = env!("CARGO_BIN_EXE_hostfit");
    for (target, redirect) in [
        ("/dev/stdout", ">>"),
        ("/dev/fd/1", ">>"),
        ("/proc/self/fd/1", ">>"),
        ("/dev/stderr", "2>>"),
        ("/dev/fd/2", "2>>"),
        ("/proc/self/fd/2", "2>>"),
    ] {
        let g = dir.write("g", "before\n");
        let to = if redirect == ">>" { "" } else { " >&2" };
        let script = format!(
            "{{ echo first{to}; \"$0\" plan \"$1\" -o {target}; echo last{to}; }} {redirect} \"$2\""
        );
        let out = Command::new("sh")
            .args(["-c", &script, exe, s(&plan), s(&g)])
            .env("NO_COLOR", "1")
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .output()
            .expect("sh runs");
        assert!(out.status.success(), "{target}: {out:?}");
        let text = read(&g);
        assert!(text.starts_with("before\nfirst\n"), "{target}: {text}");
        assert!(text.ends_with("last\n"), "{target}: {text}");
        assert!(
            text.contains("阿里云服务器承载能力分析"),
            "{target}: {text}"
        );
    }
}

#[test]
fn a_link_planted_by_another_user_in_a_shared_folder_is_not_followed() {
    let dir = Scratch::new("out-planted-link");
    let plan = seed(&dir);
    let victim = dir.write("victim", "keep me\n");
    let shared = dir.path("shared");
    std::fs::create_dir(&shared).expect("mkdir");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).expect("chmod");
    let link = shared.join("report.txt");
    std::os::unix::fs::symlink(&victim, &link).expect("symlink");
    if std::os::unix::fs::lchown(&link, Some(65534), Some(65534)).is_err() {
        eprintln!("skipped: cannot give the link to another user (not root)");
        return;
    }
    let run = hostfit(&["plan", s(&plan), "-o", s(&link)]);
    refused(
        &run,
        &["--output", "symbolic link of another user", "65534"],
    );
    assert_eq!(read(&victim), "keep me\n");
    assert_eq!(names(&shared), ["report.txt"]);
    // The user's own link in the same folder is followed.
    std::os::unix::fs::lchown(&link, Some(rustix::process::geteuid().as_raw()), None)
        .expect("lchown back");
    let run = hostfit(&["plan", s(&plan), "-o", s(&link)]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(read(&victim).contains("阿里云服务器承载能力分析"));
}

#[test]
fn a_closed_pipe_keeps_the_check_status() {
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let out = command(&["plan", s(&plan), "--check", "-f", "json"])
        .stdout(writer)
        .output()
        .expect("hostfit runs");
    assert_eq!(out.status.code(), Some(1), "{:?}", out);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn help_and_version_on_a_full_or_closed_standard_output_are_errors() {
    for flag in ["--help", "--version"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = command(&[flag])
            .stdout(full)
            .output()
            .expect("hostfit runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag}: {stderr}");
        assert!(stderr.contains("standard output"), "{flag}: {stderr}");
        let out = Command::new("sh")
            .args([
                "-c",
                "exec \"$0\" \"$1\" >&-",
                env!("CARGO_BIN_EXE_hostfit"),
                flag,
            ])
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .output()
            .expect("sh runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag}: {stderr}");
        assert!(stderr.contains("closed"), "{flag}: {stderr}");
    }
    let out = command(&["--version"]).output().expect("hostfit runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(!out.stdout.is_empty());
}
