//! The errors the command line reports: bad input files (with file, line, column and a snippet),
//! bad flags, and I/O. Every one of them exits with status 2.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::path::{Path, PathBuf};

/// A user file that does not say what hostfit expects, pointing at the place.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{path}:{line}:{column}: {message}")]
pub struct InputError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("here")]
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
        let offset = byte_offset(text, line, column);
        let len = text[offset..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != ',' && *c != '}' && *c != ']')
            .map(char::len_utf8)
            .sum::<usize>()
            .max(1)
            .min(text.len().saturating_sub(offset));
        InputError {
            path: path.display().to_string(),
            line,
            column,
            message: message.into(),
            src: NamedSource::new(path.display().to_string(), text.to_string()),
            span: SourceSpan::new(offset.into(), len),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> InputError {
        self.help = Some(help.into());
        self
    }
}

/// The byte offset of a 1-based line and character column, clamped to the text.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (index, row) in text.split_inclusive('\n').enumerate() {
        if index + 1 == line {
            let within: usize = row
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            return (offset + within).min(text.len());
        }
        offset += row.len();
    }
    text.len()
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

    #[test]
    fn offsets_count_characters_not_bytes() {
        let text = "a: 一二\nb: x\n";
        assert_eq!(byte_offset(text, 1, 4), 3);
        assert_eq!(byte_offset(text, 1, 5), 6);
        assert_eq!(byte_offset(text, 2, 4), text.find('x').unwrap_or(0));
        assert_eq!(byte_offset(text, 9, 1), text.len());
    }
}
