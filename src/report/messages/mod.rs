//! Every word a user reads, in English and Chinese, looked up by key and filled with named
//! values. A test proves the two tables have the same keys and the same placeholders.

mod en;
mod zh;

use crate::model::{Tier, WorkloadKind};
use crate::plan::{Verdict, Warning};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language a locale such as `zh_CN.UTF-8` asks for; English for anything else.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => en::TABLE,
            Lang::Zh => zh::TABLE,
        }
    }
}

/// The message table of one language.
#[derive(Debug, Clone, Copy)]
pub struct Msg {
    lang: Lang,
}

impl Msg {
    pub fn new(lang: Lang) -> Msg {
        Msg { lang }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The text of `key`; a missing key shows itself, which the table tests rule out.
    pub fn t(&self, key: &str) -> String {
        lookup(self.lang, key).unwrap_or(key).to_string()
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn f(&self, key: &str, args: &[(&str, String)]) -> String {
        fill(lookup(self.lang, key).unwrap_or(key), args)
    }

    pub fn verdict(&self, v: Verdict) -> String {
        self.t(&format!("verdict.{}", v.key()))
    }

    /// A verdict as the verb of a sentence ("memory does not fit").
    pub fn verb(&self, v: Verdict) -> String {
        self.t(&format!("verb.{}", v.key()))
    }

    pub fn tier(&self, t: Tier) -> String {
        self.t(&format!("tier.{}", t.key()))
    }

    pub fn kind(&self, k: WorkloadKind) -> String {
        let key = match k {
            WorkloadKind::Container => "kind.container",
            WorkloadKind::Service => "kind.service",
            WorkloadKind::Process => "kind.process",
            WorkloadKind::Other => "kind.other",
        };
        self.t(key)
    }

    pub fn sep(&self) -> &'static str {
        lookup(self.lang, "sep.list").unwrap_or("; ")
    }

    /// Joins the items of a list the way the language does ("a, b" or "a、b").
    pub fn join(&self, items: &[String]) -> String {
        items.join(lookup(self.lang, "sep.items").unwrap_or(", "))
    }

    pub fn warning(&self, w: &Warning) -> String {
        let args: Vec<(&str, String)> = w
            .args
            .iter()
            .map(|(k, v)| match *k {
                "tier" => (*k, self.t(&format!("tier.{v}"))),
                _ => (*k, v.clone()),
            })
            .collect();
        self.f(w.message_key(), &args)
    }
}

fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    lang.table()
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
}

/// Replaces `{name}` with its value; unknown placeholders are left as they are.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
            .collect()
    }

    #[test]
    fn both_tables_have_the_same_keys_and_placeholders() {
        let en: BTreeSet<&str> = en::TABLE.iter().map(|(k, _)| *k).collect();
        let zh: BTreeSet<&str> = zh::TABLE.iter().map(|(k, _)| *k).collect();
        assert_eq!(en.len(), en::TABLE.len(), "a key repeats in en");
        assert_eq!(zh.len(), zh::TABLE.len(), "a key repeats in zh");
        assert_eq!(
            en.difference(&zh).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "only in en"
        );
        assert_eq!(
            zh.difference(&en).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "only in zh"
        );
        for (key, text) in en::TABLE {
            let other = lookup(Lang::Zh, key).unwrap_or_default();
            assert_eq!(
                placeholders(text),
                placeholders(other),
                "placeholders of {key}"
            );
        }
    }

    #[test]
    fn every_key_the_code_uses_is_in_the_tables() {
        // Keys are the string literals of the form `area.name` in the report and plan layers.
        let mut missing = Vec::new();
        for dir in ["src/report", "src/plan"] {
            for path in rs_files(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)) {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for literal in text.split('"').skip(1).step_by(2) {
                    let looks_like_key = literal.contains('.')
                        && literal
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                        && !literal.starts_with('.')
                        && !literal.ends_with('.');
                    if looks_like_key
                        && !literal.starts_with("host.memory")
                        && lookup(Lang::En, literal).is_none()
                    {
                        missing.push(format!("{}: {literal}", path.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys used but not in the tables: {missing:?}"
        );
    }

    fn rs_files(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                out.extend(rs_files(p));
            } else if p.extension().is_some_and(|e| e == "rs")
                && !p.ends_with("en.rs")
                && !p.ends_with("zh.rs")
            {
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn fill_replaces_known_names_only() {
        assert_eq!(fill("{a} and {b}", &[("a", "1".into())]), "1 and {b}");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("open {", &[]), "open {");
    }

    #[test]
    fn locales() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }
}
