//! Places in the text, read from the YAML parser's own events and the parser's locations: the
//! token at an error, the key whose value is there, and where nesting gets too deep.

use super::MAX_DEPTH;
use serde_saphyr::Location;
use serde_saphyr::granit_parser::{Event, Parser};

/// The token written at `location`, shortened for a message; empty when there is none.
pub(super) fn token_at(text: &str, location: Option<Location>) -> String {
    let Some(location) = location.filter(|l| *l != Location::UNKNOWN) else {
        return String::new();
    };
    let line = text
        .split('\n')
        .nth((location.line() as usize).saturating_sub(1))
        .unwrap_or("");
    let rest: String = line
        .chars()
        .skip((location.column() as usize).saturating_sub(1))
        .collect();
    let rest = rest.trim_end_matches('\r');
    let token: String = if let Some(quoted) = rest.strip_prefix('"') {
        quoted.chars().take_while(|c| *c != '"').collect()
    } else if let Some(quoted) = rest.strip_prefix('\'') {
        quoted.chars().take_while(|c| *c != '\'').collect()
    } else {
        let end = rest.find([',', ']', '}', '#']).unwrap_or(rest.len());
        rest[..end].trim().to_string()
    };
    shorten(&token)
}

/// At most 40 characters of a value, with "…" when cut.
fn shorten(text: &str) -> String {
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(39).collect::<String>())
    } else {
        text.to_string()
    }
}

/// Where the text first nests lists and mappings deeper than `MAX_DEPTH`, from the parser's
/// events; `None` when it never does (or stops being YAML before).
pub(super) fn too_deep_at(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some((span.start.line().max(1), span.start.col() + 1));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            Event::DocumentStart(..) => depth = 0,
            _ => {}
        }
    }
    None
}

/// The key whose value starts at `location`, from the parser's events (not by searching text).
pub(super) fn key_of_value_at(text: &str, location: Location) -> Option<String> {
    enum Frame {
        Map(Option<String>),
        Seq,
    }
    let target = (location.line() as usize, location.column() as usize);
    let mut stack: Vec<Frame> = Vec::new();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        let here = (span.start.line(), span.start.col() + 1) == target;
        let opens = matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
        match event {
            Event::Scalar(..)
            | Event::Alias(..)
            | Event::SequenceStart(..)
            | Event::MappingStart(..) => {
                let key = match (&event, stack.last_mut()) {
                    (Event::Scalar(value, ..), Some(Frame::Map(pending @ None))) => {
                        *pending = Some(value.to_string());
                        None
                    }
                    (_, Some(Frame::Map(pending @ None))) => {
                        *pending = Some(String::new());
                        None
                    }
                    (_, Some(Frame::Map(pending))) => pending.take(),
                    _ => None,
                };
                if here && key.as_deref().is_some_and(|k| !k.is_empty()) {
                    return key;
                }
                if opens {
                    let is_map = matches!(event, Event::MappingStart(..));
                    stack.push(if is_map { Frame::Map(None) } else { Frame::Seq });
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    None
}
