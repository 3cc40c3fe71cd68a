//! Tests of `hostfit catalog` and of reading catalogs: files found and read, problems placed,
//! listings and imports written.

use super::*;
use crate::cli::error::InputError;
use crate::cli::resolve_lang;
use crate::model::InstanceType;

fn get<'a>(catalog: &'a Catalog, name: &str) -> &'a InstanceType {
    catalog
        .find(name)
        .unwrap_or_else(|| panic!("{name} missing from {}", catalog.name))
}

const SMALL: &str = "name: mine
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

fn resolve_catalog_en(spec: &str, base_dir: &Path) -> Result<Catalog, CliError> {
    resolve_catalog(spec, base_dir, Lang::En)
}

fn yaml_error(text: &str) -> InputError {
    match load_text(Path::new("mine.yaml"), text, FileFormat::Yaml, Lang::En) {
        Err(CliError::Input(e)) => *e,
        other => panic!("expected an input error, got {other:?}"),
    }
}

#[test]
fn a_good_user_catalog_loads() {
    let catalog = load_text(Path::new("mine.yaml"), SMALL, FileFormat::Yaml, Lang::En);
    let catalog = catalog.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(catalog.instances.len(), 2);
}

#[test]
fn bad_user_catalogs_point_at_the_line() {
    let e = yaml_error(&SMALL.replace("vcpus: 4", "vcpus: 0"));
    assert_eq!((e.line, e.column), (16, 12), "{}", e.message);
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

    let e = yaml_error(&SMALL.replace(
        "    region: fsn1\n    source: price page\n    as_of: \"2026-01-01\"\n  - name: box.large",
        "    source: price page\n    as_of: \"2026-01-01\"\n  - name: box.large",
    ));
    assert!(e.message.contains("region"), "{}", e.message);
}

const GIB: u64 = 1 << 30;

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hostfit-catalog-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

#[test]
fn resolve_finds_builtins_then_files() {
    let dir = temp_dir("resolve");
    assert_eq!(
        resolve_catalog_en("aws", &dir).map(|c| c.name).ok(),
        Some("aws".into())
    );

    let csv = "name,family,vcpus,memory,price,currency,period,billing,region,source,as_of\nbox.small,box,2,2GiB,5,EUR,month,subscription,fsn1,page,2026-01-01\n";
    std::fs::write(dir.join("mine.csv"), csv).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("mine.yaml"), SMALL).unwrap_or_else(|e| panic!("{e}"));
    let from_csv = resolve_catalog_en("mine.csv", &dir).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        (from_csv.name.as_str(), from_csv.instances.len()),
        ("mine", 1)
    );
    let from_yaml = resolve_catalog_en("mine.yaml", &dir).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(from_yaml.instances.len(), 2);

    std::fs::write(dir.join("bad.csv"), csv.replace(",2,2GiB", ",0,2GiB"))
        .unwrap_or_else(|e| panic!("{e}"));
    match resolve_catalog_en("bad.csv", &dir) {
        Err(CliError::Input(e)) => assert_eq!((e.line, e.column), (2, 15)),
        other => panic!("expected an input error, got {other:?}"),
    }

    match resolve_catalog_en("alyun", &dir) {
        Err(e @ CliError::UnknownCatalog { .. }) => {
            let message = e.to_string();
            assert!(message.contains("'aliyun', 'aws'"), "{message}");
            assert!(message.contains("did you mean 'aliyun'"), "{message}");
        }
        other => panic!("expected a usage error, got {other:?}"),
    }
    assert!(matches!(
        resolve_catalog_en("missing.yaml", &dir),
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
    let parsed = Wrapper::try_parse_from(std::iter::once("catalog").chain(args.iter().copied()));
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
    assert!(err.contains("imported 1 instance type of"), "{err}");
    assert!(err.contains("skipped 1 entry ('ecs.hfc7.large')"), "{err}");
    let catalog = resolve_catalog_en("hz.yaml", &dir).unwrap_or_else(|e| panic!("{e:?}"));
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
