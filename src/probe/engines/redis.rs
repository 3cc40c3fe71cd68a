//! Redis's settings without connecting: its configuration file (named on its command line, in
//! its process title when a `proc-title-template` puts `{config-file}` there, else the first of
//! the usual places whose `port` is the workload's) with its `include` lines, then the
//! `--name value` options of its command line. Redis writes its process title over its command
//! line and environment, so a host process's options are lost there; a container's command, as
//! its engine recorded it, keeps them. Parsers are pure; `read` fetches.

use super::Subject;
use super::files::{self, Line};
use super::sizes;
use super::view::absolute;
use crate::model::Engine;
use crate::model::engine::Source;

/// Where Redis's configuration usually is, on a host (Debian) and in the official image.
const USUAL: [&str; 4] = [
    "/etc/redis/redis.conf",
    "/etc/redis.conf",
    "/usr/local/etc/redis/redis.conf",
    "/usr/local/etc/redis.conf",
];

/// One line of `redis.conf`: `name value...`, `include path`.
pub fn parse_line(raw: &str) -> Option<Line> {
    let line = raw.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (name, value) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let value = value.trim().trim_matches(['"', '\'']).to_string();
    let name = name.to_ascii_lowercase();
    Some(if name == "include" {
        Line::Include(value, true)
    } else {
        Line::Set(name, value)
    })
}

/// What a Redis command line says: its configuration file and its `--name value` options.
/// A process title (one argument with spaces: `redis-server 127.0.0.1:6379`) has no options;
/// a word of it that is a path to a `.conf` file is the configuration file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Argv {
    pub(crate) config: Option<String>,
    pub(crate) options: Vec<(String, String)>,
    /// The command line is a process title: options given at start are not in it.
    pub(crate) title: bool,
}

pub(crate) fn parse_argv(argv: &[String]) -> Argv {
    // A container's command may start with an entrypoint: the options follow the server.
    let start = argv
        .iter()
        .position(|a| {
            a.rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with("redis-server"))
        })
        .unwrap_or(0);
    let argv = &argv[start.min(argv.len())..];
    let mut out = Argv::default();
    if argv.len() == 1 && argv[0].contains(' ') {
        out.title = true;
        out.config = argv[0]
            .split_whitespace()
            .skip(1)
            .find(|w| w.ends_with(".conf"))
            .map(str::to_string);
        return out;
    }
    let mut rest = argv.iter().skip(1).peekable();
    if let Some(first) = rest.peek()
        && !first.starts_with('-')
    {
        out.config = Some((*first).clone());
        rest.next();
    }
    let mut current: Option<(String, Vec<String>)> = None;
    for a in rest {
        if let Some(name) = a.strip_prefix("--") {
            out.options
                .extend(current.take().map(|(n, v)| (n, v.join(" "))));
            current = Some((name.to_ascii_lowercase(), Vec::new()));
        } else if let Some((_, values)) = current.as_mut() {
            values.push(a.clone());
        }
    }
    out.options.extend(current.map(|(n, v)| (n, v.join(" "))));
    out
}

/// Reads what the subject's Redis is configured with into `engine`.
pub(crate) fn read(s: &mut Subject<'_>, engine: &mut Engine) {
    let mut argv = parse_argv(&s.argv);
    if argv.title
        && let Some(command) = s.container_command()
    {
        argv = parse_argv(&command);
    }
    let config = match &argv.config {
        Some(c) => Some(absolute(s.cwd.as_deref(), c)),
        None => usual_config(s),
    };
    let mut found: Vec<(String, String, Source)> = Vec::new();
    if let Some(config) = &config {
        let read = files::read_all(s, config, argv.config.is_some(), parse_line, "conf");
        found.extend(read.into_iter().map(|f| (f.name, f.value, f.source)));
    }
    found.extend(
        argv.options
            .iter()
            .map(|(k, v)| (k.clone(), v.clone(), Source::CommandLine)),
    );
    for (name, value, source) in found {
        if name == "maxmemory"
            && let Some(v) = sizes::redis(&value)
        {
            engine.set("maxmemory", v, source);
        }
    }
    // Not observed without a connection: the ratio is taken as 1.
    engine.set("mem_fragmentation_ratio", 1.0, Source::Assumed);
    if argv.title && config.is_none() {
        s.note_title();
    }
    engine.version = s
        .image_version()
        .or_else(|| s.package_version(&["redis-server", "redis-tools"]));
}

/// The first usual configuration file whose `port` (6379 when it sets none) is one the
/// workload listens on.
fn usual_config(s: &Subject<'_>) -> Option<String> {
    USUAL.iter().find_map(|path| {
        let text = s.view.read(path).ok()?;
        let port = text
            .lines()
            .rev()
            .filter_map(parse_line)
            .filter_map(|l| match l {
                Line::Set(n, v) if n == "port" => v.parse::<u16>().ok(),
                _ => None,
            })
            .next()
            .unwrap_or(6379);
        (s.ports.is_empty() || s.ports.contains(&port)).then(|| path.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(words: &[&str]) -> Vec<String> {
        words.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn command_lines_and_titles() {
        let got = parse_argv(&argv(&[
            "redis-server",
            "/etc/redis/redis.conf",
            "--maxmemory",
            "100mb",
            "--save",
            "",
            "--port",
            "6380",
        ]));
        assert_eq!(got.config.as_deref(), Some("/etc/redis/redis.conf"));
        assert_eq!(
            got.options,
            vec![
                ("maxmemory".to_string(), "100mb".to_string()),
                ("save".to_string(), "".to_string()),
                ("port".to_string(), "6380".to_string()),
            ]
        );
        assert!(!got.title);
        // a container's command with an entrypoint first
        let got = parse_argv(&argv(&[
            "docker-entrypoint.sh",
            "redis-server",
            "--maxmemory",
            "256mb",
        ]));
        assert_eq!(
            got.options,
            vec![("maxmemory".to_string(), "256mb".to_string())]
        );
        // the process title Redis writes over its command line
        let got = parse_argv(&argv(&["redis-server 127.0.0.1:6379"]));
        assert!(got.title && got.config.is_none() && got.options.is_empty());
        let got = parse_argv(&argv(&[
            "/usr/bin/redis-server 127.0.0.1:6379  /srv/redis/redis.conf",
        ]));
        assert_eq!(got.config.as_deref(), Some("/srv/redis/redis.conf"));
    }

    #[test]
    fn configuration_lines() {
        assert_eq!(
            parse_line("maxmemory 100mb"),
            Some(Line::Set("maxmemory".into(), "100mb".into()))
        );
        assert_eq!(parse_line("  # maxmemory 1gb"), None);
        assert_eq!(
            parse_line("include /etc/redis/extra.conf"),
            Some(Line::Include("/etc/redis/extra.conf".into(), true))
        );
        assert_eq!(
            parse_line("proc-title-template \"{title} {config-file}\""),
            Some(Line::Set(
                "proc-title-template".into(),
                "{title} {config-file}".into()
            ))
        );
    }
}
