//! SkyPilot's catalog `vms.csv` (on-demand USD per hour, one row per zone) as a catalog of one
//! region. Pure: no I/O.

use super::{
    ImportError, ImportOptions, Imported, Listing, Phrase, Skipped, cell_error, choose_region,
    csv_error, number, skipped_summary, sort_instances, unit_phrase,
};
use crate::model::{Arch, Billing, Bytes, Catalog, InstanceType, Period, UnitError};
use std::collections::{BTreeMap, BTreeSet};

const SKYPILOT_HEADER: &str = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone";

/// CPU baselines of AWS's T3, T3a and T4g sizes (the same ladder for the three families).
const AWS_T_BASELINES: &[(&str, f64)] = &[
    ("nano", 0.05),
    ("micro", 0.10),
    ("small", 0.20),
    ("medium", 0.20),
    ("large", 0.30),
    ("xlarge", 0.40),
    ("2xlarge", 0.40),
];

struct SkyRow {
    line: usize,
    vcpus: u32,
    memory: Bytes,
    price: f64,
    accelerator: Option<String>,
    /// The `Arch` column, where the file has one.
    arch: Option<Arch>,
}

/// Reads SkyPilot's catalog `vms.csv` (header `InstanceType,AcceleratorName,AcceleratorCount,
/// vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone`; `Price` is on-demand USD per
/// hour). One entry per instance type of the chosen region: the lowest price over its zones.
/// Rows without an on-demand price, with fractional vCPUs, or of a burstable type whose CPU
/// baseline is unknown are skipped.
pub fn parse_skypilot_csv(
    text: &str,
    options: &ImportOptions<'_>,
) -> Result<Imported, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(&e))?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let required = |name: &str| {
        column(name).ok_or_else(|| {
            ImportError::at(
                1,
                1,
                Phrase::new("catalog.csv.no_column").arg("column", name),
            )
            .with_help(
                Phrase::new("catalog.import.help.skypilot_header").arg("header", SKYPILOT_HEADER),
            )
        })
    };
    let c_type = required("InstanceType")?;
    let c_vcpus = required("vCPUs")?;
    let c_memory = required("MemoryGiB")?;
    let c_price = required("Price")?;
    let c_region = required("Region")?;
    let c_acc_name = column("AcceleratorName");
    let c_acc_count = column("AcceleratorCount");
    let c_arch = column("Arch");

    let mut regions = BTreeSet::new();
    let mut rows: BTreeMap<String, SkyRow> = BTreeMap::new();
    let mut skipped: BTreeMap<String, Skipped> = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(&e))?;
        let line = record.position().map_or(1, |p| p.line() as usize);
        let field = |i: usize| record.get(i).unwrap_or("");
        let region = field(c_region);
        if region.is_empty() {
            continue;
        }
        regions.insert(region.to_string());
        if options.region.is_some_and(|r| r != region) {
            continue;
        }
        let name = field(c_type).to_string();
        if name.is_empty() {
            return Err(cell_error(
                text,
                line,
                c_type,
                Phrase::new("catalog.import.empty_type"),
            ));
        }
        let skip = |key: &'static str| Skipped {
            line,
            name: name.clone(),
            reason: Phrase::new(key),
        };
        let key = format!("{name}\u{0}{region}");
        let price_text = field(c_price);
        if price_text.is_empty() {
            skipped
                .entry(key)
                .or_insert_with(|| skip("catalog.skip.no_on_demand"));
            continue;
        }
        let price = number(price_text).filter(|p| *p >= 0.0).ok_or_else(|| {
            cell_error(
                text,
                line,
                c_price,
                Phrase::new("catalog.import.bad_price").arg("price", price_text),
            )
        })?;
        let vcpus_text = field(c_vcpus);
        let vcpus = number(vcpus_text).ok_or_else(|| {
            cell_error(
                text,
                line,
                c_vcpus,
                Phrase::new("catalog.import.bad_vcpus").arg("value", vcpus_text),
            )
        })?;
        if vcpus < 1.0 || vcpus.fract() != 0.0 || vcpus > f64::from(u32::MAX) {
            skipped
                .entry(key)
                .or_insert_with(|| skip("catalog.skip.fractional_vcpus"));
            continue;
        }
        let memory_text = field(c_memory);
        let gib = number(memory_text).filter(|g| *g >= 0.0).ok_or_else(|| {
            cell_error(
                text,
                line,
                c_memory,
                Phrase::new("catalog.import.bad_memory_gib").arg("value", memory_text),
            )
        })?;
        if gib <= 0.0 {
            skipped
                .entry(key)
                .or_insert_with(|| skip("catalog.skip.no_memory"));
            continue;
        }
        let memory = Bytes::from_gib(gib);
        if memory.0 > Bytes::MAX_INPUT {
            let too_large = UnitError::TooLarge(format!("{memory_text} GiB"));
            return Err(cell_error(text, line, c_memory, unit_phrase(&too_large)));
        }
        let accelerator = c_acc_name.map(field).filter(|a| !a.is_empty()).map(|a| {
            let count = c_acc_count.map(field).unwrap_or("");
            match number(count) {
                Some(n) => format!("{n} x {a}"),
                None => a.to_string(),
            }
        });
        let row = SkyRow {
            line,
            vcpus: vcpus as u32,
            memory,
            price,
            accelerator,
            arch: c_arch.map(field).and_then(Arch::from_machine),
        };
        skipped.remove(&key);
        match rows.get_mut(&key) {
            Some(kept) if kept.price <= row.price => {}
            Some(kept) => *kept = row,
            None => {
                rows.insert(key, row);
            }
        }
    }

    let region_refs: BTreeSet<&str> = regions.iter().map(String::as_str).collect();
    let region = choose_region(&region_refs, options.region, Listing::Rows)?.to_string();
    let as_of = options.as_of.unwrap_or("unknown").to_string();
    let mut skipped: Vec<Skipped> = skipped.into_values().collect();
    let mut instances = Vec::new();
    for (key, row) in rows {
        let name = key.split('\u{0}').next().unwrap_or("").to_string();
        let baseline = match aws_baseline(&name) {
            Ok(b) => b,
            Err(reason) => {
                skipped.push(Skipped {
                    line: row.line,
                    name,
                    reason,
                });
                continue;
            }
        };
        let with = row
            .accelerator
            .map(|a| format!(", with {a}"))
            .unwrap_or_default();
        let arch = row
            .arch
            .unwrap_or_else(|| super::arch_of_family(&family_of(&name)));
        instances.push(InstanceType {
            family: family_of(&name),
            name,
            vcpus: row.vcpus,
            cpu_baseline: baseline,
            memory: row.memory,
            arch,
            price: row.price,
            currency: "USD".into(),
            period: Period::Hour,
            billing: Billing::OnDemand,
            region: region.clone(),
            usable_memory: None,
            source: format!(
                "SkyPilot catalog vms.csv line {}: on-demand Price, lowest over the region's zones{with}",
                row.line
            ),
            as_of: as_of.clone(),
            estimate: false,
        });
    }
    skipped.sort_by_key(|s| s.line);
    if instances.is_empty() {
        return Err(ImportError::at(
            1,
            1,
            Phrase::new("catalog.import.nothing_imported").arg("region", &region),
        )
        .with_help(skipped_summary(&skipped)));
    }
    sort_instances(&mut instances);
    Ok(Imported {
        catalog: Catalog {
            name: format!("skypilot-{region}"),
            description: Some(format!(
                "Imported from a SkyPilot catalog vms.csv, region {region}, on-demand USD per hour"
            )),
            instances,
        },
        skipped,
    })
}

/// AWS T types are burstable: their baseline, or why it is unknown. Other names are not burstable.
fn aws_baseline(name: &str) -> Result<Option<f64>, Phrase> {
    let Some((family, size)) = name.split_once('.') else {
        return Ok(None);
    };
    let burstable =
        family.starts_with('t') && family[1..].starts_with(|c: char| c.is_ascii_digit());
    if !burstable {
        return Ok(None);
    }
    if matches!(family, "t3" | "t3a" | "t4g")
        && let Some((_, b)) = AWS_T_BASELINES.iter().find(|(s, _)| *s == size)
    {
        return Ok(Some(*b));
    }
    Err(Phrase::new("catalog.skip.no_baseline").arg("name", name))
}

/// `m7i.large` -> `m7i`, `n2-standard-4` -> `n2`, otherwise the whole name.
fn family_of(name: &str) -> String {
    name.split_once('.')
        .or_else(|| name.split_once('-'))
        .map_or(name, |(family, _)| family)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::catalog::import::test_support::{GIB, find, opts};

    /// A small file in SkyPilot's vms.csv format (v7 header), two zones per region.
    const SKYPILOT: &str = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone
m7i.large,,,2.0,8.0,,0.1008,0.0323,us-east-1,use1-az1
m7i.large,,,2.0,8.0,,0.1008,0.0316,us-east-1,use1-az2
m7i.large,,,2.0,8.0,,0.12075,0.0476,eu-central-1,euc1-az1
t3.micro,,,2.0,1.0,,0.0104,0.0031,us-east-1,use1-az1
t2.micro,,,1.0,1.0,,0.0116,0.0035,us-east-1,use1-az1
c1.medium,,,2.0,1.69921875,,0.13,0.0371,us-east-1,use1-az1
g5.xlarge,A10G,1.0,4.0,16.0,\"{'Gpus': [{'Name': 'A10G', 'Count': 1}]}\",1.006,0.4,us-east-1,use1-az1
trn1.32xlarge,Trainium,16.0,128.0,512.0,,,,us-east-1,use1-az4
e2-micro,,,0.25,1.0,,0.0084,0.0025,us-east-1,use1-az1
";

    #[test]
    fn skypilot_keeps_one_row_per_type_of_the_region() {
        let imported = parse_skypilot_csv(SKYPILOT, &opts(Some("us-east-1")));
        let imported = imported.unwrap_or_else(|e| panic!("{e}"));
        let catalog = &imported.catalog;
        let names: Vec<&str> = catalog.instances.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["c1.medium", "g5.xlarge", "m7i.large", "t3.micro"]);

        let m = find(catalog, "m7i.large");
        assert_eq!((m.vcpus, m.memory, m.price), (2, Bytes(8 * GIB), 0.1008));
        assert_eq!(
            (m.period, m.billing, m.currency.as_str()),
            (Period::Hour, Billing::OnDemand, "USD")
        );
        assert_eq!(
            (m.family.as_str(), m.region.as_str(), m.as_of.as_str()),
            ("m7i", "us-east-1", "2026-01-01")
        );
        assert!(m.source.contains("line 2"), "{}", m.source);

        let t = find(catalog, "t3.micro");
        assert_eq!(t.cpu_baseline, Some(0.10));
        let c1 = find(catalog, "c1.medium");
        assert_eq!(c1.memory, Bytes::from_gib(1.69921875));
        let g = find(catalog, "g5.xlarge");
        assert!(g.source.contains("1 x A10G"), "{}", g.source);

        let reasons: Vec<(&str, usize)> = imported
            .skipped
            .iter()
            .map(|s| (s.name.as_str(), s.line))
            .collect();
        assert_eq!(
            reasons,
            [("t2.micro", 6), ("trn1.32xlarge", 9), ("e2-micro", 10)]
        );
    }

    #[test]
    fn skypilot_takes_the_lowest_price_over_zones() {
        let text = "InstanceType,vCPUs,MemoryGiB,Price,Region\nx.large,2,4,0.3,r\nx.large,2,4,0.2,r\nx.large,2,4,0.25,r\n";
        let imported = parse_skypilot_csv(text, &opts(None));
        let imported = imported.unwrap_or_else(|e| panic!("{e}"));
        let x = find(&imported.catalog, "x.large");
        assert_eq!(x.price, 0.2);
        assert!(x.source.contains("line 3"), "{}", x.source);
    }

    #[test]
    fn skypilot_errors_name_the_line_and_column() {
        let err = parse_skypilot_csv(SKYPILOT, &opts(None)).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert_eq!(err.message.value("count"), Some("2"));

        let text =
            "InstanceType,vCPUs,MemoryGiB,Price,Region\nx.large,2,4,0.3,r\nx.xlarge,4,8,lots,r\n";
        let err = parse_skypilot_csv(text, &opts(None)).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert_eq!((err.line, err.column), (3, 14));
        assert_eq!(err.message.value("price"), Some("lots"));

        let text = "InstanceType,vCPUs,Memory,Price,Region\nx.large,2,4,0.3,r\n";
        let err = parse_skypilot_csv(text, &opts(None)).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert_eq!(err.line, 1);
        assert_eq!(err.message.value("column"), Some("MemoryGiB"));

        let text = "InstanceType,vCPUs,MemoryGiB,Price,Region\nx.large,2,4,0.3\n";
        let err = parse_skypilot_csv(text, &opts(None)).err();
        assert_eq!(err.map(|e| e.line), Some(2));
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,300}") {
            let _ = parse_skypilot_csv(&text, &opts(None));
        }

        #[test]
        fn never_panics_on_near_misses(cut in 0usize..2000, junk in "[\",:{}\\[\\]\n0-9a-z.#%]{0,8}") {
            let at = cut.min(SKYPILOT.len());
            let at = (0..=at).rev().find(|i| SKYPILOT.is_char_boundary(*i)).unwrap_or(0);
            let text = format!("{}{}{}", &SKYPILOT[..at], junk, &SKYPILOT[at..]);
            let _ = parse_skypilot_csv(&text, &opts(None));
        }
    }
}
