//! Listening TCP sockets of the live host from the kernel's sock_diag netlink interface, asking
//! for the LISTEN state only: unlike `/proc/net/tcp`, the kernel then skips the established
//! hash, which on a large host costs milliseconds per read. Used only when the caller scans the
//! live host; a fixture tree is read through `ports` and its files.

use super::error::ProbeError;
use super::ports::Listener;
use crate::model::Protocol;
use rustix::net::{
    AddressFamily, RecvFlags, SendFlags, SocketType, netlink, recv, sendto, socket, sockopt,
};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::PathBuf;
use std::time::Duration;

const SOCK_DIAG_BY_FAMILY: u16 = 20;
const NLM_F_REQUEST: u16 = 0x1;
const NLM_F_DUMP: u16 = 0x300;
const NLMSG_ERROR: u16 = 2;
const NLMSG_DONE: u16 = 3;
const IPPROTO_TCP: u8 = 6;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;
const TCP_LISTEN: u32 = 10;
const HEADER: usize = 16;
/// `struct inet_diag_msg`: family, state, timer, retrans, sockid (48), five u32.
const DIAG_MSG: usize = 72;

/// `nlmsghdr` + `inet_diag_req_v2` asking for `family`'s TCP sockets in LISTEN.
pub(crate) fn request(family: u8, seq: u32) -> Vec<u8> {
    let len = HEADER + 56;
    let mut msg = Vec::with_capacity(len);
    msg.extend_from_slice(&(len as u32).to_ne_bytes());
    msg.extend_from_slice(&SOCK_DIAG_BY_FAMILY.to_ne_bytes());
    msg.extend_from_slice(&(NLM_F_REQUEST | NLM_F_DUMP).to_ne_bytes());
    msg.extend_from_slice(&seq.to_ne_bytes());
    msg.extend_from_slice(&0u32.to_ne_bytes());
    msg.extend_from_slice(&[family, IPPROTO_TCP, 0, 0]);
    msg.extend_from_slice(&(1u32 << TCP_LISTEN).to_ne_bytes());
    msg.resize(len, 0);
    msg
}

/// What one `recv` held: the listeners, and whether the dump is done.
pub(crate) fn parse_replies(bytes: &[u8]) -> Result<(Vec<Listener>, bool), ProbeError> {
    let bad = |why: &str| ProbeError::format("sock_diag reply", why.to_string());
    let mut out = Vec::new();
    let mut rest = bytes;
    while rest.len() >= HEADER {
        let word = |at: usize| -> u32 {
            let mut b = [0u8; 4];
            b.copy_from_slice(&rest[at..at + 4]);
            u32::from_ne_bytes(b)
        };
        let len = word(0) as usize;
        let kind = u16::from_ne_bytes([rest[4], rest[5]]);
        if len < HEADER || len > rest.len() {
            return Err(bad("a message overruns the reply"));
        }
        match kind {
            NLMSG_DONE => return Ok((out, true)),
            NLMSG_ERROR => {
                let code = if len >= HEADER + 4 {
                    word(HEADER) as i32
                } else {
                    0
                };
                return Err(bad(&format!("the kernel answered error {}", -code)));
            }
            SOCK_DIAG_BY_FAMILY if len >= HEADER + DIAG_MSG => {
                let m = &rest[HEADER..HEADER + DIAG_MSG];
                let port = u16::from_be_bytes([m[4], m[5]]);
                let address = match m[0] {
                    AF_INET => IpAddr::V4(Ipv4Addr::new(m[8], m[9], m[10], m[11])),
                    AF_INET6 => {
                        let mut a = [0u8; 16];
                        a.copy_from_slice(&m[8..24]);
                        let v6 = Ipv6Addr::from(a);
                        v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4)
                    }
                    _ => return Err(bad("unknown address family")),
                };
                let inode = u32::from_ne_bytes([m[68], m[69], m[70], m[71]]);
                if u32::from(m[1]) == TCP_LISTEN && port != 0 {
                    out.push(Listener {
                        protocol: Protocol::Tcp,
                        address,
                        port,
                        inode: u64::from(inode),
                    });
                }
            }
            _ => {}
        }
        let step = (len + 3) & !3;
        rest = rest.get(step..).unwrap_or(&[]);
    }
    Ok((out, false))
}

/// The host's listening TCP sockets, IPv4 and IPv6.
pub(crate) fn tcp_listeners(timeout: Duration) -> Result<Vec<Listener>, ProbeError> {
    let fail = |e: rustix::io::Errno| ProbeError::Engine {
        socket: PathBuf::from("netlink:sock_diag"),
        reason: e.to_string(),
    };
    let fd = socket(
        AddressFamily::NETLINK,
        SocketType::DGRAM,
        Some(netlink::SOCK_DIAG),
    )
    .map_err(fail)?;
    sockopt::set_socket_timeout(&fd, sockopt::Timeout::Recv, Some(timeout)).map_err(fail)?;
    let kernel = netlink::SocketAddrNetlink::new(0, 0);
    let mut out = Vec::new();
    let mut buf = vec![0u8; 32 * 1024];
    for (seq, family) in [(1, AF_INET), (2, AF_INET6)] {
        sendto(&fd, &request(family, seq), SendFlags::empty(), &kernel).map_err(fail)?;
        loop {
            let (_, n) = recv(&fd, &mut buf[..], RecvFlags::empty()).map_err(fail)?;
            let (found, done) = parse_replies(buf.get(..n).unwrap_or(&[]))?;
            out.extend(found);
            if done || n == 0 {
                break;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(family: u8, state: u8, addr: &[u8], port: u16, inode: u32) -> Vec<u8> {
        let len = (HEADER + DIAG_MSG) as u32;
        let mut m = Vec::new();
        m.extend_from_slice(&len.to_ne_bytes());
        m.extend_from_slice(&SOCK_DIAG_BY_FAMILY.to_ne_bytes());
        m.extend_from_slice(&[0; 10]);
        let mut body = vec![0u8; DIAG_MSG];
        body[0] = family;
        body[1] = state;
        body[4..6].copy_from_slice(&port.to_be_bytes());
        body[8..8 + addr.len()].copy_from_slice(addr);
        body[68..72].copy_from_slice(&inode.to_ne_bytes());
        m.extend_from_slice(&body);
        m
    }

    #[test]
    fn requests_ask_for_listen_only() {
        let r = request(AF_INET6, 7);
        assert_eq!(r.len(), 72);
        assert_eq!(&r[16..18], &[AF_INET6, IPPROTO_TCP]);
        assert_eq!(u32::from_ne_bytes([r[20], r[21], r[22], r[23]]), 1 << 10);
    }

    #[test]
    fn replies_become_listeners() {
        let mut bytes = reply(AF_INET, 10, &[127, 0, 0, 1], 5432, 31337);
        let mut v6 = [0u8; 16];
        v6[15] = 1;
        bytes.extend(reply(AF_INET6, 10, &v6, 6379, 42));
        bytes.extend(reply(AF_INET, 1, &[10, 0, 0, 1], 22, 7));
        let (found, done) = parse_replies(&bytes).unwrap_or_default();
        assert!(!done);
        let got: Vec<String> = found
            .iter()
            .map(|l| format!("{}:{} {}", l.address, l.port, l.inode))
            .collect();
        assert_eq!(got, vec!["127.0.0.1:5432 31337", "::1:6379 42"]);
        let mut done_msg = vec![0u8; 20];
        done_msg[0] = 20;
        done_msg[4..6].copy_from_slice(&NLMSG_DONE.to_ne_bytes());
        assert_eq!(parse_replies(&done_msg).ok().map(|r| r.1), Some(true));
    }

    #[test]
    fn broken_replies_are_errors() {
        let mut bytes = reply(AF_INET, 10, &[127, 0, 0, 1], 1, 1);
        bytes[0] = 200;
        assert!(parse_replies(&bytes).is_err());
        let mut err = vec![0u8; 20];
        err[0] = 20;
        err[4..6].copy_from_slice(&NLMSG_ERROR.to_ne_bytes());
        err[16..20].copy_from_slice(&(-13i32).to_ne_bytes());
        assert!(parse_replies(&err).is_err());
        assert_eq!(parse_replies(&[1, 2, 3]).ok().map(|r| r.0.len()), Some(0));
    }

    #[test]
    fn live_listener_of_this_test_is_found() {
        let Ok(listener) = std::net::TcpListener::bind("127.0.0.1:0") else {
            return;
        };
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
        // Netlink may be refused in a sandbox; the fixture tests cover the files.
        let Ok(found) = tcp_listeners(Duration::from_secs(2)) else {
            return;
        };
        assert!(
            found.iter().any(|l| l.port == port && l.inode != 0),
            "port {port} not in {found:?}"
        );
    }
}
