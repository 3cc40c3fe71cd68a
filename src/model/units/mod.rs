//! Units as types, one file each: `Bytes`, `SizeRange`, `Cores` and `Ratio`, with the one parser
//! and the one formatter of each. Pure: no I/O. Sizes are binary everywhere (1 MB = 1 MiB), as
//! Docker, `free` and `df -h` print them.

mod bytes;
mod cores;
mod ratio;
mod size_range;

pub use bytes::Bytes;
pub use cores::Cores;
pub use ratio::Ratio;
pub use size_range::SizeRange;

const KIB: f64 = 1024.0;

/// A number read as a float, spelled short for a message: `1e308`, not 309 digits.
fn spell_f64(v: f64) -> String {
    if v.is_finite() && v.abs() < 1e15 {
        v.to_string()
    } else {
        format!("{v:e}")
    }
}

/// Why a quantity could not be read. The text names what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnitError {
    #[error(
        "'{0}' is not a size: expected a number with an optional unit (B, KiB/KB/K, MiB/MB/M, GiB/GB/G, TiB/TB/T), e.g. '512MiB' or '1.8GB'"
    )]
    Size(String),
    #[error("'{0}' is not a size range: expected 'MIN..MAX' such as '50MB..100MB', or one size")]
    Range(String),
    #[error(
        "'{0}' is not a CPU amount: expected cores ('0.5'), millicores ('500m') or a percent of one core ('20%')"
    )]
    Cpu(String),
    #[error("'{0}' is not a share: expected a percent such as '10%' or a fraction from 0 to 1")]
    Ratio(String),
    #[error("'{0}' is negative: expected zero or more")]
    Negative(String),
    #[error("'{0}' is too large: expected at most 1 EiB (1048576TiB)")]
    TooLarge(String),
    #[error("'{0}' is too large: expected at most 1000000 cores")]
    TooManyCores(String),
}

impl UnitError {
    /// Every kind of error, made from its value: the inverse of `Display` walks these.
    const KINDS: [fn(String) -> UnitError; 7] = [
        UnitError::Size,
        UnitError::Range,
        UnitError::Cpu,
        UnitError::Ratio,
        UnitError::Negative,
        UnitError::TooLarge,
        UnitError::TooManyCores,
    ];

    /// The message key of the en/zh tables (`unit.<kind>`, with the value as `{value}`).
    pub fn key(&self) -> &'static str {
        match self {
            UnitError::Size(_) => "unit.size",
            UnitError::Range(_) => "unit.range",
            UnitError::Cpu(_) => "unit.cpu",
            UnitError::Ratio(_) => "unit.ratio",
            UnitError::Negative(_) => "unit.negative",
            UnitError::TooLarge(_) => "unit.too_large",
            UnitError::TooManyCores(_) => "unit.too_many_cores",
        }
    }

    /// The value that could not be read, as written.
    pub fn value(&self) -> &str {
        match self {
            UnitError::Size(v)
            | UnitError::Range(v)
            | UnitError::Cpu(v)
            | UnitError::Ratio(v)
            | UnitError::Negative(v)
            | UnitError::TooLarge(v)
            | UnitError::TooManyCores(v) => v,
        }
    }

    /// The error whose `Display` is exactly `message`, or `None`. A parser that hands errors on
    /// as text (serde's custom errors) loses the type; this gets it back without guessing: each
    /// kind is rebuilt from the value between the quotes and must print the same message.
    pub fn parse_message(message: &str) -> Option<UnitError> {
        let quoted = message.strip_prefix('\'')?;
        UnitError::KINDS.iter().find_map(|make| {
            let empty = make(String::new()).to_string();
            let tail = empty.strip_prefix("''")?;
            let value = quoted.strip_suffix(tail)?.strip_suffix('\'')?;
            let error = make(value.to_string());
            (error.to_string() == message).then_some(error)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_error_reads_back_from_its_message() {
        for make in UnitError::KINDS {
            for value in ["1843XB", "", "a'b", "x' is not a size: y", "一二"] {
                let error = make(value.to_string());
                assert_eq!(
                    UnitError::parse_message(&error.to_string()),
                    Some(error.clone()),
                    "{error}"
                );
                assert_eq!(error.value(), value);
                assert!(error.key().starts_with("unit."));
            }
        }
    }

    #[test]
    fn other_messages_are_not_unit_errors() {
        for other in [
            "'70000' is not a port: expected a number from 1 to 65535",
            "'1843XB' is not a size",
            "missing field `name`",
            "",
            "'",
        ] {
            assert_eq!(UnitError::parse_message(other), None, "{other}");
        }
    }
}
