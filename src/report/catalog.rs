//! Catalog listings: the types of one catalog and the list of built-in catalogs, as a text table
//! or as JSON, and the summary `hostfit catalog import` prints. Writes only to the writer it is
//! given; it does not load catalogs or read files.

use super::messages::{Lang, Msg};
use crate::model::{Billing, Bytes, Catalog, InstanceType, Period};
use comfy_table::{CellAlignment, Table};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// One row of the list of catalogs: what a catalog holds, without its types. The JSON listing
/// writes these fields as they are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogSummary {
    pub name: String,
    pub description: Option<String>,
    /// The number of instance types.
    pub types: usize,
    /// The distinct regions of its types, sorted.
    pub regions: Vec<String>,
    /// The distinct currencies of its types, sorted.
    pub currencies: Vec<String>,
}

impl CatalogSummary {
    pub fn of(catalog: &Catalog) -> CatalogSummary {
        let distinct = |field: fn(&InstanceType) -> &str| {
            let mut values: Vec<String> = catalog
                .instances
                .iter()
                .map(|it| field(it).to_string())
                .collect();
            values.sort();
            values.dedup();
            values
        };
        CatalogSummary {
            name: catalog.name.clone(),
            description: catalog.description.clone(),
            types: catalog.instances.len(),
            regions: distinct(|it| &it.region),
            currencies: distinct(|it| &it.currency),
        }
    }
}

/// One instance type in the JSON listing; the keys are documented in the `--format` help.
#[derive(Serialize)]
struct TypeJson<'a> {
    name: &'a str,
    family: &'a str,
    vcpus: u32,
    cpu_baseline: f64,
    memory_bytes: u64,
    arch: &'static str,
    monthly_cost: f64,
    currency: &'a str,
    estimate: bool,
}

/// The catalogs as a table, with a hint on how to list one.
pub fn write_catalogs_text(
    catalogs: &[CatalogSummary],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let msg = Msg::new(lang);
    let mut table = new_table(&[
        msg.t("catalog.col.catalog"),
        msg.t("catalog.col.types"),
        msg.t("catalog.col.region"),
        msg.t("catalog.col.description"),
    ]);
    for c in catalogs {
        table.add_row(vec![
            c.name.clone(),
            c.types.to_string(),
            msg.join(&c.regions),
            c.description.clone().unwrap_or_default(),
        ]);
    }
    align_right(&mut table, &[1]);
    writeln!(out, "{table}")?;
    writeln!(out, "{}", msg.t("catalog.list.hint"))
}

/// The catalogs as a JSON array of objects (name, description, types, regions, currencies).
pub fn write_catalogs_json(catalogs: &[CatalogSummary], out: &mut dyn Write) -> io::Result<()> {
    write_json(catalogs, out)
}

/// The types of one catalog as a table, under a title line and above the notes that explain it.
pub fn write_types_text(catalog: &Catalog, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let msg = Msg::new(lang);
    let mut table = new_table(&[
        msg.t("catalog.col.type"),
        msg.t("catalog.col.family"),
        msg.t("catalog.col.vcpus"),
        msg.t("catalog.col.baseline"),
        msg.t("catalog.col.memory"),
        msg.t("catalog.col.price"),
        msg.t("catalog.col.monthly"),
    ]);
    for it in &catalog.instances {
        let price_key = match (it.period, it.billing) {
            (Period::Month, Billing::Subscription) => "catalog.price.month",
            (Period::Month, Billing::OnDemand) => "catalog.price.month_on_demand",
            (Period::Hour, Billing::Subscription) => "catalog.price.hour",
            (Period::Hour, Billing::OnDemand) => "catalog.price.hour_on_demand",
        };
        let price = msg.f(
            price_key,
            &[
                ("price", it.price.to_string()),
                ("currency", it.currency.clone()),
            ],
        );
        table.add_row(vec![
            format!("{}{}", it.name, if it.estimate { " *" } else { "" }),
            it.family.clone(),
            it.vcpus.to_string(),
            it.cpu_baseline
                .map_or_else(String::new, |b| format!("{:.0}%", b * 100.0)),
            memory_label(it.memory),
            price,
            format!("{:.2} {}", it.monthly_cost(), it.currency),
        ]);
    }
    align_right(&mut table, &[2, 3, 4, 5, 6]);
    let count = ("count", catalog.instances.len().to_string());
    let name = ("name", catalog.name.clone());
    let title = match &catalog.description {
        Some(description) => msg.n(
            "catalog.title_described",
            catalog.instances.len(),
            &[name, ("description", description.clone()), count],
        ),
        None => msg.n("catalog.title", catalog.instances.len(), &[name, count]),
    };
    writeln!(out, "{title}")?;
    writeln!(out, "{table}")?;
    if catalog.instances.iter().any(|it| it.estimate) {
        writeln!(out, "{}", msg.t("catalog.note.estimate"))?;
    }
    if catalog.instances.iter().any(|it| it.cpu_baseline.is_some()) {
        writeln!(out, "{}", msg.t("catalog.note.baseline"))?;
    }
    if catalog.instances.iter().any(|it| it.period == Period::Hour) {
        writeln!(out, "{}", msg.t("catalog.note.hourly"))?;
    }
    Ok(())
}

/// The types of one catalog as a JSON array, one object per type, costs per month rounded to
/// cents.
pub fn write_types_json(catalog: &Catalog, out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<TypeJson<'_>> = catalog
        .instances
        .iter()
        .map(|it| TypeJson {
            name: &it.name,
            family: &it.family,
            vcpus: it.vcpus,
            cpu_baseline: it.baseline(),
            memory_bytes: it.memory.as_u64(),
            arch: it.arch.key(),
            monthly_cost: (it.monthly_cost() * 100.0).round() / 100.0,
            currency: &it.currency,
            estimate: it.estimate,
        })
        .collect();
    write_json(&rows, out)
}

/// Pretty JSON and a final newline.
fn write_json<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// An entry of a price list that the importer left out, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkippedEntry<'a> {
    pub name: &'a str,
    pub reason: &'a str,
}

/// What `hostfit catalog import` did, for the catalog file's header and the summary it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary<'a> {
    /// The `--from` value, e.g. `aliyun-price-json`.
    pub source: &'a str,
    /// The price list as the user named it.
    pub file: &'a str,
    /// The `--region` the user asked for, if any.
    pub region_flag: Option<&'a str>,
    /// The region of the imported types.
    pub region: &'a str,
    /// The number of instance types imported.
    pub types: usize,
    /// The catalog file written, when it is not standard output.
    pub output: Option<&'a str>,
    pub skipped: &'a [SkippedEntry<'a>],
}

/// The comment at the top of an imported catalog file: where it came from and what was left out.
pub fn import_header(summary: &ImportSummary<'_>, lang: Lang) -> String {
    let msg = Msg::new(lang);
    let source = ("source", summary.source.to_string());
    let file = ("file", summary.file.to_string());
    let from = match summary.region_flag {
        Some(region) => msg.f(
            "catalog.import.header_region",
            &[source, file, ("region", region.to_string())],
        ),
        None => msg.f("catalog.import.header", &[source, file]),
    };
    let types = match summary.types {
        1 => msg.t("catalog.import.header_types_one"),
        n => msg.f("catalog.import.header_types", &[("types", n.to_string())]),
    };
    let skipped = match summary.skipped.len() {
        0 => msg.t("catalog.import.header_skipped_none"),
        1 => msg.t("catalog.import.header_skipped_one"),
        n => msg.f(
            "catalog.import.header_skipped",
            &[("skipped", n.to_string())],
        ),
    };
    let counts = format!("{types} {skipped}");
    format!("{from}\n{counts}")
}

/// What was imported, then one warning line per reason for skipping, the most common first, with
/// up to three of the names it skipped.
pub fn write_import_summary(
    summary: &ImportSummary<'_>,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let msg = Msg::new(lang);
    let types = ("types", summary.types.to_string());
    let region = ("region", summary.region.to_string());
    let one = summary.types == 1;
    let done = match summary.output {
        Some(output) => msg.f(
            if one {
                "catalog.import.done_into_one"
            } else {
                "catalog.import.done_into"
            },
            &[types, region, ("file", output.to_string())],
        ),
        None => msg.f(
            if one {
                "catalog.import.done_one"
            } else {
                "catalog.import.done"
            },
            &[types, region],
        ),
    };
    writeln!(out, "{done}")?;
    let mut reasons: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in summary.skipped {
        reasons.entry(s.reason).or_default().push(s.name);
    }
    let mut grouped: Vec<_> = reasons.into_iter().collect();
    grouped.sort_by_key(|(_, names)| std::cmp::Reverse(names.len()));
    for (reason, names) in grouped {
        let shown: Vec<String> = names.iter().take(3).map(|n| format!("'{n}'")).collect();
        let more = names.len().saturating_sub(shown.len());
        let mut args = vec![
            ("count", names.len().to_string()),
            ("names", msg.join(&shown)),
            ("reason", reason.to_string()),
        ];
        let key = if more > 0 {
            args.push(("more", more.to_string()));
            "catalog.import.skipped_more"
        } else if names.len() == 1 {
            "catalog.import.skipped_one"
        } else {
            "catalog.import.skipped"
        };
        writeln!(out, "{}", msg.f(key, &args))?;
    }
    Ok(())
}

/// Horizontal rules above and below the table and under the header, none between rows.
const PLAIN: &str = "  ── ══      ──    ";

fn new_table(header: &[String]) -> Table {
    let mut table = Table::new();
    table.load_preset(PLAIN);
    table.set_header(header.to_vec());
    table
}

fn align_right(table: &mut Table, columns: &[usize]) {
    for index in columns {
        if let Some(column) = table.column_mut(*index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// `2 GiB` for whole GiB, else the usual display (`512 MiB`).
fn memory_label(memory: Bytes) -> String {
    const GIB: u64 = 1 << 30;
    if memory.0 != 0 && memory.0.is_multiple_of(GIB) {
        format!("{} GiB", memory.0 / GIB)
    } else {
        memory.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary<'a>(skipped: &'a [SkippedEntry<'a>], output: Option<&'a str>) -> ImportSummary<'a> {
        ImportSummary {
            source: "skypilot-csv",
            file: "in/vms.csv",
            region_flag: Some("us-east-1"),
            region: "us-east-1",
            types: 2,
            output,
            skipped,
        }
    }

    fn printed(summary: &ImportSummary<'_>, lang: Lang) -> String {
        let mut out = Vec::new();
        write_import_summary(summary, lang, &mut out).unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn import_summary_groups_skipped_entries_by_reason() {
        let skip = |name, reason| SkippedEntry { name, reason };
        let skipped = [
            skip("a1", "no price"),
            skip("b2", "a GPU type"),
            skip("a3", "no price"),
            skip("a4", "no price"),
            skip("a5", "no price"),
        ];
        assert_eq!(
            printed(&summary(&skipped, Some("out/us.yaml")), Lang::En),
            "imported 2 instance types of region 'us-east-1' into 'out/us.yaml'\n\
             warning: skipped 4 entries ('a1', 'a3', 'a4' and 1 more): no price\n\
             warning: skipped 1 entry ('b2'): a GPU type\n"
        );
        let zh = printed(&summary(&skipped, None), Lang::Zh);
        assert!(zh.contains("'a1'、'a3'、'a4'"), "{zh}");
        assert!(!zh.contains("{"), "{zh}");
    }

    #[test]
    fn import_header_names_the_source_and_region() {
        let skipped = [SkippedEntry {
            name: "x1",
            reason: "no price",
        }];
        assert_eq!(
            import_header(&summary(&skipped, None), Lang::En),
            "Imported by `hostfit catalog import --from skypilot-csv` from 'in/vms.csv', region us-east-1.\n\
             2 instance types. 1 entry of the file skipped."
        );
        let without_flag = ImportSummary {
            region_flag: None,
            ..summary(&[], None)
        };
        assert_eq!(
            import_header(&without_flag, Lang::En).lines().next(),
            Some("Imported by `hostfit catalog import --from skypilot-csv` from 'in/vms.csv'.")
        );
    }

    #[test]
    fn one_of_a_thing_is_singular_in_english() {
        let one = [SkippedEntry {
            name: "x1",
            reason: "no price",
        }];
        let single = ImportSummary {
            types: 1,
            ..summary(&one, None)
        };
        assert_eq!(
            printed(&single, Lang::En),
            "imported 1 instance type of region 'us-east-1'\n\
             warning: skipped 1 entry ('x1'): no price\n"
        );
        let into = ImportSummary {
            output: Some("Out.yaml"),
            ..single.clone()
        };
        assert!(
            printed(&into, Lang::En)
                .starts_with("imported 1 instance type of region 'us-east-1' into 'Out.yaml'\n")
        );
        assert_eq!(
            import_header(&single, Lang::En).lines().nth(1),
            Some("1 instance type. 1 entry of the file skipped.")
        );
        let none = ImportSummary {
            types: 3,
            ..summary(&[], None)
        };
        assert_eq!(
            import_header(&none, Lang::En).lines().nth(1),
            Some("3 instance types. No entry of the file skipped.")
        );
        let two = [one[0], one[0]];
        assert!(
            printed(&summary(&two, None), Lang::En).contains("skipped 2 entries ('x1', 'x1')"),
            "{}",
            printed(&summary(&two, None), Lang::En)
        );
        assert!(printed(&single, Lang::Zh).starts_with("已导入地域 'us-east-1' 的 1 种实例规格"));
    }

    #[test]
    fn summaries_list_distinct_regions_and_currencies() {
        let catalog: Catalog = serde_json::from_value(serde_json::json!({
            "name": "mine",
            "instances": [
                {"name": "b1", "family": "b", "vcpus": 2, "memory": "2GiB", "price": 5,
                 "currency": "EUR", "period": "month", "billing": "subscription",
                 "region": "fsn1", "source": "page", "as_of": "2026-01-01"},
                {"name": "b2", "family": "b", "vcpus": 4, "memory": "4GiB", "price": 9,
                 "currency": "EUR", "period": "month", "billing": "subscription",
                 "region": "ash", "source": "page", "as_of": "2026-01-01"}
            ]
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let s = CatalogSummary::of(&catalog);
        assert_eq!(s.types, 2);
        assert_eq!(s.regions, ["ash", "fsn1"]);
        assert_eq!(s.currencies, ["EUR"]);
    }
}
