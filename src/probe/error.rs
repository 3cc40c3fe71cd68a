//! The one error type of the probe layer: what could not be read or understood, and where.
//! It must not decide whether a failure ends the scan: `scan` turns most of them into warnings
//! (`warning.rs`).

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    /// A file or directory under the root could not be read.
    #[error("cannot read '{}': {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    /// A file was read but does not have the kernel's documented format.
    #[error("'{what}' is not in the expected format: {reason}")]
    Format { what: String, reason: String },
    /// The container engine's API did not answer as expected.
    #[error("container engine at '{}': {reason}", socket.display())]
    Engine { socket: PathBuf, reason: String },
    /// The engine used up the time a scan gives it; what was not asked yet is not asked.
    #[error("container engine at '{}': no answer within the {seconds} s a scan gives the engine", socket.display())]
    EngineDeadline { socket: PathBuf, seconds: f64 },
    /// None of the sockets where an engine may listen exists; `tried` names them, quoted.
    #[error("container engine at '{}': no Docker or Podman socket found (tried {tried})", socket.display())]
    NoEngine { socket: PathBuf, tried: String },
    /// Something other than a regular file where one was expected (`kind`: `fifo`, `socket`,
    /// `character_device`, `block_device`, `directory`, `symlink`); it was not read.
    #[error("'{}' is not a regular file ({kind}): skipped", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    /// A file larger than the probe reads; it was not read.
    #[error("'{}' is larger than {limit} bytes: skipped", path.display())]
    TooLarge { path: PathBuf, limit: u64 },
    /// Prometheus did not answer, or not with what its HTTP API documents.
    #[error("{0}")]
    Prometheus(String),
    /// `statvfs` failed on a mount point.
    #[error("cannot measure the filesystem at '{}': {source}", path.display())]
    Statvfs { path: PathBuf, source: io::Error },
}

impl ProbeError {
    pub(crate) fn format(what: impl Into<String>, reason: impl Into<String>) -> ProbeError {
        ProbeError::Format {
            what: what.into(),
            reason: reason.into(),
        }
    }

    /// The same error, saying which file it was about when it is a format error.
    pub(crate) fn in_file(self, file: impl Into<String>) -> ProbeError {
        match self {
            ProbeError::Format { reason, .. } => ProbeError::Format {
                what: file.into(),
                reason,
            },
            other => other,
        }
    }

    /// True when the thing read has gone away: a process or cgroup that ended mid-scan.
    pub(crate) fn is_gone(&self) -> bool {
        match self {
            ProbeError::Read { source, .. } => {
                source.kind() == io::ErrorKind::NotFound || source.raw_os_error() == Some(3)
            }
            _ => false,
        }
    }

    /// True when the file exists but this user may not read it.
    pub(crate) fn is_denied(&self) -> bool {
        matches!(self, ProbeError::Read { source, .. } if source.kind() == io::ErrorKind::PermissionDenied)
    }
}
