//! The terminal report: the document with headings underlined and tables drawn by comfy-table;
//! verdicts coloured only when the caller says the output is a terminal.

use super::document::{self, Block, Cell};
use super::{Report, ReportInput};
use crate::plan::Verdict;
use comfy_table::{Cell as TableCell, CellAlignment, Color, ContentArrangement, Table, presets};
use std::io::{self, Write};

pub struct Text;

fn table_cell(c: &Cell, color: bool) -> TableCell {
    let mut cell = TableCell::new(&c.text);
    if c.numeric {
        cell = cell.set_alignment(CellAlignment::Right);
    }
    if color {
        cell = match c.verdict {
            Some(Verdict::Fits) => cell.fg(Color::Green),
            Some(Verdict::Tight) => cell.fg(Color::Yellow),
            Some(Verdict::DoesNotFit) => cell.fg(Color::Red),
            None => cell,
        };
    }
    cell
}

/// Inline code marks read as noise in a terminal.
fn plain(text: &str) -> String {
    text.replace('`', "")
}

impl Report for Text {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        render(document::build(input), input.color, out)
    }
}

/// Blocks as terminal text; any report's document (the plan's, the placement's) renders here.
pub fn render(blocks: Vec<Block>, color: bool, out: &mut dyn Write) -> io::Result<()> {
    {
        for block in blocks {
            match block {
                Block::Heading(level, text) => {
                    writeln!(out)?;
                    writeln!(out, "{text}")?;
                    let mark = if level <= 2 { "=" } else { "-" };
                    let width = text
                        .chars()
                        .map(|c| if c.is_ascii() { 1 } else { 2 })
                        .sum::<usize>();
                    writeln!(out, "{}", mark.repeat(width))?;
                }
                Block::Paragraph(text) => writeln!(out, "{}", plain(&text))?,
                Block::List(items) => {
                    for item in items {
                        writeln!(out, "  - {}", plain(&item))?;
                    }
                }
                Block::Numbered(items) => {
                    for (n, item) in items.iter().enumerate() {
                        writeln!(out, "  {}. {}", n + 1, plain(item))?;
                    }
                }
                Block::Table(t) => {
                    let mut table = Table::new();
                    table.load_preset(presets::UTF8_FULL_CONDENSED);
                    table.set_content_arrangement(ContentArrangement::Disabled);
                    if color {
                        table.enforce_styling();
                    } else {
                        table.force_no_tty();
                    }
                    table.set_header(t.header.iter().map(TableCell::new));
                    for row in &t.rows {
                        table.add_row(row.iter().map(|c| table_cell(c, color)));
                    }
                    writeln!(out, "{table}")?;
                }
            }
        }
        Ok(())
    }
}
