//! `hostfit init`: a commented starter `plan.yaml` in a folder (and, with `--live`, a snapshot
//! of this host beside it, which the plan reads), that `hostfit plan plan.yaml` accepts as it
//! is. Existing files are kept unless `--force` says otherwise.

use super::args::LangArg;
use super::error::CliError;
use super::output::Output;
use super::scan::{ScanFormat, SourceArgs, render, scan_snapshot};
use crate::report::Lang;
use crate::report::starter::starter_plan;
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Args)]
pub struct InitArgs {
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    #[arg(long)]
    pub live: bool,
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

const PLAN: &str = "plan.yaml";
const SNAPSHOT: &str = "snapshot.yaml";

/// Refuses a file that exists unless `force`.
fn free(path: &Path, force: bool) -> Result<(), CliError> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(CliError::Exists {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Runs `hostfit init`; says on standard error what it wrote.
pub fn run(args: &InitArgs, lang: Lang) -> Result<(), CliError> {
    if !args.dir.is_dir() {
        return Err(CliError::FlagNotDir {
            flag: "init",
            path: args.dir.clone(),
        });
    }
    let plan = args.dir.join(PLAN);
    let snapshot = args.dir.join(SNAPSHOT);
    free(&plan, args.force)?;
    if args.live {
        free(&snapshot, args.force)?;
        let out = Output::open(Some(&snapshot), &[] as &[&str])?;
        let taken = scan_snapshot(&SourceArgs::default(), Duration::from_secs(1))?;
        out.write(&render(&taken, ScanFormat::Yaml, lang)?)?;
    }
    let text = starter_plan(lang, args.live.then_some(SNAPSHOT));
    Output::open(Some(&plan), &[] as &[&str])?.write(text.as_bytes())
}
