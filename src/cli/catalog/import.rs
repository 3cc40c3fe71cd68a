//! `hostfit catalog import`: read a provider's price list, run the pure importer, write the
//! catalog as YAML (whole or not at all) and have `report::catalog` word the header and the
//! summary of what was imported and skipped.

use super::check::{check_catalog, import_error};
use super::{ImportArgs, ImportSource, write_stdout};
use crate::cli::error::CliError;
use crate::cli::input::read_text;
use crate::cli::output::write_atomically;
use crate::model::{Billing, Catalog, Period};
use crate::probe::catalog_import::{
    ImportOptions, Imported, parse_aliyun_price_json, parse_skypilot_csv,
};
use crate::report::Lang;
use crate::report::catalog::{ImportSummary, SkippedEntry, import_header, write_import_summary};
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

pub(super) fn run_import(
    args: &ImportArgs,
    lang: Lang,
    base_dir: &Path,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<(), CliError> {
    let path = base_dir.join(&args.file);
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
    .map_err(|e| import_error(&path, &text, e))?;
    if let Some(name) = &args.name {
        catalog.name = name.clone();
    }
    if let Some(problem) = check_catalog(&catalog).into_iter().next() {
        return Err(CliError::Other {
            message: format!(
                "the catalog imported from '{}' is not valid: {}",
                path.display(),
                problem.message
            ),
        });
    }
    let skipped: Vec<SkippedEntry<'_>> = skipped
        .iter()
        .map(|s| SkippedEntry {
            name: &s.name,
            reason: &s.reason,
        })
        .collect();
    let file = args.file.display().to_string();
    let output = args.output.as_ref().map(|o| o.display().to_string());
    let summary = ImportSummary {
        source: args.from.label(),
        file: &file,
        region_flag: args.region.as_deref(),
        region: catalog
            .instances
            .first()
            .map_or("", |it| it.region.as_str()),
        types: catalog.instances.len(),
        output: output.as_deref(),
        skipped: &skipped,
    };
    let yaml = catalog_yaml(&catalog, &import_header(&summary, lang));
    match &args.output {
        Some(output) => write_atomically(&base_dir.join(output), yaml.as_bytes())?,
        None => write_stdout(out, yaml.as_bytes())?,
    }
    let mut note = Vec::new();
    // A failed note is no reason to fail the import: the catalog is written.
    if write_import_summary(&summary, lang, &mut note).is_ok() {
        let _ = warn.write_all(&note);
    }
    Ok(())
}

/// The catalog as YAML in the layout of the built-in catalogs, with `header` as a comment.
/// Strings are written as JSON string literals, which YAML reads as double-quoted scalars.
pub fn catalog_yaml(catalog: &Catalog, header: &str) -> String {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let mut y = String::new();
    for line in header.lines() {
        let _ = writeln!(y, "# {line}");
    }
    if !header.is_empty() {
        y.push('\n');
    }
    let _ = writeln!(y, "name: {}", quote(&catalog.name));
    if let Some(description) = &catalog.description {
        let _ = writeln!(y, "description: {}", quote(description));
    }
    y.push_str("instances:\n");
    for it in &catalog.instances {
        let _ = writeln!(y, "  - name: {}", quote(&it.name));
        let _ = writeln!(y, "    family: {}", quote(&it.family));
        let _ = writeln!(y, "    vcpus: {}", it.vcpus);
        if let Some(b) = it.cpu_baseline {
            let _ = writeln!(y, "    cpu_baseline: {b}");
        }
        let _ = writeln!(y, "    memory: {}", it.memory.exact());
        let _ = writeln!(y, "    price: {}", it.price);
        let _ = writeln!(y, "    currency: {}", quote(&it.currency));
        let period = match it.period {
            Period::Month => "month",
            Period::Hour => "hour",
        };
        let billing = match it.billing {
            Billing::Subscription => "subscription",
            Billing::OnDemand => "on-demand",
        };
        let _ = writeln!(y, "    period: {period}");
        let _ = writeln!(y, "    billing: {billing}");
        let _ = writeln!(y, "    region: {}", quote(&it.region));
        if let Some(usable) = it.usable_memory {
            let _ = writeln!(y, "    usable_memory: {}", usable.exact());
        }
        let _ = writeln!(y, "    source: {}", quote(&it.source));
        let _ = writeln!(y, "    as_of: {}", quote(&it.as_of));
        let _ = writeln!(y, "    estimate: {}", it.estimate);
    }
    y
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
    use crate::cli::catalog::builtin_names;
    use crate::cli::input::parse_yaml;
    use crate::model::Bytes;

    fn load(name: &str) -> Catalog {
        match crate::cli::catalog::builtin(name) {
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
            let back: Catalog =
                parse_yaml(Path::new("back.yaml"), &yaml).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(back, catalog);
        }
        let mut odd = load("aws");
        odd.instances[0].source = "quote \" backslash \\ colon: hash # 中文".into();
        odd.instances[0].memory = Bytes(1_740_000_123);
        odd.instances[0].usable_memory = Some(Bytes(1 << 29));
        let yaml = catalog_yaml(&odd, "");
        let back: Catalog =
            parse_yaml(Path::new("back.yaml"), &yaml).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(back, odd);
    }
}
