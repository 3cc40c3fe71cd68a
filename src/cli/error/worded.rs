//! `CliError` in the user's language: each variant's sentence from the `cli` area of the en/zh
//! tables, and the diagnostic `main` prints. Decides nothing about which error happened.

use super::{CliError, InputError, Rendered};
use crate::plan::budgets::BudgetError;
use crate::probe::DsnError;
use crate::report::Lang;
use crate::report::messages::Msg;
use miette::Diagnostic;
use std::path::Path;

/// An error in the user's language, ready to print: a file's diagnostic with its snippet, or a
/// sentence.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum Worded {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Input(Box<InputError>),
    #[error("{0}")]
    Sentence(String),
}

impl CliError {
    /// The error in `lang`: the tables' sentence, or the diagnostic of a place in a file.
    pub fn worded(self, lang: Lang) -> Worded {
        let msg = Msg::new(lang);
        match self {
            CliError::Input(e) => Worded::Input(e),
            CliError::NotUtf8 {
                ref path,
                ref text,
                line,
                column,
                ..
            } => Worded::Input(Box::new(InputError::at(
                path,
                text,
                line,
                column,
                self.sentence(&msg),
            ))),
            other => Worded::Sentence(other.sentence(&msg)),
        }
    }

    /// A broken pipe (`hostfit plan … | head`): the reader has all it wants, not an error.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            CliError::Write { source, .. } | CliError::WriteStdout { source } => {
                source.kind() == std::io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }

    /// The message of this error from the `cli` area of the tables. For an `InputError` it is
    /// the message it was made with.
    pub fn sentence(&self, msg: &Msg) -> String {
        let p = |path: &Path| path.display().to_string();
        let os = |e: &std::io::Error| io_words(e, msg);
        match self {
            CliError::Input(e) => e.message.clone(),
            CliError::NotUtf8 { byte: Some(b), .. } => {
                msg.f("cli.read.not_utf8", &[("byte", format!("0x{b:02X}"))])
            }
            CliError::NotUtf8 { byte: None, .. } => msg.t("cli.read.not_utf8_end"),
            CliError::Read { path, source } => {
                msg.f("cli.read", &[("path", p(path)), ("error", os(source))])
            }
            CliError::StdinTwice => msg.t("cli.read.stdin_twice"),
            CliError::TooLarge { path, limit } => msg.f(
                "cli.read.too_large",
                &[("path", p(path)), ("limit", format!("{} MiB", limit >> 20))],
            ),
            CliError::NotRegular { path, kind } => msg.f(
                "cli.read.not_regular",
                &[("path", p(path)), ("kind", msg.t(kind.key()))],
            ),
            CliError::Write { path, source } => {
                msg.f("cli.write", &[("path", p(path)), ("error", os(source))])
            }
            CliError::WriteStdout { source } => msg.f("cli.write.stdout", &[("error", os(source))]),
            CliError::StdoutClosed => msg.t("cli.write.stdout_closed"),
            CliError::OutputKind { path, kind } => msg.f(
                "cli.output.kind",
                &[("path", p(path)), ("kind", msg.t(kind.key()))],
            ),
            CliError::OutputDangling { path, target } => msg.f(
                "cli.output.dangling",
                &[("path", p(path)), ("target", p(target))],
            ),
            CliError::OutputNoName { path } => msg.f("cli.output.no_name", &[("path", p(path))]),
            CliError::OutputChanged { path } => msg.f("cli.output.changed", &[("path", p(path))]),
            CliError::OutputIsInput { path, input } => msg.f(
                "cli.output.is_input",
                &[("path", p(path)), ("input", p(input))],
            ),
            CliError::OutputInInput { path, input } => msg.f(
                "cli.output.in_input",
                &[("path", p(path)), ("input", p(input))],
            ),
            CliError::OutputPlantedLink { path, owner } => msg.f(
                "cli.output.planted_link",
                &[("path", p(path)), ("owner", owner.to_string())],
            ),
            CliError::KeepOwner { path, source } => msg.f(
                "cli.output.owner",
                &[("path", p(path)), ("error", os(source))],
            ),
            CliError::UnknownCatalog {
                spec,
                path,
                builtins,
                close,
            } => {
                let names: Vec<String> = builtins.iter().map(|n| format!("'{n}'")).collect();
                let mut args = vec![
                    ("spec", spec.clone()),
                    ("names", msg.join(&names)),
                    ("path", p(path)),
                ];
                match close {
                    Some(close) => {
                        args.push(("close", close.clone()));
                        msg.f("cli.catalog.unknown_close", &args)
                    }
                    None => msg.f("cli.catalog.unknown", &args),
                }
            }
            CliError::CatalogFormat { path } => msg.f("cli.catalog.format", &[("path", p(path))]),
            CliError::NoBuiltin { name } => {
                msg.f("cli.catalog.no_builtin", &[("name", name.clone())])
            }
            CliError::ImportInvalid { path, problem } => {
                let args: Vec<(&str, String)> =
                    problem.args.iter().map(|(k, v)| (*k, v.clone())).collect();
                msg.f(
                    "cli.catalog.import_invalid",
                    &[("path", p(path)), ("problem", msg.f(problem.key, &args))],
                )
            }
            CliError::RootNotDir { root } => msg.f("cli.scan.root", &[("root", p(root))]),
            CliError::BadDate { flag, value } => msg.f(
                "cli.flag.bad_date",
                &[("flag", (*flag).to_string()), ("value", value.clone())],
            ),
            CliError::FlagNotDir { flag, path } => msg.f(
                "cli.scan.flag_not_dir",
                &[("flag", (*flag).to_string()), ("path", p(path))],
            ),
            CliError::DfInvalid { path, error } => msg.f(
                "cli.scan.df_invalid",
                &[("path", p(path)), ("error", error.clone())],
            ),
            CliError::Scan { root, error } => msg.f(
                "cli.scan.failed",
                &[("root", p(root)), ("error", error.clone())],
            ),
            CliError::UnknownCommand { name } => {
                msg.f("cli.man.unknown_command", &[("name", name.clone())])
            }
            CliError::Exists { path } => msg.f("cli.init.exists", &[("path", p(path))]),
            CliError::Export(e) => export_sentence(msg, e),
            CliError::Connect { reason } => match reason {
                DsnError::Engine(engine) => {
                    msg.f("cli.connect.engine", &[("engine", engine.clone())])
                }
                DsnError::Shape => msg.t("cli.connect.shape"),
                DsnError::Password(engine, variable) => msg.f(
                    "cli.connect.password",
                    &[("engine", engine.clone()), ("variable", variable.clone())],
                ),
                DsnError::Dsn(engine, expected) => msg.f(
                    "cli.connect.dsn",
                    &[
                        ("engine", engine.clone()),
                        ("expected", (*expected).to_string()),
                    ],
                ),
            },
            CliError::Place(e) => e.sentence(msg),
            CliError::Render { what, error } => {
                let key = match what {
                    Rendered::Report => "cli.render.report",
                    Rendered::Snapshot => "cli.render.snapshot",
                    Rendered::Listing => "cli.render.listing",
                };
                msg.f(key, &[("error", error.clone())])
            }
            CliError::Store(e) => store_sentence(e, msg),
            CliError::NoSamples { path, since } => msg.f(
                "cli.history.no_samples",
                &[("path", p(path)), ("since", since.clone())],
            ),
            CliError::ProfileTarget { what, error } => msg.f(
                "cli.profile.target",
                &[("what", what.clone()), ("error", error.clone())],
            ),
        }
    }
}

/// An I/O error in the user's words for the common kinds; the OS's text for the rest.
fn io_words(e: &std::io::Error, msg: &Msg) -> String {
    use rustix::io::Errno;
    use std::io::ErrorKind;
    let raw = e.raw_os_error();
    let is = |errno: Errno| raw == Some(errno.raw_os_error());
    let key = if is(Errno::ISDIR) {
        "cli.io.is_dir"
    } else if is(Errno::NOTDIR) {
        "cli.io.not_dir"
    } else if is(Errno::NOSPC) {
        "cli.io.no_space"
    } else if is(Errno::ROFS) {
        "cli.io.read_only"
    } else if is(Errno::LOOP) {
        "cli.io.loop"
    } else if is(Errno::FBIG) {
        "cli.io.too_large"
    } else {
        match e.kind() {
            ErrorKind::NotFound => "cli.io.not_found",
            ErrorKind::PermissionDenied => "cli.io.denied",
            ErrorKind::AlreadyExists => "cli.io.exists",
            _ => return e.to_string(),
        }
    };
    msg.t(key)
}

/// Why `hostfit export` has nothing to write.
fn export_sentence(msg: &Msg, e: &BudgetError) -> String {
    match e {
        BudgetError::UnknownScenario { name, known } => {
            let known: Vec<String> = known.iter().map(|n| format!("'{n}'")).collect();
            msg.f(
                "cli.export.unknown_scenario",
                &[("name", name.clone()), ("known", msg.join(&known))],
            )
        }
        BudgetError::NoUpgrade { scenario } => {
            msg.f("cli.export.no_upgrade", &[("scenario", scenario.clone())])
        }
        BudgetError::DoesNotFit { scenario, verdict } => msg.f(
            "cli.export.does_not_fit",
            &[
                ("scenario", scenario.clone()),
                ("verdict", msg.verb(*verdict)),
            ],
        ),
    }
}

/// A history store's error from the `cli.store.*` keys.
fn store_sentence(e: &crate::probe::StoreError, msg: &Msg) -> String {
    use crate::probe::StoreError as E;
    let p = |path: &Path| path.display().to_string();
    let key = format!("cli.store.{}", e.code());
    match e {
        E::ReadOnly { path }
        | E::NotHistory { path }
        | E::Full { path }
        | E::Missing { path }
        | E::Link { path } => msg.f(&key, &[("path", p(path))]),
        E::Newer { path, found, known } => msg.f(
            &key,
            &[
                ("path", p(path)),
                ("found", found.to_string()),
                ("known", known.to_string()),
            ],
        ),
        E::Sqlite { path, error } => msg.f(&key, &[("path", p(path)), ("error", error.clone())]),
    }
}

#[cfg(test)]
mod tests {
    use super::super::FileKind;
    use super::*;
    use crate::model::{FieldPath, Problem};
    use crate::probe::StoreError;
    use std::path::PathBuf;

    /// One error of every kind that is worded from the tables.
    fn one_of_each() -> Vec<CliError> {
        let mut out: Vec<CliError> = crate::cli::place::PlaceError::one_of_each()
            .into_iter()
            .map(CliError::Place)
            .collect();
        out.extend(others());
        out
    }

    fn others() -> Vec<CliError> {
        let path = PathBuf::from("p.yaml");
        let io = || std::io::Error::from(std::io::ErrorKind::NotFound);
        let problem = Problem {
            path: FieldPath::root(),
            key: "problem.catalog.no_instances",
            args: vec![],
        };
        let p = || path.clone();
        vec![
            CliError::NotUtf8 {
                path: p(),
                text: "a".into(),
                line: 1,
                column: 1,
                byte: Some(0xFF),
            },
            CliError::NotUtf8 {
                path: p(),
                text: "a".into(),
                line: 1,
                column: 1,
                byte: None,
            },
            CliError::Read {
                path: p(),
                source: io(),
            },
            CliError::StdinTwice,
            CliError::TooLarge {
                path: p(),
                limit: 64 << 20,
            },
            CliError::NotRegular {
                path: p(),
                kind: FileKind::Fifo,
            },
            CliError::Write {
                path: p(),
                source: io(),
            },
            CliError::WriteStdout { source: io() },
            CliError::StdoutClosed,
            CliError::OutputKind {
                path: p(),
                kind: FileKind::Directory,
            },
            CliError::OutputDangling {
                path: p(),
                target: p(),
            },
            CliError::OutputNoName { path: p() },
            CliError::OutputChanged { path: p() },
            CliError::OutputIsInput {
                path: p(),
                input: p(),
            },
            CliError::OutputInInput {
                path: p(),
                input: p(),
            },
            CliError::OutputPlantedLink {
                path: p(),
                owner: 65534,
            },
            CliError::KeepOwner {
                path: p(),
                source: io(),
            },
            CliError::UnknownCatalog {
                spec: "x".into(),
                path: p(),
                builtins: vec!["a".into(), "b".into()],
                close: None,
            },
            CliError::UnknownCatalog {
                spec: "x".into(),
                path: p(),
                builtins: vec!["a".into()],
                close: Some("a".into()),
            },
            CliError::CatalogFormat { path: p() },
            CliError::NoBuiltin { name: "x".into() },
            CliError::ImportInvalid { path: p(), problem },
            CliError::RootNotDir { root: p() },
            CliError::FlagNotDir {
                flag: "--engine-replies",
                path: p(),
            },
            CliError::BadDate {
                flag: "--as-of",
                value: "x".into(),
            },
            CliError::DfInvalid {
                path: p(),
                error: "e".into(),
            },
            CliError::Scan {
                root: p(),
                error: "e".into(),
            },
            CliError::UnknownCommand { name: "x".into() },
            CliError::Exists { path: p() },
            CliError::Export(BudgetError::UnknownScenario {
                name: "x".into(),
                known: vec!["a".into(), "b".into()],
            }),
            CliError::Export(BudgetError::NoUpgrade {
                scenario: "x".into(),
            }),
            CliError::Export(BudgetError::DoesNotFit {
                scenario: "x".into(),
                verdict: crate::plan::Verdict::DoesNotFit,
            }),
            CliError::Connect {
                reason: DsnError::Engine("x".into()),
            },
            CliError::Connect {
                reason: DsnError::Shape,
            },
            CliError::Connect {
                reason: DsnError::Password("redis".into(), "HOSTFIT_REDIS_PASSWORD".into()),
            },
            CliError::Connect {
                reason: DsnError::Dsn("redis".into(), "redis://HOST:PORT"),
            },
            CliError::Render {
                what: Rendered::Report,
                error: "e".into(),
            },
            CliError::Render {
                what: Rendered::Snapshot,
                error: "e".into(),
            },
            CliError::Render {
                what: Rendered::Listing,
                error: "e".into(),
            },
            CliError::Store(StoreError::ReadOnly { path: p() }),
            CliError::Store(StoreError::NotHistory { path: p() }),
            CliError::Store(StoreError::Newer {
                path: p(),
                found: 2,
                known: 1,
            }),
            CliError::Store(StoreError::Full { path: p() }),
            CliError::Store(StoreError::Missing { path: p() }),
            CliError::Store(StoreError::Link { path: p() }),
            CliError::Store(StoreError::Sqlite {
                path: p(),
                error: "e".into(),
            }),
            CliError::NoSamples {
                path: p(),
                since: "7d".into(),
            },
            CliError::ProfileTarget {
                what: "--pid 1".into(),
                error: "e".into(),
            },
        ]
    }

    #[test]
    fn every_cli_error_is_worded_in_both_languages() {
        for lang in [Lang::En, Lang::Zh] {
            let msg = Msg::new(lang);
            for e in one_of_each() {
                let text = e.sentence(&msg);
                assert!(
                    !text.contains("cli.") && !text.contains("problem.") && !text.contains('{'),
                    "{lang:?}: {text}"
                );
                assert!(!text.ends_with('.') && !text.ends_with('。'), "{text}");
            }
        }
        for kind in [
            FileKind::Directory,
            FileKind::Fifo,
            FileKind::Socket,
            FileKind::CharDevice,
            FileKind::BlockDevice,
            FileKind::Other,
        ] {
            assert_ne!(Msg::new(Lang::Zh).t(kind.key()), kind.key());
        }
    }

    #[test]
    fn common_os_errors_are_worded() {
        for lang in [Lang::En, Lang::Zh] {
            let msg = Msg::new(lang);
            for errno in [2, 13, 17, 21, 20, 28, 30, 40, 27] {
                let e = std::io::Error::from_raw_os_error(errno);
                let text = io_words(&e, &msg);
                assert!(
                    !text.contains("os error") && !text.contains("cli."),
                    "{text}"
                );
            }
        }
        let e = CliError::Read {
            path: PathBuf::from("p.yaml"),
            source: std::io::Error::from_raw_os_error(2),
        };
        assert_eq!(
            e.sentence(&Msg::new(Lang::En)),
            "cannot read 'p.yaml': there is no such file or directory"
        );
    }

    #[test]
    fn a_bad_byte_is_a_diagnostic_at_its_place() {
        let e = CliError::NotUtf8 {
            path: PathBuf::from("p.yaml"),
            text: "a: 1\nb: \u{FFFD}\n".into(),
            line: 2,
            column: 4,
            byte: Some(0xC3),
        };
        match e.worded(Lang::En) {
            Worded::Input(input) => {
                assert_eq!((input.line, input.column), (2, 4));
                assert!(input.message.contains("'0xC3'"), "{}", input.message);
            }
            Worded::Sentence(s) => panic!("expected a diagnostic, got {s}"),
        }
        let pipe = CliError::WriteStdout {
            source: std::io::Error::from(std::io::ErrorKind::BrokenPipe),
        };
        assert!(pipe.is_broken_pipe());
        assert!(!CliError::StdoutClosed.is_broken_pipe());
    }
}
