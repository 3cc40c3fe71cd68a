//! The integration tests: one binary that drives the real `hostfit` through `util`.

mod architecture;
mod bad_input;
mod catalog;
mod live_scan;
mod options;
mod output;
mod plan;
mod report;
mod scan;
mod util;
