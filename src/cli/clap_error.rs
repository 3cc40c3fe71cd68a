//! The command line's own mistakes (an unknown option, a bad value, a missing argument) worded
//! from the `cli.args` entries of the en/zh tables, from the values clap found; help and the
//! version are printed as clap renders them from the localized definitions.

use super::span::SpanError;
use crate::report::Lang;
use crate::report::messages::Msg;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// What a clap error means for the run: text printed with a status, or a sentence for an error.
pub enum Outcome {
    /// Help or the version: clap prints it (standard output, or standard error for the help
    /// shown when a command is missing), with this status.
    Printed(u8),
    /// A mistake on the command line, in the user's language.
    Mistake(String),
}

fn text(v: Option<&ContextValue>) -> String {
    match v {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(list)) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn quoted_list(msg: &Msg, v: Option<&ContextValue>) -> String {
    let items: Vec<String> = match v {
        Some(ContextValue::Strings(list)) => list.iter().map(|s| format!("'{s}'")).collect(),
        other => vec![format!("'{}'", text(other))],
    };
    msg.join(&items)
}

/// The outcome of a clap error, worded in `lang`.
pub fn outcome(e: &clap::Error, lang: Lang) -> Outcome {
    let msg = Msg::new(lang);
    let get = |k: ContextKind| e.get(k);
    let arg = text(get(ContextKind::InvalidArg));
    let value = text(get(ContextKind::InvalidValue));
    let close = text(get(ContextKind::SuggestedArg));
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Outcome::Printed(0),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Outcome::Printed(2),
        ErrorKind::InvalidValue if value.is_empty() => {
            Outcome::Mistake(msg.f("cli.args.empty_value", &[("arg", arg)]))
        }
        ErrorKind::InvalidValue => Outcome::Mistake(msg.f(
            "cli.args.invalid_value",
            &[
                ("arg", arg),
                ("value", value),
                ("valid", quoted_list(&msg, get(ContextKind::ValidValue))),
            ],
        )),
        ErrorKind::UnknownArgument if !close.is_empty() => {
            Outcome::Mistake(msg.f("cli.args.unknown_close", &[("arg", arg), ("close", close)]))
        }
        ErrorKind::UnknownArgument => Outcome::Mistake(msg.f("cli.args.unknown", &[("arg", arg)])),
        ErrorKind::InvalidSubcommand => {
            let name = text(get(ContextKind::InvalidSubcommand));
            let suggested = text(get(ContextKind::SuggestedSubcommand));
            if suggested.is_empty() {
                Outcome::Mistake(msg.f("cli.args.unknown_command", &[("name", name)]))
            } else {
                Outcome::Mistake(msg.f(
                    "cli.args.unknown_command_close",
                    &[("name", name), ("close", suggested)],
                ))
            }
        }
        ErrorKind::MissingRequiredArgument => Outcome::Mistake(msg.f(
            "cli.args.missing",
            &[("args", quoted_list(&msg, get(ContextKind::InvalidArg)))],
        )),
        ErrorKind::ArgumentConflict => {
            let other = text(get(ContextKind::PriorArg));
            if other.is_empty() || other == arg {
                Outcome::Mistake(msg.f("cli.args.twice", &[("arg", arg)]))
            } else {
                Outcome::Mistake(msg.f("cli.args.conflict", &[("arg", arg), ("other", other)]))
            }
        }
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(e);
            let detail = match source.and_then(|s| s.downcast_ref::<SpanError>()) {
                Some(span) => msg.t(span.key()),
                None => source.map(ToString::to_string).unwrap_or_default(),
            };
            Outcome::Mistake(msg.f(
                "cli.args.bad_value",
                &[("arg", arg), ("value", value), ("detail", detail)],
            ))
        }
        _ => Outcome::Mistake(msg.f("cli.args.invalid", &[("arg", arg)])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mistake(args: &[&str], lang: Lang) -> String {
        let e = super::super::help::command(lang)
            .try_get_matches_from(args)
            .expect_err("an error");
        match outcome(&e, lang) {
            Outcome::Mistake(text) => text,
            Outcome::Printed(status) => panic!("printed with {status}"),
        }
    }

    #[test]
    fn mistakes_in_both_languages() {
        let en = mistake(&["hostfit", "plan", "p.yaml", "--format", "htm"], Lang::En);
        assert_eq!(
            en,
            "'htm' is not a value of '--format <FORMAT>': expected 'text', 'markdown', 'json', 'html'"
        );
        let zh = mistake(&["hostfit", "plan", "p.yaml", "--formt", "html"], Lang::Zh);
        assert!(
            zh.contains("'--formt'") && zh.contains("'--format'"),
            "{zh}"
        );
        assert!(
            zh.chars().any(super::super::super::report::html::is_wide),
            "{zh}"
        );
        let missing = mistake(&["hostfit", "plan"], Lang::En);
        assert!(missing.contains("'<PLAN>'"), "{missing}");
        let command = mistake(&["hostfit", "pln"], Lang::En);
        assert!(
            command.contains("'pln'") && command.contains("'plan'"),
            "{command}"
        );
        let conflict = mistake(
            &["hostfit", "plan", "p", "--live", "--snapshot", "s"],
            Lang::En,
        );
        assert!(
            conflict.contains("--snapshot") && conflict.contains("--live"),
            "{conflict}"
        );
        let twice = mistake(&["hostfit", "plan", "p", "--check", "--check"], Lang::En);
        assert!(twice.contains("--check"), "{twice}");
        let bad = mistake(&["hostfit", "scan", "--interval", "soon"], Lang::En);
        assert!(
            bad.contains("'soon'") && bad.contains("--interval"),
            "{bad}"
        );
    }
}
