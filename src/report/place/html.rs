//! The placement as one self-contained HTML page (the plan report's page): the summary first,
//! a chart of what was placed on each host against its room, then the whole document.

use super::{PlaceReport, PlaceReportInput, document};
use crate::report::document::Block;
use crate::report::html::demand;
use crate::report::html::page::{self, BlockView, Page, Summary};
use crate::report::messages::Msg;
use std::io::{self, Write};

/// The most hosts the chart draws; the tables of the document list them all.
pub const CHART_HOSTS: usize = 40;

pub struct Html;

/// The page of a placement.
pub fn place_page(input: &PlaceReportInput<'_>) -> Page {
    let msg = Msg::new(input.lang);
    let p = input.placement;
    let mut blocks = document::build(input);
    let mut title = msg.t("place.title");
    let mut summary = None;
    if let Some(Block::Heading(1, text)) = blocks.first() {
        title = text.clone();
        blocks.remove(0);
        if let Some(Block::Paragraph(text)) = blocks.first() {
            summary = Some(Summary {
                heading: msg.t("html.summary"),
                text: text.clone(),
                tone: if p.unplaced.is_empty() {
                    "fits"
                } else {
                    "advice"
                },
            });
            blocks.remove(0);
        }
    }
    let used: Vec<_> = p
        .hosts
        .iter()
        .filter(|h| !h.services.is_empty())
        .take(CHART_HOSTS)
        .map(|h| (h.name.clone(), h.verdict, &h.checks))
        .collect();
    let mut figures = Vec::new();
    if !used.is_empty() {
        let mut figure = demand::hosts(&msg, &used);
        let shown = p.hosts.iter().filter(|h| !h.services.is_empty()).count();
        if shown > CHART_HOSTS {
            figure.caption = format!(
                "{} {}",
                figure.caption,
                msg.f(
                    "html.place.first",
                    &[
                        ("shown", CHART_HOSTS.to_string()),
                        ("hosts", shown.to_string())
                    ]
                )
            );
        }
        figures.push(figure);
    }
    Page {
        lang: page::lang_attr(input.lang),
        title,
        subtitle: String::new(),
        summary,
        figures_heading: msg.t("html.figures"),
        figures,
        blocks: blocks.iter().map(BlockView::of).collect(),
        footer: msg.t("html.footer"),
    }
}

impl PlaceReport for Html {
    fn write(&self, input: &PlaceReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        page::write(&place_page(input), out)
    }
}
