//! `hostfit catalog import`: read a provider's price list, run the pure importer, write the
//! catalog as YAML (whole or not at all) and have `report::catalog` word the header and the
//! summary of what was imported and skipped. The importers' errors and skip reasons are phrases;
//! they are worded here from the tables, in the user's language.

use super::{ImportArgs, ImportSource};
use crate::catalog::{
    ImportError, ImportOptions, Imported, catalog_yaml, parse_aliyun_price_json, parse_skypilot_csv,
};
use crate::cli::error::{CliError, InputError};
use crate::cli::output::{Output, write_stdout};
use crate::cli::parse_error::word;
use crate::cli::read::read_text;
use crate::report::Lang;
use crate::report::catalog::{ImportSummary, SkippedEntry, import_header, write_import_summary};
use crate::report::messages::Msg;
use std::io::Write;
use std::path::Path;

pub(super) fn run_import(
    args: &ImportArgs,
    lang: Lang,
    base_dir: &Path,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<(), CliError> {
    if let Some(date) = args
        .as_of
        .as_deref()
        .filter(|d| !crate::model::date::is_date(d))
    {
        return Err(CliError::BadDate {
            flag: "--as-of",
            value: date.to_string(),
        });
    }
    let path = base_dir.join(&args.file);
    let output = args.output.as_ref().map(|o| base_dir.join(o));
    let output = Output::open(output.as_deref(), &[&path])?;
    let text = read_text(&path)?;
    let as_of = args.as_of.clone().or_else(|| modified_date(&path));
    let options = ImportOptions {
        region: args.region.as_deref(),
        as_of: as_of.as_deref(),
    };
    let Imported {
        mut catalog,
        skipped,
    } = match args.from {
        ImportSource::AliyunPriceJson => parse_aliyun_price_json(&text, &options),
        ImportSource::SkypilotCsv => parse_skypilot_csv(&text, &options),
    }
    .map_err(|e| import_error(&path, &text, e, lang))?;
    if let Some(name) = &args.name {
        catalog.name = name.clone();
    }
    let msg = Msg::new(lang);
    if let Some(problem) = catalog.problems().first() {
        return Err(CliError::ImportInvalid {
            path,
            problem: problem.clone(),
        });
    }
    let reasons: Vec<String> = skipped.iter().map(|s| word(&msg, &s.reason)).collect();
    let skipped: Vec<SkippedEntry<'_>> = skipped
        .iter()
        .zip(&reasons)
        .map(|(s, reason)| SkippedEntry {
            name: &s.name,
            reason,
        })
        .collect();
    let file = args.file.display().to_string();
    let shown = args.output.as_ref().map(|o| o.display().to_string());
    let summary = ImportSummary {
        source: args.from.label(),
        file: &file,
        region_flag: args.region.as_deref(),
        region: catalog
            .instances
            .first()
            .map_or("", |it| it.region.as_str()),
        types: catalog.instances.len(),
        output: shown.as_deref(),
        skipped: &skipped,
    };
    let yaml = catalog_yaml(&catalog, &import_header(&summary, lang));
    match &args.output {
        Some(_) => output.write(yaml.as_bytes())?,
        None => write_stdout(out, yaml.as_bytes())?,
    }
    let mut note = Vec::new();
    // A failed note is no reason to fail the import: the catalog is written.
    if write_import_summary(&summary, lang, &mut note).is_ok() {
        let _ = warn.write_all(&note);
    }
    Ok(())
}

/// A price list or catalog CSV that cannot be read, at its line and column, in `lang`.
pub(super) fn import_error(path: &Path, text: &str, err: ImportError, lang: Lang) -> CliError {
    let msg = Msg::new(lang);
    let error = InputError::at(path, text, err.line, err.column, word(&msg, &err.message));
    match err.help {
        Some(help) => error.with_help(word(&msg, &help)).into(),
        None => error.into(),
    }
}

/// The file's modification date as YYYY-MM-DD (UTC), when the file system knows it.
fn modified_date(path: &Path) -> Option<String> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let seconds = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    let (y, m, d) = crate::cli::clock::civil_from_days(i64::try_from(seconds / 86_400).ok()?);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::builtin_names;
    use crate::cli::input::parse_yaml;
    use crate::model::{Bytes, Catalog};

    fn load(name: &str) -> Catalog {
        match crate::cli::catalog::builtin(name, Lang::En) {
            Some(Ok(catalog)) => catalog,
            Some(Err(e)) => panic!("{name}: {e:?}"),
            None => panic!("no built-in {name}"),
        }
    }

    #[test]
    fn yaml_output_reads_back_as_the_same_catalog() {
        for name in builtin_names() {
            let catalog = load(name);
            let yaml = catalog_yaml(&catalog, "a header\nover two lines");
            let back: Catalog = parse_yaml(Path::new("back.yaml"), &yaml, Lang::En)
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(back, catalog);
        }
        let mut odd = load("aws");
        odd.instances[0].source = "quote \" backslash \\ colon: hash # 中文".into();
        odd.instances[0].memory = Bytes(1_740_000_123);
        odd.instances[0].usable_memory = Some(Bytes(1 << 29));
        odd.instances[0].arch = crate::model::Arch::Arm64;
        let yaml = catalog_yaml(&odd, "");
        let back: Catalog =
            parse_yaml(Path::new("back.yaml"), &yaml, Lang::En).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(back, odd);
    }
}
