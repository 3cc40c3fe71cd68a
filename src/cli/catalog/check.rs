//! Checks of a parsed catalog that its types cannot express (unique names, vCPUs and memory above
//! zero, prices of zero or more, baselines in (0, 1], currencies), each reported at the entry and
//! field it concerns; and diagnostics for importer errors.

use crate::cli::error::{CliError, InputError};
use crate::cli::input::word_positions;
use crate::model::{Bytes, Catalog};
use crate::probe::catalog_import::ImportError;
use std::collections::BTreeMap;
use std::path::Path;

/// Something wrong with a catalog that parsed: which entry (if any), which field, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub entry: Option<usize>,
    pub field: &'static str,
    pub message: String,
}

/// Unique names, vCPUs and memory above zero, prices of zero or more, baselines in (0, 1],
/// non-empty currencies: every way a parsed catalog can still be wrong, in file order.
pub fn check_catalog(catalog: &Catalog) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |entry, field, message: String| {
        problems.push(Problem {
            entry,
            field,
            message,
        })
    };
    if catalog.name.trim().is_empty() {
        push(
            None,
            "name",
            "the catalog's 'name' is empty: expected a name".into(),
        );
    }
    if catalog.instances.is_empty() {
        push(
            None,
            "instances",
            "'instances' is empty: expected at least one instance type".into(),
        );
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, it) in catalog.instances.iter().enumerate() {
        let entry = Some(index);
        let name = it.name.as_str();
        if name.trim().is_empty() {
            push(
                entry,
                "name",
                "an instance type has an empty 'name': expected a name".into(),
            );
        } else if let Some(first) = seen.insert(name, index) {
            seen.insert(name, first);
            push(
                entry,
                "name",
                format!("'{name}' is listed twice: expected unique names"),
            );
        }
        if it.vcpus == 0 {
            push(
                entry,
                "vcpus",
                format!("'{name}' has 0 vCPUs: expected 1 or more"),
            );
        }
        if it.memory == Bytes::ZERO {
            push(
                entry,
                "memory",
                format!("'{name}' has no memory: expected a size such as '4GiB'"),
            );
        }
        if !it.price.is_finite() || it.price < 0.0 {
            push(
                entry,
                "price",
                format!(
                    "'{name}' has the price '{}': expected zero or more",
                    it.price
                ),
            );
        }
        if let Some(b) = it.cpu_baseline
            && !(b.is_finite() && b > 0.0 && b <= 1.0)
        {
            push(
                entry,
                "cpu_baseline",
                format!(
                    "'{name}' has the CPU baseline '{b}': expected a share above 0 and at most 1, such as 0.2"
                ),
            );
        }
        if it.currency.trim().is_empty() {
            push(
                entry,
                "currency",
                format!("'{name}' has an empty 'currency': expected one such as 'CNY' or 'USD'"),
            );
        }
        if let Some(usable) = it.usable_memory
            && (usable == Bytes::ZERO || usable > it.memory)
        {
            push(
                entry,
                "usable_memory",
                format!(
                    "'{name}' has usable_memory {usable}: expected more than zero and at most its memory ({})",
                    it.memory
                ),
            );
        }
    }
    problems
}

impl Problem {
    /// The diagnostic for this problem, pointing at the field of the entry when it can be found,
    /// else at the entry's name.
    pub(super) fn at(&self, path: &Path, text: &str, catalog: &Catalog) -> InputError {
        let (line, column) = match self.entry {
            None => find_key(text, 0, self.field).unwrap_or((1, 1)),
            Some(index) => {
                let name = catalog
                    .instances
                    .get(index)
                    .map_or("", |it| it.name.as_str());
                let occurrence = catalog
                    .instances
                    .get(..index)
                    .unwrap_or_default()
                    .iter()
                    .filter(|it| it.name == name)
                    .count();
                match find_entry(text, name, occurrence) {
                    Some(place) if self.field == "name" => place,
                    Some((line, column)) => find_key_after(text, (line, column), self.field)
                        .filter(|(l, _)| entry_span(text, line - 1).contains(&(l - 1)))
                        .unwrap_or((line, column)),
                    None => (1, 1),
                }
            }
        };
        input_error(path, text, line, column, self.message.clone(), None)
    }
}

/// Where the `occurrence`-th (0-based) entry named `name` is: the place of the name as a whole
/// word after the `instances` key (or anywhere, for CSV).
fn find_entry(text: &str, name: &str, occurrence: usize) -> Option<(usize, usize)> {
    if name.trim().is_empty() {
        return None;
    }
    let start = text
        .lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches('"');
            l.starts_with("instances")
        })
        .unwrap_or(0);
    text.lines()
        .enumerate()
        .skip(start)
        .filter(|(_, line)| !line.trim_start().starts_with('#'))
        .flat_map(|(index, line)| {
            let code = line.split(" #").next().unwrap_or(line);
            word_positions(code, name)
                .into_iter()
                .map(move |byte| (index + 1, code[..byte].chars().count() + 1))
        })
        .nth(occurrence)
}

/// The lines (0-based) of the entry that starts on line `first`: up to the next list item.
fn entry_span(text: &str, first: usize) -> std::ops::Range<usize> {
    let end = text
        .lines()
        .enumerate()
        .skip(first + 1)
        .find(|(_, l)| l.trim_start().starts_with("- ") || l.trim_start().starts_with('{'))
        .map_or(usize::MAX, |(i, _)| i);
    first..end
}

/// Where the key `field` is written (`field:` or `"field":`), from line `from` (0-based) on.
fn find_key(text: &str, from: usize, field: &str) -> Option<(usize, usize)> {
    find_key_after(text, (from + 1, 1), field)
}

/// Where the key `field` is written (`field:` or `"field":`), at or after `(line, column)`
/// (1-based): on one line, a flow-style entry's own keys come after its name.
fn find_key_after(
    text: &str,
    (line, column): (usize, usize),
    field: &str,
) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .filter(|(_, row)| !row.trim_start().starts_with('#'))
        .find_map(|(index, row)| {
            let code = row.split(" #").next().unwrap_or(row);
            word_positions(code, field).into_iter().find_map(|byte| {
                let at = (index + 1, code[..byte].chars().count() + 1);
                let after = code[byte + field.len()..]
                    .trim_start_matches('"')
                    .trim_start();
                (after.starts_with(':') && at >= (line, column)).then_some(at)
            })
        })
}

/// An `InputError` at a place of `text`; on a very long line (a minified JSON price list) the
/// snippet is cut to the neighbourhood of the place, while the line and column stay exact.
fn input_error(
    path: &Path,
    text: &str,
    line: usize,
    column: usize,
    message: String,
    help: Option<String>,
) -> InputError {
    const WIDE: usize = 400;
    const CONTEXT: usize = 120;
    let row = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let mut error = if row.chars().count() > WIDE {
        let from = column.saturating_sub(CONTEXT + 1);
        let excerpt: String = row.chars().skip(from).take(2 * CONTEXT).collect();
        let mut error = InputError::at(path, &excerpt, 1, column - from, message);
        error.line = line;
        error.column = column;
        error
    } else {
        InputError::at(path, text, line, column, message)
    };
    if let Some(help) = help {
        error = error.with_help(help);
    }
    error
}

pub(super) fn import_error(path: &Path, text: &str, err: ImportError) -> CliError {
    input_error(path, text, err.line, err.column, err.message, err.help).into()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::cli::catalog::{FileFormat, load_text};

    pub(crate) const SMALL: &str = "name: mine
instances:
  - name: box.small
    family: box
    vcpus: 2
    memory: 2GiB
    price: 5
    currency: EUR
    period: month
    billing: subscription
    region: fsn1
    source: price page
    as_of: \"2026-01-01\"
  - name: box.large
    family: box
    vcpus: 4
    memory: 8GiB
    price: 12
    currency: EUR
    period: month
    billing: subscription
    region: fsn1
    source: price page
    as_of: \"2026-01-01\"
";

    fn yaml_error(text: &str) -> InputError {
        match load_text(Path::new("mine.yaml"), text, FileFormat::Yaml) {
            Err(CliError::Input(e)) => *e,
            other => panic!("expected an input error, got {other:?}"),
        }
    }

    #[test]
    fn a_good_user_catalog_loads() {
        let catalog = load_text(Path::new("mine.yaml"), SMALL, FileFormat::Yaml);
        let catalog = catalog.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(catalog.instances.len(), 2);
    }

    #[test]
    fn bad_user_catalogs_point_at_the_line() {
        let e = yaml_error(&SMALL.replace("vcpus: 4", "vcpus: 0"));
        assert_eq!((e.line, e.column), (16, 5), "{}", e.message);
        assert!(e.message.contains("0 vCPUs"), "{}", e.message);

        let e = yaml_error(&SMALL.replace("memory: 8GiB", "memory: 8XB"));
        assert_eq!(e.line, 17, "{}", e.message);

        let e = yaml_error(&SMALL.replace("box.large", "box.small"));
        assert_eq!((e.line, e.column), (14, 11), "{}", e.message);
        assert!(e.message.contains("twice"), "{}", e.message);

        let e = yaml_error(&SMALL.replace("price: 12", "price: -1"));
        assert_eq!(e.line, 18, "{}", e.message);

        let e = yaml_error(&SMALL.replace(
            "family: box\n    vcpus: 2",
            "family: box\n    vcpus: 2\n    cpu_baseline: 1.5",
        ));
        assert_eq!(e.line, 6, "{}", e.message);

        let e = yaml_error(&SMALL.replace("currency: EUR\n    period: month\n    billing: subscription\n    region: fsn1\n    source: price page\n    as_of: \"2026-01-01\"\n  - name: box.large", "currency: \"\"\n    period: month\n    billing: subscription\n    region: fsn1\n    source: price page\n    as_of: \"2026-01-01\"\n  - name: box.large"));
        assert_eq!(e.line, 8, "{}", e.message);

        let e = yaml_error("name: mine\ninstances: []\n");
        assert_eq!(e.line, 2, "{}", e.message);

        let e = yaml_error(&SMALL.replace("    region: fsn1\n    source: price page\n    as_of: \"2026-01-01\"\n  - name: box.large", "    source: price page\n    as_of: \"2026-01-01\"\n  - name: box.large"));
        assert!(e.message.contains("region"), "{}", e.message);
    }

    #[test]
    fn long_lines_keep_their_position_but_not_their_length() {
        let text = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let e = input_error(Path::new("big.json"), &text, 1, 5001, "here".into(), None);
        assert_eq!((e.line, e.column), (1, 5001));
        assert!(e.src.inner().len() < 300);
    }
}
