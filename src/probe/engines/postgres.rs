//! PostgreSQL's settings without connecting: `postgresql.conf` (where `-c config_file` or the
//! data directory puts it) with its `include`, `include_if_exists` and `include_dir` lines, then
//! `postgresql.auto.conf` (ALTER SYSTEM), then the command line (`-c name=value`,
//! `--name=value`, `-B`, `-N`), later ones winning as in the server. The version from the data
//! directory's `PG_VERSION`, the executable's path or the image. Parsers are pure; `read` fetches.

use super::Subject;
use super::files::{self, Line};
use super::sizes;
use super::view::{absolute, parent};
use crate::model::{Engine, engine::Source};

/// The settings the formula reads, with the bytes a bare number stands for.
const SETTINGS: [(&str, f64); 8] = [
    ("shared_buffers", 8192.0),
    ("wal_buffers", 8192.0),
    ("max_connections", 1.0),
    ("work_mem", 1024.0),
    ("hash_mem_multiplier", 1.0),
    ("maintenance_work_mem", 1024.0),
    ("autovacuum_max_workers", 1.0),
    ("autovacuum_work_mem", 1024.0),
];

/// One line of a PostgreSQL configuration file, as the server reads it.
pub fn parse_line(raw: &str) -> Option<Line> {
    let line = strip_comment(raw).trim().to_string();
    if line.is_empty() {
        return None;
    }
    let (name, rest) = match line.find(|c: char| c == '=' || c.is_whitespace()) {
        Some(i) => (&line[..i], line[i..].trim_start()),
        None => (line.as_str(), ""),
    };
    let value = rest.strip_prefix('=').unwrap_or(rest).trim();
    let value = unquote(value);
    let name = name.to_ascii_lowercase();
    Some(match name.as_str() {
        "include" => Line::Include(value, true),
        "include_if_exists" => Line::Include(value, false),
        "include_dir" => Line::IncludeDir(value),
        _ => Line::Set(name, value),
    })
}

/// The line up to a `#` outside quotes.
fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '#' if !quoted => return &line[..i],
            _ => {}
        }
    }
    line
}

fn unquote(value: &str) -> String {
    match value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        Some(inner) => inner.replace("''", "'"),
        None => value.to_string(),
    }
}

/// The options of a `postgres` command line as (name, value): `-c`, `--name=value`, `-B`
/// (shared_buffers), `-N` (max_connections), `-D` (as `data_directory`).
pub(crate) fn parse_argv(argv: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut args = argv.iter().skip(1);
    while let Some(a) = args.next() {
        let mut flag = |short: &str, name: &str, out: &mut Vec<(String, String)>| -> bool {
            match a.strip_prefix(short) {
                Some("") => {
                    if let Some(v) = args.next() {
                        out.push((name.to_string(), v.clone()));
                    }
                    true
                }
                Some(v) => {
                    out.push((name.to_string(), v.to_string()));
                    true
                }
                None => false,
            }
        };
        if flag("-B", "shared_buffers", &mut out)
            || flag("-N", "max_connections", &mut out)
            || flag("-D", "data_directory", &mut out)
        {
            continue;
        }
        let kv = if a == "-c" {
            args.next().cloned()
        } else if let Some(v) = a.strip_prefix("-c") {
            Some(v.to_string())
        } else {
            a.strip_prefix("--").map(str::to_string)
        };
        if let Some((k, v)) = kv.as_deref().and_then(|kv| kv.split_once('=')) {
            out.push((k.replace('-', "_").to_ascii_lowercase(), v.to_string()));
        }
    }
    out
}

/// The major version in an executable's path (`/usr/lib/postgresql/15/bin/postgres`).
pub(crate) fn version_from_path(exe: &str) -> Option<String> {
    let parts: Vec<&str> = exe.split('/').collect();
    parts.windows(2).find_map(|w| {
        (matches!(w[0], "postgresql" | "pgsql")
            && w[1].chars().all(|c| c.is_ascii_digit() || c == '.')
            && !w[1].is_empty())
        .then(|| w[1].to_string())
    })
}

/// Reads what the subject's PostgreSQL is configured with into `engine`.
pub(crate) fn read(s: &mut Subject<'_>, engine: &mut Engine) {
    let argv = parse_argv(&s.argv);
    let from_argv = |name: &str| {
        argv.iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let mut data_dir = from_argv("data_directory")
        .or_else(|| s.env.get("PGDATA").cloned())
        .map(|d| absolute(s.cwd.as_deref(), &d));
    let conf = from_argv("config_file")
        .map(|c| absolute(s.cwd.as_deref(), &c))
        .or_else(|| data_dir.as_ref().map(|d| format!("{d}/postgresql.conf")));
    let mut found: Vec<(String, String, Source)> = Vec::new();
    if let Some(conf) = conf {
        for f in files::read_all(s, &conf, true, parse_line, "conf") {
            if f.name == "data_directory" {
                data_dir = Some(absolute(Some(&parent(&conf)), &f.value));
            }
            found.push((f.name, f.value, f.source));
        }
    }
    if let Some(dir) = &data_dir {
        let auto = format!("{dir}/postgresql.auto.conf");
        let auto = files::read_all(s, &auto, false, parse_line, "conf");
        found.extend(auto.into_iter().map(|f| (f.name, f.value, f.source)));
    }
    found.extend(argv.into_iter().map(|(k, v)| (k, v, Source::CommandLine)));
    for (name, value, source) in found {
        if let Some((setting, unit)) = SETTINGS.iter().find(|(n, _)| *n == name)
            && let Some(v) = sizes::postgres(&value, *unit)
        {
            engine.set(setting, v, source);
        }
    }
    engine.version = data_dir
        .and_then(|d| s.view.read(&format!("{d}/PG_VERSION")).ok())
        .map(|t| t.trim().to_string())
        .filter(|v| !v.is_empty())
        .or_else(|| s.exe.as_deref().and_then(version_from_path))
        .or_else(|| s.image_version());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_lines() {
        let set = |n: &str, v: &str| Some(Line::Set(n.into(), v.into()));
        assert_eq!(
            parse_line("shared_buffers = 64MB  # min 128kB"),
            set("shared_buffers", "64MB")
        );
        assert_eq!(parse_line("work_mem '8MB'"), set("work_mem", "8MB"));
        assert_eq!(
            parse_line("Max_Connections=40"),
            set("max_connections", "40")
        );
        assert_eq!(
            parse_line("log_line_prefix = '%m # x'"),
            set("log_line_prefix", "%m # x")
        );
        assert_eq!(parse_line("# shared_buffers = 1GB"), None);
        assert_eq!(parse_line("   "), None);
        assert_eq!(
            parse_line("include 'hostfit.conf'"),
            Some(Line::Include("hostfit.conf".into(), true))
        );
        assert_eq!(
            parse_line("include_if_exists = 'extra.conf'"),
            Some(Line::Include("extra.conf".into(), false))
        );
        assert_eq!(
            parse_line("include_dir 'conf.d'"),
            Some(Line::IncludeDir("conf.d".into()))
        );
    }

    #[test]
    fn command_lines() {
        let argv: Vec<String> = [
            "/usr/lib/postgresql/15/bin/postgres",
            "-D",
            "/srv/pg",
            "-p",
            "5433",
            "-c",
            "shared_buffers=64MB",
            "-cwork_mem=8MB",
            "--max-connections=40",
            "-B",
            "2048",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let got = parse_argv(&argv);
        let pairs: Vec<(&str, &str)> = got.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            vec![
                ("data_directory", "/srv/pg"),
                ("shared_buffers", "64MB"),
                ("work_mem", "8MB"),
                ("max_connections", "40"),
                ("shared_buffers", "2048"),
            ]
        );
        assert_eq!(
            version_from_path("/usr/lib/postgresql/15/bin/postgres").as_deref(),
            Some("15")
        );
        assert_eq!(version_from_path("/usr/local/bin/postgres"), None);
    }
}
