//! What the fuzz targets check, one module per area; each target in `fuzz_targets/` is one call
//! into here. Every check asserts that nothing panics and, where a value can be written and read
//! again, that it reads back the same.

pub mod analyze;
pub mod catalogs;
pub mod engines;
pub mod files;
pub mod fleets;
pub mod probes;
pub mod units;

use hostfit::report::Lang;

/// The input as text, when it is UTF-8 (the files hostfit reads are).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A language picked by the input, so both tables are exercised without doing the work twice.
pub fn lang_of(text: &str) -> Lang {
    if text.len().is_multiple_of(2) {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// A diagnostic as `hostfit` prints it (miette's graphical report, without colour).
pub fn render(diagnostic: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    let rendered = handler.render_report(&mut out, diagnostic);
    assert!(
        rendered.is_ok(),
        "the diagnostic does not render: {diagnostic}"
    );
    out
}

/// The text split at its first NUL: two files in one input (NUL is in no file the parsers read).
pub fn two_texts(text: &str) -> (&str, &str) {
    text.split_once('\0').unwrap_or((text, ""))
}
