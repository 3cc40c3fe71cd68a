//! The YAML parser's errors in this project's words: every serde-saphyr error becomes a message
//! key of the `parse` area (or `unit`, for a value a unit parser rejected) with its values and
//! its place, worded from the en/zh tables. No phrase of the library reaches a user. Also the
//! parser's options (duplicate keys are errors; budgets on size, depth and aliases).

use super::error::InputError;
use crate::catalog::Phrase;
use crate::model::UnitError;
use crate::model::closest;
use crate::report::Lang;
use crate::report::messages::Msg;
use kinds::{bad_scalar, found_serde, found_token, saphyr_expect, serde_expect};
use places::{key_of_value_at, token_at, too_deep_at};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::{ErrorKind, ScanError};
use serde_saphyr::{DuplicateKeyPolicy, Error, ExternalMessageSource, Location};
use std::path::Path;

/// Lists and mappings nested deeper than this are refused (hostfit's files need about 6).
pub const MAX_DEPTH: usize = 32;
/// Values (scalars, lists, mappings) in one file, aliases expanded.
pub const MAX_NODES: usize = 1_000_000;
/// Aliases (`*name`) in one file, and anchors (`&name`).
pub const MAX_ALIASES: usize = 1_000;
/// Values an alias may bring back, over the whole file.
pub const MAX_REPLAYED: usize = 100_000;
/// Bytes of text in all the values of a file.
pub const MAX_TEXT: usize = 64 << 20;

/// The parser's options for every file hostfit reads.
pub fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_events = MAX_NODES.saturating_mul(4);
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    budget.max_total_scalar_bytes = MAX_TEXT;
    let mut aliases = serde_saphyr::options::AliasLimits::default();
    aliases.max_total_replayed_events = MAX_REPLAYED;
    aliases.max_alias_expansions_per_anchor = MAX_ALIASES;
    aliases.max_replay_stack_depth = MAX_DEPTH;
    serde_saphyr::options! {
        budget: Some(budget),
        alias_limits: aliases,
        duplicate_keys: DuplicateKeyPolicy::Error,
        with_snippet: false,
    }
}

/// A parser error as a diagnostic in `lang`, at the place the parser names. A file that nests
/// deeper than `MAX_DEPTH` is refused for that, at the place it gets too deep: the parser stops
/// at the first value of the wrong type, which in hostfit's shallow files comes first.
pub fn input_error(path: &Path, text: &str, err: &Error, lang: Lang) -> InputError {
    let ((line, column), (message, help)) = match too_deep_at(text) {
        Some(place) => (
            place,
            (Phrase::new("parse.too_deep").arg("limit", MAX_DEPTH), None),
        ),
        None => (place(err), describe(err, text)),
    };
    let msg = Msg::new(lang);
    let error = InputError::at(path, text, line, column, word(&msg, &message));
    match help {
        Some(help) => error.with_help(word(&msg, &help)),
        None => error,
    }
}

/// A phrase in the language of `msg`, its parts worded first.
pub fn word(msg: &Msg, phrase: &Phrase) -> String {
    let mut args: Vec<(&str, String)> = phrase.args.iter().map(|(k, v)| (*k, v.clone())).collect();
    args.extend(phrase.parts.iter().map(|(k, p)| (*k, word(msg, p))));
    msg.f(phrase.key, &args)
}

/// Line and column (1-based, characters) of the error; the top of the file when unknown.
fn place(err: &Error) -> (usize, usize) {
    err.location()
        .filter(|l| *l != Location::UNKNOWN && l.line() > 0)
        .map_or((1, 1), |l| (l.line() as usize, l.column().max(1) as usize))
}

/// What went wrong and, where it helps, what to write instead.
pub fn describe(err: &Error, text: &str) -> (Phrase, Option<Phrase>) {
    let token = || token_at(text, err.location());
    let p = Phrase::new;
    let message = match err {
        Error::WithSnippet { error, .. } | Error::AliasError { error, .. } => {
            return describe(error, text);
        }
        Error::Message { msg, .. } => match UnitError::parse_message(msg) {
            Some(unit) => p(unit.key()).arg("value", unit.value()),
            None => p("parse.rejected").arg("message", msg),
        },
        Error::Eof { .. } => p("parse.ends_early"),
        Error::MultipleDocuments { .. } => p("parse.several_documents"),
        Error::Unexpected { expected, .. } => {
            wrong_type(found_token(token()), saphyr_expect(expected))
        }
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => wrong_type(found_serde(unexpected), serde_expect(expected)),
        Error::SerdeInvalidLength { len, expected, .. } => wrong_type(
            p("parse.found.items").arg("count", len),
            serde_expect(expected),
        ),
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            return (
                p("parse.unknown_key").arg("key", field),
                Some(suggest(field, expected, "parse.help.no_keys")),
            );
        }
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            return (
                p("parse.unknown_value").arg("value", variant),
                Some(suggest(variant, expected, "parse.help.no_values")),
            );
        }
        Error::SerdeMissingField { field, .. } => p("parse.missing_key").arg("key", field),
        Error::DuplicateMappingKey { key: Some(key), .. } => {
            p("parse.duplicate_key").arg("key", key)
        }
        Error::DuplicateMappingKey { key: None, .. } => p("parse.duplicate_key_here"),
        Error::NullIntoString { .. } | Error::InvalidCharNull { .. } => {
            match err.location().and_then(|l| key_of_value_at(text, l)) {
                Some(key) => p("parse.null").arg("key", key),
                None => p("parse.null_here"),
            }
        }
        Error::InvalidScalar { ty, .. } => bad_scalar(ty, token()),
        Error::InvalidBooleanStrict { .. } => p("parse.bad_bool").arg("value", token()),
        Error::InvalidCharNotSingleScalar { .. } | Error::SerdeVariantId { .. } => {
            p("parse.bad_value").arg("value", token())
        }
        Error::NonFiniteFloat { value, .. } => p("parse.non_finite").arg("value", value),
        Error::QuotingRequired { value, .. } => p("parse.quote").arg("value", value),
        Error::UnexpectedValueForUnit { .. }
        | Error::ExpectedEmptyMappingForUnitStruct { .. }
        | Error::UnexpectedValueForUnitEnumVariant { .. }
        | Error::ExternallyTaggedEnumExpectedScalarOrMapping { .. }
        | Error::ExpectedStringKeyForExternallyTaggedEnum { .. } => {
            wrong_type(found_token(token()), p("parse.expect.word"))
        }
        Error::UnknownAnchor { .. } => p("parse.unknown_anchor"),
        Error::AliasReplayCounterOverflow { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => alias_limit(),
        Error::Budget { breach, .. } => budget(breach),
        Error::IndentationError { .. } | Error::FoldedBlockScalarMustIndentContent { .. } => {
            p("parse.indentation")
        }
        Error::UnexpectedSequenceEnd { .. }
        | Error::UnexpectedMappingEnd { .. }
        | Error::UnexpectedContainerEndWhileSkippingNode { .. }
        | Error::UnexpectedContainerEndWhileReadingKeyNode { .. }
        | Error::ContainerEndMismatch { .. }
        | Error::ExpectedMappingEndAfterEnumVariantValue { .. } => p("parse.syntax"),
        Error::MergeValueNotMapOrSeqOfMaps { .. } | Error::MergeKeyNotAllowed { .. } => {
            p("parse.merge")
        }
        Error::UnsupportedTag { tag, .. }
        | Error::TaggedStructFieldName { tag, .. }
        | Error::TaggedEnumMismatch { tagged: tag, .. } => p("parse.tag").arg("tag", tag),
        Error::InvalidBinaryBase64 { .. }
        | Error::BinaryNotUtf8 { .. }
        | Error::BytesNotSupportedMissingBinaryTag { .. }
        | Error::TaggedScalarCannotDeserializeIntoString { .. } => p("parse.tag_here"),
        Error::CyclicInclude { .. }
        | Error::UnsupportedIncludeForm { .. }
        | Error::ResolverError { .. } => p("parse.include"),
        Error::InvalidUtf8Input => p("parse.not_utf8"),
        Error::IOError { cause } => match cause.kind() {
            std::io::ErrorKind::InvalidData => p("parse.not_utf8"),
            std::io::ErrorKind::FileTooLarge => p("parse.too_large"),
            _ => p("parse.internal"),
        },
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => scan_error(scan),
            _ => p("parse.internal"),
        },
        // The parser's own faults, features hostfit does not enable (properties, includes,
        // validation), and kinds a later serde-saphyr may add.
        _ => p("parse.internal"),
    };
    (message, None)
}

/// The YAML scanner's errors, by kind.
fn scan_error(scan: &ScanError) -> Phrase {
    let p = Phrase::new;
    match scan.kind() {
        ErrorKind::RecursionLimitExceeded => p("parse.too_deep").arg("limit", MAX_DEPTH),
        ErrorKind::UnexpectedEofFlowSequence
        | ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::UnexpectedEofImplicitFlowMapping
        | ErrorKind::UnexpectedEofBlockSequence
        | ErrorKind::UnexpectedEofBlockMapping
        | ErrorKind::UnexpectedEof => p("parse.ends_early"),
        ErrorKind::UnclosedFlowCollection { open } => p("parse.unclosed")
            .arg("open", open)
            .arg("close", closing(*open)),
        ErrorKind::MismatchedFlowCollectionEnd { open, close } => p("parse.mismatched")
            .arg("open", open)
            .arg("close", close)
            .arg("expected", closing(*open)),
        ErrorKind::UnclosedQuotedScalar | ErrorKind::DocumentIndicatorInQuotedScalar => {
            p("parse.unclosed_quote")
        }
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidLowSurrogateHexEscape
        | ErrorKind::InvalidLowSurrogate
        | ErrorKind::MissingLowSurrogate
        | ErrorKind::UnpairedLowSurrogate
        | ErrorKind::InvalidUnicodeEscape => p("parse.bad_escape"),
        ErrorKind::TabNotAllowed
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabAtBlockScalarStart
        | ErrorKind::TabInIndentation
        | ErrorKind::TabInPlainScalar => p("parse.tab"),
        ErrorKind::InvalidIndentation
        | ErrorKind::InvalidBlockScalarIndent
        | ErrorKind::InvalidQuotedScalarIndent
        | ErrorKind::InvalidFlowScalarIndent => p("parse.indentation"),
        ErrorKind::UnknownAnchor => p("parse.unknown_anchor"),
        ErrorKind::AnchorCountOverflow => alias_limit(),
        ErrorKind::MultipleDocumentsUnsupported => p("parse.several_documents"),
        ErrorKind::InputDecoding { .. } => p("parse.not_utf8"),
        ErrorKind::InputByteLimitExceeded { .. } => p("parse.too_large"),
        ErrorKind::UndeclaredTagHandle
        | ErrorKind::ExpectedTagBang
        | ErrorKind::InvalidTagTerminator
        | ErrorKind::MissingTagUri
        | ErrorKind::UnclosedVerbatimTag
        | ErrorKind::InvalidTagEscape
        | ErrorKind::InvalidTagUtf8LeadingByte
        | ErrorKind::InvalidTagUtf8TrailingByte
        | ErrorKind::InvalidTagUtf8
        | ErrorKind::InvalidGlobalTagCharacter => p("parse.tag_here"),
        _ => p("parse.syntax"),
    }
}

fn closing(open: char) -> char {
    match open {
        '[' => ']',
        '{' => '}',
        other => other,
    }
}

fn alias_limit() -> Phrase {
    Phrase::new("parse.alias_limit")
        .arg("aliases", MAX_ALIASES)
        .arg("values", MAX_REPLAYED)
}

fn budget(breach: &BudgetBreach) -> Phrase {
    let p = Phrase::new;
    match breach {
        BudgetBreach::Depth { .. } => p("parse.too_deep").arg("limit", MAX_DEPTH),
        BudgetBreach::Events { .. } | BudgetBreach::Nodes { .. } => {
            p("parse.too_many_values").arg("limit", MAX_NODES)
        }
        BudgetBreach::ScalarBytes { .. } => p("parse.too_much_text").arg("limit", "64 MiB"),
        BudgetBreach::Documents { .. } => p("parse.several_documents"),
        BudgetBreach::InputBytes { .. } => p("parse.too_large"),
        BudgetBreach::SequenceUnbalanced => p("parse.syntax"),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. }
        | BudgetBreach::MergeKeys { .. } => alias_limit(),
        _ => p("parse.internal"),
    }
}

/// `{found}` where `{expected}` is expected.
fn wrong_type(found: Phrase, expected: Phrase) -> Phrase {
    Phrase::new("parse.wrong_type")
        .part("found", found)
        .part("expected", expected)
}

/// The closest known name as a "did you mean", else the known names.
fn suggest(unknown: &str, known: &[&'static str], none: &'static str) -> Phrase {
    let names = known
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(unknown, known) {
        _ if known.is_empty() => Phrase::new(none),
        Some(best) => Phrase::new("parse.help.did_you_mean")
            .arg("best", best)
            .arg("known", names),
        None => Phrase::new("parse.help.known").arg("known", names),
    }
}

mod kinds;
mod places;

#[cfg(test)]
mod tests;
