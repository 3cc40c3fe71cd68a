//! Turns the `Problem`s a layer finds in a parsed file into the diagnostic of the first one:
//! the place from the parser's spans (`spans::SpanMap`, or the places of a CSV catalog's cells),
//! the words from the en/zh tables.

use super::error::InputError;
use super::spans::{Place, SpanMap};
use crate::model::Problem;
use crate::report::Lang;
use crate::report::messages::Msg;
use std::path::Path;

/// The diagnostic of `problem` in the file `path` with text `text`, at `place` (the top of the
/// file when the place is unknown).
pub fn problem_error(
    path: &Path,
    text: &str,
    problem: &Problem,
    place: Option<Place>,
    lang: Lang,
) -> InputError {
    let msg = Msg::new(lang);
    let args: Vec<(&str, String)> = problem.args.iter().map(|(k, v)| (*k, v.clone())).collect();
    let (line, column) = place.map_or((1, 1), |p| (p.line, p.column));
    InputError::at(path, text, line, column, msg.f(problem.key, &args))
}

/// The first of `problems` as a diagnostic, placed by the YAML spans of `text`.
pub fn check_yaml(
    path: &Path,
    text: &str,
    problems: &[Problem],
    lang: Lang,
) -> Result<(), Box<InputError>> {
    match problems.first() {
        None => Ok(()),
        Some(problem) => {
            let place = SpanMap::of_yaml(text).locate(&problem.path);
            Err(Box::new(problem_error(path, text, problem, place, lang)))
        }
    }
}
