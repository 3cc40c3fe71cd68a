//! Each engine's spelling of a size, read into bytes: PostgreSQL's units (`kB`, `MB`; a bare
//! number in the setting's own unit), MySQL's suffixes (`64M`), Redis's (`100mb` is 1024-based,
//! `100m` is not), and the JVM's and Go's (`-Xmx512m`, `GOMEMLIMIT=1GiB`). Pure.

use crate::model::Bytes;

fn split_number(text: &str) -> Option<(f64, &str)> {
    let t = text.trim();
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(t.len());
    let number: f64 = t.get(..end)?.parse().ok()?;
    number
        .is_finite()
        .then(|| (number, t.get(end..).unwrap_or("").trim()))
}

/// A PostgreSQL value: `unit` bytes per bare number (8192 for `shared_buffers`, 1024 for
/// `work_mem`, 1 for counts); `-1` stays `-1`. Units as PostgreSQL spells them.
pub fn postgres(text: &str, unit: f64) -> Option<f64> {
    let text = text.trim().trim_matches('\'');
    let (n, suffix) = split_number(text)?;
    if n < 0.0 {
        return Some(n);
    }
    let scale = match suffix {
        "" => unit,
        "B" => 1.0,
        "kB" => 1024.0,
        "MB" => 1024.0 * 1024.0,
        "GB" => 1024.0 * 1024.0 * 1024.0,
        "TB" => 1024.0_f64.powi(4),
        _ => return None,
    };
    Some(n * scale)
}

/// A MySQL/MariaDB value: a number with an optional K, M, G, T, P or E (1024-based).
pub fn mysql(text: &str) -> Option<f64> {
    let text = text.trim().trim_matches(['"', '\'']);
    let (n, suffix) = split_number(text)?;
    let power = match suffix.to_ascii_uppercase().as_str() {
        "" => 0,
        "K" => 1,
        "M" => 2,
        "G" => 3,
        "T" => 4,
        "P" => 5,
        "E" => 6,
        _ => return None,
    };
    Some(n * 1024.0_f64.powi(power))
}

/// A MySQL switch (`ON`, `1`, `TRUE`; `OFF`, `0`, `FALSE`).
pub(crate) fn switch(text: &str) -> Option<bool> {
    match text
        .trim()
        .trim_matches(['"', '\''])
        .to_ascii_uppercase()
        .as_str()
    {
        "ON" | "1" | "TRUE" | "YES" => Some(true),
        "OFF" | "0" | "FALSE" | "NO" => Some(false),
        _ => None,
    }
}

/// A Redis memory value: `k`/`m`/`g` are powers of 1000, `kb`/`mb`/`gb` of 1024, any case.
pub fn redis(text: &str) -> Option<f64> {
    let text = text.trim().trim_matches(['"', '\'']);
    let (n, suffix) = split_number(text)?;
    let scale = match suffix.to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" => 1e3,
        "kb" => 1024.0,
        "m" => 1e6,
        "mb" => 1024.0 * 1024.0,
        "g" => 1e9,
        "gb" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    Some(n * scale)
}

/// A JVM, Neo4j or Go size (`512m`, `1g`, `2GiB`, `1024MiB`): every suffix 1024-based.
pub fn binary(text: &str) -> Option<f64> {
    Bytes::parse(text.trim().trim_matches(['"', '\'']))
        .ok()
        .map(|b| b.0 as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: f64 = 1024.0 * 1024.0;

    #[test]
    fn postgres_units() {
        assert_eq!(postgres("64MB", 8192.0), Some(64.0 * MIB));
        assert_eq!(postgres("'64MB'", 8192.0), Some(64.0 * MIB));
        // a bare number is in the setting's unit: 8 KiB pages for shared_buffers
        assert_eq!(postgres("8192", 8192.0), Some(64.0 * MIB));
        assert_eq!(postgres("4096", 1024.0), Some(4.0 * MIB));
        assert_eq!(postgres("-1", 8192.0), Some(-1.0));
        assert_eq!(postgres("1GB", 8192.0), Some(1024.0 * MIB));
        // PostgreSQL's units are case-sensitive: 'mb' is refused
        assert_eq!(postgres("64mb", 8192.0), None);
        assert_eq!(postgres("2.0", 1.0), Some(2.0));
    }

    #[test]
    fn mysql_suffixes_and_switches() {
        assert_eq!(mysql("64M"), Some(64.0 * MIB));
        assert_eq!(mysql("128k"), Some(131072.0));
        assert_eq!(mysql("299008"), Some(299008.0));
        assert_eq!(mysql("1G"), Some(1024.0 * MIB));
        assert_eq!(mysql("lots"), None);
        assert_eq!(switch("OFF"), Some(false));
        assert_eq!(switch("on"), Some(true));
        assert_eq!(switch("maybe"), None);
    }

    #[test]
    fn redis_is_decimal_without_b() {
        assert_eq!(redis("100mb"), Some(100.0 * MIB));
        assert_eq!(redis("100MB"), Some(100.0 * MIB));
        assert_eq!(redis("100m"), Some(100e6));
        assert_eq!(redis("1gb"), Some(1024.0 * MIB));
        assert_eq!(redis("0"), Some(0.0));
        assert_eq!(redis("104857600"), Some(100.0 * MIB));
    }

    #[test]
    fn binary_sizes() {
        assert_eq!(binary("512m"), Some(512.0 * MIB));
        assert_eq!(binary("1GiB"), Some(1024.0 * MIB));
        assert_eq!(binary("2g"), Some(2048.0 * MIB));
        assert_eq!(binary("1048576"), Some(MIB));
    }
}
