//! The errors the command line reports: bad input files (with file, line, column and a snippet),
//! bad flags, and I/O, worded from the en/zh tables in the user's language. Every one of them
//! exits with status 2.

mod worded;

pub use worded::Worded;

use crate::model::Problem;
use crate::report::Lang;
use crate::report::messages::Msg;
use miette::{Diagnostic, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::path::{Path, PathBuf};

/// A user file that does not say what hostfit expects, pointing at the place. The snippet is an
/// excerpt of a few lines around the place, each cut to a window around the column, so that a
/// minified one-line file never prints whole; line and column (in characters, as editors count)
/// stay those of the file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{path}:{line}:{column}: {message}")]
pub struct InputError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[source_code]
    pub src: Excerpt,
    #[label]
    pub span: SourceSpan,
    #[help]
    pub help: Option<String>,
}

impl InputError {
    /// An error at a 1-based line and column (in characters) of `text`.
    pub fn at(
        path: &Path,
        text: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> InputError {
        let name = path.display().to_string();
        let (src, span) = Excerpt::around(&name, text, line.max(1), column.max(1));
        InputError {
            path: name,
            line: line.max(1),
            column: column.max(1),
            message: message.into(),
            src,
            span,
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> InputError {
        self.help = Some(help.into());
        self
    }
}

/// Lines of a file around a place, each cut to the same window of characters, that remember
/// which line and column of the file they come from.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    /// The 0-based line of the file the excerpt starts at.
    first_line: usize,
    /// Characters cut from the start of every line.
    cut: usize,
}

/// Lines shown before and after the one with the error.
const CONTEXT_LINES: usize = 2;
/// Characters shown of each line.
const WINDOW: usize = 120;

impl Excerpt {
    /// The excerpt around `line`:`column` (1-based, characters), and the span of the token there
    /// within it.
    pub fn around(name: &str, text: &str, line: usize, column: usize) -> (Excerpt, SourceSpan) {
        let lines: Vec<&str> = text.split('\n').collect();
        let target = (line - 1).min(lines.len().saturating_sub(1));
        let first = target.saturating_sub(CONTEXT_LINES);
        let last = (target + CONTEXT_LINES).min(lines.len().saturating_sub(1));
        let cut = (column - 1).saturating_sub(WINDOW / 2);
        let mut excerpt = String::new();
        let mut span = SourceSpan::new(0.into(), 0);
        for (index, row) in lines.iter().enumerate().take(last + 1).skip(first) {
            let row = row.strip_suffix('\r').unwrap_or(row);
            let shown: String = row.chars().skip(cut).take(WINDOW).collect();
            if index == target {
                let within: usize = shown
                    .chars()
                    .take((column - 1).saturating_sub(cut))
                    .map(char::len_utf8)
                    .sum();
                let len = shown[within..]
                    .chars()
                    .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '}' | ']'))
                    .map(char::len_utf8)
                    .sum::<usize>();
                span = SourceSpan::new((excerpt.len() + within).into(), len);
            }
            excerpt.push_str(&shown);
            if index < last {
                excerpt.push('\n');
            }
        }
        (
            Excerpt {
                name: name.to_string(),
                text: excerpt,
                first_line: first,
                cut,
            },
            span,
        )
    }

    /// The excerpt's text, for tests.
    pub fn inner(&self) -> &str {
        &self.text
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, before, after)?;
        let start = inner.span().offset();
        let line_start = self.text[..start.min(self.text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let column = self.cut
            + self
                .text
                .get(line_start..start)
                .map_or(0, |s| s.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

/// What a command could not do. Each variant keeps the values its message names; the words
/// come from the `cli` area of the en/zh tables when `worded` is given the user's language.
/// `Display` is the English sentence, for logs and tests.
#[derive(Debug)]
pub enum CliError {
    /// A user file that does not say what hostfit expects; worded where it is made.
    Input(Box<InputError>),
    /// An input file that is not UTF-8: the place of the first bad byte, counted in characters.
    NotUtf8 {
        path: PathBuf,
        /// The file with each bad sequence replaced, for the snippet.
        text: String,
        line: usize,
        column: usize,
        /// The first bad byte; `None` when the file ends inside a character.
        byte: Option<u8>,
    },
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `-` named for a second input: standard input was read for the first.
    StdinTwice,
    /// An input file above the most hostfit reads.
    TooLarge {
        path: PathBuf,
        limit: u64,
    },
    /// An input path that is a directory, a FIFO, a socket or a device.
    NotRegular {
        path: PathBuf,
        kind: FileKind,
    },
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    WriteStdout {
        source: std::io::Error,
    },
    /// Standard output was closed when hostfit started (`>&-`).
    StdoutClosed,
    /// `--output` names a directory, a socket or a block device.
    OutputKind {
        path: PathBuf,
        kind: FileKind,
    },
    /// `--output` is a symbolic link to nothing.
    OutputDangling {
        path: PathBuf,
        target: PathBuf,
    },
    /// `--output` ends in `/`, `.` or `..`.
    OutputNoName {
        path: PathBuf,
    },
    /// `--output` was a FIFO or a device when looked at and something else once opened.
    OutputChanged {
        path: PathBuf,
    },
    /// `--output` is the same file (device and inode) as one of the inputs.
    OutputIsInput {
        path: PathBuf,
        input: PathBuf,
    },
    /// `--output` is inside an input directory (`--engine-replies`, a scanned `--root`).
    OutputInInput {
        path: PathBuf,
        input: PathBuf,
    },
    /// `--output` is a symbolic link, in a folder others can write to, owned by another user
    /// than hostfit's and the folder's.
    OutputPlantedLink {
        path: PathBuf,
        owner: u32,
    },
    /// The replacement of an existing file cannot be given the old file's owner and group.
    KeepOwner {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A catalog that is neither built in nor a file; `close` is the nearest built-in name.
    UnknownCatalog {
        spec: String,
        path: PathBuf,
        builtins: Vec<String>,
        close: Option<String>,
    },
    CatalogFormat {
        path: PathBuf,
    },
    NoBuiltin {
        name: String,
    },
    /// An imported catalog that breaks a rule of catalogs, worded from its problem's key.
    ImportInvalid {
        path: PathBuf,
        problem: Problem,
    },
    RootNotDir {
        root: PathBuf,
    },
    /// A date flag that is not `YYYY-MM-DD`.
    BadDate {
        flag: &'static str,
        value: String,
    },
    /// A flag that names a directory names something else.
    FlagNotDir {
        flag: &'static str,
        path: PathBuf,
    },
    /// `--df` names a file that is not the output of `df -P -B1`.
    DfInvalid {
        path: PathBuf,
        error: String,
    },
    Scan {
        root: PathBuf,
        error: String,
    },
    /// `hostfit man` names a command hostfit does not have.
    UnknownCommand {
        name: String,
    },
    /// `hostfit init` would overwrite a file.
    Exists {
        path: PathBuf,
    },
    /// `hostfit export` cannot give budgets for the scenario and option asked for.
    Export(crate::plan::budgets::BudgetError),
    /// A `--connect` value that is not ENGINE=DSN, or holds a password.
    Connect {
        reason: crate::probe::DsnError,
    },
    /// `hostfit place`'s own errors.
    Place(super::place::PlaceError),
    /// A report, snapshot or listing that could not be put into words in memory.
    Render {
        what: Rendered,
        error: String,
    },
    /// The history database cannot be used (`--db`, `--history`).
    Store(crate::probe::StoreError),
    /// The history has no sample in the window asked for.
    NoSamples {
        path: PathBuf,
        since: String,
    },
    /// `hostfit profile` has nothing to follow: no such process, container or command.
    ProfileTarget {
        what: String,
        error: String,
    },
}

impl From<crate::probe::StoreError> for CliError {
    fn from(e: crate::probe::StoreError) -> CliError {
        CliError::Store(e)
    }
}

/// What a path is when hostfit needs a regular file there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Directory,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl FileKind {
    /// The kind of a file that is not a regular file; `None` for a regular file.
    pub fn of(file_type: std::fs::FileType) -> Option<FileKind> {
        use std::os::unix::fs::FileTypeExt;
        Some(if file_type.is_file() {
            return None;
        } else if file_type.is_dir() {
            FileKind::Directory
        } else if file_type.is_fifo() {
            FileKind::Fifo
        } else if file_type.is_socket() {
            FileKind::Socket
        } else if file_type.is_char_device() {
            FileKind::CharDevice
        } else if file_type.is_block_device() {
            FileKind::BlockDevice
        } else {
            FileKind::Other
        })
    }

    fn key(self) -> &'static str {
        match self {
            FileKind::Directory => "cli.kind.directory",
            FileKind::Fifo => "cli.kind.fifo",
            FileKind::Socket => "cli.kind.socket",
            FileKind::CharDevice => "cli.kind.char_device",
            FileKind::BlockDevice => "cli.kind.block_device",
            FileKind::Other => "cli.kind.other",
        }
    }
}

/// What was being rendered when `CliError::Render` happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rendered {
    Report,
    Snapshot,
    Listing,
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Input(e) => e.fmt(f),
            _ => f.write_str(&self.sentence(&Msg::new(Lang::En))),
        }
    }
}

impl std::error::Error for CliError {}

impl From<Box<InputError>> for CliError {
    fn from(e: Box<InputError>) -> CliError {
        CliError::Input(e)
    }
}

impl From<InputError> for CliError {
    fn from(e: InputError) -> CliError {
        CliError::Input(Box::new(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(e: &InputError) -> String {
        let mut out = String::new();
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
        let _ = handler.render_report(&mut out, e);
        out
    }

    #[test]
    fn header_and_snippet_agree_on_characters() {
        let text = "a: 一二\nb: 三 x\n";
        let e = InputError::at(Path::new("f.yaml"), text, 2, 6, "bad");
        let out = shown(&e);
        assert!(out.contains("[f.yaml:2:6]"), "{out}");
        assert!(out.contains("f.yaml:2:6: bad"), "{out}");
    }

    #[test]
    fn long_lines_are_cut_around_the_place() {
        let text = format!("{}X{}", "a".repeat(70_000), "b".repeat(70_000));
        let e = InputError::at(Path::new("big.json"), &text, 1, 70_001, "here");
        assert_eq!((e.line, e.column), (1, 70_001));
        assert!(e.src.inner().len() <= WINDOW);
        let out = shown(&e);
        assert!(out.contains("[big.json:1:70001]"), "{out}");
        assert!(out.len() < 2_000, "{}", out.len());
    }

    #[test]
    fn places_past_the_end_are_clamped() {
        let e = InputError::at(Path::new("f"), "a\n", 9, 9, "m");
        assert!(shown(&e).contains("m"));
        let e = InputError::at(Path::new("f"), "", 1, 1, "m");
        assert!(shown(&e).contains("m"));
    }
}
