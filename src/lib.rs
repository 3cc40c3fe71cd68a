//! hostfit: will these new services fit on this server, and if not, what exactly should we do?
//!
//! Layers, each a module: `model` (types and units), `probe` (reading a host), `catalog`
//! (instance catalogs and price-list importers), `plan` (pure verdicts and options), `report`
//! (text, Markdown, JSON in English and Chinese), `cli`.

pub mod catalog;
pub mod cli;
pub mod model;
pub mod plan;
pub mod probe;
pub mod report;
