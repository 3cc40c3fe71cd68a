//! `hostfit place` reports: the placement as a document (built once per language in
//! `document`) rendered as text, Markdown or an HTML page, and as JSON; one file per format, each writing to
//! the writer it is given. Decides nothing about fit.

pub mod document;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use super::messages::Lang;
use crate::plan::place::Placement;
use std::io::{self, Write};

/// What every placement format reads.
pub struct PlaceReportInput<'a> {
    pub placement: &'a Placement,
    pub title: Option<&'a str>,
    pub lang: Lang,
    pub color: bool,
}

/// One placement report format.
pub trait PlaceReport {
    fn write(&self, input: &PlaceReportInput<'_>, out: &mut dyn Write) -> io::Result<()>;
}
