//! The binary: run `cli`, print its worded error, map the result to an exit status. All work is
//! in `cli`.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match hostfit::cli::run() {
        Ok(status) => ExitCode::from(status),
        Err(err) => {
            // A standard error that cannot be written is no reason to panic: the status says it.
            let _ = writeln!(std::io::stderr(), "{:?}", miette::Report::new(err));
            ExitCode::from(2)
        }
    }
}
