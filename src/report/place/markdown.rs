//! The placement as Markdown: its document rendered as the plan report is.

use super::{PlaceReport, PlaceReportInput, document};
use std::io::{self, Write};

pub struct Markdown;

impl PlaceReport for Markdown {
    fn write(&self, input: &PlaceReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        crate::report::markdown::render(&document::build(input), out)
    }
}
