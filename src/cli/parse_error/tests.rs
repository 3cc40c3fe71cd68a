//! Each class of serde-saphyr error maps to a key of our own, with its values and place; both
//! tables word every key the mapping can give.

use super::*;
use crate::model::{Catalog, PlanFile, Snapshot};
use crate::report::messages::Msg;

const U: Location = Location::UNKNOWN;

/// The key (and values) of the error `T` gives for `text`.
fn parsed<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> (Error, Phrase) {
    let err = serde_saphyr::from_str_with_options::<T>(text, options())
        .err()
        .unwrap_or_else(|| panic!("no error for {text:?}"));
    let (phrase, _) = describe(&err, text);
    (err, phrase)
}

fn key_of(err: &Error) -> &'static str {
    describe(err, "").0.key
}

const SNAPSHOT: &str = "host:\n  name: web\n  taken_at: 2026-01-01T00:00:00Z\n  cpu:\n    cores: 2\n  memory:\n    total: 2GiB\n    available: 1GiB\n";

#[test]
fn duplicate_keys_are_errors_named_by_key() {
    let (err, p) = parsed::<Snapshot>("host:\n  name: a\n  name: b\n");
    assert_eq!(p.key, "parse.duplicate_key");
    assert_eq!(p.value("key"), Some("name"));
    assert_eq!(place(&err), (3, 3));
    let none = Error::DuplicateMappingKey {
        key: None,
        location: U,
    };
    assert_eq!(key_of(&none), "parse.duplicate_key_here");
}

#[test]
fn several_documents() {
    let (err, p) = parsed::<Snapshot>(&format!("{SNAPSHOT}---\n{SNAPSHOT}"));
    assert_eq!(p.key, "parse.several_documents");
    assert_eq!(place(&err).0, 10);
}

#[test]
fn null_where_text_is_needed_names_the_key() {
    let text = SNAPSHOT.replace("name: web", "name:");
    let (err, p) = parsed::<Snapshot>(&text);
    assert_eq!(p.key, "parse.null");
    assert_eq!(p.value("key"), Some("name"));
    assert_eq!(place(&err).0, 2);
    let (_, p) = parsed::<Snapshot>(&SNAPSHOT.replace("name: web", "name: ~"));
    assert_eq!(p.value("key"), Some("name"));
    assert_eq!(
        key_of(&Error::NullIntoString { location: U }),
        "parse.null_here"
    );
}

#[test]
fn a_scalar_where_a_list_is_needed() {
    let text = format!("{SNAPSHOT}  listening_ports: lots\n");
    let (err, p) = parsed::<Snapshot>(&text);
    assert_eq!(place(&err), (9, 20));
    assert_eq!(p.key, "parse.wrong_type");
    assert_eq!(
        p.to_string(),
        "parse.wrong_type(found=parse.found.text(value='lots'), expected=parse.expect.list)"
    );
    let (_, p) = parsed::<PlanFile>("title: x\nservices: {a: 1}\n");
    let expected = p.parts.iter().find(|(n, _)| *n == "expected");
    assert_eq!(expected.map(|(_, e)| e.key), Some("parse.expect.list"));
}

#[test]
fn model_values_that_get_a_list_say_what_they_expect() {
    let unit = |field: &str| {
        let text = SNAPSHOT.replace(
            "available: 1GiB",
            &format!("available: 1GiB\n    {field}: [1]"),
        );
        parsed::<Snapshot>(&text).1.to_string()
    };
    assert!(
        unit("free").contains("parse.expect.size"),
        "{}",
        unit("free")
    );
    let text = SNAPSHOT.replace("cores: 2", "cores: 2\n    used: [1]");
    let cpu = parsed::<Snapshot>(&text).1.to_string();
    assert!(
        cpu.contains("parse.found.list") && cpu.contains("parse.expect.cpu"),
        "{cpu}"
    );
    let text = format!("{SNAPSHOT}  listening_ports: [[1]]\n");
    let port = parsed::<Snapshot>(&text).1.to_string();
    assert!(port.contains("parse.expect.port"), "{port}");
    let text = format!("{SNAPSHOT}warnings: [[1]]\n");
    let warning = parsed::<Snapshot>(&text).1.to_string();
    assert!(warning.contains("parse.expect.warning"), "{warning}");
    let plan = "title: x\npolicy:\n  memory_reserve: [1]\nservices: []\n";
    let share = parsed::<PlanFile>(plan).1.to_string();
    assert!(share.contains("parse.expect.share"), "{share}");
    let plan = "title: x\nservices:\n  - name: a\n    parts:\n      - { name: b, memory: [1] }\n";
    let range = parsed::<PlanFile>(plan).1.to_string();
    assert!(range.contains("parse.expect.size_range"), "{range}");
}

#[test]
fn unit_errors_become_unit_keys() {
    let (_, p) = parsed::<Snapshot>(&SNAPSHOT.replace("1GiB", "2XB"));
    assert_eq!((p.key, p.value("value")), ("unit.size", Some("2XB")));
    let huge = SNAPSHOT.replace("1GiB", "99999999999999999999999999999");
    let (_, p) = parsed::<Snapshot>(&huge);
    assert_eq!(p.key, "unit.too_large");
    let custom = Error::Message {
        msg: "'70000' is not a port: expected a number from 1 to 65535".into(),
        location: U,
    };
    let (p, _) = describe(&custom, "");
    assert_eq!(p.key, "parse.rejected");
}

#[test]
fn numbers_out_of_range_name_the_range_not_the_type() {
    let plan = "title: x\nservices:\n  - name: a\n    port: 70000\n";
    let (err, p) = parsed::<PlanFile>(plan);
    assert_eq!(p.key, "parse.bad_whole");
    assert_eq!(p.value("value"), Some("70000"));
    assert_eq!((p.value("min"), p.value("max")), (Some("0"), Some("65535")));
    assert_eq!(place(&err), (4, 11));
    let plan = "title: x\nservices:\n  - name: a\n    priority: 99999999999\n";
    assert_eq!(parsed::<PlanFile>(plan).1.value("max"), Some("4294967295"));
    let float = Error::InvalidScalar {
        ty: "f64",
        location: U,
    };
    assert_eq!(key_of(&float), "parse.bad_number");
    let boolean = "title: x\nservices: []\npolicy:\n  allow_arch_change: maybe\n";
    assert_eq!(parsed::<PlanFile>(boolean).1.key, "parse.bad_bool");
    let nan = SNAPSHOT.replace("1GiB", ".nan");
    let p = parsed::<Snapshot>(&nan).1;
    assert!(
        p.key == "parse.non_finite" || p.key.starts_with("unit."),
        "{p}"
    );
}

#[test]
fn unknown_keys_and_values_suggest_the_closest() {
    let (err, p) = parsed::<Snapshot>("host:\n  nmae: x\n");
    assert_eq!(p.key, "parse.unknown_key");
    assert_eq!(place(&err), (2, 3));
    let (_, help) = describe(&err, "");
    let help = help.unwrap_or_else(|| panic!("no help"));
    assert_eq!(
        (help.key, help.value("best")),
        ("parse.help.did_you_mean", Some("name"))
    );
    let far = Error::SerdeUnknownField {
        field: "zzzzzz".into(),
        expected: vec!["name", "cpu"],
        location: U,
    };
    assert_eq!(
        describe(&far, "").1.map(|h| h.key),
        Some("parse.help.known")
    );
    let plan = "title: x\nservices:\n  - name: a\n    tiers:\n      standerd: { memory: 1MB }\n";
    let (_, p) = parsed::<PlanFile>(plan);
    assert!(
        p.key == "parse.unknown_value" || p.key == "parse.unknown_key",
        "{p}"
    );
    let variant = Error::SerdeUnknownVariant {
        variant: "standerd".into(),
        expected: vec!["minimum", "standard", "ideal"],
        location: U,
    };
    let (p, help) = describe(&variant, "");
    assert_eq!(p.key, "parse.unknown_value");
    assert_eq!(
        help.and_then(|h| h.value("best").map(str::to_string)),
        Some("standard".into())
    );
}

#[test]
fn missing_keys() {
    let (_, p) = parsed::<Catalog>("name: x\n");
    assert_eq!(
        (p.key, p.value("key")),
        ("parse.missing_key", Some("instances"))
    );
}

#[test]
fn syntax_errors_by_kind() {
    type Any = serde_json::Value;
    let (err, p) = parsed::<Any>("title: x\nservices: [a, b}\n");
    assert_eq!(p.key, "parse.mismatched");
    assert_eq!(
        (p.value("open"), p.value("close"), p.value("expected")),
        (Some("["), Some("}"), Some("]"))
    );
    assert_eq!(place(&err).0, 2);
    assert_eq!(
        parsed::<Any>("title: x\nservices: [a, b\n").1.key,
        "parse.unclosed"
    );
    assert_eq!(
        parsed::<Any>("title: \"x\nservices: []\n").1.key,
        "parse.unclosed_quote"
    );
    assert_eq!(
        parsed::<Any>("title: x\n\tservices: []\n").1.key,
        "parse.tab"
    );
    assert_eq!(parsed::<Any>("title: \"\\q\"\n").1.key, "parse.bad_escape");
    assert_eq!(
        parsed::<Any>("title: *nowhere\n").1.key,
        "parse.unknown_anchor"
    );
    assert_eq!(parsed::<Snapshot>("").1.key, "parse.ends_early");
    let syntax = parsed::<Any>("title: x\n  services: []\n").1.key;
    assert!(
        matches!(syntax, "parse.syntax" | "parse.indentation"),
        "{syntax}"
    );
}

#[test]
fn limits_have_our_words() {
    let deep = format!(
        "title: x\nservices: {}{}\n",
        "[".repeat(300),
        "]".repeat(300)
    );
    assert_eq!(parsed::<PlanFile>(&deep).1.key, "parse.too_deep");
    let block: String = (0..40).map(|i| format!("{}- \n", "  ".repeat(i))).collect();
    let p = parsed::<PlanFile>(&format!("services:\n{block}")).1;
    assert!(
        matches!(p.key, "parse.too_deep" | "parse.wrong_type"),
        "{p}"
    );
    let depth = Error::Budget {
        breach: BudgetBreach::Depth { depth: 33 },
        location: U,
    };
    assert_eq!(key_of(&depth), "parse.too_deep");
    let nodes = Error::Budget {
        breach: BudgetBreach::Nodes { nodes: 250_001 },
        location: U,
    };
    assert_eq!(key_of(&nodes), "parse.too_many_values");
    for breach in [
        BudgetBreach::Aliases { aliases: 1 },
        BudgetBreach::Anchors { anchors: 1 },
        BudgetBreach::AliasAnchorRatio {
            aliases: 1,
            anchors: 1,
        },
    ] {
        let err = Error::Budget {
            breach,
            location: U,
        };
        assert_eq!(key_of(&err), "parse.alias_limit");
    }
    let replay = Error::AliasReplayLimitExceeded {
        total_replayed_events: 2,
        max_total_replayed_events: 1,
        location: U,
    };
    assert_eq!(key_of(&replay), "parse.alias_limit");
    let scalar = Error::Budget {
        breach: BudgetBreach::ScalarBytes {
            total_scalar_bytes: 1,
        },
        location: U,
    };
    assert_eq!(key_of(&scalar), "parse.too_much_text");
}

#[test]
fn a_file_nested_too_deep_is_refused_for_that_where_it_gets_too_deep() {
    let text = format!("title: {}{}\n", "[".repeat(100), "]".repeat(100));
    let err = serde_saphyr::from_str_with_options::<PlanFile>(&text, options()).err();
    let err = err.unwrap_or_else(|| panic!("no error"));
    let e = input_error(Path::new("p.yaml"), &text, &err, Lang::En);
    // The top mapping is the first level.
    assert_eq!((e.line, e.column), (1, 7 + MAX_DEPTH));
    assert!(e.message.contains("nested too deep"), "{}", e.message);
    assert_eq!(too_deep_at("a: [[1]]\nb: {c: [2]}\n"), None);
}

#[test]
fn an_alias_bomb_is_stopped_with_our_words() {
    // The billion laughs: nine levels of ten aliases each.
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let refs = vec![format!("*a{}", level - 1); 10].join(", ");
        text.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
    }
    let (_, p) = parsed::<serde_json::Value>(&text);
    assert_eq!(p.key, "parse.alias_limit", "{p}");
    // Many aliases of one value in a plan that would otherwise read.
    let service = "&s { name: a, tiers: { minimum: { memory: 1MB } } }";
    let mut plan = format!("title: x\nservices: [{service}");
    for _ in 0..=MAX_ALIASES {
        plan.push_str(", *s");
    }
    plan.push_str("]\n");
    let (_, p) = parsed::<PlanFile>(&plan);
    assert_eq!(p.key, "parse.alias_limit", "{p}");
}

#[test]
fn encoding_and_odd_kinds() {
    assert_eq!(key_of(&Error::InvalidUtf8Input), "parse.not_utf8");
    let io = Error::IOError {
        cause: std::io::Error::new(std::io::ErrorKind::InvalidData, "x"),
    };
    assert_eq!(key_of(&io), "parse.not_utf8");
    let tag = Error::UnsupportedTag {
        tag: "!secret".into(),
        location: U,
    };
    assert_eq!(
        (key_of(&tag), describe(&tag, "").0.value("tag")),
        ("parse.tag", Some("!secret"))
    );
    assert_eq!(
        key_of(&Error::InternalDepthUnderflow { location: U }),
        "parse.internal"
    );
    assert_eq!(key_of(&Error::Eof { location: U }), "parse.ends_early");
    assert_eq!(
        key_of(&Error::MergeKeyNotAllowed { location: U }),
        "parse.merge"
    );
    let wrapped = Error::WithSnippet {
        regions: Vec::new(),
        crop_radius: 0,
        error: Box::new(Error::Eof { location: U }),
    };
    assert_eq!(key_of(&wrapped), "parse.ends_early");
}

#[test]
fn diagnostics_are_worded_in_the_language_asked() {
    let text = "host:\n  name: a\n  name: b\n";
    let err = serde_saphyr::from_str_with_options::<Snapshot>(text, options()).err();
    let err = err.unwrap_or_else(|| panic!("no error"));
    let en = input_error(Path::new("s.yaml"), text, &err, Lang::En);
    assert_eq!(
        en.message,
        "'name' appears twice in this mapping: expected each key once"
    );
    let zh = input_error(Path::new("s.yaml"), text, &err, Lang::Zh);
    assert!(zh.message.contains("出现了两次"), "{}", zh.message);
}

/// Every key this file, the importers and the unit errors can give is in both tables, and
/// the library's phrases are in none of the words.
#[test]
fn every_key_is_worded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut keys = Vec::new();
    for file in [
        "src/cli/parse_error.rs",
        "src/catalog/import.rs",
        "src/catalog/import/aliyun.rs",
        "src/catalog/import/aliyun_specs.rs",
        "src/catalog/import/skypilot.rs",
        "src/catalog/csv.rs",
        "src/model/units/mod.rs",
        "src/cli/catalog/import.rs",
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for literal in code.split('"').skip(1).step_by(2) {
            let area = [
                "parse.",
                "unit.",
                "catalog.skip.",
                "catalog.import.",
                "catalog.csv.",
            ];
            if area.iter().any(|a| literal.starts_with(a)) && !literal.contains(' ') {
                keys.push(literal.to_string());
            }
        }
    }
    assert!(keys.len() > 100, "{}", keys.len());
    for lang in [Lang::En, Lang::Zh] {
        let msg = Msg::new(lang);
        for key in &keys {
            let text = msg.t(key);
            assert_ne!(&text, key, "{key} is not in the {} table", lang.code());
            for phrase in [
                "DuplicateKeyPolicy",
                "from_str_multiple",
                "Option<",
                "budget breached",
            ] {
                assert!(!text.contains(phrase), "{key}: {text}");
            }
        }
    }
}
