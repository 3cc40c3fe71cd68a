//! A database engine found among a host's workloads: which one, its version, the settings that
//! bound its memory (each with where it was read) and the ceiling they allow. Pure types; the
//! defaults are in `engine/defaults.rs`, the ceilings in `engine/formula.rs`.

pub mod defaults;
pub mod formula;
mod value;

pub use formula::{Ceiling, Term, ceiling, effective};
pub use value::Setting;

use super::units::Bytes;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The engines hostfit knows the memory of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EngineName {
    Mysql,
    Mariadb,
    Postgresql,
    Redis,
    Elasticsearch,
    Opensearch,
    Neo4j,
    Weaviate,
    Mongodb,
}

impl EngineName {
    pub const ALL: [EngineName; 9] = [
        EngineName::Mysql,
        EngineName::Mariadb,
        EngineName::Postgresql,
        EngineName::Redis,
        EngineName::Elasticsearch,
        EngineName::Opensearch,
        EngineName::Neo4j,
        EngineName::Weaviate,
        EngineName::Mongodb,
    ];

    /// The name as the snapshot writes it.
    pub fn key(self) -> &'static str {
        match self {
            EngineName::Mysql => "mysql",
            EngineName::Mariadb => "mariadb",
            EngineName::Postgresql => "postgresql",
            EngineName::Redis => "redis",
            EngineName::Elasticsearch => "elasticsearch",
            EngineName::Opensearch => "opensearch",
            EngineName::Neo4j => "neo4j",
            EngineName::Weaviate => "weaviate",
            EngineName::Mongodb => "mongodb",
        }
    }

    /// MySQL and MariaDB share one formula, Elasticsearch and OpenSearch another.
    pub fn family(self) -> EngineName {
        match self {
            EngineName::Mariadb => EngineName::Mysql,
            EngineName::Opensearch => EngineName::Elasticsearch,
            other => other,
        }
    }
}

/// Where a setting's value was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case", deny_unknown_fields)]
pub enum Source {
    /// The engine's default, for this version when it is known (`None`: the version was not
    /// known, and the default of the newest version hostfit knows was taken).
    Default {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<String>,
    },
    /// A configuration file, at a line.
    File { path: String, line: u32 },
    /// The process's command line (or a container's command).
    CommandLine,
    /// An environment variable of the process or its container.
    Environment { variable: String },
    /// Asked of the running engine with `--connect`.
    Live,
    /// Not readable: a neutral value was taken (a fragmentation ratio of 1, say).
    Assumed,
    /// The host's own figure (its memory, or the container's limit).
    Host,
}

/// What a snapshot says of a workload that is a database engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Engine {
    pub name: EngineName,
    #[serde(default)]
    pub version: Option<String>,
    /// What the engine may grow to under its settings; `null` when they set no bound (Redis
    /// without `maxmemory`, Weaviate without `GOMEMLIMIT`). A hand-written snapshot may leave
    /// it out: the planner then works it out from `inputs`.
    #[serde(default)]
    pub ceiling_bytes: Option<Bytes>,
    /// The workload's memory when it was measured; its `memory` when absent.
    #[serde(default)]
    pub now_bytes: Option<Bytes>,
    /// Setting -> value: sizes in bytes, counts, ratios; `-1` where the engine works the value
    /// out itself (PostgreSQL's `wal_buffers`, a JVM heap left to its default).
    #[serde(default)]
    pub inputs: BTreeMap<String, Setting>,
    /// Setting -> where its value was read.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, Source>,
    /// The formula of the ceiling, in the settings' names (docs/engines.md).
    #[serde(default)]
    pub formula: String,
}

impl Engine {
    /// An engine with no settings read yet.
    pub fn new(name: EngineName) -> Engine {
        Engine {
            name,
            version: None,
            ceiling_bytes: None,
            now_bytes: None,
            inputs: BTreeMap::new(),
            sources: BTreeMap::new(),
            formula: String::new(),
        }
    }

    /// Sets `setting` to `value`, read from `source`.
    pub fn set(&mut self, setting: &str, value: f64, source: Source) {
        self.inputs.insert(setting.to_string(), Setting(value));
        self.sources.insert(setting.to_string(), source);
    }

    /// The inputs as plain numbers.
    pub fn values(&self) -> BTreeMap<String, f64> {
        self.inputs.iter().map(|(k, v)| (k.clone(), v.0)).collect()
    }

    /// Fills every setting the formula needs and `inputs` lacks with the engine's default for
    /// `version`, then works out `ceiling_bytes` and `formula`. `ram` is the memory the engine
    /// sees (its container's limit, else the host's).
    pub fn complete(&mut self, ram: Bytes) {
        let version = self.version.clone();
        if !self.inputs.contains_key(defaults::RAM) && defaults::needs_ram(self.name) {
            self.set(defaults::RAM, ram.0 as f64, Source::Host);
        }
        for (setting, value) in defaults::missing(self.name, version.as_deref(), &self.values()) {
            self.set(
                setting,
                value,
                Source::Default {
                    version: defaults::known_version(self.name, version.as_deref()),
                },
            );
        }
        let c = ceiling(self.name, &self.values());
        self.ceiling_bytes = c.bytes;
        self.formula = c.formula.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_engine_reads_from_yaml_with_sizes_and_numbers() {
        let text = "name: postgresql\nversion: '15'\ninputs:\n  shared_buffers: 64MiB\n  max_connections: 40\n";
        let e: Engine = serde_saphyr::from_str(text).expect("an engine");
        assert_eq!(e.name, EngineName::Postgresql);
        assert_eq!(e.inputs.get("shared_buffers"), Some(&Setting(67108864.0)));
        assert_eq!(e.inputs.get("max_connections"), Some(&Setting(40.0)));
        assert!(serde_saphyr::from_str::<Engine>("name: oracle\n").is_err());
    }

    #[test]
    fn sources_are_tagged() {
        let s = Source::File {
            path: "/etc/redis/redis.conf".into(),
            line: 3,
        };
        let json = serde_json::to_string(&s).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"from":"file","path":"/etc/redis/redis.conf","line":3}"#
        );
        assert_eq!(
            serde_json::to_string(&Source::CommandLine).unwrap_or_default(),
            r#"{"from":"command_line"}"#
        );
        let back: Option<Source> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(s));
    }

    #[test]
    fn completing_fills_defaults_and_names_them() {
        let mut e = Engine::new(EngineName::Postgresql);
        e.version = Some("15.4".into());
        e.set("shared_buffers", 64.0 * 1048576.0, Source::CommandLine);
        e.complete(Bytes(2 << 30));
        assert_eq!(
            e.sources.get("work_mem"),
            Some(&Source::Default {
                version: Some("15".into())
            })
        );
        assert_eq!(e.sources.get("shared_buffers"), Some(&Source::CommandLine));
        assert!(e.ceiling_bytes.is_some());
        assert!(e.formula.starts_with("shared_buffers"));
    }
}
