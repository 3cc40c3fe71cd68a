//! The HTML report on the seed case: every label within its box in both languages, the page
//! self-contained, the same bytes every time.

use super::*;
use crate::model::{Catalog, PlanFile, Snapshot};
use crate::plan::Analysis;
use crate::report::Lang;

fn seed() -> (Snapshot, Analysis) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/aliyun-2c2g");
    // Named without the extension: a file name literal would read as a message key.
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name).with_extension("yaml")).expect("the example")
    };
    let snapshot: Snapshot = serde_saphyr::from_str(&read("snapshot")).expect("snapshot");
    let plan: PlanFile = serde_saphyr::from_str(&read("plan")).expect("plan");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let aliyun = std::fs::read_to_string(root.join("src/catalog/data/aliyun.yaml"));
    let catalog: Catalog = serde_saphyr::from_str(&aliyun.expect("aliyun")).expect("catalog");
    let analysis = crate::plan::analyze(&snapshot, &plan, Some(&catalog));
    (snapshot, analysis)
}

fn page_of(lang: Lang) -> String {
    let (snapshot, analysis) = seed();
    let input = ReportInput {
        analysis: &analysis,
        snapshot: &snapshot,
        lang,
        color: false,
    };
    let mut out = Vec::new();
    Html.write(&input, &mut out).expect("rendered");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn every_label_fits_its_box_in_both_languages() {
    let (snapshot, analysis) = seed();
    for lang in [Lang::En, Lang::Zh] {
        let input = ReportInput {
            analysis: &analysis,
            snapshot: &snapshot,
            lang,
            color: false,
        };
        let msg = Msg::new(lang);
        let figures = figures(&msg, &input);
        assert_eq!(figures.len(), 4, "{lang:?}");
        for f in &figures {
            let labels = f.chart.labels();
            assert!(labels.len() >= 5, "{}: {labels:?}", f.id);
            for (text, width, box_width) in labels {
                assert!(
                    width <= box_width,
                    "{lang:?} {}: '{text}' {width} > {box_width}",
                    f.id
                );
            }
        }
    }
}

#[test]
fn the_page_is_self_contained_and_stable() {
    for lang in [Lang::En, Lang::Zh] {
        let page = page_of(lang);
        assert_eq!(page, page_of(lang), "same bytes every time");
        assert!(page.starts_with("<!DOCTYPE html>"));
        for banned in ["<script", "http://", "https://", "@import", "url(", "<link"] {
            let hits: Vec<&str> = page
                .lines()
                .filter(|l| {
                    l.contains(banned) && !l.contains("xmlns=\"http://www.w3.org/2000/svg\"")
                })
                .collect();
            assert!(hits.is_empty(), "{lang:?}: {banned}: {hits:?}");
        }
        assert_eq!(page.matches("<svg").count(), 4);
        assert_eq!(page.matches("<figure").count(), 4);
    }
    assert!(page_of(Lang::Zh).contains("lang=\"zh-CN\""));
}

#[test]
fn the_seed_figures_are_on_the_memory_chart() {
    let page = page_of(Lang::En);
    for figure in [
        "264 MiB", "184 MiB", "1843 MiB", "1220 MiB", "1900 MiB", "3510 MiB", "250 MiB",
    ] {
        assert!(page.contains(figure), "{figure}");
    }
}
