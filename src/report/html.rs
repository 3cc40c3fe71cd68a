//! The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched)
//! with the planner's recommendation first, four charts with their figures in tables beside
//! them (memory now and after each scenario, demand against room, the upgrades' cost against
//! their headroom, the phased rollout as steps), then the whole document. Renders
//! `plan::Analysis`; decides nothing. The page itself is `html::page`, which other reports can
//! fill too.

pub mod demand;
mod measure;
mod memory;
pub mod page;
mod steps;
pub mod svg;
mod upgrade;

pub use measure::{fit, is_wide, text_width};

use super::document::{self, Block};
use super::messages::Msg;
use super::{Report, ReportInput};
use page::{BlockView, Figure, Page, Summary};
use std::io::{self, Write};

pub struct Html;

/// The charts of a plan's analysis, in the order the page shows them.
pub fn figures(msg: &Msg, input: &ReportInput<'_>) -> Vec<Figure> {
    let mut out = vec![memory::figure(msg, input), demand::figure(msg, input)];
    out.extend(upgrade::figure(msg, input));
    out.extend(steps::figure(msg, input));
    out
}

/// The page of a plan's analysis.
pub fn plan_page(input: &ReportInput<'_>) -> Page {
    let msg = Msg::new(input.lang);
    let mut blocks = document::build(input);
    // The document opens with its title and the host it is about: they head the page.
    let mut title = msg.t("report.title");
    let mut subtitle = String::new();
    if let Some(Block::Heading(1, text)) = blocks.first() {
        title = text.clone();
        blocks.remove(0);
        if let Some(Block::Paragraph(text)) = blocks.first() {
            subtitle = text.clone();
            blocks.remove(0);
        }
    }
    let summary = input.analysis.recommendation.as_ref().map(|r| Summary {
        heading: msg.t("html.summary"),
        text: document::recommendation_text(&msg, r),
        tone: match r.action {
            crate::plan::Action::None => "fits",
            _ => "advice",
        },
    });
    Page {
        lang: page::lang_attr(input.lang),
        title,
        subtitle,
        summary,
        figures_heading: msg.t("html.figures"),
        figures: figures(&msg, input),
        blocks: blocks.iter().map(BlockView::of).collect(),
        footer: msg.t("html.footer"),
    }
}

impl Report for Html {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        page::write(&plan_page(input), out)
    }
}

#[cfg(test)]
mod tests;
