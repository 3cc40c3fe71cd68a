//! Writing a command's output: to standard output, or to the file `--output` names. A regular
//! file (also one reached through symbolic links, which stay links) is replaced whole by a
//! staged file in its folder that gets the old file's mode and owner; a FIFO or a character
//! device (`/dev/null`, a terminal) is written as it is, and `/dev/stdout`, `/dev/stderr` and
//! their `/dev/fd` and `/proc/self/fd` names are the process's own streams; anything
//! else, and one of the command's own inputs, is refused before anything is written. Decides
//! nothing about what is written.

mod staged;

use super::error::{CliError, FileKind};
use rustix::fs::{Mode, OFlags};
pub(in crate::cli) use staged::Interrupt;
use staged::{Keep, Staged};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Where a command's output goes, made ready before the work so that a refused or unwritable
/// `--output` is said before a long scan, and written whole at the end.
#[derive(Debug)]
pub struct Output {
    to: To,
}

#[derive(Debug)]
enum To {
    Stdout,
    /// `/dev/stderr` and its other names: the process's own standard error.
    Stderr,
    /// A FIFO or a character device, written as it is.
    Direct(PathBuf),
    /// A regular file, new or replaced.
    Replace(Staged),
}

impl Output {
    /// Standard output when `path` is `None`; else the file `path`, which must not be one of
    /// `inputs` (compared as device and inode, after following links). A staged file is
    /// created at once in the target's folder and removed on error, on drop and on SIGINT,
    /// SIGTERM or SIGHUP.
    pub fn open(path: Option<&Path>, inputs: &[impl AsRef<Path>]) -> Result<Output, CliError> {
        Output::open_outside(path, inputs, &[] as &[&Path])
    }

    /// As `open`, and the file must not be inside any of the input directories `dirs` (compared
    /// after following links; `/` itself is never one).
    pub fn open_outside(
        path: Option<&Path>,
        inputs: &[impl AsRef<Path>],
        dirs: &[impl AsRef<Path>],
    ) -> Result<Output, CliError> {
        let Some(path) = path else {
            return Ok(Output { to: To::Stdout });
        };
        match own_stream(path) {
            Some(1) => return Ok(Output { to: To::Stdout }),
            Some(_) => return Ok(Output { to: To::Stderr }),
            None => {}
        }
        refuse_planted_link(path)?;
        let to = match std::fs::metadata(path) {
            Ok(meta) => {
                refuse_inputs(path, &meta, inputs)?;
                refuse_input_dirs(path, dirs)?;
                match FileKind::of(meta.file_type()) {
                    None => To::Replace(replace_existing(path, &meta)?),
                    Some(FileKind::Fifo | FileKind::CharDevice) => To::Direct(path.to_path_buf()),
                    Some(kind) => {
                        return Err(CliError::OutputKind {
                            path: path.to_path_buf(),
                            kind,
                        });
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Ok(target) = std::fs::read_link(path) {
                    return Err(CliError::OutputDangling {
                        path: path.to_path_buf(),
                        target,
                    });
                }
                refuse_input_dirs(path, dirs)?;
                To::Replace(create_new(path)?)
            }
            Err(source) => {
                return Err(CliError::Write {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        Ok(Output { to })
    }

    /// Writes `bytes` as the whole output.
    pub fn write(self, bytes: &[u8]) -> Result<(), CliError> {
        match self.to {
            To::Stdout => write_stdout(&mut StdoutSink, bytes),
            To::Stderr => {
                let mut err = std::io::stderr().lock();
                err.write_all(bytes)
                    .and_then(|()| err.flush())
                    .map_err(|source| CliError::Write {
                        path: PathBuf::from("/dev/stderr"),
                        source,
                    })
            }
            To::Direct(path) => write_direct(&path, bytes),
            To::Replace(staged) => staged.commit(bytes),
        }
    }
}

/// The descriptor (1 or 2) a name of the process's own standard output or error stands for:
/// written to directly, neither resolved to the file behind it nor replaced, so that `>>` and a
/// redirected group keep what they have.
fn own_stream(path: &Path) -> Option<u8> {
    match path.as_os_str().as_bytes() {
        b"/dev/stdout" | b"/dev/fd/1" | b"/proc/self/fd/1" => Some(1),
        b"/dev/stderr" | b"/dev/fd/2" | b"/proc/self/fd/2" => Some(2),
        _ => None,
    }
}

/// Refuses a symbolic link another user may have planted, as the kernel's
/// `fs.protected_symlinks` does: a link in a folder others can write to (such as `/tmp`) that
/// belongs neither to this process's user nor to the folder's owner.
fn refuse_planted_link(path: &Path) -> Result<(), CliError> {
    let Ok(link) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    if !link.file_type().is_symlink() {
        return Ok(());
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(dir_meta) = std::fs::metadata(dir) else {
        return Ok(());
    };
    let others_write = dir_meta.mode() & 0o022 != 0;
    let euid = rustix::process::geteuid().as_raw();
    if others_write && link.uid() != euid && link.uid() != dir_meta.uid() {
        return Err(CliError::OutputPlantedLink {
            path: path.to_path_buf(),
            owner: link.uid(),
        });
    }
    Ok(())
}

/// Refuses an output that is the same file as one of the inputs.
fn refuse_inputs(
    path: &Path,
    meta: &std::fs::Metadata,
    inputs: &[impl AsRef<Path>],
) -> Result<(), CliError> {
    let same = |input: &&Path| {
        if super::read::is_stdin(input) {
            // what standard input is: the file redirected into it, if any
            use std::os::fd::AsFd;
            let stdin = std::io::stdin().as_fd().try_clone_to_owned();
            return stdin.is_ok_and(|fd| {
                std::fs::File::from(fd)
                    .metadata()
                    .is_ok_and(|m| (m.dev(), m.ino()) == (meta.dev(), meta.ino()))
            });
        }
        std::fs::metadata(input).is_ok_and(|m| (m.dev(), m.ino()) == (meta.dev(), meta.ino()))
    };
    match inputs.iter().map(AsRef::as_ref).find(same) {
        Some(input) => Err(CliError::OutputIsInput {
            path: path.to_path_buf(),
            input: input.to_path_buf(),
        }),
        None => Ok(()),
    }
}

/// Where `path` is, links followed: the file itself when it exists, else its folder's real path
/// and its name.
fn real_location(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = std::fs::canonicalize(path) {
        return Some(real);
    }
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(name))
}

/// Refuses an output inside one of the input directories.
fn refuse_input_dirs(path: &Path, dirs: &[impl AsRef<Path>]) -> Result<(), CliError> {
    let Some(real) = real_location(path) else {
        return Ok(());
    };
    for dir in dirs.iter().map(AsRef::as_ref) {
        let Ok(dir_real) = std::fs::canonicalize(dir) else {
            continue;
        };
        if dir_real != Path::new("/") && real.starts_with(&dir_real) {
            return Err(CliError::OutputInInput {
                path: path.to_path_buf(),
                input: dir.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// An existing regular file: staged beside the file the links lead to, keeping its mode and
/// owner.
fn replace_existing(path: &Path, meta: &std::fs::Metadata) -> Result<Staged, CliError> {
    let real = std::fs::canonicalize(path).map_err(|source| CliError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    let (Some(dir), Some(name)) = (real.parent(), real.file_name()) else {
        return Err(CliError::OutputNoName {
            path: path.to_path_buf(),
        });
    };
    let keep = Keep {
        mode: meta.mode() & 0o7777,
        owner: Some((meta.uid(), meta.gid())),
    };
    Staged::create(path, dir, name, keep)
}

/// A file that does not exist yet: staged in its folder, given the mode a new file gets.
fn create_new(path: &Path) -> Result<Staged, CliError> {
    let no_name = || CliError::OutputNoName {
        path: path.to_path_buf(),
    };
    if path.as_os_str().as_bytes().ends_with(b"/") {
        return Err(no_name());
    }
    let name = path.file_name().ok_or_else(no_name)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let keep = Keep {
        mode: 0o666 & !umask(),
        owner: None,
    };
    Staged::create(path, dir, name, keep)
}

/// The process's umask, read by setting it and putting it back.
fn umask() -> u32 {
    let old = rustix::process::umask(Mode::from_raw_mode(0o077));
    rustix::process::umask(old);
    old.as_raw_mode()
}

/// A FIFO or a character device: opened without creating or truncating, checked again once
/// open (a path swapped for a regular file in between is not written), and written.
fn write_direct(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let error = |source| CliError::Write {
        path: path.to_path_buf(),
        source,
    };
    let fd = rustix::fs::open(
        path,
        OFlags::WRONLY | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| error(e.into()))?;
    let mut file = std::fs::File::from(fd);
    let meta = file.metadata().map_err(error)?;
    if !matches!(
        FileKind::of(meta.file_type()),
        Some(FileKind::Fifo | FileKind::CharDevice)
    ) {
        return Err(CliError::OutputChanged {
            path: path.to_path_buf(),
        });
    }
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(error)
}

/// Whether standard output was open when hostfit started. Rust's standard output reports a
/// closed descriptor as a successful write, and a file hostfit opens later may take its number,
/// so it is looked at once, before anything is opened.
static STDOUT_OPEN: OnceLock<bool> = OnceLock::new();

/// Looks at standard output; `cli::run` calls this first.
pub fn note_stdout() {
    STDOUT_OPEN.get_or_init(|| rustix::io::fcntl_getfd(std::io::stdout()).is_ok());
}

/// Whether standard output was closed when hostfit started.
pub fn stdout_closed() -> bool {
    note_stdout();
    STDOUT_OPEN.get() == Some(&false)
}

/// Standard output that fails with `EBADF` when it was closed at the start.
#[derive(Debug, Clone, Copy)]
pub struct StdoutSink;

impl Write for StdoutSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        note_stdout();
        if STDOUT_OPEN.get() == Some(&false) {
            return Err(rustix::io::Errno::BADF.into());
        }
        std::io::stdout().lock().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stdout().lock().flush()
    }
}

/// Writes `bytes` whole to `out`, standard output or a test's buffer.
pub fn write_stdout(out: &mut dyn Write, bytes: &[u8]) -> Result<(), CliError> {
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|source| {
            if source.raw_os_error() == Some(rustix::io::Errno::BADF.raw_os_error()) {
                CliError::StdoutClosed
            } else {
                CliError::WriteStdout { source }
            }
        })
}
