//! The report as a document of headings, paragraphs, tables and lists, built once in the chosen
//! language; the text and Markdown formats only render it. Decides nothing about fit.

mod conclusion;
pub(crate) mod engines;
mod history;
mod rollout;
mod services;
mod state;
mod upgrade;

pub use conclusion::recommendation_text;
pub use upgrade::{delta, money};

use super::ReportInput;
use super::messages::Msg;
use crate::plan::Verdict;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(u8, String),
    Paragraph(String),
    Table(Table),
    List(Vec<String>),
    Numbered(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// A verdict cell, coloured where colour is allowed.
    pub verdict: Option<Verdict>,
    /// Right-aligned (figures).
    pub numeric: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            verdict: None,
            numeric: false,
        }
    }

    pub fn num(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            verdict: None,
            numeric: true,
        }
    }

    pub fn verdict(msg: &Msg, v: Verdict) -> Cell {
        Cell {
            text: msg.verdict(v),
            verdict: Some(v),
            numeric: false,
        }
    }
}

/// Builds the blocks of a document.
#[derive(Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
}

impl Doc {
    fn h(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading(level, text.into()));
    }

    fn p(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph(text.into()));
    }

    fn table(&mut self, header: Vec<String>, rows: Vec<Vec<Cell>>) {
        self.blocks.push(Block::Table(Table { header, rows }));
    }

    fn list(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(Block::List(items));
        }
    }

    fn numbered(&mut self, items: Vec<String>) {
        self.blocks.push(Block::Numbered(items));
    }
}

/// The whole report as blocks.
pub fn build(input: &ReportInput<'_>) -> Vec<Block> {
    let msg = Msg::new(input.lang);
    let mut doc = Doc::default();
    state::current(&mut doc, &msg, input);
    engines::databases(&mut doc, &msg, input);
    services::services(&mut doc, &msg, input);
    services::scenarios(&mut doc, &msg, input);
    history::history(&mut doc, &msg, input);
    services::fits_now(&mut doc, &msg, input);
    upgrade::upgrade(&mut doc, &msg, input);
    rollout::lightweight(&mut doc, &msg, input);
    rollout::phased(&mut doc, &msg, input);
    engines::tuning(&mut doc, &msg, input);
    engines::oom(&mut doc, &msg, input);
    state::warnings(&mut doc, &msg, input);
    conclusion::conclusion(&mut doc, &msg, input);
    doc.blocks
}
