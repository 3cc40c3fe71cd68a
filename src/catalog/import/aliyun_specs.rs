//! The vCPUs, memory, CPU baseline and architecture of an Alibaba Cloud ECS type: from the table
//! of documented specs (`data/aliyun-specs.csv`, compiled in), else from the naming rule, which
//! the caller marks as an estimate. Pure: no I/O.

use super::Phrase;
use crate::model::{Arch, Bytes};
use std::sync::OnceLock;

/// One row per type: `type,vcpus,memory_gib,cpu_baseline,arch,source`, copied from Alibaba
/// Cloud's instance family pages; each row names the page and table it comes from.
const SPECS_CSV: &str = include_str!("../data/aliyun-specs.csv");

/// Where a type's figures come from.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Origin {
    /// A row of the table, with the documentation page and table it was copied from.
    Documented(&'static str),
    /// The naming rule: an estimate.
    NamingRule,
}

/// vCPUs, memory, family, CPU baseline and architecture of an ECS type.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Spec {
    pub(super) family: String,
    pub(super) vcpus: u32,
    pub(super) memory: Bytes,
    pub(super) baseline: Option<f64>,
    pub(super) arch: Arch,
    pub(super) origin: Origin,
}

/// A row of the table of documented specs.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    name: String,
    vcpus: u32,
    gib: f64,
    baseline: Option<f64>,
    arch: Arch,
    source: String,
}

fn table() -> &'static [Row] {
    static TABLE: OnceLock<Vec<Row>> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(SPECS_CSV))
}

/// The rows of the table; a row that does not read (a test rules them out) is left out.
fn parse_table(text: &str) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records().flatten() {
        let field = |i: usize| record.get(i).unwrap_or("");
        let row = (|| {
            let gib: f64 = field(2).parse().ok()?;
            let baseline = match field(3) {
                "" => None,
                b => Some(b.parse::<f64>().ok().filter(|b| *b > 0.0 && *b <= 1.0)?),
            };
            Some(Row {
                name: field(0).to_string(),
                vcpus: field(1).parse().ok().filter(|v| *v > 0)?,
                gib: Some(gib).filter(|g| g.is_finite() && *g > 0.0)?,
                baseline,
                arch: Arch::from_machine(field(4))?,
                source: Some(field(5).to_string()).filter(|s| !s.is_empty())?,
            })
        })();
        rows.extend(row);
    }
    rows
}

/// The spec of `type_name` (`ecs.<family>.<size>`): the documented one when the table lists
/// the type, else the naming rule's; why neither gives one otherwise.
pub(super) fn aliyun_spec(type_name: &str) -> Result<Spec, Phrase> {
    let bare = type_name
        .strip_prefix("ecs.")
        .ok_or_else(|| Phrase::new("catalog.skip.not_ecs").arg("name", type_name))?;
    let (family_part, size) = bare
        .rsplit_once('.')
        .ok_or_else(|| Phrase::new("catalog.skip.no_size").arg("name", type_name))?;
    let family = family_part
        .split_once('-')
        .map_or(family_part, |(family, _)| family);
    if let Some(row) = table().iter().find(|r| r.name == type_name) {
        let baseline = match row.baseline {
            None if is_burstable(family) => {
                return Err(Phrase::new("catalog.skip.no_baseline").arg("name", type_name));
            }
            b => b,
        };
        return Ok(Spec {
            family: family.to_string(),
            vcpus: row.vcpus,
            memory: Bytes::from_gib(row.gib),
            baseline,
            arch: row.arch,
            origin: Origin::Documented(row.source.as_str()),
        });
    }
    naming_rule(type_name, family_part, family, size)
}

/// `large` = 2 vCPU, `xlarge` = 4, `Nxlarge` = 4N; `-c1m2` spells vCPU:GiB; families c, g, r
/// have 2, 4, 8 GiB per vCPU. t5 baselines follow the documented rule for the whole family;
/// other burstable types not in the table have no known baseline.
fn naming_rule(
    type_name: &str,
    family_part: &str,
    family: &str,
    size: &str,
) -> Result<Spec, Phrase> {
    let vcpus = size_vcpus(size)
        .ok_or_else(|| Phrase::new("catalog.skip.no_size_rule").arg("size", size))?;
    let gib = match family_part.split_once('-') {
        Some((_, ratio)) => {
            let bad_ratio = || Phrase::new("catalog.skip.bad_ratio").arg("ratio", ratio);
            let (cpu, mem) = parse_ratio(ratio).ok_or_else(bad_ratio)?;
            let gib = f64::from(vcpus) * mem / cpu;
            // a ratio that spells more than the largest size read (1 EiB) is no ratio
            if Bytes::from_gib(gib).0 > Bytes::MAX_INPUT {
                return Err(bad_ratio());
            }
            gib
        }
        None => {
            let per_vcpu = match family_part.as_bytes() {
                [b'c', d, ..] if d.is_ascii_digit() => 2.0,
                [b'g', d, ..] if d.is_ascii_digit() => 4.0,
                [b'r', d, ..] if d.is_ascii_digit() => 8.0,
                _ => {
                    return Err(
                        Phrase::new("catalog.skip.no_memory_rule").arg("family", family_part)
                    );
                }
            };
            f64::from(vcpus) * per_vcpu
        }
    };
    let baseline = match family {
        // Alibaba Cloud documents 20 % for every t5-lc* type and 25 % for every t5-c* type.
        "t5" if family_part.starts_with("t5-lc") => Some(0.20),
        "t5" => Some(0.25),
        _ if is_burstable(family) => {
            return Err(Phrase::new("catalog.skip.no_baseline").arg("name", type_name));
        }
        _ => None,
    };
    Ok(Spec {
        family: family.to_string(),
        vcpus,
        memory: Bytes::from_gib(gib),
        baseline,
        arch: super::arch_of_family(family),
        origin: Origin::NamingRule,
    })
}

/// The t families (t5, t6, ...) are burstable: a vCPU is not a whole core.
fn is_burstable(family: &str) -> bool {
    family.starts_with('t') && family[1..].starts_with(|c: char| c.is_ascii_digit())
}

/// `large` = 2 vCPU, `xlarge` = 4, `Nxlarge` = 4N, `small` = 1.
fn size_vcpus(size: &str) -> Option<u32> {
    match size {
        "small" => Some(1),
        "large" => Some(2),
        "xlarge" => Some(4),
        _ => {
            let n: u32 = size.strip_suffix("xlarge")?.parse().ok()?;
            (2..=1024).contains(&n).then(|| n * 4)
        }
    }
}

/// `c1m2` (or t5's `lc1m2`) as (vCPU, GiB).
fn parse_ratio(ratio: &str) -> Option<(f64, f64)> {
    let rest = ratio.strip_prefix('l').unwrap_or(ratio).strip_prefix('c')?;
    let (cpu, mem) = rest.split_once('m')?;
    let cpu: u32 = cpu.parse().ok()?;
    let mem: u32 = mem.parse().ok()?;
    (cpu > 0 && mem > 0).then_some((f64::from(cpu), f64::from(mem)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(name: &str) -> Result<(u32, f64, Option<f64>, bool), Phrase> {
        aliyun_spec(name).map(|s| {
            let documented = matches!(s.origin, Origin::Documented(_));
            (s.vcpus, s.memory.as_gib(), s.baseline, documented)
        })
    }

    #[test]
    fn every_row_of_the_table_reads() {
        let lines = SPECS_CSV
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(
            table().len(),
            lines - 1,
            "a row of aliyun-specs.csv does not read"
        );
        assert!(table().len() >= 300, "{}", table().len());
        let mut names: Vec<&str> = table().iter().map(|r| r.name.as_str()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "a type is listed twice");
        for row in table() {
            assert!(row.name.starts_with("ecs."), "{}", row.name);
            assert!(
                row.source.contains(" table"),
                "{}: {}",
                row.name,
                row.source
            );
        }
    }

    #[test]
    fn the_table_covers_the_built_in_catalog_families() {
        for family in [
            "t6", "e", "u1", "c7", "g7", "r7", "g6", "c6", "r6", "g8i", "g8y",
        ] {
            let prefix = format!("ecs.{family}");
            assert!(
                table().iter().any(|r| r.name.starts_with(&prefix)
                    && r.name[prefix.len()..].starts_with(['.', '-'])),
                "{family}"
            );
        }
    }

    #[test]
    fn documented_sizes_outside_the_rule() {
        // 26xlarge would be 104 vCPUs and 416 GiB by the rule; the g6 table says 384 GiB.
        assert_eq!(spec("ecs.g6.26xlarge"), Ok((104, 384.0, None, true)));
        assert_eq!(spec("ecs.g8i.48xlarge"), Ok((192, 1024.0, None, true)));
        assert_eq!(spec("ecs.d3c.3xlarge"), Ok((14, 56.0, None, true)));
        assert_eq!(spec("ecs.t5-lc2m1.nano"), Ok((1, 0.5, Some(0.20), true)));
        assert_eq!(spec("ecs.t6-c4m1.large"), Ok((2, 0.5, Some(0.05), true)));
        assert_eq!(spec("ecs.t6-c1m4.2xlarge"), Ok((8, 32.0, Some(0.40), true)));
        let arm = aliyun_spec("ecs.g8y.small").map(|s| s.arch);
        assert_eq!(arm, Ok(Arch::Arm64));
    }

    #[test]
    fn naming_rules_for_types_not_in_the_table() {
        assert_eq!(spec("ecs.c7.64xlarge"), Ok((256, 512.0, None, false)));
        assert_eq!(spec("ecs.g99.large"), Ok((2, 8.0, None, false)));
        assert_eq!(spec("ecs.r99.4xlarge"), Ok((16, 128.0, None, false)));
        assert_eq!(spec("ecs.u99-c1m4.4xlarge"), Ok((16, 64.0, None, false)));
        assert_eq!(
            spec("ecs.t5-c1m4.4xlarge"),
            Ok((16, 64.0, Some(0.25), false))
        );
        assert_eq!(spec("ecs.t5-lc1m4.small"), Ok((1, 4.0, Some(0.20), false)));
        let arch = aliyun_spec("ecs.g99y.large").map(|s| s.arch);
        assert_eq!(arch, Ok(Arch::Arm64));
        let keys = |name: &str| aliyun_spec(name).err().map(|p| p.key);
        assert_eq!(keys("c7.large"), Some("catalog.skip.not_ecs"));
        assert_eq!(keys("ecs.c7"), Some("catalog.skip.no_size"));
        assert_eq!(keys("ecs.c7.medium"), Some("catalog.skip.no_size_rule"));
        assert_eq!(keys("ecs.c7.0xlarge"), Some("catalog.skip.no_size_rule"));
        assert_eq!(keys("ecs.hfc7.large"), Some("catalog.skip.no_memory_rule"));
        assert_eq!(
            keys("ecs.gn7i-c8g1.2xlarge"),
            Some("catalog.skip.bad_ratio")
        );
        assert_eq!(keys("ecs.t6-c1m1.xlarge"), Some("catalog.skip.no_baseline"));
        assert_eq!(keys("ecs.t1.small"), Some("catalog.skip.no_memory_rule"));
    }
}
