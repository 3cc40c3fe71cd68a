//! `hostfit catalog`: list a built-in or user catalog, or import a provider's price list into a
//! catalog file; and `resolve_catalog`, which finds the catalog a plan names. Reads and writes
//! files and checks what it reads; the importers themselves are pure (`probe::catalog_import`).

mod check;
mod import;
mod list;

pub use check::{Problem, check_catalog};
pub use import::catalog_yaml;

use super::args::LangArg;
use super::error::CliError;
use super::input::{parse_yaml, read_text};
use super::resolve_lang;
use crate::model::Catalog;
use crate::probe::catalog_import;
use crate::report::Lang;
use check::import_error;
use clap::{Args, Subcommand, ValueEnum};
use import::run_import;
use list::{list_builtins, list_types};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The catalogs compiled into the binary: name and YAML text.
const BUILTINS: &[(&str, &str)] = &[
    ("aliyun", include_str!("../catalogs/aliyun.yaml")),
    ("aws", include_str!("../catalogs/aws.yaml")),
];

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
    /// memory_bytes, monthly_cost, currency, estimate), hourly prices x 730
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

/// Runs `hostfit catalog`, writing to standard output and warnings to standard error.
pub fn run(args: &CatalogArgs) -> Result<(), CliError> {
    let env = |k: &str| std::env::var(k).ok();
    let lang = resolve_lang(args.lang, &env);
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    execute(args, lang, Path::new(""), &mut stdout, &mut stderr)
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
        (None, Some(spec)) => list_types(&resolve_catalog(spec, base_dir)?, args.format, lang)?,
    };
    write_stdout(out, &listing)
}

// ---------------------------------------------------------------------------------------------
// Finding and loading catalogs
// ---------------------------------------------------------------------------------------------

/// The names of the built-in catalogs.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTINS.iter().map(|(name, _)| *name)
}

/// A built-in catalog by name, read and checked; `None` when there is no such built-in.
pub fn builtin(name: &str) -> Option<Result<Catalog, CliError>> {
    let (_, text) = BUILTINS.iter().find(|(n, _)| *n == name)?;
    let path = PathBuf::from(format!("src/catalogs/{name}.yaml"));
    Some(load_text(&path, text, FileFormat::Yaml))
}

/// The catalog a plan or a flag names: a built-in name (`aliyun`, `aws`), else a file relative
/// to `base_dir` (`.yaml`, `.yml` or `.json` read as YAML, `.csv` as a catalog CSV). Bad files
/// give diagnostics with file, line and column.
pub fn resolve_catalog(spec: &str, base_dir: &Path) -> Result<Catalog, CliError> {
    if let Some(found) = builtin(spec) {
        return found;
    }
    let path = crate::cli::input::join_relative(base_dir, Path::new(spec));
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let format = match extension.as_deref() {
        Some("yaml" | "yml" | "json") => FileFormat::Yaml,
        Some("csv") => FileFormat::Csv,
        _ if !path.exists() => return Err(unknown_catalog(spec, &path)),
        _ => {
            return Err(CliError::Usage(format!(
                "cannot tell the format of catalog '{}': expected a name ending in .yaml, .yml, .json or .csv",
                path.display()
            )));
        }
    };
    let text = read_text(&path)?;
    load_text(&path, &text, format)
}

fn unknown_catalog(spec: &str, path: &Path) -> CliError {
    let names: Vec<&str> = builtin_names().collect();
    let close = names
        .iter()
        .map(|n| (strsim::jaro_winkler(spec, n), *n))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| format!("; did you mean '{n}'?"))
        .unwrap_or_default();
    CliError::Usage(format!(
        "unknown catalog '{spec}': the built-in catalogs are {}, and there is no file '{}'{close}",
        names
            .iter()
            .map(|n| format!("'{n}'"))
            .collect::<Vec<_>>()
            .join(", "),
        path.display()
    ))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileFormat {
    Yaml,
    Csv,
}

fn load_text(path: &Path, text: &str, format: FileFormat) -> Result<Catalog, CliError> {
    let catalog = match format {
        FileFormat::Yaml => parse_yaml::<Catalog>(path, text)?,
        FileFormat::Csv => {
            let mut catalog =
                catalog_import::parse_catalog_csv(text).map_err(|e| import_error(path, text, e))?;
            if let Some(stem) = path.file_stem() {
                catalog.name = stem.to_string_lossy().into_owned();
            }
            catalog
        }
    };
    if let Some(problem) = check_catalog(&catalog).into_iter().next() {
        return Err(problem.at(path, text, &catalog).into());
    }
    Ok(catalog)
}

fn write_stdout(out: &mut dyn Write, bytes: &[u8]) -> Result<(), CliError> {
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|source| CliError::Write {
            path: "standard output".into(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Billing, Bytes, InstanceType, Period};
    use check::tests::SMALL;

    const GIB: u64 = 1 << 30;

    fn load(name: &str) -> Catalog {
        match builtin(name) {
            Some(Ok(catalog)) => catalog,
            Some(Err(e)) => panic!("{name}: {e:?}"),
            None => panic!("no built-in {name}"),
        }
    }

    fn get<'a>(catalog: &'a Catalog, name: &str) -> &'a InstanceType {
        catalog
            .find(name)
            .unwrap_or_else(|| panic!("{name} missing from {}", catalog.name))
    }

    #[test]
    fn builtins_load_and_pass_every_check() {
        for name in builtin_names() {
            let catalog = load(name);
            assert_eq!(catalog.name, name);
            assert!(check_catalog(&catalog).is_empty(), "{name}");
            for it in &catalog.instances {
                assert!(!it.source.trim().is_empty(), "{}", it.name);
                assert!(!it.as_of.trim().is_empty(), "{}", it.name);
                assert!(
                    !it.family.is_empty() && it.name.contains(&it.family),
                    "{}",
                    it.name
                );
            }
        }
        assert!(builtin("gcp").is_none());
    }

    #[test]
    fn the_seed_host_is_in_the_aliyun_catalog_at_the_seeds_price() {
        let catalog = load("aliyun");
        let seed = get(&catalog, "ecs.e-c1m1.large");
        assert_eq!((seed.vcpus, seed.memory), (2, Bytes(2 * GIB)));
        assert_eq!(seed.cpu_baseline, None, "e is not burstable");
        assert_eq!(
            (seed.period, seed.billing),
            (Period::Month, Billing::Subscription)
        );
        assert_eq!(seed.currency, "CNY");
        assert!((80.0..=100.0).contains(&seed.price), "{}", seed.price);

        let two_by_four: Vec<&InstanceType> = catalog
            .instances
            .iter()
            .filter(|it| it.vcpus == 2 && it.memory == Bytes(4 * GIB))
            .collect();
        assert!(two_by_four.len() >= 3);
        for it in two_by_four {
            assert!(
                (120.0..=150.0).contains(&it.price),
                "{} {}",
                it.name,
                it.price
            );
        }
    }

    #[test]
    fn aliyun_is_estimated_in_one_region_with_the_documented_families() {
        let catalog = load("aliyun");
        assert!(catalog.instances.iter().all(|it| it.estimate
            && it.region == "cn-hangzhou"
            && it.currency == "CNY"
            && it.period == Period::Month));
        for family in ["t6", "e", "u1", "c7", "g7", "r7"] {
            assert!(
                catalog.instances.iter().any(|it| it.family == family),
                "{family}"
            );
        }
        for size in ["large", "xlarge", "2xlarge", "4xlarge"] {
            for family in ["c7", "g7", "r7"] {
                let it = get(&catalog, &format!("ecs.{family}.{size}"));
                let per_vcpu = match family {
                    "c7" => 2,
                    "g7" => 4,
                    _ => 8,
                };
                assert_eq!(it.memory, Bytes(u64::from(it.vcpus) * per_vcpu * GIB));
            }
        }
        let baselines: Vec<(&str, Option<f64>)> = catalog
            .instances
            .iter()
            .filter(|it| it.family == "t6")
            .map(|it| (it.name.as_str(), it.cpu_baseline))
            .collect();
        assert_eq!(
            baselines,
            [
                ("ecs.t6-c1m1.large", Some(0.2)),
                ("ecs.t6-c1m2.large", Some(0.2)),
                ("ecs.t6-c1m4.large", Some(0.3)),
                ("ecs.t6-c1m4.xlarge", Some(0.4)),
                ("ecs.t6-c1m4.2xlarge", Some(0.4)),
            ]
        );
    }

    #[test]
    fn prices_grow_with_size_within_a_family() {
        for name in builtin_names() {
            let catalog = load(name);
            for a in &catalog.instances {
                for b in &catalog.instances {
                    let bigger = b.vcpus >= a.vcpus && b.memory >= a.memory && b.name != a.name;
                    if a.family == b.family && bigger {
                        assert!(
                            b.monthly_cost() > a.monthly_cost(),
                            "{} ({}) should cost more than {} ({})",
                            b.name,
                            b.monthly_cost(),
                            a.name,
                            a.monthly_cost()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn aws_t3_carries_its_baselines() {
        let catalog = load("aws");
        let expected = [
            ("t3.nano", 0.05),
            ("t3.micro", 0.10),
            ("t3.small", 0.20),
            ("t3.medium", 0.20),
            ("t3.large", 0.30),
            ("t3.xlarge", 0.40),
            ("t3.2xlarge", 0.40),
        ];
        for (name, baseline) in expected {
            assert_eq!(get(&catalog, name).cpu_baseline, Some(baseline), "{name}");
        }
        let large = get(&catalog, "t3.large");
        assert!((large.planning_cores().0 - 0.6).abs() < 1e-9);
        assert!((large.monthly_cost() - 0.0832 * 730.0).abs() < 1e-9);
        for family in ["m7i", "c7i", "r7i"] {
            for size in ["large", "xlarge", "2xlarge", "4xlarge"] {
                let it = get(&catalog, &format!("{family}.{size}"));
                assert_eq!((it.period, it.billing), (Period::Hour, Billing::OnDemand));
                assert_eq!(it.cpu_baseline, None);
            }
        }
    }

    fn temp_dir(tag: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("hostfit-catalog-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    #[test]
    fn resolve_finds_builtins_then_files() {
        let dir = temp_dir("resolve");
        assert_eq!(
            resolve_catalog("aws", &dir).map(|c| c.name).ok(),
            Some("aws".into())
        );

        let csv = "name,family,vcpus,memory,price,currency,period,billing,region,source,as_of\nbox.small,box,2,2GiB,5,EUR,month,subscription,fsn1,page,2026-01-01\n";
        std::fs::write(dir.join("mine.csv"), csv).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("mine.yaml"), SMALL).unwrap_or_else(|e| panic!("{e}"));
        let from_csv = resolve_catalog("mine.csv", &dir).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (from_csv.name.as_str(), from_csv.instances.len()),
            ("mine", 1)
        );
        let from_yaml = resolve_catalog("mine.yaml", &dir).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(from_yaml.instances.len(), 2);

        std::fs::write(dir.join("bad.csv"), csv.replace(",2,2GiB", ",0,2GiB"))
            .unwrap_or_else(|e| panic!("{e}"));
        match resolve_catalog("bad.csv", &dir) {
            Err(CliError::Input(e)) => assert_eq!((e.line, e.column), (2, 1)),
            other => panic!("expected an input error, got {other:?}"),
        }

        match resolve_catalog("alyun", &dir) {
            Err(CliError::Usage(message)) => {
                assert!(message.contains("'aliyun', 'aws'"), "{message}");
                assert!(message.contains("did you mean 'aliyun'"), "{message}");
            }
            other => panic!("expected a usage error, got {other:?}"),
        }
        assert!(matches!(
            resolve_catalog("missing.yaml", &dir),
            Err(CliError::Read { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn run_args(args: &[&str], base: &Path) -> (Result<(), CliError>, String, String) {
        use clap::Parser;
        #[derive(Parser)]
        struct Wrapper {
            #[command(flatten)]
            args: CatalogArgs,
        }
        let parsed =
            Wrapper::try_parse_from(std::iter::once("catalog").chain(args.iter().copied()));
        let parsed = parsed.unwrap_or_else(|e| panic!("{e}"));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let lang = resolve_lang(parsed.args.lang, &|_| None);
        let result = execute(&parsed.args, lang, base, &mut out, &mut err);
        (
            result,
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
        )
    }

    #[test]
    fn listing_builtins_and_one_catalog() {
        let dir = temp_dir("list");
        let (result, out, _) = run_args(&[], &dir);
        assert!(result.is_ok());
        assert!(
            out.contains("aliyun") && out.contains("aws") && out.contains("36"),
            "{out}"
        );

        let (result, out, _) = run_args(&["--format", "json"], &dir);
        assert!(result.is_ok());
        let value: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(value.as_array().map(Vec::len), Some(2));

        let (result, out, _) = run_args(&["aliyun"], &dir);
        assert!(result.is_ok());
        assert!(
            out.contains("ecs.e-c1m1.large *") && out.contains("90.00 CNY"),
            "{out}"
        );

        let (result, out, _) = run_args(&["aws", "-f", "json"], &dir);
        assert!(result.is_ok());
        let value: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
        let large = value
            .as_array()
            .and_then(|rows| rows.iter().find(|r| r["name"] == "t3.large"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(large["vcpus"], 2);
        assert_eq!(large["cpu_baseline"], 0.3);
        assert_eq!(large["memory_bytes"], 8 * GIB);
        assert_eq!(large["monthly_cost"], 60.74);
        assert_eq!(large["currency"], "USD");
        let _ = std::fs::remove_dir_all(&dir);
    }

    const PRICES: &str = r#"{"currency": "CNY", "version": "2.0.1", "publicationDate": "2025-09-30T00:00:00Z",
 "pricingInfo": {
  "cn-hangzhou::ecs.e-c1m1.large::vpc::linux::optimized": {"months": [{"price": "58.5", "period": "1"}]},
  "cn-hangzhou::ecs.hfc7.large::vpc::linux::optimized": {"months": [{"price": "300", "period": "1"}]}
 }}"#;

    #[test]
    fn import_writes_a_catalog_that_resolves() {
        let dir = temp_dir("import");
        std::fs::write(dir.join("instancePrice.json"), PRICES).unwrap_or_else(|e| panic!("{e}"));
        let (result, _, err) = run_args(
            &[
                "import",
                "instancePrice.json",
                "--from",
                "aliyun-price-json",
                "-o",
                "hz.yaml",
            ],
            &dir,
        );
        assert!(result.is_ok(), "{result:?}");
        assert!(err.contains("imported 1 instance types"), "{err}");
        assert!(err.contains("skipped 1 ('ecs.hfc7.large')"), "{err}");
        let catalog = resolve_catalog("hz.yaml", &dir).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(catalog.name, "aliyun-cn-hangzhou");
        let e = get(&catalog, "ecs.e-c1m1.large");
        assert_eq!((e.price, e.as_of.as_str()), (58.5, "2025-09-30"));

        // To standard output when there is no --output.
        let (result, out, _) = run_args(
            &[
                "import",
                "instancePrice.json",
                "--from",
                "aliyun-price-json",
                "--name",
                "hz",
            ],
            &dir,
        );
        assert!(result.is_ok());
        assert!(out.contains("name: \"hz\""), "{out}");

        // A failed import leaves no file behind.
        std::fs::write(
            dir.join("broken.json"),
            "{\"currency\": \"CNY\",\n \"pricingInfo\": [}",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let (result, _, _) = run_args(
            &[
                "import",
                "broken.json",
                "--from",
                "aliyun-price-json",
                "-o",
                "broken.yaml",
            ],
            &dir,
        );
        match result {
            Err(CliError::Input(e)) => assert_eq!(e.line, 2),
            other => panic!("expected an input error, got {other:?}"),
        }
        assert!(!dir.join("broken.yaml").exists());
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name())
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            leftovers
                .iter()
                .all(|n| !n.to_string_lossy().ends_with(".tmp")),
            "{leftovers:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
