//! The placement as terminal text: its document drawn as the plan report is.

use super::{PlaceReport, PlaceReportInput, document};
use std::io::{self, Write};

pub struct Text;

impl PlaceReport for Text {
    fn write(&self, input: &PlaceReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        crate::report::text::render(document::build(input), input.color, out)
    }
}
