//! MySQL's and MariaDB's settings without connecting: the option files the server reads
//! (`--defaults-file` alone, else `/etc/my.cnf` and `/etc/mysql/my.cnf`, then
//! `--defaults-extra-file`) with their `!include` and `!includedir` lines, the server's sections
//! only, then the command line. The version from the data directory's `*_upgrade_info`, the
//! image or the installed package. Parsers are pure; `read` fetches.

use super::Subject;
use super::files::{self, Line};
use super::sizes;
use super::view::absolute;
use crate::model::engine::{Source, defaults};
use crate::model::{Engine, EngineName};

/// The option files a server reads when none is named.
const DEFAULT_FILES: [&str; 2] = ["/etc/my.cnf", "/etc/mysql/my.cnf"];

/// An option's name as the server compares them: lower case, `-` as `_`, no `loose_`.
fn normalize(name: &str) -> String {
    let n = name.trim().to_ascii_lowercase().replace('-', "_");
    n.strip_prefix("loose_").map(str::to_string).unwrap_or(n)
}

/// One line of an option file.
pub fn parse_line(raw: &str) -> Option<Line> {
    let line = raw.trim();
    if line.is_empty() || line.starts_with(['#', ';']) {
        return None;
    }
    if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
        return Some(Line::Section(section.trim().to_ascii_lowercase()));
    }
    if let Some(dir) = line.strip_prefix("!includedir") {
        return Some(Line::IncludeDir(dir.trim().to_string()));
    }
    if let Some(file) = line.strip_prefix("!include") {
        return Some(Line::Include(file.trim().to_string(), true));
    }
    let (name, value) = match line.split_once('=') {
        Some((n, v)) => (
            n,
            strip_comment(v)
                .trim()
                .trim_matches(['"', '\''])
                .to_string(),
        ),
        None => (strip_comment(line), "1".to_string()),
    };
    let name = normalize(name);
    Some(match name.strip_prefix("skip_") {
        Some(rest) => Line::Set(rest.to_string(), "OFF".into()),
        None => Line::Set(name, value),
    })
}

fn strip_comment(value: &str) -> &str {
    let mut quote = None;
    for (i, c) in value.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            ('#', None) => return &value[..i],
            _ => {}
        }
    }
    value
}

/// Whether the server reads options of `[section]`; `version` is `major.minor`.
fn applies(section: Option<&str>, version: Option<&str>) -> bool {
    let Some(section) = section else {
        return false;
    };
    match section {
        "mysqld" | "server" | "mariadb" | "mariadbd" | "client-server" | "galera" => true,
        other => other.split_once('-').is_some_and(|(base, v)| {
            matches!(base, "mysqld" | "mariadb" | "mariadbd") && Some(v) == version
        }),
    }
}

/// The `--name=value` (and `--name value` for the sizes the formula reads) options of a
/// command line, names normalized.
pub(crate) fn parse_argv(argv: &[String]) -> Vec<(String, String)> {
    let sized: Vec<&str> = defaults::defaults(EngineName::Mariadb, None)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let mut out = Vec::new();
    let mut args = argv.iter().skip(1).peekable();
    while let Some(a) = args.next() {
        let Some(opt) = a.strip_prefix("--") else {
            continue;
        };
        match opt.split_once('=') {
            Some((k, v)) => out.push((normalize(k), v.to_string())),
            None => {
                let k = normalize(opt);
                let takes = sized.contains(&k.as_str()) || k == "datadir";
                match args.peek() {
                    Some(v) if takes && !v.starts_with('-') => {
                        out.push((k, v.to_string()));
                        args.next();
                    }
                    _ => out.push((k, "1".into())),
                }
            }
        }
    }
    out
}

/// Reads what the subject's MySQL or MariaDB is configured with into `engine`.
pub(crate) fn read(s: &mut Subject<'_>, engine: &mut Engine) {
    let argv = parse_argv(&s.argv);
    let arg = |name: &str| {
        argv.iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| absolute(s.cwd.as_deref(), v))
    };
    let mut files_read: Vec<(String, bool)> = match arg("defaults_file") {
        Some(f) => vec![(f, true)],
        None if argv.iter().any(|(k, _)| k == "no_defaults") => Vec::new(),
        None => DEFAULT_FILES
            .iter()
            .map(|f| (f.to_string(), false))
            .collect(),
    };
    if let Some(extra) = arg("defaults_extra_file") {
        files_read.push((extra, true));
    }
    // (section, name, value, where); the command line counts as the server's own section.
    let mut found: Vec<(Option<String>, String, String, Source)> = Vec::new();
    for (file, required) in files_read {
        let read = files::read_all(s, &file, required, parse_line, "cnf");
        found.extend(
            read.into_iter()
                .map(|f| (f.section, f.name, f.value, f.source)),
        );
    }
    let server = Some("mysqld".to_string());
    found.extend(
        argv.into_iter()
            .map(|(k, v)| (server.clone(), k, v, Source::CommandLine)),
    );
    let datadir = found
        .iter()
        .rev()
        .find(|(section, k, ..)| k == "datadir" && applies(section.as_deref(), None))
        .map(|(_, _, v, _)| absolute(s.cwd.as_deref(), v))
        .unwrap_or_else(|| "/var/lib/mysql".to_string());
    engine.version = ["mariadb_upgrade_info", "mysql_upgrade_info"]
        .iter()
        .find_map(|f| s.view.read(&format!("{datadir}/{f}")).ok())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| s.image_version())
        .or_else(|| s.package_version(&["mariadb-server-core", "mysql-server-core"]));
    if engine
        .version
        .as_deref()
        .is_some_and(|v| v.contains("MariaDB"))
    {
        engine.name = EngineName::Mariadb;
    }
    let minor = engine
        .version
        .as_deref()
        .and_then(defaults::major_minor)
        .map(|(a, b)| format!("{a}.{b}"));
    let names: Vec<&str> = defaults::defaults(engine.name, None)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let mut schema_on = engine.name == EngineName::Mysql;
    for (section, name, value, source) in found {
        if !applies(section.as_deref(), minor.as_deref()) {
            continue;
        }
        if name == "performance_schema" {
            schema_on = sizes::switch(&value).unwrap_or(schema_on);
        } else if names.contains(&name.as_str())
            && let Some(v) = sizes::mysql(&value)
        {
            engine.set(&name, v, source);
        }
    }
    if schema_on && !engine.inputs.contains_key("performance_schema_memory") {
        engine.set("performance_schema_memory", 0.0, Source::Assumed);
        s.note_schema();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_file_lines() {
        let set = |n: &str, v: &str| Some(Line::Set(n.into(), v.into()));
        assert_eq!(parse_line("[mysqld]"), Some(Line::Section("mysqld".into())));
        assert_eq!(
            parse_line("innodb-buffer-pool-size = 64M # pool"),
            set("innodb_buffer_pool_size", "64M")
        );
        assert_eq!(
            parse_line("loose_max_connections=40"),
            set("max_connections", "40")
        );
        assert_eq!(
            parse_line("key_buffer_size = \"8M\""),
            set("key_buffer_size", "8M")
        );
        assert_eq!(
            parse_line("skip-performance-schema"),
            set("performance_schema", "OFF")
        );
        assert_eq!(parse_line("# innodb_buffer_pool_size = 1G"), None);
        assert_eq!(
            parse_line("!includedir /etc/mysql/conf.d/"),
            Some(Line::IncludeDir("/etc/mysql/conf.d/".into()))
        );
        assert_eq!(
            parse_line("!include /etc/mysql/extra.cnf"),
            Some(Line::Include("/etc/mysql/extra.cnf".into(), true))
        );
    }

    #[test]
    fn server_sections() {
        assert!(applies(Some("mysqld"), None));
        assert!(applies(Some("mariadb"), None));
        assert!(applies(Some("mariadb-10.11"), Some("10.11")));
        assert!(!applies(Some("mariadb-10.11"), Some("10.6")));
        assert!(!applies(Some("client"), None));
        assert!(!applies(Some("mysqld_safe"), None));
        assert!(!applies(None, None));
    }

    #[test]
    fn command_lines() {
        let argv: Vec<String> = [
            "mariadbd",
            "--user=root",
            "--innodb-buffer-pool-size=64M",
            "--max_connections",
            "40",
            "--skip-networking",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let got = parse_argv(&argv);
        assert!(got.contains(&("innodb_buffer_pool_size".into(), "64M".into())));
        assert!(got.contains(&("max_connections".into(), "40".into())));
        assert!(got.contains(&("skip_networking".into(), "1".into())));
    }
}
