//! Listing catalogs: loads the built-in ones, or one catalog, and has `report::catalog` render
//! them, as a table or as JSON, into a buffer the caller writes whole.

use super::{ListFormat, builtin};
use crate::catalog::builtin_names;
use crate::cli::error::{CliError, Rendered};
use crate::model::Catalog;
use crate::report::Lang;
use crate::report::catalog::{
    CatalogSummary, write_catalogs_json, write_catalogs_text, write_types_json, write_types_text,
};

/// The built-in catalogs, one summary each.
pub(super) fn list_builtins(format: ListFormat, lang: Lang) -> Result<Vec<u8>, CliError> {
    let mut rows = Vec::new();
    for name in builtin_names() {
        let catalog = builtin(name, lang).unwrap_or_else(|| {
            Err(CliError::NoBuiltin {
                name: name.to_string(),
            })
        })?;
        rows.push(CatalogSummary::of(&catalog));
    }
    let mut out = Vec::new();
    match format {
        ListFormat::Text => write_catalogs_text(&rows, lang, &mut out),
        ListFormat::Json => write_catalogs_json(&rows, &mut out),
    }
    .map_err(render_error)?;
    Ok(out)
}

/// The types of one catalog.
pub(super) fn list_types(
    catalog: &Catalog,
    format: ListFormat,
    lang: Lang,
) -> Result<Vec<u8>, CliError> {
    let mut out = Vec::new();
    match format {
        ListFormat::Text => write_types_text(catalog, lang, &mut out),
        ListFormat::Json => write_types_json(catalog, &mut out),
    }
    .map_err(render_error)?;
    Ok(out)
}

/// Writing into memory fails only when serialising does.
fn render_error(e: std::io::Error) -> CliError {
    CliError::Render {
        what: Rendered::Listing,
        error: e.to_string(),
    }
}
