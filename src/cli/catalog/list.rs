//! Listing catalogs: the built-in ones, or the types of one, as a table or as JSON.

use super::{ListFormat, builtin, builtin_names};
use crate::cli::error::CliError;
use crate::model::{Billing, Bytes, Catalog, InstanceType, Period};
use comfy_table::{CellAlignment, Table};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Serialize)]
struct TypeJson<'a> {
    name: &'a str,
    family: &'a str,
    vcpus: u32,
    cpu_baseline: f64,
    memory_bytes: u64,
    monthly_cost: f64,
    currency: &'a str,
    estimate: bool,
}

#[derive(Serialize)]
struct BuiltinJson {
    name: String,
    description: Option<String>,
    types: usize,
    regions: Vec<String>,
    currencies: Vec<String>,
}

pub(super) fn catalog_json(catalog: &Catalog) -> Result<String, CliError> {
    let rows: Vec<TypeJson<'_>> = catalog
        .instances
        .iter()
        .map(|it| TypeJson {
            name: &it.name,
            family: &it.family,
            vcpus: it.vcpus,
            cpu_baseline: it.baseline(),
            memory_bytes: it.memory.as_u64(),
            monthly_cost: (it.monthly_cost() * 100.0).round() / 100.0,
            currency: &it.currency,
            estimate: it.estimate,
        })
        .collect();
    to_json(&rows)
}

fn to_json<T: Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| CliError::Other {
            message: format!("cannot write JSON: {e}"),
        })
}

pub(super) fn list_builtins(format: ListFormat) -> Result<String, CliError> {
    let mut rows = Vec::new();
    for name in builtin_names() {
        let catalog = builtin(name).unwrap_or_else(|| {
            Err(CliError::Other {
                message: format!("no built-in catalog '{name}'"),
            })
        })?;
        let distinct = |f: fn(&InstanceType) -> &str| {
            let mut v: Vec<String> = catalog.instances.iter().map(|i| f(i).to_string()).collect();
            v.sort();
            v.dedup();
            v
        };
        rows.push(BuiltinJson {
            name: catalog.name.clone(),
            description: catalog.description.clone(),
            types: catalog.instances.len(),
            regions: distinct(|i| &i.region),
            currencies: distinct(|i| &i.currency),
        });
    }
    match format {
        ListFormat::Json => to_json(&rows),
        ListFormat::Text => {
            let mut table = new_table(&["Catalog", "Types", "Region", "Description"]);
            for row in &rows {
                table.add_row(vec![
                    row.name.clone(),
                    row.types.to_string(),
                    row.regions.join(", "),
                    row.description.clone().unwrap_or_default(),
                ]);
            }
            align_right(&mut table, &[1]);
            Ok(format!(
                "{table}\nList one with `hostfit catalog NAME`, or a file with `hostfit catalog ./my-catalog.yaml`.\n"
            ))
        }
    }
}

pub(super) fn catalog_table(catalog: &Catalog) -> String {
    let mut table = new_table(&[
        "Type",
        "Family",
        "vCPU",
        "Baseline",
        "Memory",
        "Price",
        "Per month",
    ]);
    for it in &catalog.instances {
        let period = match it.period {
            Period::Month => "month",
            Period::Hour => "hour",
        };
        let billing = match it.billing {
            Billing::Subscription => "",
            Billing::OnDemand => " on-demand",
        };
        table.add_row(vec![
            format!("{}{}", it.name, if it.estimate { " *" } else { "" }),
            it.family.clone(),
            it.vcpus.to_string(),
            it.cpu_baseline
                .map_or_else(String::new, |b| format!("{:.0}%", b * 100.0)),
            memory_label(it.memory),
            format!("{} {}/{period}{billing}", it.price, it.currency),
            format!("{:.2} {}", it.monthly_cost(), it.currency),
        ]);
    }
    align_right(&mut table, &[2, 3, 4, 5, 6]);
    let mut text = catalog.name.clone();
    if let Some(description) = &catalog.description {
        let _ = write!(text, ": {description}");
    }
    let _ = writeln!(text, " ({} types)", catalog.instances.len());
    let _ = writeln!(text, "{table}");
    if catalog.instances.iter().any(|it| it.estimate) {
        text.push_str("* estimated price: each type's `source` says how it was derived.\n");
    }
    if catalog.instances.iter().any(|it| it.cpu_baseline.is_some()) {
        text.push_str(
            "Baseline: the sustained share of each vCPU of a burstable type; planning counts vCPUs x baseline.\n",
        );
    }
    if catalog.instances.iter().any(|it| it.period == Period::Hour) {
        text.push_str("Per month: hourly prices x 730 hours.\n");
    }
    text
}

/// Horizontal rules above and below the table and under the header, none between rows.
const PLAIN: &str = "  ── ══      ──    ";

fn new_table(header: &[&str]) -> Table {
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
