//! English words for files that do not read: the YAML parser's errors (`parse.*`) and values a
//! unit parser rejects (`unit.*`). Every key here exists in `zh/parse.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    (
        "parse.duplicate_key",
        "'{key}' appears twice in this mapping: expected each key once",
    ),
    (
        "parse.duplicate_key_here",
        "this key appears twice in its mapping: expected each key once",
    ),
    (
        "parse.several_documents",
        "the file holds more than one YAML document ('---' starts another one): expected one",
    ),
    (
        "parse.alias_limit",
        "the anchors and aliases ('&name', '*name') here expand to too much: hostfit follows at most {aliases} aliases and {values} values they bring back",
    ),
    (
        "parse.unknown_anchor",
        "this alias names an anchor that is not defined: expected '&name' on a value before '*name'",
    ),
    (
        "parse.null",
        "'{key}' has no value: expected one after the ':'",
    ),
    (
        "parse.null_here",
        "a value is missing here (empty or null): expected one",
    ),
    (
        "parse.too_deep",
        "lists and mappings are nested too deep here: hostfit reads at most {limit} levels",
    ),
    (
        "parse.too_many_values",
        "the file has too many values: hostfit reads at most {limit}",
    ),
    (
        "parse.too_much_text",
        "the file's values hold too much text: hostfit reads at most {limit}",
    ),
    ("parse.too_large", "the file is too large to read"),
    (
        "parse.not_utf8",
        "the file is not UTF-8 text: expected a file saved as UTF-8",
    ),
    ("parse.unknown_key", "'{key}' is not a key here"),
    (
        "parse.help.did_you_mean",
        "did you mean '{best}'? Known here: {known}",
    ),
    ("parse.help.known", "known here: {known}"),
    ("parse.help.no_keys", "this mapping takes no keys"),
    ("parse.help.no_values", "no value is accepted here"),
    (
        "parse.missing_key",
        "'{key}' is missing here: expected it in this mapping",
    ),
    (
        "parse.unknown_value",
        "'{value}' is not one of the values allowed here",
    ),
    ("parse.wrong_type", "{found} here: expected {expected}"),
    ("parse.found.list", "a list"),
    ("parse.found.mapping", "a mapping"),
    ("parse.found.null", "nothing (empty or null)"),
    ("parse.found.text", "'{value}'"),
    ("parse.found.number", "the number '{value}'"),
    ("parse.found.items", "a list of {count} items"),
    ("parse.found.value", "a value of another kind"),
    (
        "parse.expect.list",
        "a list ('[a, b]' or lines starting with '- ')",
    ),
    (
        "parse.expect.mapping",
        "a mapping of keys to values ('key: value')",
    ),
    (
        "parse.expect.one_value",
        "a single value (a word, text or a number), not a list or mapping",
    ),
    ("parse.expect.text", "text"),
    ("parse.expect.bool", "'true' or 'false'"),
    ("parse.expect.number", "a number"),
    ("parse.expect.whole", "a whole number"),
    (
        "parse.expect.word",
        "a single word, such as one of the documented values",
    ),
    (
        "parse.expect.size",
        "a size such as '512MiB', '1.8GB' or a number of bytes",
    ),
    (
        "parse.expect.cpu",
        "a CPU amount such as '0.5', '500m' or '20%'",
    ),
    ("parse.expect.share", "a share such as '10%' or '0.1'"),
    (
        "parse.expect.size_range",
        "a size such as '20MB' or a range such as '50MB..100MB'",
    ),
    (
        "parse.expect.port",
        "a port number from 1 to 65535, or a mapping with 'port', 'protocol', 'address' and 'process'",
    ),
    (
        "parse.expect.warning",
        "a sentence, or a mapping with 'code', 'message' and 'args'",
    ),
    ("parse.expect.value", "a value of another kind"),
    (
        "parse.bad_whole",
        "'{value}' is not a whole number from {min} to {max}",
    ),
    ("parse.bad_number", "'{value}' is not a number"),
    ("parse.bad_bool", "'{value}' is not 'true' or 'false'"),
    ("parse.bad_value", "'{value}' cannot be read here"),
    (
        "parse.non_finite",
        "'{value}' is not a finite number: expected a number such as '0.5'",
    ),
    (
        "parse.quote",
        "'{value}' reads as a number or 'true'/'false': put it in quotes to make it text",
    ),
    ("parse.rejected", "this value is not accepted: {message}"),
    (
        "parse.ends_early",
        "the file ends before this list or mapping is complete",
    ),
    (
        "parse.unclosed",
        "'{open}' is not closed: expected '{close}'",
    ),
    (
        "parse.mismatched",
        "'{open}' is closed by '{close}': expected '{expected}'",
    ),
    (
        "parse.unclosed_quote",
        "this quoted text is not closed: expected the closing quote",
    ),
    (
        "parse.bad_escape",
        "this escape in double quotes is not valid: write '\\\\' for a backslash, or use single quotes",
    ),
    (
        "parse.tab",
        "a tab is not allowed here: YAML indents with spaces",
    ),
    (
        "parse.indentation",
        "the indentation here does not line up with the lines above",
    ),
    (
        "parse.syntax",
        "this is not valid YAML here: check the ':', '- ', quotes and brackets on this line and the one before",
    ),
    (
        "parse.tag",
        "the tag '{tag}' is not used in hostfit's files",
    ),
    (
        "parse.tag_here",
        "tags ('!name', '!!binary') are not used in hostfit's files",
    ),
    (
        "parse.merge",
        "a merge ('<<') here needs a mapping or a list of mappings",
    ),
    (
        "parse.include",
        "'!include' is not supported in hostfit's files",
    ),
    (
        "parse.internal",
        "hostfit could not read this part of the file (an unexpected failure of its YAML reader)",
    ),
    (
        "unit.size",
        "'{value}' is not a size: expected a number with an optional unit (B, KiB/KB/K, MiB/MB/M, GiB/GB/G, TiB/TB/T), e.g. '512MiB' or '1.8GB'",
    ),
    (
        "unit.range",
        "'{value}' is not a size range: expected 'MIN..MAX' such as '50MB..100MB', or one size",
    ),
    (
        "unit.cpu",
        "'{value}' is not a CPU amount: expected cores ('0.5'), millicores ('500m') or a percent of one core ('20%')",
    ),
    (
        "unit.ratio",
        "'{value}' is not a share: expected a percent such as '10%' or a fraction from 0 to 1",
    ),
    (
        "unit.negative",
        "'{value}' is negative: expected zero or more",
    ),
    (
        "unit.too_large",
        "'{value}' is too large: expected at most 1 EiB (1048576TiB)",
    ),
    (
        "unit.too_many_cores",
        "'{value}' is too large: expected at most 1000000 cores",
    ),
];
