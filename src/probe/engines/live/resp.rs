//! Redis's own protocol (RESP2), just enough to ask `AUTH`, `CONFIG GET maxmemory` and `INFO`:
//! commands as arrays of bulk strings, replies read as simple strings, errors, integers, bulk
//! strings and flat arrays. Over TCP or a unix socket, within `TIMEOUT`. Parsing is pure.

use super::{Connect, Live, TIMEOUT};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::os::unix::net::UnixStream;
use std::time::Instant;

/// The most a reply may hold.
const MAX_REPLY: usize = 4 << 20;

/// A reply, as far as these commands need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reply {
    Text(String),
    Error(String),
    Integer(i64),
    Nil,
    Array(Vec<Reply>),
}

/// A command as RESP writes it.
pub(crate) fn command(words: &[&str]) -> Vec<u8> {
    let mut out = format!("*{}\r\n", words.len()).into_bytes();
    for w in words {
        out.extend(format!("${}\r\n", w.len()).bytes());
        out.extend(w.bytes());
        out.extend(b"\r\n");
    }
    out
}

/// Reads one reply.
pub(crate) fn read_reply(r: &mut impl BufRead) -> Result<Reply, String> {
    let mut line = String::new();
    r.read_line(&mut line).map_err(|e| e.to_string())?;
    let line = line.trim_end_matches(['\r', '\n']);
    let (kind, rest) = line.split_at_checked(1).ok_or("the connection closed")?;
    let number = || {
        rest.parse::<i64>()
            .map_err(|_| format!("bad reply '{line}'"))
    };
    match kind {
        "+" => Ok(Reply::Text(rest.to_string())),
        "-" => Ok(Reply::Error(rest.to_string())),
        ":" => Ok(Reply::Integer(number()?)),
        "$" => {
            let n = number()?;
            if n < 0 {
                return Ok(Reply::Nil);
            }
            let n = usize::try_from(n).map_err(|e| e.to_string())?;
            if n > MAX_REPLY {
                return Err(format!(
                    "a reply of {n} bytes is more than this probe reads"
                ));
            }
            let mut buf = vec![0u8; n + 2];
            r.read_exact(&mut buf).map_err(|e| e.to_string())?;
            buf.truncate(n);
            Ok(Reply::Text(String::from_utf8_lossy(&buf).into_owned()))
        }
        "*" => {
            let n = number()?;
            if n < 0 {
                return Ok(Reply::Nil);
            }
            let n = usize::try_from(n.min(1024)).map_err(|e| e.to_string())?;
            (0..n)
                .map(|_| read_reply(r))
                .collect::<Result<_, _>>()
                .map(Reply::Array)
        }
        _ => Err(format!("bad reply '{line}'")),
    }
}

/// `key:value` lines of an `INFO` reply.
pub(crate) fn info_field<'a>(info: &'a str, key: &str) -> Option<&'a str> {
    info.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':').map(str::trim))
}

/// What `CONFIG GET maxmemory` and `INFO` say, in the formula's terms. The observed
/// fragmentation ratio counts once Redis holds at least a tenth of `maxmemory`: below that it
/// mostly measures the process's fixed overhead, not fragmentation.
pub(crate) fn settings(maxmemory: &Reply, memory: &str, server: &str) -> Result<Live, String> {
    let max = match maxmemory {
        Reply::Array(items) => match items.get(1) {
            Some(Reply::Text(v)) => v.parse::<f64>().map_err(|_| format!("maxmemory '{v}'"))?,
            _ => return Err("CONFIG GET maxmemory gave no value".into()),
        },
        Reply::Error(e) => return Err(e.clone()),
        other => return Err(format!("CONFIG GET maxmemory gave {other:?}")),
    };
    let mut out = Live {
        version: info_field(server, "redis_version").map(str::to_string),
        settings: vec![("maxmemory".into(), max)],
    };
    let used = info_field(memory, "used_memory").and_then(|v| v.parse::<f64>().ok());
    let ratio = info_field(memory, "mem_fragmentation_ratio").and_then(|v| v.parse::<f64>().ok());
    if let (Some(used), Some(ratio)) = (used, ratio)
        && max > 0.0
        && used >= max / 10.0
    {
        out.settings.push(("mem_fragmentation_ratio".into(), ratio));
    }
    Ok(out)
}

trait Stream: Read + Write {}
impl<T: Read + Write> Stream for T {}

fn open(c: &Connect) -> Result<Box<dyn Stream>, String> {
    if let Some(path) = &c.socket {
        let s = UnixStream::connect(path).map_err(|e| format!("connect '{path}': {e}"))?;
        s.set_read_timeout(Some(TIMEOUT))
            .map_err(|e| e.to_string())?;
        s.set_write_timeout(Some(TIMEOUT))
            .map_err(|e| e.to_string())?;
        return Ok(Box::new(s));
    }
    let host = c.host.as_deref().unwrap_or("localhost");
    let addr = (host, c.port)
        .to_socket_addrs()
        .map_err(|e| format!("'{host}': {e}"))?
        .next()
        .ok_or_else(|| format!("'{host}' has no address"))?;
    let s =
        TcpStream::connect_timeout(&addr, TIMEOUT).map_err(|e| format!("connect {addr}: {e}"))?;
    s.set_read_timeout(Some(TIMEOUT))
        .map_err(|e| e.to_string())?;
    s.set_write_timeout(Some(TIMEOUT))
        .map_err(|e| e.to_string())?;
    Ok(Box::new(s))
}

/// Asks a Redis server for the settings its ceiling needs.
pub(crate) fn redis(c: &Connect) -> Result<Live, String> {
    let started = Instant::now();
    let stream = open(c)?;
    let mut r = BufReader::new(stream);
    let mut ask = |words: &[&str]| -> Result<Reply, String> {
        if started.elapsed() > TIMEOUT {
            return Err(format!("no answer within {} s", TIMEOUT.as_secs()));
        }
        r.get_mut()
            .write_all(&command(words))
            .map_err(|e| e.to_string())?;
        read_reply(&mut r)
    };
    if let Some(p) = &c.password {
        let reply = match &c.user {
            Some(u) => ask(&["AUTH", u, p.expose()])?,
            None => ask(&["AUTH", p.expose()])?,
        };
        if let Reply::Error(e) = reply {
            // The server's words, which never repeat the password.
            return Err(format!("AUTH: {e}"));
        }
    }
    let max = ask(&["CONFIG", "GET", "maxmemory"])?;
    let text = |reply: Reply| match reply {
        Reply::Text(t) => Ok(t),
        Reply::Error(e) => Err(e),
        other => Err(format!("INFO gave {other:?}")),
    };
    let memory = text(ask(&["INFO", "memory"])?)?;
    let server = text(ask(&["INFO", "server"])?)?;
    settings(&max, &memory, &server)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_and_replies() {
        assert_eq!(
            command(&["CONFIG", "GET", "maxmemory"]),
            b"*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$9\r\nmaxmemory\r\n".to_vec()
        );
        let mut r = &b"*2\r\n$9\r\nmaxmemory\r\n$9\r\n104857600\r\n+OK\r\n-NOAUTH Authentication required.\r\n:5\r\n$-1\r\n"[..];
        let arr = read_reply(&mut r);
        assert_eq!(
            arr,
            Ok(Reply::Array(vec![
                Reply::Text("maxmemory".into()),
                Reply::Text("104857600".into())
            ]))
        );
        assert_eq!(read_reply(&mut r), Ok(Reply::Text("OK".into())));
        assert_eq!(
            read_reply(&mut r),
            Ok(Reply::Error("NOAUTH Authentication required.".into()))
        );
        assert_eq!(read_reply(&mut r), Ok(Reply::Integer(5)));
        assert_eq!(read_reply(&mut r), Ok(Reply::Nil));
        assert!(read_reply(&mut r).is_err());
    }

    #[test]
    fn the_ratio_counts_once_redis_holds_a_tenth() {
        let max = Reply::Array(vec![
            Reply::Text("maxmemory".into()),
            Reply::Text("104857600".into()),
        ]);
        let server = "# Server\r\nredis_version:7.0.15\r\n";
        let full = "used_memory:31457280\r\nmem_fragmentation_ratio:1.18\r\n";
        let got = settings(&max, full, server);
        assert_eq!(
            got,
            Ok(Live {
                version: Some("7.0.15".into()),
                settings: vec![
                    ("maxmemory".into(), 104857600.0),
                    ("mem_fragmentation_ratio".into(), 1.18)
                ],
            })
        );
        let empty = "used_memory:900000\r\nmem_fragmentation_ratio:9.50\r\n";
        assert_eq!(
            settings(&max, empty, server).map(|l| l.settings.len()),
            Ok(1)
        );
        assert!(settings(&Reply::Error("ERR unknown command".into()), full, server).is_err());
    }
}
