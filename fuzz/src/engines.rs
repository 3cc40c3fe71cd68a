//! The database engines' configuration files (`probe::parse`), one line at a time, and each
//! engine's spelling of a size: nothing panics, a line reads the same twice, and a size read is
//! a number (never NaN; a JVM or Go size at most the largest size read, and a heap not negative).

use hostfit::model::Bytes;
use hostfit::probe::parse::{
    ConfigLine, heap_from_options, parse_jvm_line, parse_mysql_line, parse_neo4j_line,
    parse_postgres_line, parse_redis_line, size_binary, size_mysql, size_postgres, size_redis,
};

type LineParser = fn(&str) -> Option<ConfigLine>;

/// The file kinds, picked by the first byte of the input.
const KINDS: [(&str, LineParser); 5] = [
    ("my.cnf", parse_mysql_line),
    ("postgresql.conf", parse_postgres_line),
    ("redis.conf", parse_redis_line),
    ("jvm.options", parse_jvm_line),
    ("neo4j.conf", parse_neo4j_line),
];

/// The input's first byte picks the kind of file (`KINDS`); the rest is the file.
pub fn check(data: &[u8]) {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (kind, parse) = KINDS[usize::from(*first) % KINDS.len()];
    let mut options = Vec::new();
    for raw in text.lines() {
        let line = parse(raw);
        assert_eq!(parse(raw), line, "{kind}: not deterministic on {raw:?}");
        match line {
            Some(ConfigLine::Set(name, value)) => {
                sizes(&value);
                if kind == "jvm.options" {
                    options.push(name);
                }
            }
            Some(ConfigLine::Include(..) | ConfigLine::IncludeDir(_) | ConfigLine::Section(_))
            | None => {}
        }
    }
    let ram = f64::from(u32::from(*first) + 1) * 1024.0 * 1024.0 * 1024.0;
    if let Some(heap) = heap_from_options(options.iter().map(String::as_str), ram) {
        assert!(
            heap.is_finite() && heap >= 0.0,
            "a heap of {heap} from {options:?}"
        );
    }
}

/// Every engine's size reader on one value.
fn sizes(value: &str) {
    for unit in [1.0, 1024.0, 8192.0] {
        if let Some(v) = size_postgres(value, unit) {
            assert!(!v.is_nan(), "postgres {value:?}");
        }
    }
    for v in [size_mysql(value), size_redis(value)].into_iter().flatten() {
        assert!(!v.is_nan(), "{value:?} read as {v}");
    }
    if let Some(v) = size_binary(value) {
        assert!(
            (0.0..=Bytes::MAX_INPUT as f64).contains(&v),
            "{value:?} read as {v}"
        );
    }
}
