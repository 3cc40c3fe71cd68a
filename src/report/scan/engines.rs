//! The databases of a snapshot as a table: each engine with its version, working set and
//! ceiling, then each setting its formula read with its value and where it was read; below it,
//! each ceiling's formula. Renders the snapshot only.

use super::{align_right, new_table};
use crate::model::engine::defaults::spell;
use crate::model::{Bytes, Snapshot};
use crate::report::document::engines::{engine_name, source};
use crate::report::messages::Msg;
use comfy_table::Table;

/// The table, and one line per engine with its formula; `None` without databases.
pub(super) fn databases(snapshot: &Snapshot, msg: &Msg) -> Option<(Table, Vec<String>)> {
    let engines: Vec<_> = snapshot
        .workloads
        .iter()
        .filter_map(|w| Some((w, w.engine.as_ref()?)))
        .collect();
    if engines.is_empty() {
        return None;
    }
    let mut t = new_table(
        msg,
        &[
            "scan.col.name",
            "scan.col.engine",
            "scan.col.version",
            "scan.col.working_set",
            "scan.col.ceiling",
            "scan.col.inputs",
        ],
    );
    let mut formulas = Vec::new();
    for (w, e) in engines {
        let settings: Vec<String> = e
            .inputs
            .iter()
            .map(|(name, v)| {
                let value = spell(name, v.0).unwrap_or_else(|| msg.t("auto"));
                match e.sources.get(name) {
                    Some(s) => format!("{name} = {value} ({})", source(msg, s, e.name)),
                    None => format!("{name} = {value} ({})", msg.t("source.hand")),
                }
            })
            .collect();
        t.add_row(vec![
            w.name.clone(),
            engine_name(msg, e.name),
            e.version
                .clone()
                .unwrap_or_else(|| msg.t("scan.version_unknown")),
            e.now_bytes.unwrap_or(w.memory).to_string(),
            e.ceiling_bytes
                .map_or_else(|| msg.t("unbounded"), |b: Bytes| b.to_string()),
            settings.join("\n"),
        ]);
        formulas.push(format!("{}: {}", w.name, e.formula));
    }
    align_right(&mut t, 3);
    if let Some(c) = t.column_mut(5) {
        c.set_cell_alignment(comfy_table::CellAlignment::Left);
    }
    Some((t, formulas))
}
