//! Reading the user's files: plans, snapshots and catalogs in YAML (or JSON, which YAML reads),
//! turned into model values or into diagnostics that name the file, line and column, worded by
//! `parse_error` in the user's language.

use super::error::{CliError, InputError};
use super::parse_error;
use crate::report::Lang;
use serde::de::DeserializeOwned;
use std::path::Path;

/// `base/rel` without the `./` steps that make paths in messages hard to read; an absolute `rel`
/// stays as it is.
pub fn join_relative(base: &Path, rel: &Path) -> std::path::PathBuf {
    base.join(rel)
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Reads a whole file, or says which file could not be read.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|source| CliError::Read {
        path: path.to_path_buf(),
        source,
    })
}

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
