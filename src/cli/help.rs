//! The command line in the user's language: the clap definitions (`args.rs` and the commands'
//! own `Args`) with every help text, heading and example taken from the `help` area of the en/zh
//! tables, so `--help`, the completions and the man page read as the reports do. The language
//! comes from `--lang` on the command line, else the locale, before clap parses anything.

use super::args::{Cli, LangArg};
use crate::report::Lang;
use crate::report::messages::Msg;
use clap::{Arg, ArgAction, Command, CommandFactory};
use std::ffi::OsString;

/// The value of `--lang` on a command line, read before clap (which words its errors by it).
pub fn lang_in_args(args: &[OsString]) -> Option<LangArg> {
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value {
            Some("zh") => return Some(LangArg::Zh),
            Some("en") => return Some(LangArg::En),
            _ => {}
        }
    }
    None
}

/// The key of a help text: `help.<command path>.<what>`; the path of the top command is `hostfit`.
fn key(path: &str, what: &str) -> String {
    format!("help.{path}.{what}")
}

/// The whole command line, worded in `lang`.
pub fn command(lang: Lang) -> Command {
    let msg = Msg::new(lang);
    let cmd = localize(Cli::command(), "hostfit", &msg)
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(msg.t("help.flag.version"))
                .help_heading(msg.t("help.heading.options")),
        );
    cmd.after_help(msg.t("help.hostfit.examples"))
}

fn localize(cmd: Command, path: &str, msg: &Msg) -> Command {
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        msg.t("help.heading.usage")
    );
    let ids: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .map(|a| {
            let values = a.is_positional() || a.get_action().takes_values();
            (a.get_id().to_string(), a.is_positional(), values)
        })
        .collect();
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut cmd = cmd
        .about(msg.t(&key(path, "about")))
        .long_about(None)
        .help_template(template)
        .subcommand_help_heading(msg.t("help.heading.commands"))
        .subcommand_value_name(msg.t("help.value.command"))
        .disable_help_flag(true);
    let examples = key(path, "examples");
    if msg.has(&examples) {
        cmd = cmd.after_help(msg.t(&examples));
    }
    for (id, positional, values) in ids {
        let help = msg.t(&key(path, &id));
        let heading = msg.t(if positional {
            "help.heading.arguments"
        } else {
            "help.heading.options"
        });
        // The tables' help says the values and the default itself, in the user's language.
        cmd = cmd.mut_arg(id, |a| {
            let a = a.help(help).long_help(None).help_heading(heading);
            if values {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        });
    }
    // After the others: `mut_arg` moves an argument to the end, and the first heading shown is
    // that of the first argument.
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(msg.t("help.flag.help"))
            .help_heading(msg.t("help.heading.options")),
    );
    for name in subcommands {
        let sub_path = format!("{path}.{name}");
        cmd = cmd.mut_subcommand(name, |sub| localize(sub, &sub_path, msg));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument, as `help.<path>.<id>` keys.
    fn keys(cmd: &Command, path: &str, out: &mut Vec<String>) {
        out.push(key(path, "about"));
        for a in cmd.get_arguments() {
            out.push(key(path, a.get_id().as_str()));
        }
        for sub in cmd.get_subcommands() {
            keys(sub, &format!("{path}.{}", sub.get_name()), out);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_words() {
        let mut all = Vec::new();
        keys(&Cli::command(), "hostfit", &mut all);
        assert!(all.len() > 40, "{}", all.len());
        let msg = Msg::new(Lang::En);
        let missing: Vec<&String> = all.iter().filter(|k| !msg.has(k)).collect();
        assert!(missing.is_empty(), "no help text for {missing:?}");
        // every command a user runs has examples
        for sub in Cli::command().get_subcommands() {
            let mut leaf = vec![sub.get_name().to_string()];
            if sub.has_subcommands() && sub.get_name() == "export" {
                leaf = sub
                    .get_subcommands()
                    .map(|s| format!("export.{}", s.get_name()))
                    .collect();
            }
            for path in leaf {
                let k = key(&format!("hostfit.{path}"), "examples");
                assert!(msg.has(&k), "{k}");
            }
        }
        command(Lang::Zh).debug_assert();
        command(Lang::En).debug_assert();
    }

    #[test]
    fn the_language_on_the_command_line() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_in_args(&args(&["hostfit", "plan", "--lang", "zh"])),
            Some(LangArg::Zh)
        );
        assert_eq!(
            lang_in_args(&args(&["hostfit", "--lang=en", "plan"])),
            Some(LangArg::En)
        );
        assert_eq!(lang_in_args(&args(&["hostfit", "--lang", "fr"])), None);
        assert_eq!(lang_in_args(&args(&["hostfit", "--language", "zh"])), None);
    }
}
