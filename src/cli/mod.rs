//! The command-line layer: clap arguments become validated settings, files are read, the other
//! layers are called, and results become exit codes and errors in the user's language. No
//! business logic lives here.

pub mod args;
pub mod catalog;
pub mod clap_error;
pub mod clock;
pub mod compose;
pub mod error;
pub mod export;
pub mod help;
pub mod history;
pub mod init;
pub mod input;
pub mod output;
pub mod parse_error;
pub mod place;
pub mod plan_cmd;
pub mod problems;
pub mod profile;
pub mod read;
pub mod record;
pub mod sampling;
pub mod scan;
pub mod shell;
pub mod span;
pub mod spans;

use crate::report::Lang;
use args::{Cli, Command, LangArg};
use clap::FromArgMatches;
use error::Worded;

/// The language: `--lang`, else the locale (LC_ALL, LC_MESSAGES, LANG; zh_* is Chinese), else English.
pub fn resolve_lang(flag: Option<LangArg>, env: &dyn Fn(&str) -> Option<String>) -> Lang {
    match flag {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| env(k).filter(|v| !v.is_empty()))
            .map_or(Lang::En, |v| Lang::from_locale(&v)),
    }
}

/// Parses the arguments, resolves the language and runs the command. Returns the exit status
/// (0 done, 1 `--check` found a scenario that does not fit), or the error worded in the user's
/// language, for status 2. A broken pipe on the output is not an error (`plan` keeps its
/// `--check` status, other commands exit 0): the reader has what it
/// wanted.
pub fn run() -> Result<u8, Worded> {
    output::note_stdout();
    let env = |k: &str| std::env::var(k).ok();
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let early = resolve_lang(help::lang_in_args(&argv), &env);
    let parsed = help::command(early)
        .try_get_matches_from(&argv)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            return match clap_error::outcome(&e, early) {
                clap_error::Outcome::Printed(status) if e.use_stderr() => {
                    let _ = e.print();
                    Ok(status)
                }
                // `--help` and `--version` go to standard output, which must take them.
                clap_error::Outcome::Printed(status) => {
                    if output::stdout_closed() {
                        return Err(error::CliError::StdoutClosed.worded(early));
                    }
                    match e
                        .print()
                        .and_then(|()| std::io::Write::flush(&mut std::io::stdout()))
                    {
                        Err(source) if source.kind() != std::io::ErrorKind::BrokenPipe => {
                            Err(error::CliError::WriteStdout { source }.worded(early))
                        }
                        _ => Ok(status),
                    }
                }
                clap_error::Outcome::Mistake(text) => Err(Worded::Sentence(text)),
            };
        }
    };
    let flag = match &cli.command {
        Command::Plan(args) => args.out.lang,
        Command::Scan(args) => args.lang,
        Command::Catalog(args) => args.lang,
        Command::Export(args) => export::lang_flag(args),
        Command::Init(args) => args.lang,
        Command::Completions(args) => args.lang,
        Command::Man(args) => args.lang,
        Command::Place(args) => args.lang(),
        Command::Record(args) => args.lang,
        Command::History(args) => args.lang,
        Command::Profile(args) => args.lang,
    };
    let lang = resolve_lang(flag, &env);
    let result = match cli.command {
        Command::Plan(args) => plan_cmd::run(&plan_cmd::PlanConfig::from_args(&args, lang)),
        Command::Scan(args) => scan::run(&args, lang).map(|()| 0),
        Command::Catalog(args) => catalog::run(&args, lang).map(|()| 0),
        Command::Export(args) => export::run(&args, lang).map(|()| 0),
        Command::Init(args) => init::run(&args, lang).map(|()| 0),
        Command::Completions(args) => shell::completions(&args, lang).map(|()| 0),
        Command::Man(args) => shell::man(&args, lang).map(|()| 0),
        Command::Place(args) => place::run(&args, lang),
        Command::Record(args) => record::run(&args, lang).map(|()| 0),
        Command::History(args) => history::run(&args, lang).map(|()| 0),
        Command::Profile(args) => profile::run(&args, lang).map(|()| 0),
    };
    match result {
        Ok(status) => Ok(status),
        Err(e) if e.is_broken_pipe() => Ok(0),
        Err(e) => Err(e.worded(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_flag_then_locale() {
        let zh = |k: &str| (k == "LANG").then(|| "zh_CN.UTF-8".to_string());
        let none = |_: &str| None;
        let all_en = |k: &str| match k {
            "LC_ALL" => Some("en_US.UTF-8".to_string()),
            _ => Some("zh_CN.UTF-8".to_string()),
        };
        assert_eq!(resolve_lang(None, &zh), Lang::Zh);
        assert_eq!(resolve_lang(Some(LangArg::En), &zh), Lang::En);
        assert_eq!(resolve_lang(None, &none), Lang::En);
        assert_eq!(resolve_lang(None, &all_en), Lang::En);
    }
}
