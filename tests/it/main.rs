//! The integration tests: one binary that drives the real `hostfit` through `util`.

mod architecture;
mod bad_input;
mod plan;
mod report;
mod util;
