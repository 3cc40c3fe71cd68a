//! `hostfit scan`: measure a host and write a snapshot. (Being built: see the scan issue.)

use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Read the host under this directory instead of /
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}
