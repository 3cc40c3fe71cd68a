//! Catalogs from text that is not YAML: a user's CSV catalog (`catalog::parse_catalog_csv`) and
//! the two price-list importers, on any text. Errors are placed and rendered as `hostfit` prints
//! them; a catalog that comes out valid is written as `hostfit catalog import` writes it
//! (`catalog::catalog_yaml`) and must read back equal, as that writer promises.

use crate::{lang_of, render};
use hostfit::catalog::{
    ImportError, ImportOptions, Imported, catalog_yaml, parse_aliyun_price_json, parse_catalog_csv,
    parse_skypilot_csv,
};
use hostfit::cli::error::InputError;
use hostfit::cli::input::parse_yaml;
use hostfit::cli::parse_error::word;
use hostfit::cli::problems::problem_error;
use hostfit::cli::spans::Place;
use hostfit::model::{Catalog, Segment};
use hostfit::report::catalog::{ImportSummary, SkippedEntry, import_header, write_import_summary};
use hostfit::report::messages::Msg;
use std::path::Path;

/// A valid catalog written as YAML reads back as the same catalog.
pub fn round_trip(catalog: &Catalog) {
    let yaml = catalog_yaml(catalog, "written by the fuzz target\n# with a second line");
    let back = parse_yaml::<Catalog>(Path::new("written.yaml"), &yaml, hostfit::report::Lang::En);
    let back = back.unwrap_or_else(|e| panic!("the written catalog does not read: {e:?}\n{yaml}"));
    assert_eq!(&back, catalog, "written as:\n{yaml}");
}

/// A user's catalog in CSV, loaded as `hostfit plan --catalog my.csv` loads it.
pub fn csv(text: &str) {
    let path = Path::new("catalog.csv");
    let lang = lang_of(text);
    let (catalog, places) = match parse_catalog_csv(text) {
        Ok(read) => read,
        Err(error) => {
            render(&import_error(path, text, error, lang));
            return;
        }
    };
    let problems = catalog.problems();
    for problem in &problems {
        // as `cli::catalog` places a problem: the cell of its entry and field
        let (entry, field) = match problem.path.segments() {
            [Segment::Key(_), Segment::Index(i), Segment::Key(f), ..] => {
                (Some(*i), Some(f.as_str()))
            }
            [Segment::Key(_), Segment::Index(i)] => (Some(*i), None),
            _ => (None, None),
        };
        let (line, column) = places.place(text, entry, field);
        assert!(line >= 1 && column >= 1, "{line}:{column}");
        let place = Place {
            line,
            column,
            offset: 0,
            len: 0,
        };
        render(&problem_error(path, text, problem, Some(place), lang));
    }
    if problems.is_empty() {
        round_trip(&catalog);
    }
}

/// Alibaba Cloud's price JSON, with and without a region (chosen by the input).
pub fn aliyun(text: &str) {
    let region = text.len().is_multiple_of(3).then_some("cn-hangzhou");
    imported(text, parse_aliyun_price_json(text, &options(region)));
}

/// SkyPilot's vms.csv, with and without a region (chosen by the input).
pub fn skypilot(text: &str) {
    let region = text.len().is_multiple_of(3).then_some("us-east-1");
    imported(text, parse_skypilot_csv(text, &options(region)));
}

fn options(region: Option<&str>) -> ImportOptions<'_> {
    ImportOptions {
        region,
        as_of: Some("2025-10-07"),
    }
}

/// What `hostfit catalog import` does with an import's result: the error rendered, or the
/// skipped entries worded, the header written, and a valid catalog written and read back.
fn imported(text: &str, result: Result<Imported, ImportError>) {
    let path = Path::new("prices");
    let lang = lang_of(text);
    let imported = match result {
        Ok(imported) => imported,
        Err(error) => {
            render(&import_error(path, text, error, lang));
            return;
        }
    };
    let msg = Msg::new(lang);
    let reasons: Vec<String> = imported
        .skipped
        .iter()
        .map(|s| word(&msg, &s.reason))
        .collect();
    let skipped: Vec<SkippedEntry<'_>> = imported
        .skipped
        .iter()
        .zip(&reasons)
        .map(|(s, reason)| SkippedEntry {
            name: &s.name,
            reason,
        })
        .collect();
    let catalog = &imported.catalog;
    let summary = ImportSummary {
        source: "fuzz",
        file: "prices",
        region_flag: None,
        region: catalog
            .instances
            .first()
            .map_or("", |it| it.region.as_str()),
        types: catalog.instances.len(),
        output: None,
        skipped: &skipped,
    };
    let _ = import_header(&summary, lang);
    let mut note = Vec::new();
    let noted = write_import_summary(&summary, lang, &mut note);
    assert!(noted.is_ok(), "{noted:?}");
    if catalog.problems().is_empty() {
        round_trip(catalog);
    }
}

/// An importer's error as `cli::catalog::import::import_error` words it.
fn import_error(
    path: &Path,
    text: &str,
    error: ImportError,
    lang: hostfit::report::Lang,
) -> InputError {
    assert!(error.line >= 1 && error.column >= 1, "{error:?}");
    let msg = Msg::new(lang);
    let input = InputError::at(
        path,
        text,
        error.line,
        error.column,
        word(&msg, &error.message),
    );
    match error.help {
        Some(help) => input.with_help(word(&msg, &help)),
        None => input,
    }
}
