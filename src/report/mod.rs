//! Reports: the analysis as text, Markdown, JSON or HTML, in English or Chinese. Each format lives in
//! its own file and writes to the writer it is given; no format decides anything about fit.

pub mod catalog;
pub mod document;
pub mod export;
pub mod history;
pub mod html;
pub mod json;
pub mod markdown;
pub mod messages;
pub mod place;
pub mod profile;
pub mod scan;
pub mod starter;
pub mod text;

pub use messages::Lang;

use crate::model::{Bytes, Snapshot};
use crate::plan::Analysis;
use std::io::{self, Write};

/// What every report format reads.
pub struct ReportInput<'a> {
    pub analysis: &'a Analysis,
    pub snapshot: &'a Snapshot,
    pub lang: Lang,
    /// Colour verdicts (text only, and only on a terminal).
    pub color: bool,
}

/// One report format.
pub trait Report {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// A signed number of bytes the way the reports print sizes.
pub fn signed_bytes(v: i64) -> String {
    if v < 0 {
        format!("-{}", Bytes(v.unsigned_abs()))
    } else {
        Bytes(v.unsigned_abs()).to_string()
    }
}

/// A share in percent with one decimal.
pub fn percent(part: f64, whole: f64) -> String {
    if whole > 0.0 {
        format!("{:.1}%", part / whole * 100.0)
    } else {
        "-".to_string()
    }
}
