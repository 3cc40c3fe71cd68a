//! A process's own view of the filesystem, for reading its configuration files: on the host, the
//! scan's root; in a container, the container's mounts (read at their sources under the root)
//! and its root filesystem (overlay's merged directory, held open as a root of its own). Paths
//! are the ones the process would use. A configuration file that is a link is followed (as
//! Debian's `/etc/mysql/my.cnf` to `/etc/alternatives`), its target read in the same view, a
//! few links at most. Every read is the probe's safe, bounded one (`root.rs`). It must not parse.

use crate::probe::docker::Runtime;
use crate::probe::error::ProbeError;
use crate::probe::root::{Root, RootDir};
use std::path::{Component, Path, PathBuf};

/// How many links a configuration path may pass through at its last component.
const MAX_HOPS: usize = 8;

pub(crate) struct View<'a> {
    root: Root<'a>,
    /// Set for a container: its mounts and root filesystem.
    container: Option<ContainerFs>,
}

struct ContainerFs {
    /// (path in the container, path under the scan's root), longest first.
    mounts: Vec<(String, String)>,
    merged: Option<RootDir>,
}

/// `path` made absolute against `base` (a process's working directory) and without `.`/`..`.
pub(crate) fn absolute(base: Option<&str>, path: &str) -> String {
    let joined = if path.starts_with('/') {
        PathBuf::from(path)
    } else {
        Path::new(base.unwrap_or("/")).join(path)
    };
    let mut parts: Vec<String> = Vec::new();
    for c in joined.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop();
            }
            _ => {}
        }
    }
    format!("/{}", parts.join("/"))
}

/// The directory of an absolute path.
pub(crate) fn parent(path: &str) -> String {
    absolute(None, &format!("{path}/.."))
}

impl<'a> View<'a> {
    /// The host's own view: paths are read under the scan's root.
    pub(crate) fn host(root: Root<'a>) -> View<'a> {
        View {
            root,
            container: None,
        }
    }

    /// A container's view, from what its engine recorded.
    pub(crate) fn container(root: Root<'a>, runtime: &Runtime) -> View<'a> {
        let mut mounts: Vec<(String, String)> = runtime
            .mounts
            .iter()
            .map(|(dest, src)| (absolute(None, dest), absolute(None, src)))
            .collect();
        mounts.sort_by_key(|(dest, _)| std::cmp::Reverse(dest.len()));
        let merged = runtime
            .merged_dir
            .as_deref()
            .and_then(|d| root.sub_root(d).ok());
        View {
            root,
            container: Some(ContainerFs { mounts, merged }),
        }
    }

    /// Which root to read `path` under, and its path there; `None` for a container path that
    /// is neither mounted nor in a root filesystem the scan can see.
    fn locate(&self, path: &str) -> Option<(Root<'_>, String)> {
        let path = absolute(None, path);
        let Some(fs) = &self.container else {
            return Some((self.root, path));
        };
        for (dest, src) in &fs.mounts {
            let rest = if dest == "/" {
                Some(path.as_str())
            } else {
                path.strip_prefix(dest.as_str())
                    .filter(|r| r.is_empty() || r.starts_with('/'))
            };
            if let Some(rest) = rest {
                return Some((self.root, format!("{src}{rest}")));
            }
        }
        fs.merged.as_ref().map(|m| (m.root(), path))
    }

    fn unreachable(path: &str) -> ProbeError {
        ProbeError::Read {
            path: PathBuf::from(path),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not mounted from the host, and the container's filesystem is not visible",
            ),
        }
    }

    /// A whole configuration file as text, following links at its last component.
    pub(crate) fn read(&self, path: &str) -> Result<String, ProbeError> {
        let mut current = absolute(None, path);
        for _ in 0..MAX_HOPS {
            let (root, rel) = self
                .locate(&current)
                .ok_or_else(|| View::unreachable(&current))?;
            match root.read(&rel) {
                Err(ProbeError::NotRegular {
                    kind: "symlink", ..
                }) => {
                    let target = root.read_link(&rel)?;
                    current = absolute(Some(&parent(&current)), &target);
                }
                other => return other,
            }
        }
        Err(ProbeError::NotRegular {
            path: PathBuf::from(path),
            kind: "symlink",
        })
    }

    /// The names of the entries of a directory, sorted (for `!includedir`, `include_dir`).
    pub(crate) fn list(&self, dir: &str) -> Result<Vec<String>, ProbeError> {
        let (root, rel) = self.locate(dir).ok_or_else(|| View::unreachable(dir))?;
        root.list(&rel, false)
    }

    /// Whether `path` names a file the view can read.
    pub(crate) fn exists(&self, path: &str) -> bool {
        self.read(path).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_absolute_and_plain() {
        assert_eq!(absolute(Some("/var/lib/pg"), "data"), "/var/lib/pg/data");
        assert_eq!(absolute(Some("/a/b"), "../c/./d.conf"), "/a/c/d.conf");
        assert_eq!(absolute(None, "/etc/x/../y"), "/etc/y");
        assert_eq!(absolute(None, "/../../etc"), "/etc");
        assert_eq!(parent("/etc/mysql/my.cnf"), "/etc/mysql");
        assert_eq!(parent("/"), "/");
    }

    #[test]
    fn a_container_reads_its_mounts_then_its_root_filesystem() {
        let dir = std::env::temp_dir().join(format!("hostfit-view-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mk = |rel: &str, text: &str| {
            let p = dir.join(rel);
            let _ = std::fs::create_dir_all(p.parent().unwrap_or(&dir));
            let _ = std::fs::write(p, text);
        };
        mk("srv/conf/redis.conf", "maxmemory 1gb\n");
        mk("merged/etc/alternatives/my.cnf", "[mysqld]\n");
        mk("merged/etc/other.cnf", "other\n");
        let _ = std::fs::create_dir_all(dir.join("merged/etc/mysql"));
        let _ = std::os::unix::fs::symlink(
            "/etc/alternatives/my.cnf",
            dir.join("merged/etc/mysql/my.cnf"),
        );
        let _ = std::os::unix::fs::symlink("../other.cnf", dir.join("merged/etc/mysql/rel.cnf"));
        let held = RootDir::open(&dir).expect("root");
        let runtime = Runtime {
            mounts: vec![("/usr/local/etc/redis".into(), "/srv/conf".into())],
            merged_dir: Some("/merged".into()),
            ..Runtime::default()
        };
        let view = View::container(held.root(), &runtime);
        assert_eq!(
            view.read("/usr/local/etc/redis/redis.conf").ok().as_deref(),
            Some("maxmemory 1gb\n")
        );
        // an absolute link is followed inside the container, not on the host
        assert_eq!(
            view.read("/etc/mysql/my.cnf").ok().as_deref(),
            Some("[mysqld]\n")
        );
        assert_eq!(
            view.read("/etc/mysql/rel.cnf").ok().as_deref(),
            Some("other\n")
        );
        assert!(view.read("/etc/absent.cnf").is_err());
        assert_eq!(
            view.list("/etc/mysql").ok(),
            Some(vec!["my.cnf".to_string(), "rel.cnf".to_string()])
        );
        // without a root filesystem, only the mounts are visible
        let bare = View::container(
            held.root(),
            &Runtime {
                mounts: runtime.mounts.clone(),
                ..Runtime::default()
            },
        );
        assert!(bare.read("/etc/mysql/my.cnf").is_err());
        assert!(bare.exists("/usr/local/etc/redis/redis.conf"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
