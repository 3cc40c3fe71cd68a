//! Alibaba Cloud's public `instancePrice.json` as a catalog. The price file has no specs: vCPUs,
//! memory and architecture come from the table of documented specs, else from the naming rule
//! (and the type is marked an estimate). Pure: no I/O.

use super::aliyun_specs::{Origin, aliyun_spec};
use super::{
    ImportError, ImportOptions, Imported, Listing, Phrase, Skipped, choose_region, skipped_summary,
    sort_instances,
};
use crate::model::{Billing, Catalog, InstanceType, Period};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

/// A file that is not the JSON of `instancePrice.json`, in this project's words: the JSON
/// parser's own messages ("EOF while parsing a value", "invalid type: ...") never reach a user.
fn json_error(err: &serde_json::Error) -> ImportError {
    let key = match err.classify() {
        serde_json::error::Category::Eof => "catalog.import.json_ends_early",
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            "catalog.import.json_syntax"
        }
        serde_json::error::Category::Data => "catalog.import.json_shape",
    };
    ImportError::at(err.line(), err.column(), Phrase::new(key))
        .with_help(Phrase::new("catalog.import.help.aliyun_shape"))
}

/// Reads Alibaba Cloud's `instancePrice.json` (keys `region::type::network::os::io`, each with
/// `hours`/`months` price lists). Keeps Linux, VPC, I/O-optimized prices of one region; prefers
/// the one-month subscription price, else the hourly pay-as-you-go price. vCPUs, memory, CPU
/// baseline and architecture come from `data/aliyun-specs.csv` (Alibaba's documented figures);
/// a type not listed there gets them from the naming rule (`large` = 2 vCPU, `xlarge` = 4,
/// `Nxlarge` = 4N; `-c1m2` spells vCPU:GiB; families c, g, r have 2, 4, 8 GiB per vCPU), is
/// marked `estimate: true`, and its `source` says so; types no rule covers are skipped.
pub fn parse_aliyun_price_json(
    text: &str,
    options: &ImportOptions<'_>,
) -> Result<Imported, ImportError> {
    let file: PriceFile = serde_json::from_str(text).map_err(|err| json_error(&err))?;
    let positions = quoted_key_positions(text);
    let position = |key: &str| positions.get(key).copied().unwrap_or((1, 1));

    let currency = match file.currency.as_deref().map(str::trim) {
        Some(c) if !c.is_empty() => c.to_string(),
        _ => {
            return Err(
                ImportError::at(1, 1, Phrase::new("catalog.import.no_currency"))
                    .with_help(Phrase::new("catalog.import.help.currency")),
            );
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
                reason: Phrase::new("catalog.skip.bad_key"),
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
    let region = choose_region(&regions, options.region, Listing::Prices)?;
    let version = file.version.as_deref().unwrap_or("").trim();
    let edition = if version.is_empty() {
        String::new()
    } else {
        format!(" {version}")
    };
    let as_of = file
        .publication_date
        .as_deref()
        .map(|d| d.get(..10).unwrap_or(d).to_string())
        .or_else(|| options.as_of.map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string());

    let mut instances = Vec::new();
    for row in rows.iter().filter(|r| r.region == region) {
        let (line, column) = position(row.key);
        let skip = |reason: Phrase| Skipped {
            line,
            name: row.type_name.to_string(),
            reason,
        };
        let spec = match aliyun_spec(row.type_name) {
            Ok(spec) => spec,
            Err(reason) => {
                skipped.push(skip(reason));
                continue;
            }
        };
        let one = |points: &'_ [PricePoint]| -> Option<usize> {
            points.iter().position(|p| p.period.number() == Some(1.0))
        };
        let (point, period, billing) = match (one(&row.entry.months), one(&row.entry.hours)) {
            (Some(i), _) => (&row.entry.months[i], Period::Month, Billing::Subscription),
            (None, Some(i)) => (&row.entry.hours[i], Period::Hour, Billing::OnDemand),
            (None, None) => {
                skipped.push(skip(Phrase::new("catalog.skip.no_price_period")));
                continue;
            }
        };
        let price = point.price.number().filter(|p| *p >= 0.0).ok_or_else(|| {
            ImportError::at(
                line,
                column,
                Phrase::new("catalog.import.bad_price_of")
                    .arg("price", point.price.text())
                    .arg("key", row.key),
            )
        })?;
        let (specs, estimate) = match &spec.origin {
            Origin::Documented(page) => (format!("vCPUs, memory and architecture: {page}"), false),
            Origin::NamingRule => (
                format!(
                    "ESTIMATED vCPUs and memory: '{}' is not in hostfit's table of documented specs (src/catalog/data/aliyun-specs.csv), so they follow Alibaba's naming rule (large = 2 vCPU, xlarge = 4, Nxlarge = 4N; c/g/r = 2/4/8 GiB per vCPU; -cXmY = X vCPU : Y GiB)",
                    row.type_name
                ),
                true,
            ),
        };
        instances.push(InstanceType {
            name: row.type_name.to_string(),
            family: spec.family.clone(),
            vcpus: spec.vcpus,
            cpu_baseline: spec.baseline,
            memory: spec.memory,
            arch: spec.arch,
            price,
            currency: currency.clone(),
            period,
            billing,
            region: region.to_string(),
            usable_memory: None,
            source: format!(
                "Alibaba Cloud instancePrice.json{edition}, key '{}'; {specs}",
                row.key
            ),
            as_of: as_of.clone(),
            estimate,
        });
    }
    if instances.is_empty() {
        return Err(ImportError::at(
            1,
            1,
            Phrase::new("catalog.import.nothing_imported").arg("region", region),
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
                "Imported from Alibaba Cloud instancePrice.json{edition} published {published}, region {region}"
            )),
            instances,
        },
        skipped,
    })
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
    use crate::catalog::import::test_support::{GIB, find, opts};
    use crate::model::Bytes;
    use proptest::prelude::*;

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
    "cn-hangzhou::ecs.g6.26xlarge::vpc::linux::optimized": {
      "hours": [{"price": "30.1", "period": "1"}]
    },
    "cn-hangzhou::ecs.c7.64xlarge::vpc::linux::optimized": {
      "hours": [{"price": "60.2", "period": "1"}]
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
    fn aliyun_prefers_the_monthly_price_and_takes_specs_from_the_table() {
        let imported = parse_aliyun_price_json(ALIYUN, &opts(Some("cn-hangzhou")));
        let imported = imported.unwrap_or_else(|e| panic!("{e}"));
        let catalog = &imported.catalog;
        assert_eq!(catalog.name, "aliyun-cn-hangzhou");
        assert_eq!(catalog.instances.len(), 6, "{:?}", catalog.instances);

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
        assert!(e.source.contains("e table"), "{}", e.source);

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
        assert_eq!(imported.skipped[0].reason.key, "catalog.skip.bad_ratio");
        assert_eq!(imported.skipped[1].reason.key, "catalog.skip.no_baseline");
    }

    /// Regression for issue 8: g6.26xlarge is 104 vCPU / 384 GiB (the rule says 416 GiB).
    #[test]
    fn issue_8_documented_specs_win_over_the_naming_rule() {
        let imported = parse_aliyun_price_json(ALIYUN, &opts(Some("cn-hangzhou")));
        let imported = imported.unwrap_or_else(|e| panic!("{e}"));
        let g6 = find(&imported.catalog, "ecs.g6.26xlarge");
        assert_eq!((g6.vcpus, g6.memory), (104, Bytes(384 * GIB)));
        assert!(!g6.estimate);
        assert!(g6.source.contains("g6 table"), "{}", g6.source);
        assert_eq!(g6.arch, crate::model::Arch::X86_64);
    }

    #[test]
    fn types_not_in_the_table_are_estimates_that_say_why() {
        let imported = parse_aliyun_price_json(ALIYUN, &opts(Some("cn-hangzhou")));
        let imported = imported.unwrap_or_else(|e| panic!("{e}"));
        let c7 = find(&imported.catalog, "ecs.c7.64xlarge");
        assert_eq!((c7.vcpus, c7.memory), (256, Bytes(512 * GIB)));
        assert!(c7.estimate);
        assert!(
            c7.source.contains("ESTIMATED") && c7.source.contains("not in hostfit's table"),
            "{}",
            c7.source
        );
    }

    #[test]
    fn aliyun_needs_a_region_when_the_file_has_several() {
        let err = parse_aliyun_price_json(ALIYUN, &opts(None)).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert_eq!(err.message.key, "catalog.import.prices_of_regions");
        assert_eq!(err.message.value("count"), Some("2"));
        let help = err.help.map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains("'cn-beijing'"), "{help}");

        let err = parse_aliyun_price_json(ALIYUN, &opts(Some("us-east-1"))).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert_eq!(err.message.value("region"), Some("us-east-1"));

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
        assert_eq!(err.message.key, "catalog.import.json_syntax");
        assert!(err.help.is_some());
        let ends = parse_aliyun_price_json("{\"currency\": ", &opts(None)).err();
        assert_eq!(
            ends.map(|e| e.message.key),
            Some("catalog.import.json_ends_early")
        );
        let shape = parse_aliyun_price_json("{\"currency\": 5}", &opts(None)).err();
        assert_eq!(
            shape.map(|e| e.message.key),
            Some("catalog.import.json_shape")
        );
    }

    #[test]
    fn aliyun_bad_price_points_at_its_key() {
        let text = "{\"currency\": \"CNY\", \"pricingInfo\": {\n\n  \"r::ecs.c7.large::vpc::linux::optimized\": {\"hours\": [{\"price\": \"cheap\", \"period\": \"1\"}]}}}";
        let err = parse_aliyun_price_json(text, &opts(None)).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert_eq!((err.line, err.column), (3, 3));
        assert_eq!(err.message.value("price"), Some("cheap"));
    }

    #[test]
    fn aliyun_without_currency_says_so() {
        let text = "{\"pricingInfo\": {\"r::ecs.c7.large::vpc::linux::optimized\": {\"hours\": [{\"price\": \"1\", \"period\": \"1\"}]}}}";
        let err = parse_aliyun_price_json(text, &opts(None)).err();
        assert_eq!(
            err.map(|e| e.message.key),
            Some("catalog.import.no_currency")
        );
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
