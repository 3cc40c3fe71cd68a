//! The Markdown report: the document rendered as headings, paragraphs, pipe tables and lists, in
//! the structure of the hand-written capacity reports it replaces.

use super::document::{self, Block};
use super::{Report, ReportInput};
use std::io::{self, Write};

pub struct Markdown;

/// A table cell must not break the row: pipes are escaped and newlines become spaces.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

impl Report for Markdown {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        render(&document::build(input), out)
    }
}

/// Blocks as Markdown; any report's document (the plan's, the placement's) renders here.
pub fn render(blocks: &[Block], out: &mut dyn Write) -> io::Result<()> {
    {
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            match block {
                Block::Heading(level, text) => {
                    writeln!(out, "{} {}", "#".repeat(usize::from(*level)), text)?;
                }
                Block::Paragraph(text) => writeln!(out, "{text}")?,
                Block::List(items) => {
                    for item in items {
                        writeln!(out, "- {item}")?;
                    }
                }
                Block::Numbered(items) => {
                    for (n, item) in items.iter().enumerate() {
                        writeln!(out, "{}. {item}", n + 1)?;
                    }
                }
                Block::Table(table) => {
                    let header: Vec<String> = table.header.iter().map(|h| cell(h)).collect();
                    writeln!(out, "| {} |", header.join(" | "))?;
                    let align: Vec<&str> = (0..table.header.len())
                        .map(|c| {
                            let numeric = !table.rows.is_empty()
                                && table
                                    .rows
                                    .iter()
                                    .all(|r| r.get(c).is_some_and(|x| x.numeric));
                            if numeric { "---:" } else { "---" }
                        })
                        .collect();
                    writeln!(out, "|{}|", align.join("|"))?;
                    for row in &table.rows {
                        let cells: Vec<String> = row.iter().map(|c| cell(&c.text)).collect();
                        writeln!(out, "| {} |", cells.join(" | "))?;
                    }
                }
            }
        }
        Ok(())
    }
}
