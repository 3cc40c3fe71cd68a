//! Available memory where `/proc/meminfo` has no `MemAvailable` line (kernels before 3.14):
//! estimated as the kernel's `si_mem_available` has computed it since 3.14, from meminfo and
//! the zones' watermarks in `/proc/zoneinfo`; without zoneinfo, as `free` estimated it before.
//! Pure parsing and arithmetic on texts the caller fetched.

use super::error::ProbeError;
use super::meminfo::MemInfo;
use crate::model::Bytes;

/// How an estimate was made; the word is the value of the `available_estimated` warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    /// `si_mem_available` with the zones' watermarks and reserves from zoneinfo.
    SiMemAvailable,
    /// No zoneinfo: MemFree + Active(file) + Inactive(file) + SReclaimable, the figure that
    /// `free` called "-/+ buffers/cache" free before 3.14. It leaves no reserve and counts all
    /// the page cache and reclaimable slab as free, so it is higher than the kernel's would be.
    FreePlusReclaimable,
}

impl Method {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Method::SiMemAvailable => "si_mem_available",
            Method::FreePlusReclaimable => "free_plus_reclaimable",
        }
    }
}

/// What `si_mem_available` takes from the zones, in pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Watermarks {
    /// `totalreserve_pages`: for each zone, its high watermark plus its largest lowmem
    /// reserve, at most the pages it manages (`calculate_totalreserve_pages`).
    pub(crate) reserved: u64,
    /// The low watermarks of all zones added up.
    pub(crate) low: u64,
}

/// One zone's figures as zoneinfo prints them.
#[derive(Debug, Default)]
struct Zone {
    low: Option<u64>,
    high: Option<u64>,
    managed: Option<u64>,
    present: Option<u64>,
    protection: Option<u64>,
}

impl Zone {
    fn add_to(&self, sums: &mut Watermarks, name: &str) -> Result<(), ProbeError> {
        let (Some(low), Some(high)) = (self.low, self.high) else {
            return Err(ProbeError::format(
                "zoneinfo",
                format!("zone '{name}' has no 'low' or 'high' watermark"),
            ));
        };
        // lowmem_reserve[j] is only ever set for zones above this one, so the largest entry
        // of the whole `protection` list is the kernel's maximum over j >= this zone.
        let mut reserve = self.protection.unwrap_or(0).saturating_add(high);
        if let Some(cap) = self.managed.or(self.present) {
            reserve = reserve.min(cap);
        }
        sums.reserved = sums.reserved.saturating_add(reserve);
        sums.low = sums.low.saturating_add(low);
        Ok(())
    }
}

/// The watermark sums of every zone of every node in `/proc/zoneinfo`.
pub fn parse_zoneinfo(text: &str) -> Result<Watermarks, ProbeError> {
    let mut sums = Watermarks::default();
    let mut current: Option<(String, Zone)> = None;
    let mut zones = 0;
    for line in text.lines() {
        if line.starts_with("Node ") {
            if let Some((name, zone)) = current.take() {
                zone.add_to(&mut sums, &name)?;
            }
            let name = line.split_whitespace().last().unwrap_or("").to_string();
            current = Some((name, Zone::default()));
            zones += 1;
            continue;
        }
        let Some((_, zone)) = current.as_mut() else {
            continue;
        };
        let mut words = line.split_whitespace();
        let key = words.next().unwrap_or("");
        // `pages free N` starts the watermarks; `high:` (with a colon) belongs to pagesets.
        let slot = match key {
            "min" => continue,
            "low" => &mut zone.low,
            "high" => &mut zone.high,
            "managed" => &mut zone.managed,
            "present" => &mut zone.present,
            "protection:" => {
                let list = line.split_once(':').map_or("", |(_, rest)| rest);
                let inner = list.trim().trim_start_matches('(').trim_end_matches(')');
                let mut max = 0u64;
                for part in inner.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    let value = part.parse::<u64>().map_err(|_| {
                        ProbeError::format(
                            "zoneinfo",
                            format!("'{}': '{part}' is not a number", line.trim()),
                        )
                    })?;
                    max = max.max(value);
                }
                zone.protection.get_or_insert(max);
                continue;
            }
            _ => continue,
        };
        if slot.is_some() {
            continue;
        }
        let value = words.next().unwrap_or("");
        *slot = Some(value.parse::<u64>().map_err(|_| {
            ProbeError::format(
                "zoneinfo",
                format!("'{}': '{value}' is not a number", line.trim()),
            )
        })?);
    }
    if let Some((name, zone)) = current.take() {
        zone.add_to(&mut sums, &name)?;
    }
    if zones == 0 {
        return Err(ProbeError::format(
            "zoneinfo",
            "no 'Node N, zone NAME' line",
        ));
    }
    Ok(sums)
}

/// The estimate, and how it was made; `None` without a MemFree line.
pub(crate) fn estimate(
    info: &MemInfo,
    zones: Option<Watermarks>,
    page_size: u64,
) -> Option<(Bytes, Method)> {
    let page = page_size.max(1);
    let free = info.get("MemFree")?.0;
    let active_file = info.get("Active(file)").map_or(0, |b| b.0);
    let inactive_file = info.get("Inactive(file)").map_or(0, |b| b.0);
    let slab = info.get("SReclaimable").map_or(0, |b| b.0);
    let Some(zones) = zones else {
        let sum = free
            .saturating_add(active_file)
            .saturating_add(inactive_file)
            .saturating_add(slab);
        return Some((Bytes(sum), Method::FreePlusReclaimable));
    };
    // si_mem_available, in pages as the kernel counts: free less the reserve, plus the page
    // cache and the reclaimable slab less the part of each that must stay (half of it, or the
    // low watermarks, whichever is less); never below zero.
    let pages = |bytes: u64| i128::from(bytes / page);
    let low = i128::from(zones.low);
    let mut available = pages(free) - i128::from(zones.reserved);
    let pagecache = pages(active_file) + pages(inactive_file);
    available += pagecache - (pagecache / 2).min(low);
    let reclaimable = pages(slab);
    available += reclaimable - (reclaimable / 2).min(low);
    let bytes = available.max(0).saturating_mul(i128::from(page));
    Some((
        Bytes(u64::try_from(bytes).unwrap_or(u64::MAX)),
        Method::SiMemAvailable,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::meminfo::parse_meminfo;

    /// Two zones as a 3.10 kernel prints them, pagesets included (their `high:` is not the
    /// watermark).
    const ZONES: &str = "Node 0, zone      DMA
  pages free     3952
        min      33
        low      41
        high     49
        scanned  0
        spanned  4095
        present  3997
        managed  3956
    nr_free_pages 3952
        protection: (0, 2877, 7826, 7826)
  pagesets
    cpu: 0
              count: 0
              high:  0
              batch: 1
Node 0, zone   Normal
  pages free     18553
        min      11176
        low      13842
        high     16508
        present  1310720
        managed  1268711
        protection: (0, 0, 0, 0)
  pagesets
    cpu: 0
              high:  186
";

    #[test]
    fn zone_reserves_are_capped_at_the_managed_pages() {
        // DMA: max protection 7826 + high 49 = 7875, above its 3956 managed pages: 3956.
        // Normal: 0 + 16508. Low watermarks: 41 + 13842.
        assert_eq!(
            parse_zoneinfo(ZONES).ok(),
            Some(Watermarks {
                reserved: 3956 + 16508,
                low: 41 + 13842,
            })
        );
    }

    #[test]
    fn broken_zoneinfo_is_an_error_naming_the_value() {
        let err = |text: &str| {
            parse_zoneinfo(text)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(err("").contains("no 'Node"));
        assert!(err("Node 0, zone DMA\n        low 1\n").contains("'DMA'"));
        assert!(err("Node 0, zone DMA\n        low x\n        high 2\n").contains("'x'"));
        assert!(err("Node 0, zone DMA\n low 1\n high 2\n protection: (0, y)\n").contains("'y'"));
    }

    #[test]
    fn the_kernel_formula_in_pages() {
        let info = parse_meminfo(
            "MemTotal: 1000000 kB\nMemFree: 40000 kB\nActive(file): 20000 kB\n\
             Inactive(file): 10004 kB\nSReclaimable: 8000 kB\n",
        );
        let zones = Watermarks {
            reserved: 1000,
            low: 3000,
        };
        // pages of 4 KiB: free 10000 - 1000; cache 7501 - min(3750, 3000); slab 2000 - 1000
        let want = (10_000 - 1000 + (7501 - 3000) + (2000 - 1000)) * 4096;
        assert_eq!(
            estimate(&info, Some(zones), 4096),
            Some((Bytes(want), Method::SiMemAvailable))
        );
        // a reserve larger than everything: zero, not negative
        let huge = Watermarks {
            reserved: 1 << 40,
            low: 0,
        };
        assert_eq!(
            estimate(&info, Some(huge), 4096).map(|e| e.0),
            Some(Bytes(0))
        );
        // no zoneinfo: free and all the file cache and reclaimable slab
        assert_eq!(
            estimate(&info, None, 4096),
            Some((
                Bytes((40_000 + 20_000 + 10_004 + 8000) * 1024),
                Method::FreePlusReclaimable
            ))
        );
        assert_eq!(
            estimate(&parse_meminfo("MemTotal: 1 kB\n"), None, 4096),
            None
        );
    }
}
