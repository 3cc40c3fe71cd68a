//! Which engine a workload is: by its executable, then a JVM's main class, then its container
//! image, then (only when its executables could not be read) the port it listens on; and the
//! version a container image's tag names. Pure.

use crate::model::EngineName;

/// The engine an executable (its file name) is.
pub(crate) fn by_executable(name: &str) -> Option<EngineName> {
    Some(match name {
        "mariadbd" => EngineName::Mariadb,
        "mysqld" => EngineName::Mysql,
        "postgres" | "postmaster" => EngineName::Postgresql,
        "redis-server" => EngineName::Redis,
        "mongod" => EngineName::Mongodb,
        "weaviate" => EngineName::Weaviate,
        _ => return None,
    })
}

/// The engine a JVM runs, from the main class on its command line.
pub(crate) fn by_java_main(argv: &[String]) -> Option<EngineName> {
    argv.iter().find_map(|a| {
        if a.starts_with("org.elasticsearch.") && a.ends_with(".Elasticsearch") {
            Some(EngineName::Elasticsearch)
        } else if a.starts_with("org.opensearch.") && a.ends_with(".OpenSearch") {
            Some(EngineName::Opensearch)
        } else if (a.starts_with("org.neo4j.") || a.starts_with("com.neo4j."))
            && a.ends_with("EntryPoint")
        {
            Some(EngineName::Neo4j)
        } else {
            None
        }
    })
}

/// The repository of an image reference, without registry, owner, tag or digest
/// (`docker.elastic.co/elasticsearch/elasticsearch:8.11.1` is `elasticsearch`).
fn repository(image: &str) -> &str {
    let image = image.split('@').next().unwrap_or(image);
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split(':').next().unwrap_or(last)
}

/// The engine a container image is.
pub(crate) fn by_image(image: &str) -> Option<EngineName> {
    Some(match repository(image).to_ascii_lowercase().as_str() {
        "mariadb" => EngineName::Mariadb,
        "mysql" | "mysql-server" | "percona" | "percona-server" => EngineName::Mysql,
        "postgres" | "postgresql" | "postgis" | "timescaledb" => EngineName::Postgresql,
        "redis" | "redis-stack-server" | "redis-stack" => EngineName::Redis,
        "elasticsearch" => EngineName::Elasticsearch,
        "opensearch" => EngineName::Opensearch,
        "neo4j" => EngineName::Neo4j,
        "weaviate" => EngineName::Weaviate,
        "mongo" | "mongodb" | "mongodb-community-server" | "mongodb-enterprise-server" => {
            EngineName::Mongodb
        }
        _ => return None,
    })
}

/// The version an image's tag names: its leading `major[.minor[.patch]]`
/// (`15-alpine` is `15`, `8.11.1` is itself); `None` for `latest` or no tag.
pub(crate) fn image_version(image: &str) -> Option<String> {
    let image = image.split('@').next().unwrap_or(image);
    let last = image.rsplit('/').next().unwrap_or(image);
    let tag = last.split_once(':')?.1;
    let tag = tag.trim_start_matches(['v', 'V']);
    let end = tag
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(tag.len());
    let version = tag.get(..end)?.trim_end_matches('.');
    (!version.is_empty() && version.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| version.to_string())
}

/// The engine a port is the well-known one of; used only for a workload whose executables could
/// not be read (any program may listen on 3306).
pub(crate) fn by_port(ports: &[u16]) -> Option<EngineName> {
    ports.iter().find_map(|p| {
        Some(match p {
            3306 => EngineName::Mysql,
            5432 => EngineName::Postgresql,
            6379 => EngineName::Redis,
            9200 => EngineName::Elasticsearch,
            7474 | 7687 => EngineName::Neo4j,
            27017 => EngineName::Mongodb,
            _ => return None,
        })
    })
}

/// The upstream version of the first installed package of a dpkg `status` file whose name
/// starts with one of `prefixes` (`1:10.11.19-0+deb12u1` is `10.11.19`).
pub(crate) fn dpkg_version(status: &str, prefixes: &[&str]) -> Option<String> {
    status.split("\n\n").find_map(|para| {
        let field = |name: &str| {
            para.lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(':').map(str::trim))
        };
        let package = field("Package")?;
        let installed = field("Status").is_some_and(|s| s.ends_with(" installed"));
        if !installed || !prefixes.iter().any(|p| package.starts_with(p)) {
            return None;
        }
        let version = field("Version")?;
        let version = version.split_once(':').map_or(version, |(_, v)| v);
        let version = version.rsplit_once('-').map_or(version, |(v, _)| v);
        Some(version.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installed_package_versions() {
        let status = "Package: redis-tools\nStatus: install ok installed\nVersion: 5:7.0.15-1~deb12u10\n\n\
                      Package: mariadb-server-core\nStatus: deinstall ok config-files\nVersion: 1:10.5.1-1\n\n\
                      Package: mariadb-server-core\nStatus: install ok installed\nVersion: 1:10.11.19-0+deb12u1\n";
        assert_eq!(
            dpkg_version(status, &["redis-server", "redis-tools"]).as_deref(),
            Some("7.0.15")
        );
        assert_eq!(
            dpkg_version(status, &["mariadb-server-core"]).as_deref(),
            Some("10.11.19")
        );
        assert_eq!(dpkg_version(status, &["mysql-server-core"]), None);
    }

    #[test]
    fn executables_and_main_classes() {
        assert_eq!(by_executable("mariadbd"), Some(EngineName::Mariadb));
        assert_eq!(by_executable("postgres"), Some(EngineName::Postgresql));
        assert_eq!(by_executable("redis-check-rdb"), None);
        let es: Vec<String> = [
            "/usr/share/elasticsearch/jdk/bin/java",
            "-Xmx512m",
            "-cp",
            "x",
            "org.elasticsearch.bootstrap.Elasticsearch",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(by_java_main(&es), Some(EngineName::Elasticsearch));
        let neo: Vec<String> = ["java", "com.neo4j.server.CommunityEntryPoint"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(by_java_main(&neo), Some(EngineName::Neo4j));
        assert_eq!(
            by_java_main(&["java".to_string(), "-jar".into(), "app.jar".into()]),
            None
        );
    }

    #[test]
    fn images_and_their_versions() {
        assert_eq!(
            by_image("docker.elastic.co/elasticsearch/elasticsearch:8.11.1"),
            Some(EngineName::Elasticsearch)
        );
        assert_eq!(
            by_image("semitechnologies/weaviate:1.24.1"),
            Some(EngineName::Weaviate)
        );
        assert_eq!(
            by_image("bitnami/postgresql:15"),
            Some(EngineName::Postgresql)
        );
        assert_eq!(by_image("mongo@sha256:abc"), Some(EngineName::Mongodb));
        assert_eq!(by_image("local/busybox:1"), None);
        assert_eq!(image_version("postgres:15-alpine").as_deref(), Some("15"));
        assert_eq!(
            image_version("neo4j:5.13.0-community").as_deref(),
            Some("5.13.0")
        );
        assert_eq!(
            image_version("semitechnologies/weaviate:v1.24.1").as_deref(),
            Some("1.24.1")
        );
        assert_eq!(image_version("redis:latest"), None);
        assert_eq!(image_version("redis"), None);
        assert_eq!(image_version("registry:5000/mysql"), None);
    }

    #[test]
    fn ports() {
        assert_eq!(by_port(&[80, 5432]), Some(EngineName::Postgresql));
        assert_eq!(by_port(&[8080]), None);
    }
}
