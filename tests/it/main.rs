//! The integration tests: one binary that drives the real `hostfit` through `util`.

mod architecture;
mod bad_input;
mod catalog;
mod compose;
mod conventions;
mod engines;
mod fuzz_regressions;
mod history;
mod history_crash;
mod live;
mod options;
mod output;
mod place;
mod plain_words;
mod plan;
mod report;
mod scan;
mod stdin;
mod util;
