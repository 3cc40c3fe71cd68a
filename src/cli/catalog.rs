//! `hostfit catalog`: list or import catalogs. (Being built: see the options issue.)

use clap::Args;

#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// A built-in catalog name or a catalog file
    pub catalog: Option<String>,
}
