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

/// Before `main`, Rust's runtime opens /dev/null on a closed standard output, so that
/// `hostfit plan … >&-` would write the report nowhere and exit 0. The loader runs this
/// before the runtime starts, while a closed standard output is still closed.
#[used]
#[unsafe(link_section = ".init_array")]
static LOOK_AT_STDOUT: extern "C" fn() = look_at_stdout;

extern "C" fn look_at_stdout() {
    hostfit::cli::output::note_stdout();
}
