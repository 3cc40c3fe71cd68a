//! A minimal HTTP/1.0 GET over a unix socket, for the container engine's API: it sends GET
//! requests only, within a connect timeout, a time for the whole request and a deadline for the
//! whole conversation, and parses the reply. Nothing else talks HTTP.

use super::error::ProbeError;
use rustix::io::Errno;
use rustix::net::{AddressFamily, SocketAddrUnix, SocketFlags, SocketType};
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

/// Replies larger than this are refused rather than held in memory.
const MAX_REPLY: usize = 16 << 20;

/// How long a connection may wait in a full backlog between two tries.
const CONNECT_RETRY: Duration = Duration::from_millis(10);

/// How long the engine may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EngineLimits {
    /// To take the connection (a listener that does not accept fills its backlog).
    pub connect: Duration,
    /// For one request, from connecting to the last byte of the reply.
    pub request: Duration,
    /// For every request of one scan together.
    pub total: Duration,
}

impl Default for EngineLimits {
    fn default() -> EngineLimits {
        EngineLimits {
            connect: Duration::from_secs(1),
            request: Duration::from_secs(3),
            total: Duration::from_secs(10),
        }
    }
}

/// GETs `target` from the HTTP server on `socket` and returns the body of a 2xx reply; gives
/// up at the request's own time or at `deadline`, whichever comes first.
pub(crate) fn get(
    socket: &Path,
    target: &str,
    limits: &EngineLimits,
    deadline: Instant,
) -> Result<String, ProbeError> {
    let fail = |reason: String| ProbeError::Engine {
        socket: socket.to_path_buf(),
        reason,
    };
    let started = Instant::now();
    let until = deadline.min(started + limits.request);
    let left = || until.saturating_duration_since(Instant::now());
    let late = || {
        if until == deadline {
            ProbeError::EngineDeadline {
                socket: socket.to_path_buf(),
                seconds: limits.total.as_secs_f64(),
            }
        } else {
            fail(format!(
                "GET {target}: no answer within {} s",
                limits.request.as_secs_f64()
            ))
        }
    };
    if left().is_zero() {
        return Err(late());
    }
    let mut stream = connect(socket, limits.connect.min(left())).map_err(|e| match e {
        Errno::TIMEDOUT => fail(format!(
            "connect: not accepted within {} s",
            limits.connect.min(left()).as_secs_f64().max(0.001)
        )),
        e => fail(format!("connect: {}", std::io::Error::from(e))),
    })?;
    let request = format!(
        "GET {target} HTTP/1.0\r\nHost: localhost\r\nUser-Agent: hostfit\r\nAccept: application/json\r\n\r\n"
    );
    stream
        .set_write_timeout(Some(left().max(Duration::from_millis(1))))
        .and_then(|()| stream.write_all(request.as_bytes()))
        .map_err(|e| fail(format!("GET {target}: {e}")))?;
    let mut reply = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let wait = left();
        if wait.is_zero() {
            return Err(late());
        }
        stream
            .set_read_timeout(Some(wait))
            .map_err(|e| fail(e.to_string()))?;
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                reply.extend_from_slice(&chunk[..n]);
                if reply.len() > MAX_REPLY {
                    return Err(fail(format!(
                        "GET {target}: the reply is larger than {MAX_REPLY} bytes"
                    )));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(late());
            }
            Err(e) => return Err(fail(format!("GET {target}: {e}"))),
        }
    }
    let (status, body) = parse_response(&reply).map_err(|r| fail(format!("GET {target}: {r}")))?;
    if !(200..300).contains(&status) {
        let snippet: String = body.chars().take(200).collect();
        return Err(fail(format!(
            "GET {target}: status {status}: {}",
            snippet.trim()
        )));
    }
    Ok(body)
}

/// Connects to a unix socket within `timeout`. A listener whose backlog is full makes a
/// non-blocking connect fail with EAGAIN at once (not EINPROGRESS), so it is tried again until
/// the time is up; `Errno::TIMEDOUT` then.
fn connect(socket: &Path, timeout: Duration) -> Result<UnixStream, Errno> {
    let fd = rustix::net::socket_with(
        AddressFamily::UNIX,
        SocketType::STREAM,
        SocketFlags::CLOEXEC | SocketFlags::NONBLOCK,
        None,
    )?;
    let addr = SocketAddrUnix::new(socket)?;
    let until = Instant::now() + timeout;
    loop {
        match rustix::net::connect(&fd, &addr) {
            Ok(()) | Err(Errno::ISCONN) => break,
            Err(Errno::AGAIN | Errno::INPROGRESS | Errno::ALREADY | Errno::INTR) => {
                if Instant::now() >= until {
                    return Err(Errno::TIMEDOUT);
                }
                std::thread::sleep(CONNECT_RETRY.min(until - Instant::now()));
            }
            Err(e) => return Err(e),
        }
    }
    rustix::io::ioctl_fionbio(&fd, false)?;
    Ok(UnixStream::from(fd))
}

/// The status and body of an HTTP/1.x reply; a chunked body is joined.
pub(crate) fn parse_response(bytes: &[u8]) -> Result<(u16, String), String> {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| "no end of headers in the reply".to_string())?;
    let head = String::from_utf8_lossy(&bytes[..split]);
    let body = &bytes[split + 4..];
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .filter(|_| status_line.starts_with("HTTP/1."))
        .ok_or_else(|| format!("bad status line '{status_line}'"))?;
    let chunked = lines.any(|l| {
        l.split_once(':').is_some_and(|(k, v)| {
            k.trim().eq_ignore_ascii_case("transfer-encoding")
                && v.trim().eq_ignore_ascii_case("chunked")
        })
    });
    let body = if chunked {
        dechunk(body)?
    } else {
        body.to_vec()
    };
    String::from_utf8(body)
        .map(|b| (status, b))
        .map_err(|_| "the body is not UTF-8".to_string())
}

fn dechunk(mut bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let end = bytes
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| "truncated chunk size".to_string())?;
        let size_text = String::from_utf8_lossy(&bytes[..end]);
        let size_text = size_text.split(';').next().unwrap_or("").trim().to_string();
        let size = usize::from_str_radix(&size_text, 16)
            .map_err(|_| format!("bad chunk size '{size_text}'"))?;
        bytes = &bytes[end + 2..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = bytes
            .get(..size)
            .ok_or_else(|| "truncated chunk".to_string())?;
        out.extend_from_slice(chunk);
        bytes = bytes.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_chunked_bodies() {
        let plain = b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n[]";
        assert_eq!(parse_response(plain), Ok((200, "[]".to_string())));
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n[{}\r\n1;x=y\r\n]\r\n0\r\n\r\n";
        assert_eq!(parse_response(chunked), Ok((200, "[{}]".to_string())));
        let missing = b"HTTP/1.1 404 Not Found\r\n\r\n{\"message\":\"No such container\"}";
        assert_eq!(parse_response(missing).map(|r| r.0), Ok(404));
    }

    #[test]
    fn broken_replies_are_errors() {
        assert!(parse_response(b"").is_err());
        assert!(parse_response(b"SSH-2.0\r\n\r\n").is_err());
        assert!(
            parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").is_err()
        );
        assert!(
            parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nab")
                .is_err()
        );
        assert!(parse_response(b"HTTP/1.0 200 OK\r\n\r\n\xff").is_err());
    }

    #[test]
    fn a_missing_socket_is_an_engine_error() {
        let limits = EngineLimits::default();
        let err = get(
            Path::new("/nonexistent/docker.sock"),
            "/containers/json",
            &limits,
            Instant::now() + limits.total,
        );
        assert!(matches!(err, Err(ProbeError::Engine { .. })));
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("hostfit-http-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        dir
    }

    fn short() -> EngineLimits {
        EngineLimits {
            connect: Duration::from_millis(200),
            request: Duration::from_millis(300),
            total: Duration::from_secs(60),
        }
    }

    /// A server that takes connections and never answers: the request's own time ends it.
    #[test]
    fn a_silent_server_times_out() {
        let dir = scratch("silent");
        let path = dir.join("engine.sock");
        let listener = std::os::unix::net::UnixListener::bind(&path).expect("bind");
        let held = std::thread::spawn(move || listener.accept().map(|(s, _)| s));
        let limits = short();
        let started = Instant::now();
        let err = get(&path, "/containers/json", &limits, started + limits.total);
        let reason = match err {
            Err(ProbeError::Engine { reason, .. }) => reason,
            other => panic!("{other:?}"),
        };
        assert!(reason.contains("no answer within 0.3 s"), "{reason}");
        // far below the 60 s deadline: the 0.3 s request time ended it
        assert!(started.elapsed() < Duration::from_secs(30));
        let _ = held.join();
        // the whole conversation's deadline, once passed, ends every request at once
        let err = get(&path, "/containers/json", &limits, Instant::now());
        assert!(
            matches!(&err, Err(ProbeError::EngineDeadline { seconds, .. }) if *seconds == 60.0),
            "{err:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A listener that never accepts: once its backlog is full, connecting waits, and the
    /// connect timeout ends the wait.
    #[test]
    fn a_full_backlog_times_out_on_connect() {
        let dir = scratch("backlog");
        let path = dir.join("engine.sock");
        // a listener with a backlog of one, which never accepts
        let listener =
            rustix::net::socket(AddressFamily::UNIX, SocketType::STREAM, None).expect("socket");
        let addr = SocketAddrUnix::new(&path).expect("address");
        rustix::net::bind(&listener, &addr).expect("bind");
        rustix::net::listen(&listener, 1).expect("listen");
        let mut queued = Vec::new();
        let mut result = Ok(());
        // the backlog fills after a connection or two; each connection is held open
        for _ in 0..16 {
            match connect(&path, Duration::from_millis(50)) {
                Ok(stream) => queued.push(stream),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        assert_eq!(result, Err(Errno::TIMEDOUT), "{} queued", queued.len());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
