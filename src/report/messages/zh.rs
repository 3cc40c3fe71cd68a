//! The Chinese message tables, one file per area. Every key exists in the `en` tables too
//! (a test checks).

mod catalog;
mod cli;
mod compose;
mod engines;
mod help;
mod history;
mod html;
mod options;
mod parse;
mod place;
mod problems;
mod report;
mod scan;

/// The areas' tables, searched in order.
pub(super) const TABLES: &[&[(&str, &str)]] = &[
    report::TABLE,
    options::TABLE,
    scan::TABLE,
    catalog::TABLE,
    problems::TABLE,
    parse::TABLE,
    cli::TABLE,
    compose::TABLE,
    help::TABLE,
    html::TABLE,
    engines::TABLE,
    place::TABLE,
    history::TABLE,
];
