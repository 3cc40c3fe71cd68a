//! Problems: a rule a parsed value breaks that its type cannot express, said as where (a field
//! path such as `services[2].name`) and what (a key of the en/zh message tables and the values
//! it names). The layer that owns a type finds its problems; `cli` turns the path into a file,
//! line and column from the parser's spans and words the message. Pure.

use std::fmt;

/// One step of a path: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Where a value sits in a file: the keys and indices from the top, `services[2].tiers.minimum`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct FieldPath(Vec<Segment>);

impl FieldPath {
    /// The whole document.
    pub fn root() -> FieldPath {
        FieldPath::default()
    }

    /// This path, one mapping key further down.
    pub fn key(&self, key: impl Into<String>) -> FieldPath {
        let mut out = self.clone();
        out.0.push(Segment::Key(key.into()));
        out
    }

    /// This path, one list item further down.
    pub fn index(&self, index: usize) -> FieldPath {
        let mut out = self.clone();
        out.0.push(Segment::Index(index));
        out
    }

    /// A path of mapping keys only: `FieldPath::keys(&["host", "cpu", "cores"])`.
    pub fn keys(keys: &[&str]) -> FieldPath {
        FieldPath(
            keys.iter()
                .map(|k| Segment::Key((*k).to_string()))
                .collect(),
        )
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// The path one step up, `None` at the top.
    pub fn parent(&self) -> Option<FieldPath> {
        let mut out = self.clone();
        out.0.pop().map(|_| out)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A broken rule: where, the message key, and the values the message names.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub path: FieldPath,
    /// A key of the en/zh message tables, `problem.<area>.<rule>`.
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Problem {
    pub fn new(path: FieldPath, key: &'static str) -> Problem {
        Problem {
            path,
            key,
            args: Vec::new(),
        }
    }

    /// Adds a value the message names.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Problem {
        self.args.push((name, value.to_string()));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_people_write_them() {
        let p = FieldPath::root().key("services").index(2).key("name");
        assert_eq!(p.to_string(), "services[2].name");
        assert_eq!(
            p.parent().map(|p| p.to_string()),
            Some("services[2]".into())
        );
        assert_eq!(FieldPath::root().parent(), None);
        assert_eq!(
            FieldPath::keys(&["host", "cpu", "cores"]).to_string(),
            "host.cpu.cores"
        );
    }
}
