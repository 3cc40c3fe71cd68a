//! MongoDB's and Weaviate's settings without connecting. MongoDB: the WiredTiger cache from
//! `mongod.conf` (`--config`/`-f`, else `/etc/mongod.conf`) then `--wiredTigerCacheSizeGB`.
//! Weaviate: `GOMEMLIMIT`, or `LIMIT_RESOURCES=true` (80% of the memory it sees, overriding
//! `GOMEMLIMIT`, as Weaviate documents). Versions from the image. Parsers are pure.

use super::Subject;
use super::sizes;
use super::view::absolute;
use crate::model::Engine;
use crate::model::engine::Source;

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// `storage.wiredTiger.engineConfig.cacheSizeGB` of a `mongod.conf`, and its line.
pub(crate) fn cache_from_conf(text: &str) -> Option<(f64, u32)> {
    let value: serde_json::Value = serde_saphyr::from_str(text).ok()?;
    let gb = value
        .get("storage")?
        .get("wiredTiger")?
        .get("engineConfig")?
        .get("cacheSizeGB")?;
    let gb = gb.as_f64().or_else(|| gb.as_str()?.parse().ok())?;
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("cacheSizeGB"))
        .map_or(0, |i| u32::try_from(i + 1).unwrap_or(u32::MAX));
    Some((gb * GIB, line))
}

/// The value of an option given as `--name value` or `--name=value`.
fn option(argv: &[String], names: &[&str]) -> Option<String> {
    let mut out = None;
    let mut args = argv.iter();
    while let Some(a) = args.next() {
        for n in names {
            if a == n {
                out = args.next().cloned();
            } else if let Some(v) = a.strip_prefix(n).and_then(|r| r.strip_prefix('=')) {
                out = Some(v.to_string());
            }
        }
    }
    out
}

/// Reads what the subject's MongoDB is configured with.
pub(crate) fn read_mongodb(s: &mut Subject<'_>, engine: &mut Engine) {
    let named = option(&s.argv, &["--config", "-f"]);
    let conf = named
        .as_deref()
        .map(|c| absolute(s.cwd.as_deref(), c))
        .unwrap_or_else(|| "/etc/mongod.conf".to_string());
    match s.view.read(&conf) {
        Ok(text) => {
            if let Some((bytes, line)) = cache_from_conf(&text) {
                engine.set("wiredtiger_cache", bytes, Source::File { path: conf, line });
            }
        }
        Err(e) if named.is_some() || !e.is_gone() => s.note_config(&conf, &e.to_string()),
        Err(_) => {}
    }
    if let Some(gb) =
        option(&s.argv, &["--wiredTigerCacheSizeGB"]).and_then(|v| v.parse::<f64>().ok())
    {
        engine.set("wiredtiger_cache", gb * GIB, Source::CommandLine);
    }
    engine.version = s.image_version();
}

/// Whether Weaviate reads a variable as true ("on", "enabled", "1", "true").
fn truthy(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "on" | "enabled" | "1" | "true"
    )
}

/// Reads what the subject's Weaviate is configured with.
pub(crate) fn read_weaviate(s: &mut Subject<'_>, engine: &mut Engine) {
    if let Some(limit) = s.env.get("GOMEMLIMIT").and_then(|v| sizes::binary(v)) {
        engine.set(
            "memory_limit",
            limit,
            Source::Environment {
                variable: "GOMEMLIMIT".into(),
            },
        );
    }
    if s.env.get("LIMIT_RESOURCES").is_some_and(|v| truthy(v)) {
        engine.set(
            "memory_limit",
            (s.ram * 0.8).floor(),
            Source::Environment {
                variable: "LIMIT_RESOURCES".into(),
            },
        );
    }
    engine.version = s.image_version();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mongod_conf() {
        let text = "storage:\n  dbPath: /data/db\n  wiredTiger:\n    engineConfig:\n      cacheSizeGB: 0.5\nnet:\n  port: 27017\n";
        assert_eq!(cache_from_conf(text), Some((0.5 * GIB, 5)));
        assert_eq!(cache_from_conf("net:\n  port: 27017\n"), None);
        assert_eq!(cache_from_conf(": not yaml ["), None);
    }

    #[test]
    fn options_both_ways() {
        let argv: Vec<String> = [
            "mongod",
            "--bind_ip_all",
            "--wiredTigerCacheSizeGB",
            "1.5",
            "--config=/etc/m.conf",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            option(&argv, &["--wiredTigerCacheSizeGB"]).as_deref(),
            Some("1.5")
        );
        assert_eq!(
            option(&argv, &["--config", "-f"]).as_deref(),
            Some("/etc/m.conf")
        );
        assert!(truthy("TRUE") && truthy("on") && !truthy("no"));
    }
}
