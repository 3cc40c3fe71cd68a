//! Instance catalogs: the built-in ones (data files compiled in), users' catalog files written as
//! CSV, the importers of providers' price lists, the checks a parsed catalog must pass, and the
//! YAML a catalog is written as. Text in, model values out: this layer reads no file, no host and
//! decides nothing about fit. Imports only `crate::model`.

mod builtin;
mod check;
mod csv;
pub mod import;
mod write;

pub use builtin::{builtin_names, builtin_text};
pub use csv::{CsvPlaces, parse_catalog_csv};
pub use import::{
    ImportError, ImportOptions, Imported, Phrase, Skipped, parse_aliyun_price_json,
    parse_skypilot_csv,
};
pub use write::catalog_yaml;
