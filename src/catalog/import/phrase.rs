//! What a layer tells a user, as a key of the message tables and the values it names (the
//! importers' errors and skip reasons; the command line's parser errors use it too). The command
//! line words it in the user's language; no words here, only keys and values.

use std::fmt;

/// A message key (`catalog.*`, `unit.*`, `parse.*`) with its values. A value can itself be a
/// phrase (a skip reason inside a summary), worded first and put where the message names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub parts: Vec<(&'static str, Phrase)>,
}

impl Phrase {
    pub fn new(key: &'static str) -> Phrase {
        Phrase {
            key,
            args: Vec::new(),
            parts: Vec::new(),
        }
    }

    /// Adds a value the message names.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Phrase {
        self.args.push((name, value.to_string()));
        self
    }

    /// Adds a phrase the message names, worded in the same language.
    pub fn part(mut self, name: &'static str, phrase: Phrase) -> Phrase {
        self.parts.push((name, phrase));
        self
    }

    /// The value named `name`, for tests and callers that need one figure.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `key(name='value', ...)`: for logs and test failures; users read the worded message.
impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.key)?;
        let mut first = true;
        let mut sep = |f: &mut fmt::Formatter<'_>| {
            let s = if first { "(" } else { ", " };
            first = false;
            f.write_str(s)
        };
        for (name, value) in &self.args {
            sep(f)?;
            write!(f, "{name}='{value}'")?;
        }
        for (name, part) in &self.parts {
            sep(f)?;
            write!(f, "{name}={part}")?;
        }
        if !first {
            f.write_str(")")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_show_their_key_and_values() {
        let p = Phrase::new("catalog.a")
            .arg("price", "cheap")
            .part("reason", Phrase::new("catalog.b"));
        assert_eq!(p.to_string(), "catalog.a(price='cheap', reason=catalog.b)");
        assert_eq!(p.value("price"), Some("cheap"));
        assert_eq!(Phrase::new("catalog.c").to_string(), "catalog.c");
    }
}
