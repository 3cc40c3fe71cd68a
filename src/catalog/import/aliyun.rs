//! Alibaba Cloud's public `instancePrice.json` as a catalog; vCPUs and memory come from the type
//! names, since the price file has no specs. Pure: no I/O.

use super::{
    ImportError, ImportOptions, Imported, Skipped, choose_region, skipped_summary, sort_instances,
};
use crate::model::{Billing, Bytes, Catalog, InstanceType, Period};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const ALIYUN_SHAPE: &str = "expected Alibaba Cloud's instancePrice.json: {\"currency\": \"CNY\", \"version\": ..., \"pricingInfo\": {\"cn-hangzhou::ecs.g7.large::vpc::linux::optimized\": {\"hours\": [{\"price\": \"0.5\", \"period\": \"1\"}], \"months\": [...]}}}";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PriceFile {
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    publication_date: Option<String>,
    pricing_info: BTreeMap<String, PriceEntry>,
}

#[derive(Deserialize)]
struct PriceEntry {
    #[serde(default)]
    hours: Vec<PricePoint>,
    #[serde(default)]
    months: Vec<PricePoint>,
}

#[derive(Deserialize)]
struct PricePoint {
    price: Scalar,
    period: Scalar,
}

/// The price file writes numbers as strings ("0.5"); accept both.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Number(f64),
}

impl Scalar {
    fn number(&self) -> Option<f64> {
        let value = match self {
            Scalar::Text(text) => text.trim().parse::<f64>().ok()?,
            Scalar::Number(n) => *n,
        };
        value.is_finite().then_some(value)
    }

    fn text(&self) -> String {
        match self {
            Scalar::Text(text) => text.clone(),
            Scalar::Number(n) => n.to_string(),
        }
    }
}

/// One Linux VPC price of the file, before its region is chosen.
struct AliyunRow<'a> {
    key: &'a str,
    region: &'a str,
    type_name: &'a str,
    entry: &'a PriceEntry,
}

/// Reads Alibaba Cloud's `instancePrice.json` (keys `region::type::network::os::io`, each with
/// `hours`/`months` price lists). Keeps Linux, VPC, I/O-optimized prices of one region; prefers
/// the one-month subscription price, else the hourly pay-as-you-go price. The file has no specs:
/// vCPUs and memory come from the type name (`large` = 2 vCPU, `xlarge` = 4, `Nxlarge` = 4N;
/// `-c1m2` spells vCPU:GiB; families c, g, r have 2, 4, 8 GiB per vCPU), and types the rules do
/// not cover are skipped.
pub fn parse_aliyun_price_json(
    text: &str,
    options: &ImportOptions<'_>,
) -> Result<Imported, ImportError> {
    let file: PriceFile = serde_json::from_str(text).map_err(|err| {
        ImportError::at(err.line(), err.column(), err.to_string()).with_help(ALIYUN_SHAPE)
    })?;
    let positions = quoted_key_positions(text);
    let position = |key: &str| positions.get(key).copied().unwrap_or((1, 1));

    let currency = match file.currency.as_deref().map(str::trim) {
        Some(c) if !c.is_empty() => c.to_string(),
        _ => {
            return Err(ImportError::at(1, 1, "the file does not say its 'currency'")
                .with_help("add \"currency\": \"CNY\" (China site) or \"USD\" (international site) at the top level"));
        }
    };

    let mut skipped = Vec::new();
    let mut rows = Vec::new();
    for (key, entry) in &file.pricing_info {
        let parts: Vec<&str> = key.split("::").collect();
        let [region, type_name, network, os, io] = parts.as_slice() else {
            skipped.push(Skipped {
                line: position(key).0,
                name: key.clone(),
                reason: "the key is not 'region::type::network::os::io'".into(),
            });
            continue;
        };
        if *network != "vpc" || *os != "linux" || *io != "optimized" {
            continue;
        }
        rows.push(AliyunRow {
            key,
            region,
            type_name,
            entry,
        });
    }

    let regions: BTreeSet<&str> = rows.iter().map(|r| r.region).collect();
    let region = choose_region(&regions, options.region, "Linux VPC prices")?;
    let version = file.version.as_deref().unwrap_or("").trim();
    let as_of = file
        .publication_date
        .as_deref()
        .map(|d| d.get(..10).unwrap_or(d).to_string())
        .or_else(|| options.as_of.map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string());

    let mut instances = Vec::new();
    for row in rows.iter().filter(|r| r.region == region) {
        let (line, column) = position(row.key);
        let spec = match aliyun_spec(row.type_name) {
            Ok(spec) => spec,
            Err(reason) => {
                skipped.push(Skipped {
                    line,
                    name: row.type_name.to_string(),
                    reason,
                });
                continue;
            }
        };
        let monthly = row
            .entry
            .months
            .iter()
            .find(|p| p.period.number() == Some(1.0));
        let hourly = row
            .entry
            .hours
            .iter()
            .find(|p| p.period.number() == Some(1.0));
        let (point, period, billing) = match (monthly, hourly) {
            (Some(p), _) => (p, Period::Month, Billing::Subscription),
            (None, Some(p)) => (p, Period::Hour, Billing::OnDemand),
            (None, None) => {
                skipped.push(Skipped {
                    line,
                    name: row.type_name.to_string(),
                    reason: "no one-month or one-hour price".into(),
                });
                continue;
            }
        };
        let price = point.price.number().filter(|p| *p >= 0.0).ok_or_else(|| {
            ImportError::at(
                line,
                column,
                format!(
                    "the price '{}' of '{}' is not a number of zero or more",
                    point.price.text(),
                    row.key
                ),
            )
        })?;
        let edition = if version.is_empty() {
            String::new()
        } else {
            format!(" {version}")
        };
        instances.push(InstanceType {
            name: row.type_name.to_string(),
            family: spec.family.clone(),
            vcpus: spec.vcpus,
            cpu_baseline: spec.baseline,
            memory: spec.memory,
            arch: super::arch_of_family(&spec.family),
            price,
            currency: currency.clone(),
            period,
            billing,
            region: region.to_string(),
            usable_memory: None,
            source: format!(
                "Alibaba Cloud instancePrice.json{edition}, key '{}'; vCPUs and memory derived from the type name",
                row.key
            ),
            as_of: as_of.clone(),
            estimate: false,
        });
    }
    if instances.is_empty() {
        return Err(ImportError::at(
            1,
            1,
            format!("no instance type of region '{region}' could be imported"),
        )
        .with_help(skipped_summary(&skipped)));
    }
    sort_instances(&mut instances);
    let published = file
        .publication_date
        .as_deref()
        .unwrap_or("an unknown date");
    Ok(Imported {
        catalog: Catalog {
            name: format!("aliyun-{region}"),
            description: Some(format!(
                "Imported from Alibaba Cloud instancePrice.json{} published {published}, region {region}",
                if version.is_empty() {
                    String::new()
                } else {
                    format!(" {version}")
                }
            )),
            instances,
        },
        skipped,
    })
}

/// vCPUs, memory, family and CPU baseline of an ECS type, from its name.
#[derive(Debug, Clone, PartialEq)]
struct Spec {
    family: String,
    vcpus: u32,
    memory: Bytes,
    baseline: Option<f64>,
}

/// CPU baselines of the t6 types, from Alibaba Cloud's burstable instance documentation.
const T6_BASELINES: &[(&str, f64)] = &[
    ("t6-c4m1.large", 0.05),
    ("t6-c2m1.large", 0.10),
    ("t6-c1m1.large", 0.20),
    ("t6-c1m2.large", 0.20),
    ("t6-c1m4.large", 0.30),
    ("t6-c1m4.xlarge", 0.40),
    ("t6-c1m4.2xlarge", 0.40),
];

fn aliyun_spec(type_name: &str) -> Result<Spec, String> {
    let bare = type_name
        .strip_prefix("ecs.")
        .ok_or_else(|| format!("'{type_name}' is not an ECS type name (ecs.<family>.<size>)"))?;
    let (family_part, size) = bare
        .rsplit_once('.')
        .ok_or_else(|| format!("'{type_name}' has no size (ecs.<family>.<size>)"))?;
    let vcpus = size_vcpus(size)
        .ok_or_else(|| format!("no naming rule gives the vCPUs of size '{size}'"))?;
    let (family, gib) = match family_part.split_once('-') {
        Some((family, ratio)) => {
            let (cpu, mem) = parse_ratio(ratio)
                .ok_or_else(|| format!("'{ratio}' does not spell a vCPU:GiB ratio like 'c1m2'"))?;
            (family, f64::from(vcpus) * mem / cpu)
        }
        None => {
            let per_vcpu = match family_part.as_bytes() {
                [b'c', d, ..] if d.is_ascii_digit() => 2.0,
                [b'g', d, ..] if d.is_ascii_digit() => 4.0,
                [b'r', d, ..] if d.is_ascii_digit() => 8.0,
                _ => {
                    return Err(format!(
                        "no naming rule gives the memory of family '{family_part}'"
                    ));
                }
            };
            (family_part, f64::from(vcpus) * per_vcpu)
        }
    };
    let baseline = burstable_baseline(family, bare, family_part)?;
    Ok(Spec {
        family: family.to_string(),
        vcpus,
        memory: Bytes::from_gib(gib),
        baseline,
    })
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

fn burstable_baseline(family: &str, bare: &str, family_part: &str) -> Result<Option<f64>, String> {
    match family {
        "t6" => T6_BASELINES
            .iter()
            .find(|(name, _)| *name == bare)
            .map(|(_, b)| Some(*b))
            .ok_or_else(|| format!("burstable type 'ecs.{bare}' has no known CPU baseline")),
        // Alibaba Cloud documents 20 % for every t5-lc* type and 25 % for every t5-c* type.
        "t5" if family_part.starts_with("t5-lc") => Ok(Some(0.20)),
        "t5" => Ok(Some(0.25)),
        _ if family.starts_with('t') && family[1..].starts_with(|c: char| c.is_ascii_digit()) => {
            Err(format!(
                "burstable family '{family}' has no known CPU baseline"
            ))
        }
        _ => Ok(None),
    }
}

/// Where each quoted string that contains `::` (the price keys) starts: (line, column).
fn quoted_key_positions(text: &str) -> HashMap<&str, (usize, usize)> {
    let mut positions = HashMap::new();
    let (mut line, mut column) = (1, 0);
    let mut start: Option<(usize, usize, usize)> = None;
    let mut escaped = false;
    for (offset, c) in text.char_indices() {
        if c == '\n' {
            line += 1;
            column = 0;
            // JSON strings do not span lines; drop an unterminated one.
            start = None;
            escaped = false;
            continue;
        }
        column += 1;
        match start {
            None if c == '"' => start = Some((offset + 1, line, column)),
            None => {}
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some((from, l, col)) if c == '"' => {
                let inner = &text[from..offset];
                if inner.contains("::") {
                    positions.entry(inner).or_insert((l, col));
                }
                start = None;
            }
            Some(_) => {}
        }
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::catalog::import::test_support::{GIB, find, opts};

    /// A small file in the documented shape of Alibaba Cloud's instancePrice.json.
    const ALIYUN: &str = r#"{
  "currency": "CNY",
  "version": "2.0.999",
  "publicationDate": "2025-10-01T08:15:52Z",
  "pricingInfo": {
    "cn-hangzhou::ecs.e-c1m1.large::vpc::linux::optimized": {
      "hours": [{"price": "0.125", "period": "1"}],
      "months": [{"price": "58.5", "period": "1"}, {"price": "160", "period": "3"}],
      "years": [{"price": "585", "period": "1"}]
    },
    "cn-hangzhou::ecs.e-c1m1.large::vpc::windows::optimized": {
      "hours": [{"price": "0.3", "period": "1"}]
    },
    "cn-hangzhou::ecs.g7.2xlarge::vpc::linux::optimized": {
      "hours": [{"price": "1.9", "period": "1"}]
    },
    "cn-hangzhou::ecs.t6-c1m2.large::vpc::linux::optimized": {
      "months": [{"price": 70, "period": 1}]
    },
    "cn-hangzhou::ecs.u1-c1m4.4xlarge::vpc::linux::optimized": {
      "months": [{"price": "900", "period": "1"}]
    },
    "cn-hangzhou::ecs.gn7i-c8g1.2xlarge::vpc::linux::optimized": {
      "hours": [{"price": "9.1", "period": "1"}]
    },
    "cn-hangzhou::ecs.t6-c1m8.large::vpc::linux::optimized": {
      "months": [{"price": "99", "period": "1"}]
    },
    "cn-beijing::ecs.e-c1m1.large::vpc::linux::optimized": {
      "months": [{"price": "57", "period": "1"}]
    }
  },
  "disclaimer": "prices for reference",
  "type": "ecs",
  "site": "cn"
}"#;

    #[test]
    fn aliyun_prefers_the_monthly_price_and_derives_specs_from_names() {
        let imported = parse_aliyun_price_json(ALIYUN, &opts(Some("cn-hangzhou")));
        let imported = imported.unwrap_or_else(|e| panic!("{e}"));
        let catalog = &imported.catalog;
        assert_eq!(catalog.name, "aliyun-cn-hangzhou");
        assert_eq!(catalog.instances.len(), 4, "{:?}", catalog.instances);

        let e = find(catalog, "ecs.e-c1m1.large");
        assert_eq!((e.vcpus, e.memory), (2, Bytes(2 * GIB)));
        assert_eq!(
            (e.price, e.period, e.billing),
            (58.5, Period::Month, Billing::Subscription)
        );
        assert_eq!(
            (e.currency.as_str(), e.region.as_str()),
            ("CNY", "cn-hangzhou")
        );
        assert_eq!(e.family, "e");
        assert_eq!(e.cpu_baseline, None);
        assert_eq!(e.as_of, "2025-10-01");
        assert!(!e.estimate);
        assert!(
            e.source.contains("derived from the type name"),
            "{}",
            e.source
        );

        let g = find(catalog, "ecs.g7.2xlarge");
        assert_eq!((g.vcpus, g.memory), (8, Bytes(32 * GIB)));
        assert_eq!(
            (g.price, g.period, g.billing),
            (1.9, Period::Hour, Billing::OnDemand)
        );

        let t = find(catalog, "ecs.t6-c1m2.large");
        assert_eq!(
            (t.vcpus, t.memory, t.cpu_baseline),
            (2, Bytes(4 * GIB), Some(0.20))
        );
        assert_eq!(t.price, 70.0);

        let u = find(catalog, "ecs.u1-c1m4.4xlarge");
        assert_eq!(
            (u.vcpus, u.memory, u.family.as_str()),
            (16, Bytes(64 * GIB), "u1")
        );

        let skipped: Vec<&str> = imported.skipped.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(skipped, ["ecs.gn7i-c8g1.2xlarge", "ecs.t6-c1m8.large"]);
        // The skipped GPU type's key is on line 23 of the file.
        assert_eq!(imported.skipped[0].line, 23);
    }

    #[test]
    fn aliyun_needs_a_region_when_the_file_has_several() {
        let err = parse_aliyun_price_json(ALIYUN, &opts(None)).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert!(err.message.contains("2 regions"), "{}", err.message);
        assert!(err.help.as_deref().unwrap_or("").contains("'cn-beijing'"));

        let err = parse_aliyun_price_json(ALIYUN, &opts(Some("us-east-1"))).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert!(err.message.contains("'us-east-1'"), "{}", err.message);

        let beijing = parse_aliyun_price_json(ALIYUN, &opts(Some("cn-beijing")));
        let beijing = beijing.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(beijing.catalog.instances.len(), 1);
    }

    #[test]
    fn aliyun_syntax_errors_name_the_line_and_column() {
        let text = "{\n  \"currency\": \"CNY\",\n  \"pricingInfo\": {\n    \"a::b\": [}\n}\n";
        let err = parse_aliyun_price_json(text, &opts(None)).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert_eq!(err.line, 4);
        assert!(err.column > 1);
        assert!(err.help.is_some());
    }

    #[test]
    fn aliyun_bad_price_points_at_its_key() {
        let text = "{\"currency\": \"CNY\", \"pricingInfo\": {\n\n  \"r::ecs.c7.large::vpc::linux::optimized\": {\"hours\": [{\"price\": \"cheap\", \"period\": \"1\"}]}}}";
        let err = parse_aliyun_price_json(text, &opts(None)).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert_eq!((err.line, err.column), (3, 3));
        assert!(err.message.contains("'cheap'"), "{}", err.message);
    }

    #[test]
    fn aliyun_without_currency_says_so() {
        let text = "{\"pricingInfo\": {\"r::ecs.c7.large::vpc::linux::optimized\": {\"hours\": [{\"price\": \"1\", \"period\": \"1\"}]}}}";
        let err = parse_aliyun_price_json(text, &opts(None)).err();
        assert!(err.is_some_and(|e| e.message.contains("'currency'")));
    }

    #[test]
    fn naming_rules() {
        let spec = |n: &str| aliyun_spec(n).map(|s| (s.vcpus, s.memory.as_gib(), s.baseline));
        assert_eq!(spec("ecs.c7.large"), Ok((2, 4.0, None)));
        assert_eq!(spec("ecs.g7.xlarge"), Ok((4, 16.0, None)));
        assert_eq!(spec("ecs.r7.4xlarge"), Ok((16, 128.0, None)));
        assert_eq!(spec("ecs.c8i.3xlarge"), Ok((12, 24.0, None)));
        assert_eq!(spec("ecs.e-c1m1.large"), Ok((2, 2.0, None)));
        assert_eq!(spec("ecs.t6-c4m1.large"), Ok((2, 0.5, Some(0.05))));
        assert_eq!(spec("ecs.t6-c1m4.2xlarge"), Ok((8, 32.0, Some(0.40))));
        assert_eq!(spec("ecs.t5-lc1m2.small"), Ok((1, 2.0, Some(0.20))));
        assert_eq!(spec("ecs.t5-c1m1.xlarge"), Ok((4, 4.0, Some(0.25))));
        for bad in [
            "c7.large",
            "ecs.c7",
            "ecs.c7.medium",
            "ecs.hfc7.large",
            "ecs.gn7i-c8g1.2xlarge",
            "ecs.c7.0xlarge",
            "ecs.t6-c1m1.xlarge",
            "ecs.t1.small",
        ] {
            assert!(spec(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,300}") {
            let _ = parse_aliyun_price_json(&text, &opts(None));
        }

        #[test]
        fn never_panics_on_near_misses(cut in 0usize..2000, junk in "[\",:{}\\[\\]\n0-9a-z.#%]{0,8}") {
            let at = cut.min(ALIYUN.len());
            let at = (0..=at).rev().find(|i| ALIYUN.is_char_boundary(*i)).unwrap_or(0);
            let text = format!("{}{}{}", &ALIYUN[..at], junk, &ALIYUN[at..]);
            let _ = parse_aliyun_price_json(&text, &opts(None));
        }
    }
}
