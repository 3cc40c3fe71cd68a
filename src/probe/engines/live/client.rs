//! PostgreSQL's and MySQL's own clients, run to read live settings: `psql` with `SHOW ALL`, and
//! `mariadb` (or `mysql`) with `SHOW GLOBAL VARIABLES`. The clients speak every authentication
//! method their servers do and read the user's own `~/.pgpass` or `~/.my.cnf`; a password given
//! to hostfit reaches them in their environment (`PGPASSWORD`, `MYSQL_PWD`), never on their
//! command line. Each runs within `TIMEOUT`, its output bounded. Parsing the output is pure.

use super::{Connect, Live, TIMEOUT};
use crate::model::EngineName;
use crate::model::engine::defaults;
use crate::probe::engines::sizes;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The most output a client may give.
const MAX_OUTPUT: u64 = 4 << 20;

/// Runs `program` with `args` and `env`; its standard output, or why not.
fn run(program: &str, args: &[String], env: &[(&str, &str)]) -> Result<String, String> {
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run '{program}': {e}"))?;
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut out = Vec::new();
            if let Some(p) = pipe {
                let _ = p.take(MAX_OUTPUT).read_to_end(&mut out);
            }
            String::from_utf8_lossy(&out).into_owned()
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if started.elapsed() < TIMEOUT => {
                std::thread::sleep(Duration::from_millis(20))
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(format!(
                    "'{program}' gave no answer within {} s",
                    TIMEOUT.as_secs()
                ));
            }
            Err(e) => break Err(e.to_string()),
        }
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    let status = status?;
    if status.success() {
        Ok(stdout)
    } else {
        let why = stderr
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message");
        Err(format!("'{program}' failed ({status}): {}", why.trim()))
    }
}

/// PostgreSQL's settings the formula reads, with the bytes of a bare number.
const PG_UNITS: [(&str, f64); 8] = [
    ("shared_buffers", 8192.0),
    ("wal_buffers", 8192.0),
    ("max_connections", 1.0),
    ("work_mem", 1024.0),
    ("hash_mem_multiplier", 1.0),
    ("maintenance_work_mem", 1024.0),
    ("autovacuum_max_workers", 1.0),
    ("autovacuum_work_mem", 1024.0),
];

/// `SHOW ALL` as `psql -A -t -F '\t'` prints it: name, setting, description.
pub(crate) fn parse_show_all(text: &str) -> Live {
    let mut out = Live::default();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let (Some(name), Some(value)) = (cols.next(), cols.next()) else {
            continue;
        };
        if name == "server_version" {
            out.version = value.split_whitespace().next().map(str::to_string);
        } else if let Some((_, unit)) = PG_UNITS.iter().find(|(n, _)| *n == name)
            && let Some(v) = sizes::postgres(value, *unit)
        {
            out.settings.push((name.to_string(), v));
        }
    }
    out
}

pub(crate) fn postgresql(c: &Connect) -> Result<Live, String> {
    let mut args: Vec<String> = [
        "-X",
        "-A",
        "-t",
        "-w",
        "-F",
        "\t",
        "-v",
        "ON_ERROR_STOP=1",
        "-c",
        "SHOW ALL",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(["-d".to_string(), c.dsn.clone()]);
    let timeout = TIMEOUT.as_secs().to_string();
    let mut env = vec![("PGCONNECT_TIMEOUT", timeout.as_str())];
    if let Some(p) = &c.password {
        env.push(("PGPASSWORD", p.expose()));
    }
    run("psql", &args, &env).map(|t| parse_show_all(&t))
}

/// `SHOW GLOBAL VARIABLES` in batch mode: name, value. `performance_schema_memory` comes from
/// `SHOW ENGINE PERFORMANCE_SCHEMA STATUS`, asked only when it is on.
pub(crate) fn parse_variables(text: &str, engine: EngineName) -> (Live, bool) {
    let names: Vec<&str> = defaults::defaults(engine, None)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let mut out = Live::default();
    let mut schema = false;
    for line in text.lines() {
        let Some((name, value)) = line.split_once('\t') else {
            continue;
        };
        match name {
            "version" => out.version = Some(value.trim().to_string()),
            "performance_schema" => schema = sizes::switch(value).unwrap_or(false),
            n if names.contains(&n) => {
                if let Ok(v) = value.trim().parse::<f64>() {
                    out.settings.push((n.to_string(), v));
                }
            }
            _ => {}
        }
    }
    (out, schema)
}

/// The `performance_schema.memory` row of `SHOW ENGINE PERFORMANCE_SCHEMA STATUS`.
pub(crate) fn parse_schema_memory(text: &str) -> Option<f64> {
    text.lines().find_map(|l| {
        let mut cols = l.split('\t').skip(1);
        (cols.next()? == "performance_schema.memory").then(|| cols.next()?.trim().parse().ok())?
    })
}

pub(crate) fn mysql(c: &Connect) -> Result<Live, String> {
    let mut base: Vec<String> = vec![
        "--batch".into(),
        "--skip-column-names".into(),
        format!("--connect-timeout={}", TIMEOUT.as_secs()),
    ];
    match (&c.socket, &c.host) {
        (Some(s), _) => base.push(format!("--socket={s}")),
        (None, Some(h)) => {
            base.push(format!("--host={h}"));
            base.push(format!("--port={}", c.port));
        }
        (None, None) => {}
    }
    if let Some(u) = &c.user {
        base.push(format!("--user={u}"));
    }
    let env: Vec<(&str, &str)> = c
        .password
        .iter()
        .map(|p| ("MYSQL_PWD", p.expose()))
        .collect();
    let ask = |sql: &str| {
        let mut args = base.clone();
        args.extend(["-e".to_string(), sql.to_string()]);
        run("mariadb", &args, &env).or_else(|first| run("mysql", &args, &env).map_err(|_| first))
    };
    let text = ask("SHOW GLOBAL VARIABLES")?;
    let engine = if text.contains("MariaDB") {
        EngineName::Mariadb
    } else {
        EngineName::Mysql
    };
    let (mut live, schema) = parse_variables(&text, engine);
    if schema {
        let status = ask("SHOW ENGINE PERFORMANCE_SCHEMA STATUS")?;
        if let Some(bytes) = parse_schema_memory(&status) {
            live.settings
                .push(("performance_schema_memory".into(), bytes));
        }
    } else {
        live.settings
            .push(("performance_schema_memory".into(), 0.0));
    }
    Ok(live)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_all() {
        let text = "shared_buffers\t64MB\tSets the number of shared memory buffers\nmax_connections\t40\tSets the maximum\nwal_buffers\t2MB\tx\nautovacuum_work_mem\t-1\tx\nhash_mem_multiplier\t2\tx\nserver_version\t15.18 (Debian 15.18-0+deb12u1)\tx\nwork_mem\t4MB\tx\n";
        let live = parse_show_all(text);
        assert_eq!(live.version.as_deref(), Some("15.18"));
        assert_eq!(
            live.settings,
            vec![
                ("shared_buffers".to_string(), 64.0 * 1048576.0),
                ("max_connections".to_string(), 40.0),
                ("wal_buffers".to_string(), 2.0 * 1048576.0),
                ("autovacuum_work_mem".to_string(), -1.0),
                ("hash_mem_multiplier".to_string(), 2.0),
                ("work_mem".to_string(), 4.0 * 1048576.0),
            ]
        );
    }

    #[test]
    fn variables_and_schema_memory() {
        let text = "innodb_buffer_pool_size\t67108864\nmax_connections\t40\nperformance_schema\tOFF\nversion\t10.11.19-MariaDB-0+deb12u1\nwait_timeout\t28800\n";
        let (live, schema) = parse_variables(text, EngineName::Mariadb);
        assert!(!schema);
        assert_eq!(live.version.as_deref(), Some("10.11.19-MariaDB-0+deb12u1"));
        assert_eq!(live.settings.len(), 2);
        let status = "performance_schema\tevents_waits_current.size\t176\nperformance_schema\tperformance_schema.memory\t104857600\n";
        assert_eq!(parse_schema_memory(status), Some(104857600.0));
    }

    #[test]
    fn a_missing_client_is_an_error_not_a_panic() {
        let got = run("hostfit-no-such-client", &[], &[]);
        assert!(got.is_err_and(|e| e.contains("cannot run")));
    }
}
