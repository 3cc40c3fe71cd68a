//! The mount table from the text of `/proc/self/mountinfo`, and which of its entries are real
//! filesystems worth a disk line. Pure parsing and filtering; statvfs lives in `disks`.

use super::error::ProbeError;
use std::collections::HashMap;

/// One line of mountinfo (see proc(5)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    /// `major:minor` of the device.
    pub(crate) device_id: String,
    /// The directory of the filesystem that is mounted (a cgroup path for cgroup mounts).
    pub(crate) root: String,
    pub(crate) mount_point: String,
    pub(crate) fs_type: String,
    pub(crate) source: String,
    pub(crate) super_options: String,
}

/// Filesystems that hold no user data of their own: kernel interfaces, memory, layers.
const VIRTUAL: &[&str] = &[
    "autofs",
    "binfmt_misc",
    "bpf",
    "cgroup",
    "cgroup2",
    "configfs",
    "debugfs",
    "devpts",
    "devtmpfs",
    "efivarfs",
    "fusectl",
    "fuse.lxcfs",
    "fuse.gvfsd-fuse",
    "fuse.portal",
    "hugetlbfs",
    "mqueue",
    "nsfs",
    "overlay",
    "aufs",
    "proc",
    "pstore",
    "ramfs",
    "rpc_pipefs",
    "securityfs",
    "selinuxfs",
    "squashfs",
    "sysfs",
    "tmpfs",
    "tracefs",
    "nfsd",
    "shiftfs",
    "zonefs",
    "iso9660",
];

/// Every line of mountinfo; a line that does not parse is an error naming it.
pub fn parse_mountinfo(text: &str) -> Result<Vec<Mount>, ProbeError> {
    let mut mounts = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let bad = || ProbeError::format("mountinfo", format!("'{line}'"));
        let (left, right) = line.split_once(" - ").ok_or_else(bad)?;
        let left: Vec<&str> = left.split_whitespace().collect();
        let right: Vec<&str> = right.split_whitespace().collect();
        if left.len() < 6 || right.len() < 2 {
            return Err(bad());
        }
        mounts.push(Mount {
            device_id: left[2].to_string(),
            root: unescape(left[3]),
            mount_point: unescape(left[4]),
            fs_type: right[0].to_string(),
            source: unescape(right[1]),
            super_options: right.get(2).copied().unwrap_or("").to_string(),
        });
    }
    Ok(mounts)
}

/// Undoes the kernel's octal escapes (`\040` for a space).
fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\'
            && bytes
                .get(i + 1..i + 4)
                .is_some_and(|d| d.iter().all(|b| (b'0'..=b'7').contains(b)))
        {
            let value = bytes[i + 1..i + 4]
                .iter()
                .fold(0u32, |acc, b| acc * 8 + u32::from(b - b'0'));
            if let Ok(byte) = u8::try_from(value) {
                out.push(byte);
                i += 4;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The mounts that are real filesystems, one per device: bind mounts and a device mounted
/// twice keep the shortest mount point (so `/` wins).
pub(crate) fn real_filesystems(mounts: &[Mount]) -> Vec<&Mount> {
    let mut by_device: HashMap<&str, &Mount> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for mount in mounts {
        if VIRTUAL.contains(&mount.fs_type.as_str()) {
            continue;
        }
        match by_device.get(mount.device_id.as_str()) {
            Some(seen) if seen.mount_point.len() <= mount.mount_point.len() => {}
            Some(_) => {
                by_device.insert(&mount.device_id, mount);
            }
            None => {
                order.push(&mount.device_id);
                by_device.insert(&mount.device_id, mount);
            }
        }
    }
    let mut out: Vec<&Mount> = order
        .iter()
        .filter_map(|d| by_device.get(d).copied())
        .collect();
    out.sort_by(|a, b| a.mount_point.cmp(&b.mount_point));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
22 27 0:21 / /proc rw,relatime - proc proc rw
24 27 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw,size=12334432k
25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24683652k
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard
28 27 254:0 /srv /mnt/bind rw,relatime - ext4 /dev/vda rw,discard
29 27 254:16 / /data\\040disk rw,relatime shared:5 - xfs /dev/vdb rw
30 27 0:55 / /var/lib/docker/overlay2/x/merged rw - overlay overlay rw,lowerdir=a
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
";

    #[test]
    fn parses_optional_fields_and_escapes() {
        let mounts = parse_mountinfo(SAMPLE).unwrap_or_default();
        assert_eq!(mounts.len(), 9);
        assert_eq!(mounts[5].mount_point, "/data disk");
        assert_eq!(mounts[5].fs_type, "xfs");
        assert_eq!(mounts[7].super_options, "rw,memory");
        assert_eq!(mounts[4].root, "/srv");
    }

    #[test]
    fn keeps_real_filesystems_once() {
        let mounts = parse_mountinfo(SAMPLE).unwrap_or_default();
        let real: Vec<&str> = real_filesystems(&mounts)
            .iter()
            .map(|m| m.mount_point.as_str())
            .collect();
        assert_eq!(real, vec!["/", "/data disk"]);
    }

    #[test]
    fn bad_lines_are_errors() {
        assert!(parse_mountinfo("1 2 3\n").is_err());
        assert!(parse_mountinfo("1 2 0:1 / /x rw - \n").is_err());
        assert_eq!(unescape("a\\"), "a\\");
        assert_eq!(unescape("a\\04"), "a\\04");
        assert_eq!(unescape("\\777x"), "\\777x");
    }
}
