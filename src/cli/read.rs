//! Reading the user's input files: whole, up to a limit, and only regular files. A directory, a
//! FIFO, a socket or a device is refused by its kind without being opened blocking (a device is
//! not opened at all), and text that is not UTF-8 is refused at the place of the first bad byte.
//! `-` is standard input, read up to the same limit. Parsing is `input`'s.

use super::error::{CliError, FileKind};
use rustix::fs::{Mode, OFlags};
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The most hostfit reads from one input file: far above any plan, snapshot or price list.
pub const READ_LIMIT: u64 = 64 << 20;

/// `base/rel` without the `./` steps that make paths in messages hard to read; an absolute `rel`
/// stays as it is, and a path of `.` steps only is `.`.
pub fn join_relative(base: &Path, rel: &Path) -> PathBuf {
    let joined: PathBuf = base
        .join(rel)
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if joined.as_os_str().is_empty() {
        PathBuf::from(".")
    } else if is_stdin(&joined) {
        // a path written in a file never means standard input: this is the file named `-` here
        PathBuf::from("./-")
    } else {
        joined
    }
}

/// Reads a whole input file as text, or says why it cannot be: the OS error, its kind when it
/// is not a regular file, the limit when it is larger, the place when it is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes).map_err(|e| not_utf8(path, e))
}

/// Whether `path` is `-`, the name of standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Set once standard input has been read for one input: a second `-` would read nothing.
static STDIN_TAKEN: AtomicBool = AtomicBool::new(false);

/// Reads a whole regular file of at most `READ_LIMIT` bytes, or standard input for `-`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, CliError> {
    let read_error = |source| CliError::Read {
        path: path.to_path_buf(),
        source,
    };
    if is_stdin(path) {
        if STDIN_TAKEN.swap(true, Ordering::SeqCst) {
            return Err(CliError::StdinTwice);
        }
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(READ_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(read_error)?;
        if bytes.len() as u64 > READ_LIMIT {
            return Err(too_large(path));
        }
        return Ok(bytes);
    }
    // Look before opening: opening a device can have effects (a watchdog, a tape), and opening
    // a FIFO for reading waits for a writer.
    let before = std::fs::metadata(path).map_err(read_error)?;
    regular(path, &before)?;
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| read_error(e.into()))?;
    let file = std::fs::File::from(fd);
    // The path may have been swapped between the look and the open: judge what was opened.
    let opened = file.metadata().map_err(read_error)?;
    regular(path, &opened)?;
    let mut bytes = Vec::new();
    file.take(READ_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > READ_LIMIT {
        return Err(too_large(path));
    }
    Ok(bytes)
}

/// Ok for a regular file no larger than the limit.
fn regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), CliError> {
    if let Some(kind) = FileKind::of(meta.file_type()) {
        return Err(CliError::NotRegular {
            path: path.to_path_buf(),
            kind,
        });
    }
    if meta.size() > READ_LIMIT {
        return Err(too_large(path));
    }
    Ok(())
}

fn too_large(path: &Path) -> CliError {
    CliError::TooLarge {
        path: path.to_path_buf(),
        limit: READ_LIMIT,
    }
}

/// The place of the first byte that is not UTF-8: line and column in characters of the valid
/// text before it, as editors count.
fn not_utf8(path: &Path, error: std::string::FromUtf8Error) -> CliError {
    let valid = error.utf8_error().valid_up_to();
    let byte = error
        .utf8_error()
        .error_len()
        .and_then(|_| error.as_bytes().get(valid).copied());
    let bytes = error.as_bytes();
    let prefix = String::from_utf8_lossy(&bytes[..valid]);
    let line = prefix.matches('\n').count() + 1;
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    let column = prefix[line_start..].chars().count() + 1;
    CliError::NotUtf8 {
        path: path.to_path_buf(),
        text: String::from_utf8_lossy(bytes).into_owned(),
        line,
        column,
        byte,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("hostfit-read-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    #[test]
    fn paths_of_dots_stay_a_path() {
        assert_eq!(
            join_relative(Path::new("."), Path::new(".")),
            PathBuf::from(".")
        );
        assert_eq!(
            join_relative(Path::new("a"), Path::new("./b.yaml")),
            PathBuf::from("a/b.yaml")
        );
        assert_eq!(
            join_relative(Path::new("a"), Path::new("/x")),
            PathBuf::from("/x")
        );
    }

    #[test]
    fn bad_utf8_is_placed_in_characters() {
        let dir = scratch("utf8");
        let path = dir.join("bad.yaml");
        std::fs::write(&path, b"a: 1\nb: \xe4\xb8\xad\xe6\x96\x87 \xff x\n")
            .unwrap_or_else(|e| panic!("{e}"));
        match read_text(&path) {
            Err(CliError::NotUtf8 {
                line, column, byte, ..
            }) => assert_eq!((line, column, byte), (2, 7, Some(0xFF))),
            other => panic!("expected a UTF-8 error, got {other:?}"),
        }
        std::fs::write(&path, b"a: \xe4\xb8").unwrap_or_else(|e| panic!("{e}"));
        match read_text(&path) {
            Err(CliError::NotUtf8 {
                line, column, byte, ..
            }) => assert_eq!((line, column, byte), (1, 4, None)),
            other => panic!("expected a UTF-8 error, got {other:?}"),
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn directories_and_large_files_are_refused() {
        let dir = scratch("kinds");
        match read_text(&dir) {
            Err(CliError::NotRegular { kind, .. }) => assert_eq!(kind, FileKind::Directory),
            other => panic!("expected a directory, got {other:?}"),
        }
        let big = dir.join("big.yaml");
        let file = std::fs::File::create(&big).unwrap_or_else(|e| panic!("{e}"));
        file.set_len(READ_LIMIT + 1)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(read_text(&big), Err(CliError::TooLarge { .. })));
        file.set_len(3).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read_text(&big).ok().as_deref(), Some("\0\0\0"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
