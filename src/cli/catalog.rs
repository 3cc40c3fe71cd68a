//! `hostfit catalog`: list a built-in or user catalog, or import a provider's price list into a
//! catalog file; and `resolve_catalog`, which finds and reads the catalog a plan names. Reads and
//! writes files and maps the catalog layer's problems to places; the parsing, importing and
//! checking are the `catalog` layer's.

mod import;
mod list;

use super::args::LangArg;
use super::error::CliError;
use super::input::parse_yaml;
use super::output::{StdoutSink, write_stdout};
use super::problems::{check_yaml, problem_error};
use super::read::{join_relative, read_text};
use crate::catalog::{builtin_names, builtin_text, parse_catalog_csv};
use crate::model::{Catalog, Segment};
use crate::report::Lang;
use clap::{Args, Subcommand, ValueEnum};
use import::{import_error, run_import};
use list::{list_builtins, list_types};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Without NAME|PATH, lists the built-in catalogs (aliyun: Alibaba Cloud ECS cn-hangzhou, \
                  estimated CNY/month; aws: EC2 us-east-1, USD/hour). A catalog file is YAML (or JSON) \
                  with the fields of a built-in catalog, or CSV with those field names as its header."
)]
pub struct CatalogArgs {
    #[command(subcommand)]
    pub command: Option<CatalogCommand>,
    /// A built-in catalog (aliyun, aws) or a catalog file (.yaml, .yml, .json, .csv)
    #[arg(value_name = "NAME|PATH")]
    pub catalog: Option<String>,
    /// text: a table; json: one object per type (name, family, vcpus, cpu_baseline,
    /// memory_bytes, arch, monthly_cost, currency, estimate), hourly prices x 730
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: ListFormat,
    /// Language of the listing and of the import summary; default from LC_ALL, LC_MESSAGES or
    /// LANG (zh_* gives Chinese), else English
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Turn a provider's price list into a catalog file that `hostfit plan` can use
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The price list: Alibaba Cloud's instancePrice.json or SkyPilot's vms.csv
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// What the file is
    #[arg(long, value_enum)]
    pub from: ImportSource,
    /// Keep only this region, e.g. cn-hangzhou or us-east-1 (needed when the file prices several)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Write the catalog (YAML) to this file, whole or not at all, instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The date of the prices when the file does not say (default: the file's modification date)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// The catalog's name (default: the provider and the region, e.g. aliyun-cn-hangzhou)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportSource {
    /// Alibaba Cloud's public instancePrice.json
    AliyunPriceJson,
    /// SkyPilot's catalog vms.csv
    SkypilotCsv,
}

impl ImportSource {
    fn label(self) -> &'static str {
        match self {
            ImportSource::AliyunPriceJson => "aliyun-price-json",
            ImportSource::SkypilotCsv => "skypilot-csv",
        }
    }
}

/// Runs `hostfit catalog` in `lang`, writing to standard output and warnings to standard error.
pub fn run(args: &CatalogArgs, lang: Lang) -> Result<(), CliError> {
    let mut stderr = std::io::stderr().lock();
    execute(args, lang, Path::new(""), &mut StdoutSink, &mut stderr)
}

fn execute(
    args: &CatalogArgs,
    lang: Lang,
    base_dir: &Path,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<(), CliError> {
    let listing = match (&args.command, &args.catalog) {
        (Some(CatalogCommand::Import(import)), _) => {
            return run_import(import, lang, base_dir, out, warn);
        }
        (None, None) => list_builtins(args.format, lang)?,
        (None, Some(spec)) => {
            list_types(&resolve_catalog(spec, base_dir, lang)?, args.format, lang)?
        }
    };
    write_stdout(out, &listing)
}

/// A built-in catalog by name, read and checked; `None` when there is no such built-in.
pub fn builtin(name: &str, lang: Lang) -> Option<Result<Catalog, CliError>> {
    let text = builtin_text(name)?;
    let path = PathBuf::from(format!("src/catalog/data/{name}.yaml"));
    Some(load_text(&path, text, FileFormat::Yaml, lang))
}

/// The catalog a plan or a flag names: a built-in name (`aliyun`, `aws`), else a file relative
/// to `base_dir` (`.yaml`, `.yml` or `.json` read as YAML, `.csv` as a catalog CSV). Bad files
/// give diagnostics with file, line and column.
pub fn resolve_catalog(spec: &str, base_dir: &Path, lang: Lang) -> Result<Catalog, CliError> {
    if let Some(found) = builtin(spec, lang) {
        return found;
    }
    let path = join_relative(base_dir, Path::new(spec));
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let format = match extension.as_deref() {
        Some("yaml" | "yml" | "json") => FileFormat::Yaml,
        Some("csv") => FileFormat::Csv,
        _ if !path.exists() => return Err(unknown_catalog(spec, &path)),
        _ => return Err(CliError::CatalogFormat { path }),
    };
    let text = read_text(&path)?;
    load_text(&path, &text, format, lang)
}

/// The file a catalog spec names, `None` for a built-in.
pub fn catalog_file(spec: &str, base_dir: &Path) -> Option<PathBuf> {
    builtin_text(spec)
        .is_none()
        .then(|| join_relative(base_dir, Path::new(spec)))
}

fn unknown_catalog(spec: &str, path: &Path) -> CliError {
    let builtins: Vec<String> = builtin_names().map(str::to_string).collect();
    let names: Vec<&str> = builtins.iter().map(String::as_str).collect();
    let close = crate::model::closest(spec, &names).map(str::to_string);
    CliError::UnknownCatalog {
        spec: spec.to_string(),
        path: path.to_path_buf(),
        builtins,
        close,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileFormat {
    Yaml,
    Csv,
}

fn load_text(path: &Path, text: &str, format: FileFormat, lang: Lang) -> Result<Catalog, CliError> {
    match format {
        FileFormat::Yaml => {
            let catalog = parse_yaml::<Catalog>(path, text, lang)?;
            check_yaml(path, text, &catalog.problems(), lang)?;
            Ok(catalog)
        }
        FileFormat::Csv => {
            let (mut catalog, places) =
                parse_catalog_csv(text).map_err(|e| import_error(path, text, e, lang))?;
            if let Some(stem) = path.file_stem() {
                catalog.name = stem.to_string_lossy().into_owned();
            }
            if let Some(problem) = catalog.problems().first() {
                let (entry, field) = match problem.path.segments() {
                    [Segment::Key(_), Segment::Index(i), Segment::Key(f), ..] => {
                        (Some(*i), Some(f.as_str()))
                    }
                    [Segment::Key(_), Segment::Index(i)] => (Some(*i), None),
                    _ => (None, None),
                };
                let (line, column) = places.place(text, entry, field);
                let place = super::spans::Place {
                    line,
                    column,
                    offset: 0,
                    len: 0,
                };
                return Err(problem_error(path, text, problem, Some(place), lang).into());
            }
            Ok(catalog)
        }
    }
}

#[cfg(test)]
mod tests;
