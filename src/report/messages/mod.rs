//! Every word a user reads, in English and Chinese, looked up by key and filled with named
//! values. A test proves the two tables have the same keys and the same placeholders.

mod en;
mod zh;

use crate::model::{ScanWarning, Tier, WorkloadKind};
use crate::plan::{Value, Verdict, Warning};
use std::collections::BTreeMap;

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

    fn tables(self) -> &'static [&'static [(&'static str, &'static str)]] {
        match self {
            Lang::En => en::TABLES,
            Lang::Zh => zh::TABLES,
        }
    }

    /// Every entry of this language's tables.
    fn entries(self) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
        self.tables().iter().flat_map(|t| t.iter())
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

    /// Like `f`, for a sentence that names a count: the `<key>.one` entry when `count` is 1
    /// (English says "1 type", "2 types"; Chinese has one form, so its `.one` entry is the same).
    pub fn n(&self, key: &str, count: usize, args: &[(&str, String)]) -> String {
        let one = format!("{key}.one");
        if count == 1 && lookup(self.lang, &one).is_some() {
            self.f(&one, args)
        } else {
            self.f(key, args)
        }
    }

    /// Whether the tables have `key`.
    pub fn has(&self, key: &str) -> bool {
        lookup(self.lang, key).is_some()
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
            WorkloadKind::Cgroup => "kind.cgroup",
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
            .map(|(k, v)| match (*k, &w.scan) {
                ("detail", Some(scan)) => (*k, self.scan_warning(scan)),
                _ => (*k, self.value(v)),
            })
            .collect();
        self.f(w.message_key(), &args)
    }

    /// A typed value as the reports print it: sizes in MiB or GiB, shares in percent, tiers in
    /// this language's words.
    pub fn value(&self, v: &Value) -> String {
        match v {
            Value::Text(t) => t.clone(),
            Value::Count(n) => n.to_string(),
            Value::Bytes(b) => b.to_string(),
            Value::Cores(c) => c.to_string(),
            Value::Share(s) => format!("{:.0}%", s * 100.0),
            Value::Tier(t) => self.tier(*t),
        }
    }

    /// A scan's warning in this language: the `scan.warn.<code>` entry filled with its values.
    /// A code the tables do not know ("note", or one from another version of hostfit), or values
    /// that do not fill its entry, give the English sentence the snapshot carries.
    pub fn scan_warning(&self, w: &ScanWarning) -> String {
        match self.scan_sentence(&w.code, &w.args) {
            Some(text) => text,
            None if w.message.is_empty() => w.code.clone(),
            None => w.message.clone(),
        }
    }

    /// The entry of `code` filled from `args`; a `cause` value is itself a code, worded from the
    /// same values and put where the entry says `{cause}`.
    fn scan_sentence(&self, code: &str, args: &BTreeMap<String, String>) -> Option<String> {
        let template = lookup(self.lang, &format!("scan.warn.{code}"))?;
        let mut values: Vec<(&str, String)> = Vec::new();
        for (name, value) in args {
            let worded = match name.as_str() {
                "cause" if value != code => {
                    let mut inner = args.clone();
                    inner.remove("cause");
                    self.scan_sentence(value, &inner)?
                }
                "cause" => return None,
                "kind" => lookup(self.lang, &format!("kind.{value}"))
                    .unwrap_or(value)
                    .to_string(),
                _ => value.clone(),
            };
            values.push((name.as_str(), worded));
        }
        let filled = placeholders(template)
            .iter()
            .all(|p| values.iter().any(|(name, _)| name == p));
        filled.then(|| fill(template, &values))
    }
}

/// The names between braces in a message.
fn placeholders(text: &str) -> Vec<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect()
}

fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    lang.entries().find(|(k, _)| *k == key).map(|(_, v)| *v)
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

    fn placeholders(text: &str) -> BTreeSet<&str> {
        super::placeholders(text).into_iter().collect()
    }

    #[test]
    fn both_tables_have_the_same_keys_and_placeholders() {
        let en: BTreeSet<&str> = Lang::En.entries().map(|(k, _)| *k).collect();
        let zh: BTreeSet<&str> = Lang::Zh.entries().map(|(k, _)| *k).collect();
        assert_eq!(en.len(), Lang::En.entries().count(), "a key repeats in en");
        assert_eq!(zh.len(), Lang::Zh.entries().count(), "a key repeats in zh");
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
        for (key, text) in Lang::En.entries() {
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
        // Keys are the string literals of the form `area.name` in the report and plan layers,
        // and those of the problem, CLI and parser areas wherever they are made (tests aside).
        let mut missing = Vec::new();
        for dir in [
            "src/report",
            "src/plan",
            "src/model",
            "src/catalog",
            "src/cli",
        ] {
            let every = dir == "src/report" || dir == "src/plan";
            for path in rs_files(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)) {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let code = text.split("#[cfg(test)]").next().unwrap_or("");
                for literal in code.split('"').skip(1).step_by(2) {
                    let area = ["problem.", "cli.", "parse.", "unit."]
                        .iter()
                        .any(|a| literal.starts_with(a));
                    if !every && !area {
                        continue;
                    }
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
                && !p
                    .components()
                    .any(|c| c.as_os_str() == "en" || c.as_os_str() == "zh")
                && !p.ends_with("en.rs")
                && !p.ends_with("zh.rs")
            {
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn scan_warnings_are_worded_from_their_codes() {
        let en = Msg::new(Lang::En);
        let zh = Msg::new(Lang::Zh);
        let w = ScanWarning::new("fds_unreadable", "kept").arg("count", 2);
        assert_eq!(
            en.scan_warning(&w),
            "open files not readable for 2 processes: their ports have no owner"
        );
        assert!(
            zh.scan_warning(&w)
                .starts_with("有 2 个进程的打开文件无法读取")
        );
        // a cause is worded too, and a kind in the language's words
        let w = ScanWarning::new("cgroup_unreadable", "kept")
            .arg("kind", "service")
            .arg("name", "docker")
            .arg("cause", "file_unreadable")
            .arg("path", "/r/memory.stat")
            .arg("error", "gone");
        assert_eq!(
            en.scan_warning(&w),
            "service 'docker': cannot read '/r/memory.stat': gone"
        );
        assert_eq!(
            zh.scan_warning(&w),
            "系统服务 'docker' 的 cgroup 读取失败：无法读取 '/r/memory.stat'：gone"
        );
    }

    #[test]
    fn scan_warnings_the_tables_cannot_word_keep_their_sentence() {
        let zh = Msg::new(Lang::Zh);
        // an old snapshot's plain sentence
        assert_eq!(
            zh.scan_warning(&ScanWarning::note("as written")),
            "as written"
        );
        // a code from another version, and a known code without the values it names
        let other = ScanWarning::new("from_the_future", "as written").arg("count", 1);
        assert_eq!(zh.scan_warning(&other), "as written");
        let short = ScanWarning::new("pss_unreadable", "as written");
        assert_eq!(zh.scan_warning(&short), "as written");
        let cause = ScanWarning::new("cgroup_unreadable", "as written")
            .arg("kind", "service")
            .arg("name", "x")
            .arg("cause", "from_the_future");
        assert_eq!(zh.scan_warning(&cause), "as written");
        let looped = ScanWarning::new("cgroup_unreadable", "as written")
            .arg("kind", "service")
            .arg("name", "x")
            .arg("cause", "cgroup_unreadable");
        assert_eq!(zh.scan_warning(&looped), "as written");
        assert_eq!(zh.scan_warning(&ScanWarning::new("x", "")), "x");
    }

    #[test]
    fn every_scan_warning_code_has_an_entry() {
        // Codes are the first argument of `ScanWarning::new` where the probe and the scan
        // command make warnings.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut codes = Vec::new();
        for path in rs_files(root.join("src/probe"))
            .into_iter()
            .chain([root.join("src/cli/scan.rs")])
        {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let code_part = text.split("#[cfg(test)]").next().unwrap_or("");
            for after in code_part.split("ScanWarning::new(").skip(1) {
                if let Some(code) = after.trim_start().strip_prefix('"') {
                    codes.push(code.split('"').next().unwrap_or("").to_string());
                }
            }
        }
        assert!(codes.len() >= 15, "{codes:?}");
        let missing: Vec<&String> = codes
            .iter()
            .filter(|c| lookup(Lang::En, &format!("scan.warn.{c}")).is_none())
            .collect();
        assert!(missing.is_empty(), "no scan.warn entry for {missing:?}");
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
