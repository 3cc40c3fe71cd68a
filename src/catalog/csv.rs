//! A user's own catalog written as CSV, with the catalog's field names as the header. Pure: no I/O.

use super::import::{
    ImportError, Phrase, cell_error, csv_error, did_you_mean, field_column, first_record_line,
    number, unit_phrase,
};
use crate::model::{Arch, Billing, Bytes, Catalog, InstanceType, Period, Ratio};
use std::collections::HashMap;

const CATALOG_COLUMNS: &[&str] = &[
    "name",
    "family",
    "vcpus",
    "cpu_baseline",
    "memory",
    "arch",
    "price",
    "currency",
    "period",
    "billing",
    "region",
    "usable_memory",
    "source",
    "as_of",
    "estimate",
];

const CATALOG_REQUIRED: &[&str] = &[
    "name", "family", "vcpus", "memory", "price", "currency", "period", "billing", "region",
    "source", "as_of",
];

/// Where the cells of a CSV catalog are: the line of each entry's row and the index of each
/// column, so that a problem at `instances[3].vcpus` points at its cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CsvPlaces {
    header_line: usize,
    rows: Vec<usize>,
    columns: HashMap<String, usize>,
}

impl CsvPlaces {
    /// The 1-based line and character column of `field` of entry `entry` (0-based) in `text`;
    /// the start of its row for a field the file has no column for, the header for no entry.
    pub fn place(&self, text: &str, entry: Option<usize>, field: Option<&str>) -> (usize, usize) {
        let line = entry
            .and_then(|e| self.rows.get(e).copied())
            .unwrap_or(self.header_line.max(1));
        let column = field
            .and_then(|f| self.columns.get(f).copied())
            .and_then(|index| {
                text.lines()
                    .nth(line - 1)
                    .map(|row| field_column(row, index))
            })
            .unwrap_or(1);
        (line, column)
    }
}

/// Reads a catalog written as CSV: a header with the catalog's field names (`name, family, vcpus,
/// cpu_baseline, memory, arch, price, currency, period, billing, region, usable_memory, source, as_of,
/// estimate`, in any order; `cpu_baseline`, `arch`, `usable_memory` and `estimate` may be left out or
/// empty), then one instance type per row. Lines starting with `#` are comments. The catalog is
/// named `csv`; callers name it after the file.
pub fn parse_catalog_csv(text: &str) -> Result<(Catalog, CsvPlaces), ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(&e))?.clone();
    let header_line = first_record_line(text);
    let mut columns: HashMap<&str, usize> = HashMap::new();
    for (index, header) in headers.iter().enumerate() {
        let Some(known) = CATALOG_COLUMNS.iter().find(|c| **c == header) else {
            return Err(cell_error(
                text,
                header_line,
                index,
                Phrase::new("catalog.csv.unknown_column").arg("column", header),
            )
            .with_help(did_you_mean(header, CATALOG_COLUMNS)));
        };
        if columns.insert(known, index).is_some() {
            return Err(cell_error(
                text,
                header_line,
                index,
                Phrase::new("catalog.csv.column_twice").arg("column", header),
            ));
        }
    }
    for required in CATALOG_REQUIRED {
        if !columns.contains_key(required) {
            return Err(ImportError::at(
                header_line,
                1,
                Phrase::new("catalog.csv.no_column").arg("column", required),
            )
            .with_help(
                Phrase::new("catalog.csv.help.header").arg("header", CATALOG_COLUMNS.join(",")),
            ));
        }
    }
    let col = |name: &str| columns.get(name).copied().unwrap_or(usize::MAX);

    let mut instances = Vec::new();
    let mut places = CsvPlaces {
        header_line,
        rows: Vec::new(),
        columns: columns
            .iter()
            .map(|(k, v)| ((*k).to_string(), *v))
            .collect(),
    };
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(&e))?;
        let line = record.position().map_or(1, |p| p.line() as usize);
        places.rows.push(line);
        let cell = |name: &str| record.get(col(name)).unwrap_or("");
        let fail = |name: &str, message: Phrase| cell_error(text, line, col(name), message);
        let text_cell = |name: &str| -> Result<String, ImportError> {
            let value = cell(name);
            if value.is_empty() {
                Err(fail(
                    name,
                    Phrase::new("catalog.csv.empty").arg("column", name),
                ))
            } else {
                Ok(value.to_string())
            }
        };

        let vcpus_text = cell("vcpus");
        let vcpus: u32 = vcpus_text.parse().map_err(|_| {
            fail(
                "vcpus",
                Phrase::new("catalog.csv.bad_vcpus").arg("value", vcpus_text),
            )
        })?;
        let cpu_baseline = match cell("cpu_baseline") {
            "" => None,
            b => Some(
                Ratio::parse(b)
                    .map_err(|e| fail("cpu_baseline", unit_phrase(&e)))?
                    .get(),
            ),
        };
        let memory = Bytes::parse(cell("memory")).map_err(|e| fail("memory", unit_phrase(&e)))?;
        let usable_memory = match cell("usable_memory") {
            "" => None,
            m => Some(Bytes::parse(m).map_err(|e| fail("usable_memory", unit_phrase(&e)))?),
        };
        let price_text = cell("price");
        let price = number(price_text).ok_or_else(|| {
            fail(
                "price",
                Phrase::new("catalog.csv.bad_price").arg("value", price_text),
            )
        })?;
        let period = match cell("period") {
            "month" => Period::Month,
            "hour" => Period::Hour,
            other => {
                return Err(fail(
                    "period",
                    Phrase::new("catalog.csv.bad_period").arg("value", other),
                ));
            }
        };
        let billing = match cell("billing") {
            "subscription" => Billing::Subscription,
            "on-demand" => Billing::OnDemand,
            other => {
                return Err(fail(
                    "billing",
                    Phrase::new("catalog.csv.bad_billing").arg("value", other),
                ));
            }
        };
        let arch = match cell("arch") {
            "" => Arch::default(),
            a => Arch::from_machine(a)
                .ok_or_else(|| fail("arch", Phrase::new("catalog.csv.bad_arch").arg("value", a)))?,
        };
        let estimate = match cell("estimate") {
            "" | "false" => false,
            "true" => true,
            other => {
                return Err(fail(
                    "estimate",
                    Phrase::new("catalog.csv.bad_estimate").arg("value", other),
                ));
            }
        };
        instances.push(InstanceType {
            name: text_cell("name")?,
            family: text_cell("family")?,
            vcpus,
            cpu_baseline,
            memory,
            arch,
            price,
            currency: text_cell("currency")?,
            period,
            billing,
            region: text_cell("region")?,
            usable_memory,
            source: text_cell("source")?,
            as_of: text_cell("as_of")?,
            estimate,
        });
    }
    Ok((
        Catalog {
            name: "csv".into(),
            description: None,
            instances,
        },
        places,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GIB: u64 = 1 << 30;

    fn find<'a>(catalog: &'a Catalog, name: &str) -> &'a InstanceType {
        catalog
            .find(name)
            .unwrap_or_else(|| panic!("{name} missing from {:?}", catalog.instances))
    }

    const CATALOG_CSV: &str = "# my catalog
name,family,vcpus,cpu_baseline,memory,price,currency,period,billing,region,source,as_of,estimate
box.small,box,2,20%,2GiB,9.5,EUR,month,subscription,fsn1,price page,2026-01-01,false
box.large,box,4,,8GiB,0.05,EUR,hour,on-demand,fsn1,\"price page, 2026\",2026-01-01,true
";

    #[test]
    fn user_csv_reads_every_field() {
        let (catalog, places) = parse_catalog_csv(CATALOG_CSV).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(places.place(CATALOG_CSV, Some(1), Some("vcpus")), (4, 15));
        assert_eq!(places.place(CATALOG_CSV, None, None), (2, 1));
        assert_eq!(catalog.instances.len(), 2);
        let small = find(&catalog, "box.small");
        assert_eq!(small.cpu_baseline, Some(0.2));
        assert_eq!(
            (small.vcpus, small.memory, small.price),
            (2, Bytes(2 * GIB), 9.5)
        );
        assert_eq!(
            (small.period, small.billing),
            (Period::Month, Billing::Subscription)
        );
        assert!(!small.estimate);
        let large = find(&catalog, "box.large");
        assert_eq!((large.cpu_baseline, large.estimate), (None, true));
        assert_eq!(large.source, "price page, 2026");
        assert_eq!(large.monthly_cost(), 0.05 * 730.0);
    }

    #[test]
    fn user_csv_errors_point_at_the_cell() {
        let bad = CATALOG_CSV.replace("2GiB", "2XB");
        let err = parse_catalog_csv(&bad).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert_eq!((err.line, err.column), (3, 21));

        let bad = CATALOG_CSV.replace("hour", "week");
        let err = parse_catalog_csv(&bad).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert_eq!(err.line, 4);
        assert_eq!(err.message.value("value"), Some("week"));

        let bad = CATALOG_CSV.replace("vcpus", "vcpu");
        let err = parse_catalog_csv(&bad).err();
        let err = err.unwrap_or_else(|| panic!("expected an error"));
        assert_eq!((err.line, err.column), (2, 13));
        let help = err.help.unwrap_or_else(|| panic!("no help"));
        assert_eq!(help.key, "catalog.csv.help.did_you_mean");
        assert_eq!(help.value("column"), Some("vcpus"));

        let bad = CATALOG_CSV.replace(",source", "");
        let bad = bad
            .replace(",price page,", ",")
            .replace(",\"price page, 2026\",", ",");
        let err = parse_catalog_csv(&bad).err();
        assert!(err.is_some_and(|e| e.message.value("column") == Some("source")));
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,300}") {
            let _ = parse_catalog_csv(&text);
        }

        #[test]
        fn never_panics_on_near_misses(cut in 0usize..2000, junk in "[\",:{}\\[\\]\n0-9a-z.#%]{0,8}") {
            let at = cut.min(CATALOG_CSV.len());
            let at = (0..=at).rev().find(|i| CATALOG_CSV.is_char_boundary(*i)).unwrap_or(0);
            let text = format!("{}{}{}", &CATALOG_CSV[..at], junk, &CATALOG_CSV[at..]);
            let _ = parse_catalog_csv(&text);
        }
    }
}
