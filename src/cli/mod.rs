//! The command-line layer: clap arguments become validated settings, files are read, the other
//! layers are called, and results become exit codes and errors in the user's language. No
//! business logic lives here.

pub mod args;
pub mod catalog;
pub mod clock;
pub mod error;
pub mod history;
pub mod input;
pub mod output;
pub mod parse_error;
pub mod plan_cmd;
pub mod problems;
pub mod profile;
pub mod read;
pub mod record;
pub mod sampling;
pub mod scan;
pub mod span;
pub mod spans;

use crate::report::Lang;
use args::{Cli, Command, LangArg};
use clap::Parser;
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
/// language, for status 2. A broken pipe on the output is status 0: the reader has what it
/// wanted.
pub fn run() -> Result<u8, Worded> {
    output::note_stdout();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let status = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return Ok(status);
        }
    };
    let env = |k: &str| std::env::var(k).ok();
    let flag = match &cli.command {
        Command::Plan(args) => args.out.lang,
        Command::Scan(args) => args.lang,
        Command::Catalog(args) => args.lang,
        Command::Record(args) => args.lang,
        Command::History(args) => args.lang,
        Command::Profile(args) => args.lang,
    };
    let lang = resolve_lang(flag, &env);
    let result = match cli.command {
        Command::Plan(args) => plan_cmd::run(&plan_cmd::PlanConfig::from_args(&args, lang)),
        Command::Scan(args) => scan::run(&args, lang).map(|()| 0),
        Command::Catalog(args) => catalog::run(&args, lang).map(|()| 0),
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
