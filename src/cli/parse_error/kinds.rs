//! What the parser found and what it expected, said with the keys of the `parse.found.*` and
//! `parse.expect.*` messages: serde's and serde-saphyr's descriptions (Rust type names among
//! them) are read here and never shown.

use crate::catalog::Phrase;

/// A scalar that does not read as the type asked for (the parser names the Rust type; the
/// message names the range of values instead).
pub(super) fn bad_scalar(ty: &str, value: String) -> Phrase {
    let range = |min: &str, max: &str| {
        Phrase::new("parse.bad_whole")
            .arg("value", &value)
            .arg("min", min)
            .arg("max", max)
    };
    match ty {
        "u8" => range("0", "255"),
        "u16" => range("0", "65535"),
        "u32" => range("0", "4294967295"),
        "u64" | "u128" | "usize" => range("0", "18446744073709551615"),
        "i8" => range("-128", "127"),
        "i16" => range("-32768", "32767"),
        "i32" => range("-2147483648", "2147483647"),
        "i64" | "i128" | "isize" => range("-9223372036854775808", "9223372036854775807"),
        "f32" | "f64" | "floating point" => Phrase::new("parse.bad_number").arg("value", value),
        "bool" | "boolean" => Phrase::new("parse.bad_bool").arg("value", value),
        _ => Phrase::new("parse.bad_value").arg("value", value),
    }
}

/// What serde says it found (`serde::de::Unexpected`'s wording: "sequence", "map", `string "x"`,
/// "integer `5`", "floating point `1.5`", "boolean `true`", "unit value").
pub(super) fn found_serde(unexpected: &str) -> Phrase {
    let quoted = |prefix: &str| {
        unexpected
            .strip_prefix(prefix)
            .map(|rest| rest.trim_matches(|c| c == '`' || c == '"').to_string())
    };
    if unexpected == "sequence" {
        Phrase::new("parse.found.list")
    } else if unexpected == "map" {
        Phrase::new("parse.found.mapping")
    } else if matches!(unexpected, "unit value" | "Option value" | "null") {
        Phrase::new("parse.found.null")
    } else if let Some(text) = quoted("string ") {
        Phrase::new("parse.found.text").arg("value", text)
    } else if let Some(number) = quoted("integer ").or_else(|| quoted("floating point ")) {
        Phrase::new("parse.found.number").arg("value", number)
    } else if let Some(word) = quoted("boolean ") {
        Phrase::new("parse.found.text").arg("value", word)
    } else {
        Phrase::new("parse.found.value")
    }
}

/// What the text at the place is: a list, a mapping, nothing, or a value quoted.
pub(super) fn found_token(token: String) -> Phrase {
    match token.chars().next() {
        Some('[') | Some('-') if token.len() == 1 || token.starts_with('[') => {
            Phrase::new("parse.found.list")
        }
        Some('{') => Phrase::new("parse.found.mapping"),
        None => Phrase::new("parse.found.null"),
        Some(_) => Phrase::new("parse.found.text").arg("value", token),
    }
}

/// What serde-saphyr expected, for its own structural errors.
pub(super) fn saphyr_expect(expected: &str) -> Phrase {
    match expected {
        "sequence start" => Phrase::new("parse.expect.list"),
        "mapping start" | "empty mapping start" => Phrase::new("parse.expect.mapping"),
        "string scalar" | "scalar" | "single YAML node" => Phrase::new("parse.expect.one_value"),
        _ => Phrase::new("parse.expect.value"),
    }
}

/// What serde's visitor expected (`serde::de::Expected`), and the model's own visitors.
pub(super) fn serde_expect(expected: &str) -> Phrase {
    let p = Phrase::new;
    const MODEL: &[(&str, &str)] = &[
        (
            "a size such as '512MiB', '1.8GB' or a number of bytes",
            "parse.expect.size",
        ),
        (
            "a CPU amount such as '0.5', '500m' or '20%'",
            "parse.expect.cpu",
        ),
        ("a share such as '10%' or '0.1'", "parse.expect.share"),
        (
            "a size such as '20MB' or a range such as '50MB..100MB'",
            "parse.expect.size_range",
        ),
        (
            "a port number from 1 to 65535, or {port, protocol, address, process}",
            "parse.expect.port",
        ),
        (
            "a sentence, or {code, message, args}",
            "parse.expect.warning",
        ),
    ];
    if let Some((_, key)) = MODEL.iter().find(|(text, _)| *text == expected) {
        return p(key);
    }
    match expected {
        "a sequence" => p("parse.expect.list"),
        "a map" => p("parse.expect.mapping"),
        "a string" | "a borrowed string" | "a character" => p("parse.expect.text"),
        "a boolean" => p("parse.expect.bool"),
        "f32" | "f64" => p("parse.expect.number"),
        "u8" | "u16" | "u32" | "u64" | "usize" => p("parse.expect.whole"),
        _ if expected.starts_with("struct ") => p("parse.expect.mapping"),
        _ if expected.starts_with("tuple") || expected.starts_with("a tuple") => {
            p("parse.expect.list")
        }
        _ if expected.starts_with("enum ") || expected.starts_with("variant ") => {
            p("parse.expect.word")
        }
        _ => p("parse.expect.value"),
    }
}
