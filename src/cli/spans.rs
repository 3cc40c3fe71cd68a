//! Where each value of a YAML (or JSON) file is: a map from field paths (`services[2].name`) to
//! the places of their keys and values, built from the YAML parser's own event spans by reading
//! the text once more. Problems found after parsing are located with it, never by searching the
//! text for a word.

use crate::model::FieldPath;
use serde_saphyr::granit_parser::{Event, Parser, Span};
use std::collections::HashMap;

/// A place in a file: 1-based line, 1-based column in characters, and the byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub len: usize,
}

impl Place {
    fn of(span: &Span) -> Place {
        let start = span.start.byte_offset().unwrap_or(0);
        let end = span.end.byte_offset().unwrap_or(start).max(start);
        Place {
            line: span.start.line().max(1),
            column: span.start.col() + 1,
            offset: start,
            len: end - start,
        }
    }
}

/// The places of a document's keys and values by field path.
#[derive(Debug, Default)]
pub struct SpanMap {
    values: HashMap<FieldPath, Place>,
    keys: HashMap<FieldPath, Place>,
}

enum Frame {
    /// A mapping, and the key whose value comes next (`None`: a key comes next).
    Map {
        path: FieldPath,
        key: Option<String>,
    },
    Seq {
        path: FieldPath,
        next: usize,
    },
    /// A complex key (a mapping or list used as a key) and how deep inside it the parser is.
    Skip(usize),
}

impl SpanMap {
    /// The places in the first document of `text`. A text the parser rejects gives the places
    /// read before the error.
    pub fn of_yaml(text: &str) -> SpanMap {
        let mut map = SpanMap::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut started = false;
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let place = Place::of(&span);
            match event {
                Event::DocumentStart(..) if started => break,
                Event::DocumentStart(..) => started = true,
                Event::DocumentEnd => break,
                Event::Scalar(value, ..) => {
                    map.node(&mut stack, place, Some(value.as_ref()), false);
                }
                Event::Alias(..) => {
                    map.node(&mut stack, place, None, false);
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    let is_map = matches!(event, Event::MappingStart(..));
                    let child = map.node(&mut stack, place, None, true);
                    if let Some(path) = child {
                        stack.push(if is_map {
                            Frame::Map { path, key: None }
                        } else {
                            Frame::Seq { path, next: 0 }
                        });
                    }
                }
                Event::SequenceEnd | Event::MappingEnd => match stack.last_mut() {
                    Some(Frame::Skip(depth)) if *depth > 0 => *depth -= 1,
                    _ => {
                        stack.pop();
                    }
                },
                _ => {}
            }
        }
        map
    }

    /// Records a node at the place the frames say; returns the path a collection opened here
    /// gets (`None` when the collection is a complex key, which is skipped).
    fn node(
        &mut self,
        stack: &mut Vec<Frame>,
        place: Place,
        scalar: Option<&str>,
        opens: bool,
    ) -> Option<FieldPath> {
        let path = match stack.last_mut() {
            None => FieldPath::root(),
            Some(Frame::Skip(depth)) => {
                if opens {
                    *depth += 1;
                }
                return None;
            }
            Some(Frame::Map { path, key }) => match key.take() {
                Some(k) => path.key(k),
                None => {
                    // This node is a key.
                    let name = scalar.unwrap_or("?").to_string();
                    let at = path.key(name.clone());
                    *key = Some(name);
                    self.keys.entry(at).or_insert(place);
                    if opens {
                        stack.push(Frame::Skip(0));
                    }
                    return None;
                }
            },
            Some(Frame::Seq { path, next }) => {
                let at = path.index(*next);
                *next += 1;
                at
            }
        };
        self.values.entry(path.clone()).or_insert(place);
        opens.then_some(path)
    }

    /// Where the value at `path` is written.
    pub fn value(&self, path: &FieldPath) -> Option<Place> {
        self.values.get(path).copied()
    }

    /// Where the key of the value at `path` is written.
    pub fn key(&self, path: &FieldPath) -> Option<Place> {
        self.keys.get(path).copied()
    }

    /// The best place for a problem at `path`: its value, else its key, else the nearest
    /// enclosing value (a field that is missing is reported at the mapping that lacks it).
    pub fn locate(&self, path: &FieldPath) -> Option<Place> {
        let mut at = Some(path.clone());
        while let Some(p) = at {
            if let Some(place) = self.value(&p).or_else(|| self.key(&p)) {
                return Some(place);
            }
            at = p.parent();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(map: &SpanMap, path: &FieldPath) -> (usize, usize) {
        map.locate(path).map_or((0, 0), |p| (p.line, p.column))
    }

    #[test]
    fn values_and_keys_in_block_and_flow_style() {
        let text = "# cores: 0 in a comment\nhost:\n  cpu:\n    cores: 0 # cores\nservices:\n  - name: \"web\"\n  - { name: \"web\", tiers: {minimum: {memory: 1}} }\n";
        let map = SpanMap::of_yaml(text);
        let cores = FieldPath::keys(&["host", "cpu", "cores"]);
        assert_eq!(at(&map, &cores), (4, 12));
        assert_eq!(map.key(&cores).map(|p| (p.line, p.column)), Some((4, 5)));
        let second = FieldPath::root().key("services").index(1).key("name");
        assert_eq!(at(&map, &second), (7, 13));
        let memory = FieldPath::root()
            .key("services")
            .index(1)
            .key("tiers")
            .key("minimum")
            .key("memory");
        assert_eq!(at(&map, &memory), (7, 46));
        // a field that is not written is placed at the mapping that lacks it
        let missing = FieldPath::root().key("services").index(0).key("tiers");
        assert_eq!(at(&map, &missing), (6, 5));
    }

    #[test]
    fn json_and_characters_not_bytes() {
        let text = "{\"名前\": \"一二三\", \"n\": [1, 2, {\"x\": 0}]}";
        let map = SpanMap::of_yaml(text);
        let x = FieldPath::root().key("n").index(2).key("x");
        assert_eq!(at(&map, &x), (1, 33));
        let place = map.value(&FieldPath::root().key("名前"));
        // a quoted scalar starts at its quote
        assert_eq!(place.map(|p| (p.column, p.offset)), Some((8, 11)));
    }

    #[test]
    fn complex_keys_and_aliases_do_not_confuse_the_paths() {
        let text = "a: &x [1, 2]\n? [k, l]\n: skipped\nb: *x\nc: 3\n";
        let map = SpanMap::of_yaml(text);
        assert_eq!(at(&map, &FieldPath::keys(&["b"])), (4, 4));
        assert_eq!(at(&map, &FieldPath::keys(&["c"])), (5, 4));
        assert_eq!(at(&map, &FieldPath::root().key("a").index(1)), (1, 11));
    }

    #[test]
    fn only_the_first_document_counts() {
        let map = SpanMap::of_yaml("a: 1\n---\na: 2\n");
        assert_eq!(at(&map, &FieldPath::keys(&["a"])), (1, 4));
    }
}
