//! Opening a path inside a root directory as if that directory were `/`: symbolic links in the
//! middle of a path are followed but never out of the root (`..` and absolute targets stay
//! inside it), and the last component is never followed. `openat2(RESOLVE_IN_ROOT)` does this
//! in the kernel since Linux 5.6; older kernels (and seccomp filters that refuse the call) get
//! the same rules walked one component at a time. It opens; it must not read or parse.

use rustix::fs::{AtFlags, Mode, OFlags, ResolveFlags};
use rustix::io::Errno;
use std::collections::VecDeque;
use std::ffi::OsString;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path};
use std::sync::atomic::{AtomicU8, Ordering};

/// How many links one path may pass through, as the kernel's own limit (MAXSYMLINKS).
const MAX_LINKS: usize = 40;

/// Whether this kernel has `openat2`: not yet known, yes, no.
static OPENAT2: AtomicU8 = AtomicU8::new(UNKNOWN);
const UNKNOWN: u8 = 0;
const YES: u8 = 1;
const NO: u8 = 2;

/// Opens `rel` under the directory `root` with `flags` (`O_NOFOLLOW` and `O_CLOEXEC` are
/// always added). A symbolic link as the last component fails with `ELOOP`.
pub(crate) fn open_in_root(
    root: BorrowedFd<'_>,
    rel: &Path,
    flags: OFlags,
) -> Result<OwnedFd, Errno> {
    let flags = flags | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let rel = relative(rel);
    if OPENAT2.load(Ordering::Relaxed) != NO {
        let how = ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS;
        let mut result = Err(Errno::AGAIN);
        // EAGAIN: a `..` raced with a rename and the kernel asks for another try.
        for _ in 0..4 {
            result = rustix::fs::openat2(root, rel, flags, Mode::empty(), how);
            if !matches!(result, Err(Errno::AGAIN)) {
                break;
            }
        }
        match result {
            Err(Errno::NOSYS | Errno::PERM) if OPENAT2.load(Ordering::Relaxed) == UNKNOWN => {
                OPENAT2.store(NO, Ordering::Relaxed);
            }
            other => {
                OPENAT2.store(YES, Ordering::Relaxed);
                return other;
            }
        }
    }
    walk(root, rel, flags)
}

/// `rel` without a leading `/`; the root itself when nothing is left.
fn relative(rel: &Path) -> &Path {
    let rel = rel.strip_prefix("/").unwrap_or(rel);
    if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    }
}

/// The rules of `RESOLVE_IN_ROOT`, one component at a time: each directory is opened with
/// `O_NOFOLLOW`; a link found in the middle is read and its target resolved from the root (an
/// absolute target) or from where it was found, `..` never rising above the root.
pub(crate) fn walk(root: BorrowedFd<'_>, rel: &Path, flags: OFlags) -> Result<OwnedFd, Errno> {
    let flags = flags | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let mut pending: VecDeque<OsString> = VecDeque::new();
    push_front(&mut pending, rel, &mut Vec::new());
    let mut stack: Vec<OwnedFd> = Vec::new();
    let mut links = 0;
    while let Some(name) = pending.pop_front() {
        if name == ".." {
            stack.pop();
            continue;
        }
        let dir = stack.last().map_or(root, |fd| fd.as_fd());
        if pending.is_empty() {
            return rustix::fs::openat(dir, &name, flags, Mode::empty());
        }
        let as_dir = OFlags::PATH | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        match rustix::fs::openat(dir, &name, as_dir, Mode::empty()) {
            Ok(fd) => stack.push(fd),
            Err(Errno::NOTDIR | Errno::LOOP) => {
                let target =
                    rustix::fs::readlinkat(dir, &name, Vec::new()).map_err(|_| Errno::NOTDIR)?;
                links += 1;
                if links > MAX_LINKS {
                    return Err(Errno::LOOP);
                }
                let target = Path::new(std::ffi::OsStr::from_bytes(target.as_bytes()));
                push_front(&mut pending, target, &mut stack);
            }
            Err(e) => return Err(e),
        }
    }
    let dir = stack.last().map_or(root, |fd| fd.as_fd());
    rustix::fs::openat(dir, ".", flags, Mode::empty())
}

/// Puts the components of `path` before the ones still to walk; an absolute path starts again
/// from the root.
fn push_front(pending: &mut VecDeque<OsString>, path: &Path, stack: &mut Vec<OwnedFd>) {
    let mut parts: Vec<OsString> = Vec::new();
    for c in path.components() {
        match c {
            Component::RootDir => {
                stack.clear();
                parts.clear();
            }
            Component::Normal(name) => parts.push(name.to_os_string()),
            Component::ParentDir => parts.push(OsString::from("..")),
            Component::CurDir | Component::Prefix(_) => {}
        }
    }
    if parts.is_empty() {
        parts.push(OsString::from("."));
    }
    for part in parts.into_iter().rev() {
        pending.push_front(part);
    }
}

/// True when `rel` under the root is a directory (not a link to one).
pub(crate) fn is_dir(root: BorrowedFd<'_>, rel: &Path) -> bool {
    open_in_root(root, rel, OFlags::PATH | OFlags::DIRECTORY).is_ok()
}

/// What kind of thing `name` in `dir` is, without following it.
pub(crate) fn kind_at(dir: BorrowedFd<'_>, name: &Path) -> Option<rustix::fs::FileType> {
    rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)
        .ok()
        .map(|st| rustix::fs::FileType::from_raw_mode(st.st_mode))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::os::unix::fs::symlink;
    use std::path::PathBuf;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("hostfit-resolve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(dir.join("root/proc/7"));
        let _ = std::fs::write(dir.join("root/proc/7/stat"), "inside");
        let _ = std::fs::write(dir.join("secret"), "outside");
        dir
    }

    fn read(fd: Result<OwnedFd, Errno>) -> Result<String, Errno> {
        let mut text = String::new();
        std::fs::File::from(fd?)
            .read_to_string(&mut text)
            .map_err(|_| Errno::IO)?;
        Ok(text)
    }

    /// Both ways of resolving give the same answers.
    fn each_way(root: &Path, rel: &str) -> [Result<String, Errno>; 2] {
        let dir = std::fs::File::open(root).expect("the root opens");
        let fd = dir.as_fd();
        [
            read(open_in_root(fd, Path::new(rel), OFlags::RDONLY)),
            read(walk(fd, Path::new(rel), OFlags::RDONLY)),
        ]
    }

    #[test]
    fn links_in_the_middle_stay_inside_the_root() {
        let dir = scratch("middle");
        let root = dir.join("root");
        let _ = symlink("7", root.join("proc/self"));
        let _ = symlink("/proc/7", root.join("abs"));
        let _ = symlink("../../../../../../proc/7", root.join("proc/up"));
        for rel in [
            "proc/self/stat",
            "/abs/stat",
            "proc/up/stat",
            "proc/../proc/7/stat",
        ] {
            for got in each_way(&root, rel) {
                assert_eq!(got.as_deref(), Ok("inside"), "{rel}");
            }
        }
        // `..` above the root is the root: the file beside the root is out of reach
        for got in each_way(&root, "../secret") {
            assert!(got.is_err(), "{got:?}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_link_as_the_last_component_is_refused() {
        let dir = scratch("last");
        let root = dir.join("root");
        let _ = symlink(dir.join("secret"), root.join("proc/meminfo"));
        let _ = symlink("7/stat", root.join("proc/stat"));
        for rel in ["proc/meminfo", "proc/stat"] {
            for got in each_way(&root, rel) {
                assert_eq!(got, Err(Errno::LOOP), "{rel}");
            }
        }
        // a link that points at itself, and one out of the tree by an absolute path
        let _ = symlink("/proc/loop", root.join("proc/loop"));
        let _ = symlink(dir.join("secret"), root.join("out"));
        for rel in ["proc/loop/x", "out"] {
            for got in each_way(&root, rel) {
                assert!(got.is_err(), "{rel}: {got:?}");
            }
        }
        let dirfd = std::fs::File::open(&root).expect("open");
        assert!(is_dir(dirfd.as_fd(), Path::new("proc/7")));
        assert!(!is_dir(dirfd.as_fd(), Path::new("proc/7/stat")));
        assert!(!is_dir(dirfd.as_fd(), Path::new("proc/missing")));
        assert_eq!(
            kind_at(dirfd.as_fd(), Path::new("out")),
            Some(rustix::fs::FileType::Symlink)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
