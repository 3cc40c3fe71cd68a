//! A small builder around the real `hostfit` binary: arguments, a clean environment (no locale, no
//! colour), and the captured result.

use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) struct Run {
    pub(crate) status: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn example(name: &str) -> PathBuf {
    root().join("examples").join(name)
}

/// `../shared/cases` beside the repository, where the project's example inputs live (CI lays a
/// copy of shared/ beside the clone): a test that needs it fails without it.
pub(crate) fn shared_cases() -> PathBuf {
    let dir = root().join("..").join("shared").join("cases");
    assert!(
        dir.is_dir(),
        "{} is missing: the shared example inputs belong beside the repository",
        dir.display()
    );
    dir
}

pub(crate) fn hostfit(args: &[&str]) -> Run {
    hostfit_env(args, &[])
}

pub(crate) fn hostfit_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hostfit"));
    cmd.args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .current_dir(root());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the hostfit binary runs");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// hostfit run in `dir` with `input` written to its standard input (from a thread, so a run
/// that stops reading early does not hold the test up; a broken pipe then is expected).
pub(crate) fn hostfit_stdin(args: &[&str], dir: &Path, input: Vec<u8>) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_hostfit"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the hostfit binary runs");
    let mut pipe = child.stdin.take().expect("a pipe to its stdin");
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("hostfit ends");
    let _ = writer.join();
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl Run {
    /// Standard error with miette's wrapped lines joined again, for matching whole messages.
    pub(crate) fn stderr_flat(&self) -> String {
        let mut out = String::new();
        for line in self.stderr.lines() {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix("│ ") {
                out.push(' ');
                out.push_str(rest);
            } else {
                out.push('\n');
                out.push_str(line);
            }
        }
        out
    }
}

pub(crate) fn json(run: &Run) -> serde_json::Value {
    assert_eq!(run.status, 0, "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("valid JSON on stdout")
}

/// A scratch folder for one test, removed when dropped.
pub(crate) struct Scratch(pub PathBuf);

impl Scratch {
    pub(crate) fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("hostfit-it-{}-{}", name, std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }

    pub(crate) fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, text).expect("write scratch file");
        p
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(crate) fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}
