//! Disk figures for the real filesystems of the mount table: `statvfs` on the live host, or the
//! output of `df` taken on the host a tree describes (`parse_df`), or none at all. A tree's disks
//! never come from the machine running the scan. It must not choose which mounts count.

use super::error::ProbeError;
use super::mounts::Mount;
use super::root::Root;
use crate::model::{Bytes, Disk};
use std::collections::HashMap;

/// Where disk figures come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskSource {
    /// `statvfs(2)` on each mount point: only for the root `/` of the host this process runs
    /// on, since it measures whatever filesystem the path is on here.
    Statvfs,
    /// The lines of `df` taken on the host (`parse_df`).
    Df(Vec<DfLine>),
    /// Not measured (a tree with no `df` output): the scan says so.
    NotMeasured,
}

/// One filesystem as `df` printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DfLine {
    /// The `Filesystem` column (a device), when the format has one.
    pub filesystem: Option<String>,
    pub mount: String,
    pub total: Bytes,
    pub used: Bytes,
    pub available: Bytes,
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

/// The block size a `df` header names: `1-blocks`, `1B-blocks`, `1024-blocks`, `1K-blocks`.
fn block_size(word: &str) -> Option<u64> {
    let size = word.strip_suffix("-blocks")?;
    let size = size.strip_suffix('B').unwrap_or(size);
    let (digits, scale) = match size.char_indices().last()? {
        (i, 'K' | 'k') => (&size[..i], 1u64 << 10),
        (i, 'M') => (&size[..i], 1 << 20),
        (i, 'G') => (&size[..i], 1 << 30),
        _ => (size, 1),
    };
    digits.parse::<u64>().ok()?.checked_mul(scale)
}

/// The output of `df -P -B1` (`Filesystem 1-blocks Used Available Capacity Mounted on`) or of
/// `df --output=target,size,used,avail -B1` (`Mounted on 1B-blocks Used Avail`); other block
/// sizes in the header (`-P` alone gives 1024) are read too. Rounded sizes (`-h`) are refused.
pub fn parse_df(text: &str) -> Result<Vec<DfLine>, ProbeError> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = lines
        .next()
        .ok_or_else(|| ProbeError::format("df", "empty: expected the output of 'df -P -B1'"))?;
    let bad_header = || {
        ProbeError::format(
            "df",
            format!(
                "header '{}': expected the output of 'df -P -B1' or 'df --output=target,size,used,avail -B1'",
                header.trim()
            ),
        )
    };
    let target_first = header.trim_start().starts_with("Mounted on");
    if !target_first && !header.trim_start().starts_with("Filesystem") {
        return Err(bad_header());
    }
    let scale = header
        .split_whitespace()
        .find_map(block_size)
        .ok_or_else(bad_header)?;
    let mut out = Vec::new();
    for line in lines {
        let bad = |why: &str| ProbeError::format("df", format!("'{}': {why}", line.trim()));
        let bytes = |word: &str| -> Result<Bytes, ProbeError> {
            let n = word
                .parse::<u64>()
                .map_err(|_| bad(&format!("'{word}' is not a number of blocks")))?;
            Ok(Bytes(n.saturating_mul(scale)))
        };
        let words: Vec<&str> = line.split_whitespace().collect();
        if target_first {
            // the mount point may hold spaces: the three figures are the last words
            if words.len() < 4 {
                return Err(bad("expected a mount point and three figures"));
            }
            let n = words.len();
            let mount = rest_before(line.trim(), &words[n - 3..])
                .filter(|m| !m.is_empty())
                .ok_or_else(|| bad("no mount point"))?;
            out.push(DfLine {
                filesystem: None,
                mount,
                total: bytes(words[n - 3])?,
                used: bytes(words[n - 2])?,
                available: bytes(words[n - 1])?,
            });
            continue;
        }
        // Filesystem Size Used Available Capacity Mounted-on: the capacity ends with '%'
        let capacity = (1..words.len())
            .find(|&i| i >= 4 && (words[i].ends_with('%') || words[i] == "-"))
            .ok_or_else(|| bad("no capacity column ('NN%')"))?;
        let mount = after(line, words[capacity], capacity)
            .filter(|m| !m.is_empty())
            .ok_or_else(|| bad("no mount point"))?;
        out.push(DfLine {
            filesystem: Some(words[..capacity - 3].join(" ")),
            mount,
            total: bytes(words[capacity - 3])?,
            used: bytes(words[capacity - 2])?,
            available: bytes(words[capacity - 1])?,
        });
    }
    Ok(out)
}

/// The text of `line` before its last words `tail`, trimmed.
fn rest_before(line: &str, tail: &[&str]) -> Option<String> {
    let mut end = line.len();
    for word in tail.iter().rev() {
        end = line[..end].trim_end().strip_suffix(word).map(str::len)?;
    }
    Some(line[..end].trim().to_string())
}

/// The text of `line` after its word number `index` (which is `word`), trimmed.
fn after(line: &str, word: &str, index: usize) -> Option<String> {
    let mut rest = line;
    for _ in 0..index {
        rest = rest.trim_start();
        let end = rest.find(char::is_whitespace)?;
        rest = &rest[end..];
    }
    let rest = rest.trim_start().strip_prefix(word)?;
    Some(rest.trim().to_string())
}

/// A filesystem column that names storage: a device path or a network share.
fn is_storage(filesystem: &str) -> bool {
    filesystem.starts_with('/') || filesystem.contains(":/") || filesystem.starts_with("//")
}

/// A disk line for each mount, or the error for each that could not be measured. With no
/// mount table, every `df` line of a device, once per device.
pub(crate) fn measure(
    root: Root<'_>,
    source: &DiskSource,
    mounts: &[&Mount],
) -> Vec<Result<Disk, ProbeError>> {
    match source {
        DiskSource::Statvfs => mounts
            .iter()
            .map(|m| statvfs(root, &m.mount_point).map(|s| s.disk(m)))
            .collect(),
        DiskSource::NotMeasured => Vec::new(),
        DiskSource::Df(lines) if mounts.is_empty() => from_df_alone(lines),
        DiskSource::Df(lines) => {
            let by_mount: HashMap<&str, &DfLine> =
                lines.iter().rev().map(|l| (l.mount.as_str(), l)).collect();
            mounts
                .iter()
                .map(|m| {
                    let line = by_mount.get(m.mount_point.as_str()).ok_or_else(|| {
                        ProbeError::format("df", format!("no line for mount '{}'", m.mount_point))
                    })?;
                    Ok(Disk {
                        mount: m.mount_point.clone(),
                        total: line.total,
                        used: line.used,
                        available: line.available,
                        device: Some(m.source.clone()),
                        fstype: Some(m.fs_type.clone()),
                    })
                })
                .collect()
        }
    }
}

/// The disks of `df` lines when the tree has no mount table: devices and shares only (no
/// tmpfs), each once at its shortest mount point, each mount point once.
fn from_df_alone(lines: &[DfLine]) -> Vec<Result<Disk, ProbeError>> {
    let mut chosen: Vec<&DfLine> = Vec::new();
    for line in lines {
        if line.filesystem.as_deref().is_some_and(|f| !is_storage(f)) {
            continue;
        }
        let same = chosen.iter().position(|c| {
            c.mount == line.mount || (c.filesystem.is_some() && c.filesystem == line.filesystem)
        });
        match same {
            Some(i) if chosen[i].mount.len() > line.mount.len() => chosen[i] = line,
            Some(_) => {}
            None => chosen.push(line),
        }
    }
    chosen.sort_by(|a, b| a.mount.cmp(&b.mount));
    chosen
        .into_iter()
        .map(|l| {
            Ok(Disk {
                mount: l.mount.clone(),
                total: l.total,
                used: l.used,
                available: l.available,
                device: l.filesystem.clone(),
                fstype: None,
            })
        })
        .collect()
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

    const POSIX: &str = "Filesystem     1-blocks        Used   Available Capacity Mounted on
devtmpfs    12630114304           0 12630114304       0% /dev
/dev/vda   270553174016 21734428672 75838320640      23% /
/dev/vdb     1000000000   500000000   400000000      56% /data disk
";

    #[test]
    fn df_posix_lines() {
        let lines = parse_df(POSIX).unwrap_or_default();
        let got: Vec<(Option<&str>, &str, u64)> = lines
            .iter()
            .map(|l| (l.filesystem.as_deref(), l.mount.as_str(), l.total.0))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("devtmpfs"), "/dev", 12_630_114_304),
                (Some("/dev/vda"), "/", 270_553_174_016),
                (Some("/dev/vdb"), "/data disk", 1_000_000_000),
            ]
        );
        assert_eq!(lines[1].used, Bytes(21_734_428_672));
        assert_eq!(lines[1].available, Bytes(75_838_320_640));
        // `df -P` alone counts in KiB
        let kib =
            "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/vda 10 4 6 40% /\n";
        assert_eq!(
            parse_df(kib).ok().map(|l| (l[0].total, l[0].used)),
            Some((Bytes(10240), Bytes(4096)))
        );
    }

    #[test]
    fn df_output_columns() {
        let text = "Mounted on   1B-blocks   Used   Avail\n/      1000   400   500\n/srv/my data  10 2 8\n";
        let lines = parse_df(text).unwrap_or_default();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].mount, "/srv/my data");
        assert_eq!(
            (lines[0].filesystem.clone(), lines[0].available),
            (None, Bytes(500))
        );
    }

    #[test]
    fn df_errors_name_the_line() {
        let err = |t: &str| parse_df(t).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err("").contains("empty"));
        assert!(err("Filesystem Size Used Avail Use% Mounted on\n").contains("df -P -B1"));
        assert!(err("hello\n").contains("'hello'"));
        let posix = "Filesystem 1-blocks Used Available Capacity Mounted on\n";
        assert!(err(&format!("{posix}/dev/vda 1 2 x 5% /\n")).contains("'x'"));
        assert!(err(&format!("{posix}/dev/vda 1 2 3\n")).contains("capacity"));
        assert!(err(&format!("{posix}/dev/vda 1 2 3 4%\n")).contains("mount point"));
    }

    #[test]
    fn df_lines_meet_the_mount_table() {
        let lines = parse_df(POSIX).unwrap_or_default();
        let (root_mount, data) = (mount("/"), mount("/data"));
        let disks = measure_df(&lines, &[&root_mount, &data]);
        assert_eq!(
            disks[0].as_ref().ok().map(|d| d.total),
            Some(Bytes(270_553_174_016))
        );
        assert_eq!(
            disks[0].as_ref().ok().and_then(|d| d.fstype.clone()),
            Some("ext4".into())
        );
        assert!(
            disks[1]
                .as_ref()
                .is_err_and(|e| e.to_string().contains("'/data'"))
        );
        // no mount table: devices only, tmpfs left out
        let alone = measure_df(&lines, &[]);
        let mounts: Vec<String> = alone.iter().flatten().map(|d| d.mount.clone()).collect();
        assert_eq!(mounts, vec!["/", "/data disk"]);
    }

    fn measure_df(lines: &[DfLine], mounts: &[&Mount]) -> Vec<Result<Disk, ProbeError>> {
        let dir = std::env::temp_dir();
        let held = crate::probe::root::RootDir::open(&dir).expect("the temp dir opens");
        measure(held.root(), &DiskSource::Df(lines.to_vec()), mounts)
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
