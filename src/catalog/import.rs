//! Importers that turn price lists into catalogs: Alibaba Cloud's public `instancePrice.json` and
//! SkyPilot's `vms.csv`; and the CSV helpers they share with a user's own catalog CSV.
//! Pure: text in, a `Catalog` or an error naming the line and column out; no I/O, no clock.
//! Errors and skip reasons are phrases (message keys and values) that the command line words.

mod aliyun;
mod aliyun_specs;
mod phrase;
mod skypilot;

pub use aliyun::parse_aliyun_price_json;
pub use phrase::Phrase;
pub use skypilot::parse_skypilot_csv;

use crate::model::closest;
use crate::model::{Arch, Catalog, InstanceType, UnitError};
use std::collections::BTreeSet;

/// What an import keeps from the file, and what the file cannot say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions<'a> {
    /// Keep only this region; needed when the file prices more than one.
    pub region: Option<&'a str>,
    /// The date of the prices, for `as_of` when the file does not carry one.
    pub as_of: Option<&'a str>,
}

/// A catalog read from a price list, with the entries that could not be used.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub catalog: Catalog,
    pub skipped: Vec<Skipped>,
}

/// An entry of the price list left out of the catalog, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub name: String,
    pub reason: Phrase,
}

/// A price list that cannot be read, pointing at the place (1-based line and character column),
/// with what is wrong and what would help as phrases for the message tables.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct ImportError {
    pub line: usize,
    pub column: usize,
    pub message: Phrase,
    /// Boxed: most errors have none, and the error stays small.
    pub help: Option<Box<Phrase>>,
}

impl ImportError {
    pub(super) fn at(line: usize, column: usize, message: Phrase) -> ImportError {
        ImportError {
            line: line.max(1),
            column: column.max(1),
            message,
            help: None,
        }
    }

    pub(super) fn with_help(mut self, help: Phrase) -> ImportError {
        self.help = Some(Box::new(help));
        self
    }
}

/// A value a unit parser rejected, as a phrase of the `unit` area.
pub(super) fn unit_phrase(error: &UnitError) -> Phrase {
    Phrase::new(error.key()).arg("value", error.value())
}

/// What a file has per region, for the messages about choosing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listing {
    /// Alibaba Cloud's Linux VPC prices.
    Prices,
    /// SkyPilot's rows.
    Rows,
}

/// The one region to import: the one asked for (which must be present), else the only one.
fn choose_region<'a>(
    regions: &BTreeSet<&'a str>,
    wanted: Option<&'a str>,
    listing: Listing,
) -> Result<&'a str, ImportError> {
    let listed = || {
        let names: Vec<String> = regions.iter().take(12).map(|r| format!("'{r}'")).collect();
        let more = regions.len().saturating_sub(names.len());
        let names = names.join(", ");
        if more > 0 {
            Phrase::new("catalog.import.list_more")
                .arg("names", names)
                .arg("more", more)
        } else {
            Phrase::new("catalog.import.list").arg("names", names)
        }
    };
    let (none, missing, several) = match listing {
        Listing::Prices => (
            "catalog.import.no_prices",
            "catalog.import.no_prices_in_region",
            "catalog.import.prices_of_regions",
        ),
        Listing::Rows => (
            "catalog.import.no_rows",
            "catalog.import.no_rows_in_region",
            "catalog.import.rows_of_regions",
        ),
    };
    let nothing = || ImportError::at(1, 1, Phrase::new(none));
    match (wanted, regions.len()) {
        (_, 0) => Err(nothing()),
        (Some(region), _) if regions.contains(region) => Ok(region),
        (Some(region), _) => Err(
            ImportError::at(1, 1, Phrase::new(missing).arg("region", region))
                .with_help(Phrase::new("catalog.import.help.regions").part("regions", listed())),
        ),
        (None, 1) => regions.iter().next().copied().ok_or_else(nothing),
        (None, n) => Err(ImportError::at(1, 1, Phrase::new(several).arg("count", n))
            .with_help(Phrase::new("catalog.import.help.choose_region").part("regions", listed()))),
    }
}

/// The architecture a provider's family name says. AWS: a `g` among the letters after the
/// generation (m6g, c7gn, t4g, r6gd, x2gd, is4gen), and a1. Alibaba Cloud: the `y` families
/// (Yitian 710: g8y, c8y, r8y) and the `r` families of the sixth generation (Ampere Altra: g6r,
/// c6r). Everything else is x86_64.
pub fn arch_of_family(family: &str) -> Arch {
    let family = family.strip_prefix("ecs.").unwrap_or(family);
    let Some(first_digit) = family.find(|c: char| c.is_ascii_digit()) else {
        return Arch::X86_64;
    };
    let after: &str = family[first_digit..].trim_start_matches(|c: char| c.is_ascii_digit());
    let attributes = after.split('-').next().unwrap_or("");
    let arm = family == "a1"
        || attributes.contains('g')
        || attributes.starts_with('y')
        || (attributes.starts_with('r') && family[first_digit..].starts_with('6'));
    if arm { Arch::Arm64 } else { Arch::X86_64 }
}

fn sort_instances(instances: &mut [InstanceType]) {
    instances.sort_by(|a, b| {
        (&a.family, a.vcpus, a.memory, &a.name).cmp(&(&b.family, b.vcpus, b.memory, &b.name))
    });
}

fn skipped_summary(skipped: &[Skipped]) -> Phrase {
    match skipped.first() {
        None => Phrase::new("catalog.import.help.nothing_matched"),
        Some(first) => Phrase::new(if skipped.len() == 1 {
            "catalog.import.help.skipped_one"
        } else {
            "catalog.import.help.skipped"
        })
        .arg("count", skipped.len())
        .arg("name", &first.name)
        .arg("line", first.line)
        .part("reason", first.reason.clone()),
    }
}

/// The line of the first CSV record: the first line that is neither empty nor a `#` comment.
pub(super) fn first_record_line(text: &str) -> usize {
    text.lines()
        .position(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map_or(1, |i| i + 1)
}

/// A finite number, or nothing (`nan` and `inf` parse as floats but are no prices).
pub(super) fn number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

pub(super) fn csv_error(err: &csv::Error) -> ImportError {
    let line = err.position().map_or(1, |p| p.line() as usize);
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Phrase::new("catalog.csv.unequal_row")
            .arg("fields", len)
            .arg("expected", expected_len),
        csv::ErrorKind::Utf8 { .. } => Phrase::new("catalog.csv.not_utf8"),
        _ => Phrase::new("catalog.csv.unreadable_row"),
    };
    ImportError::at(line, 1, message)
}

/// An error at field `index` (0-based) of the row starting at `line`.
pub(super) fn cell_error(text: &str, line: usize, index: usize, message: Phrase) -> ImportError {
    let column = text
        .lines()
        .nth(line.saturating_sub(1))
        .map_or(1, |row| field_column(row, index));
    ImportError::at(line, column, message)
}

/// The 1-based character column where field `index` of a CSV line starts.
pub(super) fn field_column(row: &str, index: usize) -> usize {
    if index == usize::MAX {
        return 1;
    }
    let mut field = 0;
    let mut quoted = false;
    for (column, c) in row.chars().enumerate() {
        if field == index {
            return column + 1;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => field += 1,
            _ => {}
        }
    }
    if field == index {
        row.chars().count() + 1
    } else {
        1
    }
}

/// The closest known column to `unknown`, or the list of known ones.
pub(super) fn did_you_mean(unknown: &str, known: &[&str]) -> Phrase {
    let columns = known.join(", ");
    match closest(unknown, known) {
        Some(column) => Phrase::new("catalog.csv.help.did_you_mean")
            .arg("column", column)
            .arg("columns", columns),
        None => Phrase::new("catalog.csv.help.columns").arg("columns", columns),
    }
}

/// What the importers' tests share.
#[cfg(test)]
pub(crate) mod test_support {
    use super::ImportOptions;
    use crate::model::{Catalog, InstanceType};

    pub(crate) const GIB: u64 = 1 << 30;

    pub(crate) fn opts(region: Option<&str>) -> ImportOptions<'_> {
        ImportOptions {
            region,
            as_of: Some("2026-01-01"),
        }
    }

    pub(crate) fn find<'a>(catalog: &'a Catalog, name: &str) -> &'a InstanceType {
        catalog
            .find(name)
            .unwrap_or_else(|| panic!("{name} missing from {:?}", catalog.instances))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_name_their_architecture() {
        for arm in [
            "m6g", "c7gn", "t4g", "r6gd", "x2gd", "is4gen", "im4gn", "g5g", "a1",
        ] {
            assert_eq!(arch_of_family(arm), Arch::Arm64, "{arm}");
        }
        for arm in ["g8y", "c8y", "r8y", "g6r", "c6r"] {
            assert_eq!(arch_of_family(arm), Arch::Arm64, "{arm}");
        }
        for x86 in ["m7i", "c7i", "r7i", "t3", "g4dn", "g5", "inf2", "p4d", "m5"] {
            assert_eq!(arch_of_family(x86), Arch::X86_64, "{x86}");
        }
        for x86 in [
            "e-c1m1", "t6-c1m1", "g7", "c7", "r7", "u1-c1m1", "g7a", "r6", "g8i",
        ] {
            assert_eq!(arch_of_family(x86), Arch::X86_64, "{x86}");
        }
    }

    #[test]
    fn field_columns_respect_quotes() {
        assert_eq!(field_column("a,b,c", 0), 1);
        assert_eq!(field_column("a,b,c", 2), 5);
        assert_eq!(field_column("\"x,y\",b", 1), 7);
        assert_eq!(field_column("a,b,", 2), 5);
        assert_eq!(field_column("a,b", 2), 1);
        assert_eq!(field_column("a", 9), 1);
    }
}
