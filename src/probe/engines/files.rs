//! Reading an engine's configuration file and the files it includes, in the order the engine
//! reads them, each setting with the file and line it came from. The syntax of a line is the
//! engine's parser's (`Line`); this file follows includes, at most `MAX_DEPTH` deep and
//! `MAX_FILES` in all, and warns about a file that was named but could not be read.

use super::Subject;
use super::view::{absolute, parent};
use crate::model::engine::Source;

const MAX_DEPTH: usize = 10;
const MAX_FILES: usize = 64;

/// One line of a configuration file, as an engine's parser sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A setting and its value, unquoted.
    Set(String, String),
    /// Another file read in its place; `true` when it must exist.
    Include(String, bool),
    /// Every file of a directory, in name order.
    IncludeDir(String),
    /// A `[section]` of an option file.
    Section(String),
}

/// A setting read from a file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// The `[section]` it is in, for option files that have them.
    pub(crate) section: Option<String>,
    pub(crate) name: String,
    pub(crate) value: String,
    pub(crate) source: Source,
}

struct Walk<'p> {
    parse: &'p dyn Fn(&str) -> Option<Line>,
    /// What a file in an included directory ends with (`conf`, `cnf`).
    suffix: &'p str,
    files: usize,
    out: Vec<Found>,
}

/// The settings of `path` and what it includes, in order. `required`: a missing `path` is
/// worth a warning (it was named); a default location that is absent is not.
pub(crate) fn read_all(
    s: &mut Subject<'_>,
    path: &str,
    required: bool,
    parse: impl Fn(&str) -> Option<Line>,
    suffix: &str,
) -> Vec<Found> {
    let mut walk = Walk {
        parse: &parse,
        suffix,
        files: 0,
        out: Vec::new(),
    };
    walk.file(s, path, required, 0);
    walk.out
}

impl Walk<'_> {
    fn file(&mut self, s: &mut Subject<'_>, path: &str, required: bool, depth: usize) {
        if depth > MAX_DEPTH || self.files >= MAX_FILES {
            s.note_config(path, "too many nested includes");
            return;
        }
        self.files += 1;
        let text = match s.view.read(path) {
            Ok(t) => t,
            Err(e) => {
                if required || !e.is_gone() {
                    s.note_config(path, &e.to_string());
                }
                return;
            }
        };
        let dir = parent(path);
        let mut section = None;
        for (i, raw) in text.lines().enumerate() {
            match (self.parse)(raw) {
                Some(Line::Set(name, value)) => self.out.push(Found {
                    section: section.clone(),
                    name,
                    value,
                    source: Source::File {
                        path: path.to_string(),
                        line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    },
                }),
                Some(Line::Section(name)) => section = Some(name),
                Some(Line::Include(p, must)) => {
                    self.file(s, &absolute(Some(&dir), &p), must, depth + 1);
                }
                Some(Line::IncludeDir(d)) => {
                    let d = absolute(Some(&dir), &d);
                    let names = match s.view.list(&d) {
                        Ok(n) => n,
                        Err(e) => {
                            s.note_config(&d, &e.to_string());
                            continue;
                        }
                    };
                    let suffix = self.suffix;
                    let wanted = names.iter().filter(|n| {
                        !n.starts_with('.')
                            && n.rsplit_once('.').is_some_and(|(_, ext)| ext == suffix)
                    });
                    for name in wanted {
                        self.file(s, &format!("{d}/{name}"), true, depth + 1);
                    }
                }
                None => {}
            }
        }
    }
}
