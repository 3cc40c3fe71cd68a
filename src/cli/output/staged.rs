//! A staged output file: created exclusively under an unpredictable name in the target's folder
//! (never through a link, readable by its owner only until it is finished), given the mode and
//! owner it is to have, synced, and renamed over the target. Until then it is removed on drop
//! and, by a thread that waits for SIGINT, SIGTERM and SIGHUP, before the process ends the way
//! the signal asks.

use crate::cli::error::CliError;
use rustix::fs::{AtFlags, Mode, OFlags};
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::os::fd::OwnedFd;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError};

/// What the finished file is to have: the mode bits, and the owner and group of the file it
/// replaces (`None` for a new file, which keeps hostfit's).
#[derive(Debug, Clone, Copy)]
pub(super) struct Keep {
    pub(super) mode: u32,
    pub(super) owner: Option<(u32, u32)>,
}

#[derive(Debug)]
pub(super) struct Staged {
    /// The `--output` as the user gave it, for messages.
    shown: PathBuf,
    dir: Arc<OwnedFd>,
    name: OsString,
    temp: OsString,
    file: std::fs::File,
    keep: Keep,
    done: bool,
}

/// A staged file the signal thread removes.
struct Pending {
    dir: Arc<OwnedFd>,
    temp: OsString,
}

static PENDING: Mutex<Vec<Pending>> = Mutex::new(Vec::new());

/// Set while a command would rather finish its work than die on the first SIGINT or SIGTERM.
static DEFER: AtomicBool = AtomicBool::new(false);
/// Set when a deferred SIGINT or SIGTERM came.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// Wakes a command waiting in `Interrupt::wait` when the signal comes.
static WAKE: (Mutex<()>, Condvar) = (Mutex::new(()), Condvar::new());

/// While held, the first SIGINT or SIGTERM only sets a flag that the work polls (a sampling
/// window ended early by Ctrl-C, a recorder stopped by systemd); a second one ends the
/// process as usual, removing any staged file first.
#[derive(Debug)]
pub(in crate::cli) struct Interrupt(());

impl Interrupt {
    pub(in crate::cli) fn catch() -> Interrupt {
        watch_signals();
        INTERRUPTED.store(false, Ordering::SeqCst);
        DEFER.store(true, Ordering::SeqCst);
        Interrupt(())
    }

    /// True once SIGINT or SIGTERM came.
    pub(in crate::cli) fn came(&self) -> bool {
        INTERRUPTED.load(Ordering::SeqCst)
    }

    /// Sleeps for `d`, or less when SIGINT or SIGTERM comes meanwhile, without waking before.
    pub(in crate::cli) fn wait(&self, d: std::time::Duration) {
        let guard = WAKE.0.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = WAKE
            .1
            .wait_timeout_while(guard, d, |_| !INTERRUPTED.load(Ordering::SeqCst));
    }
}

impl Drop for Interrupt {
    fn drop(&mut self) {
        DEFER.store(false, Ordering::SeqCst);
    }
}

/// Tries of a fresh name when one is taken.
const TRIES: usize = 16;

impl Staged {
    /// Creates the staged file for `name` in `dir`.
    pub(super) fn create(
        shown: &Path,
        dir: &Path,
        name: &OsStr,
        keep: Keep,
    ) -> Result<Staged, CliError> {
        let error = |source: std::io::Error| CliError::Write {
            path: shown.to_path_buf(),
            source,
        };
        let dir = rustix::fs::open(
            dir,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| error(e.into()))?;
        let dir = Arc::new(dir);
        watch_signals();
        let mut last = rustix::io::Errno::EXIST;
        for _ in 0..TRIES {
            let temp = temp_name(name);
            // Held from the create to the registration, so that a signal cannot come between.
            let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
            let opened = rustix::fs::openat(
                &*dir,
                temp.as_os_str(),
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o600),
            );
            match opened {
                Ok(fd) => {
                    pending.push(Pending {
                        dir: Arc::clone(&dir),
                        temp: temp.clone(),
                    });
                    return Ok(Staged {
                        shown: shown.to_path_buf(),
                        dir,
                        name: name.to_os_string(),
                        temp,
                        file: std::fs::File::from(fd),
                        keep,
                        done: false,
                    });
                }
                Err(rustix::io::Errno::EXIST) => last = rustix::io::Errno::EXIST,
                Err(e) => return Err(error(e.into())),
            }
        }
        Err(error(last.into()))
    }

    /// Writes `bytes`, gives the file its mode and owner, syncs it and renames it over the
    /// target. On any error the staged file is removed and the target is as it was.
    pub(super) fn commit(mut self, bytes: &[u8]) -> Result<(), CliError> {
        let error = |source: std::io::Error| CliError::Write {
            path: self.shown.clone(),
            source,
        };
        self.file.write_all(bytes).map_err(error)?;
        if let Some((uid, gid)) = self.keep.owner {
            let now = self.file.metadata().map_err(error)?;
            if (now.uid(), now.gid()) != (uid, gid) {
                std::os::unix::fs::fchown(&self.file, Some(uid), Some(gid)).map_err(|source| {
                    CliError::KeepOwner {
                        path: self.shown.clone(),
                        source,
                    }
                })?;
            }
        }
        // After the owner: changing the owner clears the set-user-ID and set-group-ID bits.
        self.file
            .set_permissions(std::fs::Permissions::from_mode(self.keep.mode))
            .map_err(error)?;
        self.file.sync_all().map_err(error)?;
        {
            let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
            rustix::fs::renameat(
                &*self.dir,
                self.temp.as_os_str(),
                &*self.dir,
                self.name.as_os_str(),
            )
            .map_err(|e| error(e.into()))?;
            forget(&mut pending, &self.dir, &self.temp);
            self.done = true;
        }
        // The rename is durable once the folder is synced; the file is complete either way.
        let _ = rustix::fs::fsync(&*self.dir);
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
            let _ = rustix::fs::unlinkat(&*self.dir, self.temp.as_os_str(), AtFlags::empty());
            forget(&mut pending, &self.dir, &self.temp);
        }
    }
}

fn forget(pending: &mut Vec<Pending>, dir: &Arc<OwnedFd>, temp: &OsStr) {
    pending.retain(|p| !(Arc::ptr_eq(&p.dir, dir) && p.temp == temp));
}

/// `.<name>.<16 random hex digits>.tmp`, the name cut so the whole fits in 255 bytes.
fn temp_name(name: &OsStr) -> OsString {
    let mut random = [0u8; 8];
    let filled = rustix::rand::getrandom(&mut random[..], rustix::rand::GetRandomFlags::empty());
    if filled.map_or(true, |n| n < random.len()) {
        // No kernel randomness: the standard library's per-process random hash keys.
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        random = hasher.finish().to_le_bytes();
    }
    let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
    let base = &name.as_bytes()[..name.len().min(200)];
    let mut out = Vec::with_capacity(base.len() + 22);
    out.push(b'.');
    out.extend_from_slice(base);
    out.push(b'.');
    out.extend_from_slice(hex.as_bytes());
    out.extend_from_slice(b".tmp");
    OsString::from_vec(out)
}

/// Starts, once, the thread that removes the staged files when SIGINT, SIGTERM or SIGHUP
/// arrives and then ends the process as that signal does by default (status 128 + the signal
/// in a shell). A signal the process was started ignoring (`nohup`, a background job of a
/// script) stays ignored. Returns once the signals are taken; when they cannot be (no thread,
/// no pipe), they keep their action.
fn watch_signals() {
    static WATCHING: OnceLock<()> = OnceLock::new();
    WATCHING.get_or_init(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let ignored = ignored_signals();
        let wanted: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter(|s| ignored & (1 << (s - 1)) == 0)
            .collect();
        if wanted.is_empty() {
            return;
        }
        let (ready, taken) = std::sync::mpsc::channel::<()>();
        let started = std::thread::Builder::new()
            .name("hostfit-signals".into())
            .spawn(move || {
                let signals = signal_hook::iterator::Signals::new(&wanted);
                let _ = ready.send(());
                let Ok(mut signals) = signals else {
                    return;
                };
                for signal in signals.forever() {
                    if signal != SIGHUP
                        && DEFER.load(Ordering::SeqCst)
                        && !INTERRUPTED.swap(true, Ordering::SeqCst)
                    {
                        let _held = WAKE.0.lock().unwrap_or_else(PoisonError::into_inner);
                        WAKE.1.notify_all();
                        continue;
                    }
                    // Held until the end, so that no staged file appears after the sweep.
                    let pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
                    for p in pending.iter() {
                        let _ = rustix::fs::unlinkat(&*p.dir, p.temp.as_os_str(), AtFlags::empty());
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    drop(pending);
                    break;
                }
            });
        if started.is_ok() {
            let _ = taken.recv();
        }
    });
}

/// The signals this process ignores, bit `n - 1` for signal `n`, from the `SigIgn` line of
/// `/proc/self/status`; none when it cannot be read.
fn ignored_signals() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| parse_sig_ign(&status))
        .unwrap_or(0)
}

fn parse_sig_ign(status: &str) -> Option<u64> {
    let line = status.lines().find_map(|l| l.strip_prefix("SigIgn:"))?;
    u64::from_str_radix(line.trim(), 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignored_signals_are_read_from_the_status_line() {
        let status = "Name:\thostfit\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000001003\n";
        let ignored = parse_sig_ign(status).unwrap_or(0);
        // SIGHUP (1), SIGINT (2) and SIGPIPE (13)
        assert_eq!(ignored, (1 << 0) | (1 << 1) | (1 << 12));
        assert_eq!(parse_sig_ign("Name:\tx\n"), None);
    }

    #[test]
    fn temp_names_are_fresh_hidden_and_short_enough() {
        let a = temp_name(OsStr::new("report.txt"));
        let b = temp_name(OsStr::new("report.txt"));
        assert_ne!(a, b);
        let a = a.to_string_lossy().into_owned();
        assert!(a.starts_with(".report.txt.") && a.ends_with(".tmp"), "{a}");
        assert_eq!(a.len(), ".report.txt.".len() + 16 + ".tmp".len());
        let long = "x".repeat(255);
        assert!(temp_name(OsStr::new(&long)).len() <= 255);
    }
}
