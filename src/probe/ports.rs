//! Listening sockets from the text of `/proc/net/{tcp,tcp6,udp,udp6}`, and socket inodes from
//! `/proc/<pid>/fd` link targets. Pure parsing: the caller fetches and matches owners.

use super::error::ProbeError;
use crate::model::Protocol;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// TCP_LISTEN in the `st` column.
const TCP_LISTEN: &str = "0A";
/// TCP_CLOSE: an unconnected UDP socket (bound, receiving from anyone).
const UDP_UNCONNECTED: &str = "07";

/// Where the listening sockets are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SocketSource {
    /// The `proc/net/{tcp,tcp6,udp,udp6}` tables under the root.
    Tables,
    /// TCP from the kernel's sock_diag netlink interface (only the live host, the one this
    /// process runs on), UDP from the tables; the tables again when netlink is refused.
    Netlink,
}

/// A socket that accepts connections or datagrams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listener {
    pub(crate) protocol: Protocol,
    pub(crate) address: IpAddr,
    pub(crate) port: u16,
    pub(crate) inode: u64,
}

/// The listening (TCP) or bound unconnected (UDP) sockets of one `/proc/net` table.
pub fn parse_net_table(text: &str, protocol: Protocol) -> Result<Vec<Listener>, ProbeError> {
    let wanted = match protocol {
        Protocol::Tcp => TCP_LISTEN,
        Protocol::Udp => UDP_UNCONNECTED,
    };
    let mut out = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let bad = |why: &str| ProbeError::format("net table", format!("'{}': {why}", line.trim()));
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() < 10 {
            return Err(bad("fewer than ten columns"));
        }
        if fields[3] != wanted {
            continue;
        }
        let (address, port) = parse_endpoint(fields[1]).ok_or_else(|| bad("bad local address"))?;
        let (_, remote_port) =
            parse_endpoint(fields[2]).ok_or_else(|| bad("bad remote address"))?;
        if protocol == Protocol::Udp && remote_port != 0 {
            continue;
        }
        let inode = fields[9].parse::<u64>().map_err(|_| bad("bad inode"))?;
        if port == 0 {
            continue;
        }
        out.push(Listener {
            protocol,
            address,
            port,
            inode,
        });
    }
    Ok(out)
}

/// `0100007F:1F90` (IPv4) or 32 hex digits and a port (IPv6). The kernel prints each 32-bit
/// word in the byte order of the machine, so the words are read back in native order.
fn parse_endpoint(text: &str) -> Option<(IpAddr, u16)> {
    let (addr, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let word = |i: usize| -> Option<[u8; 4]> {
        let hex = addr.get(i * 8..i * 8 + 8)?;
        u32::from_str_radix(hex, 16).ok().map(u32::to_ne_bytes)
    };
    let ip = match addr.len() {
        8 => IpAddr::V4(Ipv4Addr::from(word(0)?)),
        32 => {
            let mut bytes = [0u8; 16];
            for i in 0..4 {
                bytes[i * 4..i * 4 + 4].copy_from_slice(&word(i)?);
            }
            let v6 = Ipv6Addr::from(bytes);
            match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => IpAddr::V6(v6),
            }
        }
        _ => return None,
    };
    Some((ip, port))
}

/// The inode of a socket from an fd link target such as `socket:[12345]`.
pub(crate) fn socket_inode(link: &str) -> Option<u64> {
    link.strip_prefix("socket:[")?
        .strip_suffix(']')?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TCP: &str = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 31337 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1538 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000   106        0 31338 1 0000000000000000 20 4 30 10 -1
   2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
";
    const TCP6: &str = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4243 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:0CEA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4244 1 0000000000000000 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:18EB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4245 1 0000000000000000 100 0 0 10 0
";
    const UDP: &str = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  100: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 5150 2 0000000000000000 0
  101: 0F02000A:9C40 08080808:0035 01 00000000:00000000 00:00000000 00000000     0        0 5151 2 0000000000000000 0
";

    #[test]
    fn tcp_listeners_only() {
        let got = parse_net_table(TCP, Protocol::Tcp).unwrap_or_default();
        let ports: Vec<(String, u16, u64)> = got
            .iter()
            .map(|l| (l.address.to_string(), l.port, l.inode))
            .collect();
        assert_eq!(
            ports,
            vec![
                ("127.0.0.1".into(), 5432, 31337),
                ("0.0.0.0".into(), 8080, 4242)
            ]
        );
    }

    #[test]
    fn tcp6_addresses() {
        let got = parse_net_table(TCP6, Protocol::Tcp).unwrap_or_default();
        let addrs: Vec<String> = got
            .iter()
            .map(|l| format!("{}:{}", l.address, l.port))
            .collect();
        assert_eq!(addrs, vec![":::8080", "::1:3306", "127.0.0.1:6379"]);
    }

    #[test]
    fn udp_unconnected_only() {
        let got = parse_net_table(UDP, Protocol::Udp).unwrap_or_default();
        assert_eq!(got.len(), 1);
        assert_eq!(
            (got[0].address.to_string(), got[0].port),
            ("127.0.0.53".into(), 53)
        );
    }

    #[test]
    fn bad_tables_are_errors() {
        assert!(parse_net_table("header\n 0: x y 0A\n", Protocol::Tcp).is_err());
        assert!(parse_net_table("header\n 0: ZZ:1 0:0 0A a b c d e 1\n", Protocol::Tcp).is_err());
        assert_eq!(
            parse_net_table("header only\n", Protocol::Tcp).ok(),
            Some(vec![])
        );
    }

    #[test]
    fn inodes_from_links() {
        assert_eq!(socket_inode("socket:[31337]"), Some(31337));
        assert_eq!(socket_inode("pipe:[1]"), None);
        assert_eq!(socket_inode("/dev/null"), None);
    }
}
