//! The hostfit binary: parse, run, map the result to an exit status. All work is in `cli`.

use std::process::ExitCode;

fn main() -> ExitCode {
    match hostfit::cli::run() {
        Ok(status) => ExitCode::from(status),
        Err(err) => {
            if let hostfit::cli::error::CliError::Write { source, .. } = &err
                && source.kind() == std::io::ErrorKind::BrokenPipe
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("{:?}", miette::Report::new(err));
            ExitCode::from(2)
        }
    }
}
