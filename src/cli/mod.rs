//! The command-line layer: clap arguments become validated settings, files are read, the other
//! layers are called, and results become exit codes. No business logic lives here.

pub mod args;
pub mod catalog;
pub mod error;
pub mod input;
pub mod scan;
