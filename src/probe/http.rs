//! A minimal HTTP/1.0 GET over a unix socket, for the container engine's API: it sends GET
//! requests only, with read and write timeouts, and parses the reply. Nothing else talks HTTP.

use super::error::ProbeError;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

/// Replies larger than this are refused rather than held in memory.
const MAX_REPLY: u64 = 16 << 20;

/// GETs `target` from the HTTP server on `socket` and returns the body of a 2xx reply.
pub(crate) fn get(socket: &Path, target: &str, timeout: Duration) -> Result<String, ProbeError> {
    let fail = |reason: String| ProbeError::Engine {
        socket: socket.to_path_buf(),
        reason,
    };
    let mut stream = UnixStream::connect(socket).map_err(|e| fail(format!("connect: {e}")))?;
    stream
        .set_read_timeout(Some(timeout))
        .map_err(|e| fail(e.to_string()))?;
    stream
        .set_write_timeout(Some(timeout))
        .map_err(|e| fail(e.to_string()))?;
    let request = format!(
        "GET {target} HTTP/1.0\r\nHost: localhost\r\nUser-Agent: hostfit\r\nAccept: application/json\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| fail(format!("GET {target}: {e}")))?;
    let mut reply = Vec::new();
    stream
        .take(MAX_REPLY)
        .read_to_end(&mut reply)
        .map_err(|e| fail(format!("GET {target}: {e}")))?;
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
        let err = get(
            Path::new("/nonexistent/docker.sock"),
            "/containers/json",
            Duration::from_secs(1),
        );
        assert!(matches!(err, Err(ProbeError::Engine { .. })));
    }
}
