//! The errors the command line reports: bad input files (with file, line, column and a snippet),
//! bad flags, and I/O. Every one of them exits with status 2.

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

#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum CliError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Input(Box<InputError>),
    #[error("cannot read '{}'", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write '{}'", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    #[diagnostic(code(hostfit::usage))]
    Usage(String),
    #[error("{message}")]
    Other { message: String },
}

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
