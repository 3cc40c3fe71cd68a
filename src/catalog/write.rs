//! A catalog written as YAML in the layout of the built-in catalogs, so that an imported price
//! list reads like them and loads back as the same catalog. Pure: returns the text.

use crate::model::{Billing, Catalog, Period};
use std::fmt::Write as _;

/// `s` as a YAML double-quoted scalar: a JSON string literal, which YAML reads, with the
/// characters JSON leaves raw but YAML does not allow in a document (DEL, the C1 controls, the
/// byte order mark, U+FFFE, U+FFFF) and those YAML 1.1 reads as line breaks (NEL, U+2028,
/// U+2029) escaped as `\uXXXX`.
fn quote(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if matches!(
            c,
            '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        ) {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// The catalog as YAML in the layout of the built-in catalogs, with `header` as a comment.
/// Strings are written double-quoted, as `quote` spells them.
pub fn catalog_yaml(catalog: &Catalog, header: &str) -> String {
    let mut y = String::new();
    for line in header.lines() {
        let _ = writeln!(y, "# {line}");
    }
    if !header.is_empty() {
        y.push('\n');
    }
    let _ = writeln!(y, "name: {}", quote(&catalog.name));
    if let Some(description) = &catalog.description {
        let _ = writeln!(y, "description: {}", quote(description));
    }
    y.push_str("instances:\n");
    for it in &catalog.instances {
        let _ = writeln!(y, "  - name: {}", quote(&it.name));
        let _ = writeln!(y, "    family: {}", quote(&it.family));
        let _ = writeln!(y, "    vcpus: {}", it.vcpus);
        if let Some(b) = it.cpu_baseline {
            let _ = writeln!(y, "    cpu_baseline: {b}");
        }
        let _ = writeln!(y, "    memory: {}", it.memory.exact());
        let _ = writeln!(y, "    arch: {}", it.arch.key());
        let _ = writeln!(y, "    price: {}", it.price);
        let _ = writeln!(y, "    currency: {}", quote(&it.currency));
        let period = match it.period {
            Period::Month => "month",
            Period::Hour => "hour",
        };
        let billing = match it.billing {
            Billing::Subscription => "subscription",
            Billing::OnDemand => "on-demand",
        };
        let _ = writeln!(y, "    period: {period}");
        let _ = writeln!(y, "    billing: {billing}");
        let _ = writeln!(y, "    region: {}", quote(&it.region));
        if let Some(usable) = it.usable_memory {
            let _ = writeln!(y, "    usable_memory: {}", usable.exact());
        }
        let _ = writeln!(y, "    source: {}", quote(&it.source));
        let _ = writeln!(y, "    as_of: {}", quote(&it.as_of));
        let _ = writeln!(y, "    estimate: {}", it.estimate);
    }
    y
}
