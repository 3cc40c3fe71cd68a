//! The JVM engines' settings without connecting. Elasticsearch and OpenSearch: `jvm.options`,
//! then `jvm.options.d/*.options`, then `ES_JAVA_OPTS` / `OPENSEARCH_JAVA_OPTS`, then the JVM's
//! own command line (where the launcher puts the heap it chose). Neo4j: `neo4j.conf`, then the
//! `NEO4J_*` variables of its image, then `-Xmx` on the command line. Versions from the jars the
//! command line or the `lib` directory names, else the image. Parsers are pure; `read` fetches.

use super::Subject;
use super::files::{self, Line};
use super::sizes;
use crate::model::engine::Source;
use crate::model::{Engine, EngineName};

/// The heap a list of JVM options sets: the last `-Xmx`/`-XX:MaxHeapSize`, or a
/// `-XX:MaxRAMPercentage` share of `ram`. A percentage outside 0 to 100 (`NaN`, `-5`, `1e9`) is
/// one the JVM refuses to start with, and is ignored: it is no heap.
pub fn heap_from_options<'a>(options: impl IntoIterator<Item = &'a str>, ram: f64) -> Option<f64> {
    let mut heap = None;
    for o in options {
        let o = o.trim();
        if let Some(v) = o
            .strip_prefix("-Xmx")
            .or_else(|| o.strip_prefix("-XX:MaxHeapSize="))
        {
            heap = sizes::binary(v).or(heap);
        } else if let Some(p) = o.strip_prefix("-XX:MaxRAMPercentage=")
            && let Ok(p) = p.parse::<f64>()
            && (0.0..=100.0).contains(&p)
        {
            heap = Some((ram * p / 100.0).floor());
        }
    }
    heap
}

/// One line of `jvm.options`: an option, perhaps after a JVM version range (`17-:-Xmx1g`),
/// which is read whatever the range.
pub fn parse_jvm_line(raw: &str) -> Option<Line> {
    let line = raw.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let option = match line.split_once(":-") {
        Some((range, rest)) if range.chars().all(|c| c.is_ascii_digit() || c == '-') => {
            format!("-{rest}")
        }
        _ => line.to_string(),
    };
    Some(Line::Set(option, String::new()))
}

/// One line of `neo4j.conf`: `name=value`.
pub fn parse_neo4j_line(raw: &str) -> Option<Line> {
    let line = raw.trim();
    if line.starts_with('#') {
        return None;
    }
    let (k, v) = line.split_once('=')?;
    Some(Line::Set(k.trim().to_string(), v.trim().to_string()))
}

/// The setting a `NEO4J_*` variable of Neo4j's image stands for: `_` is `.`, `__` is `_`
/// (`NEO4J_server_memory_heap_max__size` is `server.memory.heap.max_size`).
pub(crate) fn neo4j_env_setting(variable: &str) -> Option<String> {
    let rest = variable.strip_prefix("NEO4J_")?;
    Some(
        rest.replace("__", "\u{0}")
            .replace('_', ".")
            .replace('\u{0}', "_"),
    )
}

/// The version in a jar's name on a command line or in a directory (`elasticsearch-8.11.1.jar`,
/// `neo4j-kernel-5.13.0.jar`).
pub(crate) fn jar_version(text: &str, prefix: &str) -> Option<String> {
    text.split([':', '/', ' ']).find_map(|part| {
        let v = part.strip_prefix(prefix)?.strip_suffix(".jar")?;
        v.starts_with(|c: char| c.is_ascii_digit())
            .then(|| v.to_string())
    })
}

/// Reads what the subject's Elasticsearch or OpenSearch is configured with.
pub(crate) fn read_search(s: &mut Subject<'_>, engine: &mut Engine) {
    let (home, conf_env, opts_env, jar) = if engine.name == EngineName::Opensearch {
        (
            "/usr/share/opensearch",
            "OPENSEARCH_PATH_CONF",
            "OPENSEARCH_JAVA_OPTS",
            "opensearch-",
        )
    } else {
        (
            "/usr/share/elasticsearch",
            "ES_PATH_CONF",
            "ES_JAVA_OPTS",
            "elasticsearch-",
        )
    };
    let prop = |name: &str| {
        s.argv
            .iter()
            .find_map(|a| a.strip_prefix(&format!("-D{name}=")).map(str::to_string))
    };
    let home = prop("es.path.home")
        .or_else(|| prop("opensearch.path.home"))
        .unwrap_or_else(|| home.to_string());
    let conf = prop("es.path.conf")
        .or_else(|| prop("opensearch.path.conf"))
        .or_else(|| s.env.get(conf_env).cloned())
        .unwrap_or_else(|| format!("{home}/config"));
    let ram = s.ram;
    let mut options = files::read_all(
        s,
        &format!("{conf}/jvm.options"),
        false,
        parse_jvm_line,
        "options",
    );
    let dir = format!("{conf}/jvm.options.d");
    if let Ok(names) = s.view.list(&dir) {
        for name in names.iter().filter(|n| n.ends_with(".options")) {
            options.extend(files::read_all(
                s,
                &format!("{dir}/{name}"),
                true,
                parse_jvm_line,
                "options",
            ));
        }
    }
    for f in &options {
        if let Some(heap) = heap_from_options([f.name.as_str()], ram) {
            engine.set("heap_max", heap, f.source.clone());
        }
    }
    if let Some(opts) = s.env.get(opts_env).cloned()
        && let Some(heap) = heap_from_options(opts.split_whitespace(), ram)
    {
        engine.set(
            "heap_max",
            heap,
            Source::Environment {
                variable: opts_env.into(),
            },
        );
    }
    if let Some(heap) = heap_from_options(s.argv.iter().map(String::as_str), ram) {
        engine.set("heap_max", heap, Source::CommandLine);
    }
    engine.version = s
        .argv
        .iter()
        .find_map(|a| jar_version(a, jar))
        .or_else(|| {
            let names = s.view.list(&format!("{home}/lib")).ok()?;
            names.iter().find_map(|n| jar_version(n, jar))
        })
        .or_else(|| s.image_version());
}

/// Reads what the subject's Neo4j is configured with.
pub(crate) fn read_neo4j(s: &mut Subject<'_>, engine: &mut Engine) {
    let home = s.env.get("NEO4J_HOME").cloned();
    let conf_dirs: Vec<String> = s
        .env
        .get("NEO4J_CONF")
        .cloned()
        .into_iter()
        .chain(home.iter().map(|h| format!("{h}/conf")))
        .chain(["/var/lib/neo4j/conf".to_string(), "/etc/neo4j".to_string()])
        .collect();
    let mut found: Vec<(String, String, Source)> = Vec::new();
    if let Some(dir) = conf_dirs
        .iter()
        .find(|d| s.view.exists(&format!("{d}/neo4j.conf")))
    {
        let read = files::read_all(
            s,
            &format!("{dir}/neo4j.conf"),
            true,
            parse_neo4j_line,
            "conf",
        );
        found.extend(read.into_iter().map(|f| (f.name, f.value, f.source)));
    }
    let env: Vec<(String, String)> = s.env.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (variable, value) in env {
        if let Some(setting) = neo4j_env_setting(&variable) {
            found.push((setting, value, Source::Environment { variable }));
        }
    }
    // Transaction state: on the heap (within heap_max), or off it up to its own maximum.
    let mut off_heap: Option<(bool, Source)> = None;
    let mut off_heap_max: Option<(f64, Source)> = None;
    for (name, value, source) in found {
        let key = name.split_once('.').map_or(name.as_str(), |(_, rest)| rest);
        match key {
            "memory.heap.max_size" => {
                if let Some(v) = sizes::binary(&value) {
                    engine.set("heap_max", v, source);
                }
            }
            "memory.pagecache.size" => {
                if let Some(v) = sizes::binary(&value) {
                    engine.set("pagecache", v, source);
                }
            }
            "tx_state.memory_allocation" => {
                off_heap = Some((value.eq_ignore_ascii_case("OFF_HEAP"), source));
            }
            "tx_state.max_off_heap_memory" | "memory.off_heap.transaction_max_size" => {
                off_heap_max = sizes::binary(&value).map(|v| (v, source));
            }
            _ => {}
        }
    }
    match (off_heap, off_heap_max) {
        (Some((false, source)), _) => engine.set("tx_off_heap_max", 0.0, source),
        (Some((true, _)), Some((v, source))) | (None, Some((v, source))) => {
            engine.set("tx_off_heap_max", v, source);
        }
        // Off the heap with no maximum set: Neo4j's default maximum, 2 GiB.
        (Some((true, source)), None) => {
            engine.set("tx_off_heap_max", 2.0 * 1024.0 * 1024.0 * 1024.0, source);
        }
        (None, None) => {}
    }
    if let Some(heap) = heap_from_options(s.argv.iter().map(String::as_str), s.ram) {
        engine.set("heap_max", heap, Source::CommandLine);
    }
    let lib = home
        .map(|h| format!("{h}/lib"))
        .unwrap_or_else(|| "/var/lib/neo4j/lib".into());
    engine.version = s
        .view
        .list(&lib)
        .ok()
        .and_then(|names| names.iter().find_map(|n| jar_version(n, "neo4j-kernel-")))
        .or_else(|| s.image_version());
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: f64 = 1024.0 * 1024.0;

    #[test]
    fn heaps_from_options() {
        assert_eq!(
            heap_from_options(["-Xms512m", "-Xmx512m"], 0.0),
            Some(512.0 * MIB)
        );
        assert_eq!(
            heap_from_options(["-Xmx1g", "-Xmx256m"], 0.0),
            Some(256.0 * MIB)
        );
        assert_eq!(
            heap_from_options(["-XX:MaxRAMPercentage=50"], 2048.0 * MIB),
            Some(1024.0 * MIB)
        );
        assert_eq!(
            heap_from_options(["-XX:MaxHeapSize=268435456"], 0.0),
            Some(256.0 * MIB)
        );
        assert_eq!(heap_from_options(["-Xss1m"], 0.0), None);
    }

    #[test]
    fn jvm_options_lines() {
        assert_eq!(
            parse_jvm_line("-Xmx2g"),
            Some(Line::Set("-Xmx2g".into(), String::new()))
        );
        assert_eq!(
            parse_jvm_line("17-:-Xmx1g"),
            Some(Line::Set("-Xmx1g".into(), String::new()))
        );
        assert_eq!(
            parse_jvm_line("8-9:-Xmx2g"),
            Some(Line::Set("-Xmx2g".into(), String::new()))
        );
        assert_eq!(parse_jvm_line("## -Xmx4g"), None);
    }

    #[test]
    fn neo4j_names() {
        assert_eq!(
            neo4j_env_setting("NEO4J_server_memory_heap_max__size").as_deref(),
            Some("server.memory.heap.max_size")
        );
        assert_eq!(
            neo4j_env_setting("NEO4J_dbms_tx__state_memory__allocation").as_deref(),
            Some("dbms.tx_state.memory_allocation")
        );
        assert_eq!(
            parse_neo4j_line("server.memory.pagecache.size=256m"),
            Some(Line::Set(
                "server.memory.pagecache.size".into(),
                "256m".into()
            ))
        );
        assert_eq!(parse_neo4j_line("#server.memory.heap.max_size=1g"), None);
    }

    #[test]
    fn versions_from_jars() {
        assert_eq!(
            jar_version(
                "/usr/share/elasticsearch/lib/elasticsearch-8.11.1.jar",
                "elasticsearch-"
            )
            .as_deref(),
            Some("8.11.1")
        );
        assert_eq!(
            jar_version("elasticsearch-cli-8.11.1.jar", "elasticsearch-"),
            None
        );
        assert_eq!(
            jar_version("neo4j-kernel-5.13.0.jar", "neo4j-kernel-").as_deref(),
            Some("5.13.0")
        );
    }
}
