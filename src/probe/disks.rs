//! Disk figures for the real filesystems of the mount table: `statvfs` on a live host, or a
//! table of the same figures that a fixture tree carries. It must not choose which mounts count.

use super::error::ProbeError;
use super::mounts::Mount;
use super::root::Root;
use crate::model::{Bytes, Disk};
use std::collections::HashMap;
use std::path::PathBuf;

/// Where disk figures come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskSource {
    /// `statvfs(2)` on each mount point under the root.
    Statvfs,
    /// A text file of `MOUNT FRAGMENT_SIZE BLOCKS BLOCKS_FREE BLOCKS_AVAILABLE` lines, for
    /// fixture trees, at this path relative to the root.
    Table(PathBuf),
}

/// The figures `statvfs` gives, in blocks of `fragment_size` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FsStats {
    pub(crate) fragment_size: u64,
    pub(crate) blocks: u64,
    pub(crate) blocks_free: u64,
    pub(crate) blocks_available: u64,
}

impl FsStats {
    /// As `df` counts: used = blocks - free; available = what an unprivileged user may still
    /// write (root's reserve excluded), so used + available may be below total.
    pub(crate) fn disk(&self, mount: &Mount) -> Disk {
        let bytes = |blocks: u64| Bytes(blocks.saturating_mul(self.fragment_size));
        Disk {
            mount: mount.mount_point.clone(),
            total: bytes(self.blocks),
            used: bytes(self.blocks.saturating_sub(self.blocks_free)),
            available: bytes(self.blocks_available),
            device: Some(mount.source.clone()),
            fstype: Some(mount.fs_type.clone()),
        }
    }
}

/// Reads a fixture's statvfs table; `#` starts a comment.
pub(crate) fn parse_statvfs_table(text: &str) -> Result<HashMap<String, FsStats>, ProbeError> {
    let mut table = HashMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let numbers: Option<Vec<u64>> = words.iter().skip(1).map(|w| w.parse().ok()).collect();
        match (words.first(), numbers.as_deref()) {
            (Some(mount), Some(&[fragment_size, blocks, blocks_free, blocks_available])) => {
                table.insert(
                    (*mount).to_string(),
                    FsStats {
                        fragment_size,
                        blocks,
                        blocks_free,
                        blocks_available,
                    },
                );
            }
            _ => {
                return Err(ProbeError::format(
                    "statvfs table",
                    format!(
                        "'{line}': expected MOUNT FRAGMENT_SIZE BLOCKS BLOCKS_FREE BLOCKS_AVAILABLE"
                    ),
                ));
            }
        }
    }
    Ok(table)
}

/// A disk line for each mount, or the error for each that could not be measured.
pub(crate) fn measure(
    root: Root<'_>,
    source: &DiskSource,
    mounts: &[&Mount],
) -> Result<Vec<Result<Disk, ProbeError>>, ProbeError> {
    match source {
        DiskSource::Statvfs => Ok(mounts
            .iter()
            .map(|m| statvfs(root, &m.mount_point).map(|s| s.disk(m)))
            .collect()),
        DiskSource::Table(rel) => {
            let table = parse_statvfs_table(&root.read(rel)?)?;
            Ok(mounts
                .iter()
                .map(|m| {
                    table.get(&m.mount_point).map(|s| s.disk(m)).ok_or_else(|| {
                        ProbeError::format(
                            "statvfs table",
                            format!("no line for mount '{}'", m.mount_point),
                        )
                    })
                })
                .collect())
        }
    }
}

fn statvfs(root: Root<'_>, mount_point: &str) -> Result<FsStats, ProbeError> {
    let path = root.path(mount_point);
    let s = rustix::fs::statvfs(&path).map_err(|e| ProbeError::Statvfs {
        path: path.clone(),
        source: e.into(),
    })?;
    Ok(FsStats {
        fragment_size: s.f_frsize,
        blocks: s.f_blocks,
        blocks_free: s.f_bfree,
        blocks_available: s.f_bavail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mount(point: &str) -> Mount {
        Mount {
            device_id: "254:0".into(),
            root: "/".into(),
            mount_point: point.into(),
            fs_type: "ext4".into(),
            source: "/dev/vda".into(),
            super_options: "rw".into(),
        }
    }

    #[test]
    fn figures_as_df_counts_them() {
        let stats = FsStats {
            fragment_size: 4096,
            blocks: 1000,
            blocks_free: 300,
            blocks_available: 250,
        };
        let disk = stats.disk(&mount("/"));
        assert_eq!(disk.total, Bytes(4_096_000));
        assert_eq!(disk.used, Bytes(700 * 4096));
        assert_eq!(disk.available, Bytes(250 * 4096));
    }

    #[test]
    fn table_lines() {
        let table = parse_statvfs_table("# comment\n/ 4096 10 5 4\n\n/data 512 8 8 8 # x\n")
            .unwrap_or_default();
        assert_eq!(table.len(), 2);
        assert_eq!(table.get("/data").map(|s| s.fragment_size), Some(512));
        assert!(parse_statvfs_table("/ 1 2 3\n").is_err());
        assert!(parse_statvfs_table("/ a b c d\n").is_err());
    }

    #[test]
    fn live_statvfs_of_a_directory() {
        let dir = std::env::temp_dir();
        let held = crate::probe::root::RootDir::open(&dir).expect("the temp dir opens");
        let root = held.root();
        let stats = statvfs(root, "/").ok();
        assert!(stats.is_some_and(|s| s.blocks >= s.blocks_free && s.fragment_size > 0));
        assert!(statvfs(root, "/no/such/dir/here").is_err());
    }
}
