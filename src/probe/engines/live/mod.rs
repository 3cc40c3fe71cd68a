//! `--connect`: reading an engine's live settings from the server itself, when asked, with a
//! DSN per engine. PostgreSQL through `psql` (`SHOW ALL`), MySQL and MariaDB through the
//! `mariadb` or `mysql` client (`SHOW GLOBAL VARIABLES`), Redis over its own protocol
//! (`CONFIG GET`, `INFO`). A DSN never carries a password: it comes from the caller (the
//! environment or a file), is handed to the client in its environment, and is never printed
//! (`Secret`). Parsing the DSN and the replies is pure; `read` talks to the server.

mod client;
mod resp;

use crate::model::EngineName;
use std::fmt;
use std::time::Duration;

/// How long one engine may take to answer, in all.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(10);

/// A password, kept out of every message: its `Debug` shows stars.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// One `--connect ENGINE=DSN`, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connect {
    /// `postgresql`, `mysql` (also for MariaDB) or `redis`.
    pub engine: EngineName,
    /// The DSN as given (it holds no password).
    pub dsn: String,
    pub host: Option<String>,
    pub port: u16,
    /// A unix socket (MySQL `?socket=`, Redis `unix:`), or PostgreSQL's socket directory.
    pub socket: Option<String>,
    pub user: Option<String>,
    pub database: Option<String>,
    pub password: Option<Secret>,
}

/// Why a `--connect` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DsnError {
    /// An engine name `--connect` does not know (the name is repeated: it is no secret).
    #[error("'{0}' is not an engine --connect knows: expected postgresql, mysql or redis")]
    Engine(String),
    /// Not `ENGINE=DSN`; the text is not repeated, as it may hold a password.
    #[error("expected ENGINE=DSN, e.g. 'postgresql=postgresql://postgres@127.0.0.1:5432/postgres'")]
    Shape,
    /// A password in the DSN: (engine, the variable to use instead).
    #[error("the DSN for {0} holds a password: give it in {1} or {1}_FILE instead")]
    Password(String, String),
    /// Not a DSN of the engine: (engine, the form expected).
    #[error("not a DSN for {0}: expected {1}")]
    Dsn(String, &'static str),
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(v) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The variable a password for `engine`'s `--connect` is read from (`_FILE` names a file).
pub fn password_variable(engine: EngineName) -> String {
    format!(
        "HOSTFIT_{}_PASSWORD",
        engine.family().key().to_ascii_uppercase()
    )
}

/// `ENGINE=DSN` read; the password is added by the caller.
pub fn parse_connect(text: &str) -> Result<Connect, DsnError> {
    let (engine, dsn) = text.split_once('=').ok_or(DsnError::Shape)?;
    let engine = match engine.trim().to_ascii_lowercase().as_str() {
        "postgresql" | "postgres" | "pg" => EngineName::Postgresql,
        "mysql" | "mariadb" => EngineName::Mysql,
        "redis" => EngineName::Redis,
        other => return Err(DsnError::Engine(other.to_string())),
    };
    parse_dsn(engine, dsn.trim())
}

/// A DSN of `engine`: `scheme://[user@]host[:port][/db][?k=v&...]`, or `unix:/path` for Redis.
pub(crate) fn parse_dsn(engine: EngineName, dsn: &str) -> Result<Connect, DsnError> {
    let (schemes, default_port, expected): (&[&str], u16, &'static str) = match engine {
        EngineName::Postgresql => (
            &["postgresql", "postgres"],
            5432,
            "postgresql://USER@HOST:PORT/DB",
        ),
        EngineName::Redis => (&["redis"], 6379, "redis://[USER@]HOST:PORT or unix:/PATH"),
        _ => (
            &["mysql", "mariadb"],
            3306,
            "mysql://USER@HOST:PORT[/DB][?socket=/PATH]",
        ),
    };
    let bad = || DsnError::Dsn(engine.key().to_string(), expected);
    let mut out = Connect {
        engine,
        dsn: dsn.to_string(),
        host: None,
        port: default_port,
        socket: None,
        user: None,
        database: None,
        password: None,
    };
    if engine == EngineName::Redis
        && let Some(path) = dsn.strip_prefix("unix:")
    {
        out.socket = Some(path.trim_start_matches("//").to_string()).filter(|p| p.starts_with('/'));
        return out.socket.is_some().then_some(out).ok_or_else(bad);
    }
    let (scheme, rest) = dsn.split_once("://").ok_or_else(bad)?;
    if !schemes.contains(&scheme) {
        return Err(bad());
    }
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let password_error = || DsnError::Password(engine.key().into(), password_variable(engine));
    if let Some(u) = userinfo {
        if u.contains(':') {
            return Err(password_error());
        }
        out.user = Some(percent_decode(u)).filter(|u| !u.is_empty());
    }
    let (host, port) = if let Some(inner) = hostport.strip_prefix('[') {
        let (h, after) = inner.split_once(']').ok_or_else(bad)?;
        match after.strip_prefix(':') {
            Some(p) => (h, Some(p.parse::<u16>().map_err(|_| bad())?)),
            None if after.is_empty() => (h, None),
            None => return Err(bad()),
        }
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h, Some(p.parse::<u16>().map_err(|_| bad())?)),
            None => (hostport, None),
        }
    };
    out.port = port.unwrap_or(default_port);
    let host = percent_decode(host);
    if host.starts_with('/') {
        out.socket = Some(host);
    } else if !host.is_empty() {
        out.host = Some(host);
    }
    out.database = Some(percent_decode(path)).filter(|d| !d.is_empty());
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "password" => return Err(password_error()),
            "socket" | "host" if v.starts_with('/') || v.starts_with("%2F") => {
                out.socket = Some(percent_decode(v));
            }
            "port" => out.port = v.parse().map_err(|_| bad())?,
            _ => {}
        }
    }
    if out.host.is_none() && out.socket.is_none() {
        out.host = Some("localhost".into());
    }
    Ok(out)
}

impl Connect {
    /// Where it connects, for messages: `host:port` or the socket.
    pub fn target(&self) -> String {
        match (&self.socket, &self.host) {
            (Some(s), _) => s.clone(),
            (None, Some(h)) => format!("{h}:{}", self.port),
            (None, None) => format!(":{}", self.port),
        }
    }
}

/// What a server said of itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Live {
    pub(crate) version: Option<String>,
    /// (setting, value) in the formula's names and units.
    pub(crate) settings: Vec<(String, f64)>,
}

/// Asks the server `c` names for its settings.
pub(crate) fn read(c: &Connect) -> Result<Live, String> {
    match c.engine {
        EngineName::Postgresql => client::postgresql(c),
        EngineName::Redis => resp::redis(c),
        _ => client::mysql(c),
    }
}

#[cfg(test)]
mod tests;
