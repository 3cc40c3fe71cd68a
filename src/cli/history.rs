//! `hostfit history --db FILE [--since 7d] [--format text|json]`: reads the window of the
//! history database (never writing to it), has the planner fit the forecast against the
//! default reserve, and has `report::history` write it.

use super::args::LangArg;
use super::error::{CliError, Rendered};
use super::output::Output;
use super::span::parse_positive_span;
use crate::model::{History, Policy};
use crate::plan::forecast;
use crate::probe::Store;
use crate::report::Lang;
use crate::report::history::{self, HistoryView};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The history database 'hostfit record' writes
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// The window, back from now
    #[arg(long, value_name = "DURATION", default_value = "7d", value_parser = parse_positive_span)]
    pub since: Duration,
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: HistoryFormat,
    /// Write to this file instead of standard output (written whole or not at all)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of the text; default from LC_ALL, LC_MESSAGES or LANG
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// The window of `path` that ends now, with at least one sample in it.
pub fn read_window(path: &Path, window: Duration) -> Result<History, CliError> {
    let store = Store::open_to_read(path)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let since = i64::try_from(now.saturating_sub(window.as_millis())).unwrap_or(0);
    let history = store.read(since)?;
    if history.available.is_empty() {
        return Err(CliError::NoSamples {
            path: path.to_path_buf(),
            since: super::span::show_span(window),
        });
    }
    Ok(history)
}

pub fn run(args: &HistoryArgs, lang: Lang) -> Result<(), CliError> {
    let output = Output::open(args.output.as_deref(), &[&args.db])?;
    let h = read_window(&args.db, args.since)?;
    let reserve = h.memory_total.scale(Policy::default().memory_reserve.get());
    let f = forecast::forecast(&h, reserve);
    let database = args.db.display().to_string();
    let since = super::span::show_span(args.since);
    let view = HistoryView {
        database: &database,
        since: &since,
        history: &h,
        forecast: &f,
    };
    let render = |e: &dyn std::fmt::Display| CliError::Render {
        what: Rendered::Report,
        error: e.to_string(),
    };
    let mut bytes = Vec::new();
    match args.format {
        HistoryFormat::Text => {
            history::write_text(&view, lang, &mut bytes).map_err(|e| render(&e))?
        }
        HistoryFormat::Json => {
            serde_json::to_writer_pretty(&mut bytes, &history::json(&view))
                .map_err(|e| render(&e))?;
            bytes.push(b'\n');
        }
    }
    output.write(&bytes)
}
