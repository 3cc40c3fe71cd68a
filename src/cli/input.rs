//! Reading the user's files: plans, snapshots and catalogs in YAML (or JSON, which YAML reads),
//! turned into model values or into diagnostics that name the file, line and column.

use super::error::{CliError, InputError};
use super::read::read_text;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses YAML (or JSON) text into `T`, or points at the place that is wrong.
pub fn parse_yaml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Box<InputError>> {
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options::<T>(text, options).map_err(|err| {
        let raw = err.to_string();
        let message = plain_words(strip_location(&raw));
        let (line, column) = err
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((1, 1));
        let help = did_you_mean(&message);
        let error = InputError::at(path, text, line, column, message);
        Box::new(match help {
            Some(h) => error.with_help(h),
            None => error,
        })
    })
}

/// Reads and parses a file in one step.
pub fn load_yaml<T: DeserializeOwned>(path: &Path) -> Result<(T, String), CliError> {
    let text = read_text(path)?;
    let value = parse_yaml(path, &text)?;
    Ok((value, text))
}

/// The parser's terse phrases, said as what was expected.
fn plain_words(message: &str) -> String {
    const PHRASES: &[(&str, &str)] = &[
        ("invalid u8", "expected a whole number from 0 to 255"),
        ("invalid u16", "expected a whole number from 0 to 65535"),
        (
            "invalid u32",
            "expected a whole number from 0 to 4294967295",
        ),
        ("invalid u64", "expected a whole number of 0 or more"),
        ("invalid i64", "expected a whole number"),
        (
            "expected sequence start",
            "expected a list ('[a, b]' or lines starting with '- ')",
        ),
        (
            "expected mapping start",
            "expected a mapping of keys to values ('key: value')",
        ),
    ];
    PHRASES
        .iter()
        .find(|(terse, _)| message == *terse)
        .map_or_else(|| message.to_string(), |(_, plain)| (*plain).to_string())
}

/// serde-saphyr ends its messages with " at line L, column C"; the diagnostic says that itself.
fn strip_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(", column ") => &message[..i],
        _ => message,
    }
}

/// For "unknown field `nmae`, expected one of name, taken_at, ...", the closest known key.
fn did_you_mean(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest
        .split_once("expected one of ")
        .map(|(_, list)| list)
        .or_else(|| rest.split_once("expected ").map(|(_, one)| one))?;
    let keys: Vec<&str> = expected
        .split(',')
        .map(|k| k.trim().trim_matches('`'))
        .filter(|k| !k.is_empty())
        .collect();
    let best = keys
        .iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), *k))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    if best.0 >= 0.7 {
        Some(format!(
            "did you mean '{}'? Known keys here: {}",
            best.1,
            keys.join(", ")
        ))
    } else {
        Some(format!("known keys here: {}", keys.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Snapshot;

    #[test]
    fn unknown_key_suggests_the_closest() {
        let text = "host:\n  nmae: x\n";
        let err = parse_yaml::<Snapshot>(Path::new("s.yaml"), text).err();
        let err = err.expect("an error");
        assert_eq!((err.line, err.column), (2, 3));
        assert!(
            err.message.starts_with("unknown field `nmae`"),
            "{}",
            err.message
        );
        assert!(
            err.help
                .as_deref()
                .unwrap_or("")
                .contains("did you mean 'name'")
        );
    }
}
