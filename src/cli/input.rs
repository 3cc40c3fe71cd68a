//! Reading the user's files: plans, snapshots and catalogs in YAML (or JSON, which YAML reads),
//! turned into model values or into diagnostics that name the file, line and column, worded by
//! `parse_error` in the user's language.

use super::error::{CliError, InputError};
use super::parse_error;
use super::read::read_text;
use crate::report::Lang;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses YAML (or JSON) text into `T`, or points at the place that is wrong, in `lang`.
pub fn parse_yaml<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    lang: Lang,
) -> Result<T, Box<InputError>> {
    serde_saphyr::from_str_with_options::<T>(text, parse_error::options())
        .map_err(|err| Box::new(parse_error::input_error(path, text, &err, lang)))
}

/// Reads and parses a file in one step.
pub fn load_yaml<T: DeserializeOwned>(path: &Path, lang: Lang) -> Result<(T, String), CliError> {
    let text = read_text(path)?;
    let value = parse_yaml(path, &text, lang)?;
    Ok((value, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Snapshot;

    #[test]
    fn unknown_key_suggests_the_closest() {
        let text = "host:\n  nmae: x\n";
        let err = parse_yaml::<Snapshot>(Path::new("s.yaml"), text, Lang::En).err();
        let err = err.expect("an error");
        assert_eq!((err.line, err.column), (2, 3));
        assert!(err.message.contains("'nmae'"), "{}", err.message);
        assert!(
            err.help
                .as_deref()
                .unwrap_or("")
                .contains("did you mean 'name'"),
            "{:?}",
            err.help
        );
    }
}
