//! `Bytes`: an amount of memory or disk, its one parser (every binary spelling, up to 1 EiB) and
//! its formatter (MiB and GiB, never "MB"). Pure.

use super::{KIB, UnitError};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Suffixes a size may carry, each with its multiplier. All are binary: the seed report's
/// "1.8GB" and Docker's "376.1MiB" mean the same kind of unit.
const SIZE_SUFFIXES: &[(&str, u32)] = &[
    ("", 0),
    ("b", 0),
    ("k", 1),
    ("kb", 1),
    ("kib", 1),
    ("ki", 1),
    ("m", 2),
    ("mb", 2),
    ("mib", 2),
    ("mi", 2),
    ("g", 3),
    ("gb", 3),
    ("gib", 3),
    ("gi", 3),
    ("t", 4),
    ("tb", 4),
    ("tib", 4),
    ("ti", 4),
];

/// An amount of memory or disk in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Bytes(pub u64);

impl Bytes {
    pub const ZERO: Bytes = Bytes(0);
    /// The largest size hostfit reads: 1 EiB. More is a typing mistake, and would overflow sums.
    pub const MAX_INPUT: u64 = 1 << 60;

    /// `value` bytes read from `text`, when it is at most `MAX_INPUT`.
    fn checked(value: f64, text: &str) -> Result<Bytes, UnitError> {
        if !value.is_finite() {
            Err(UnitError::Size(text.to_string()))
        } else if value < 0.0 {
            Err(UnitError::Negative(text.to_string()))
        } else if value > Bytes::MAX_INPUT as f64 {
            Err(UnitError::TooLarge(text.to_string()))
        } else {
            Ok(Bytes(value.round() as u64))
        }
    }

    pub fn from_mib(mib: f64) -> Bytes {
        Bytes((mib * KIB * KIB).round().max(0.0) as u64)
    }

    pub fn from_gib(gib: f64) -> Bytes {
        Bytes((gib * KIB * KIB * KIB).round().max(0.0) as u64)
    }

    pub fn as_u64(self) -> u64 {
        self.0
    }

    pub fn as_mib(self) -> f64 {
        self.0 as f64 / (KIB * KIB)
    }

    pub fn as_gib(self) -> f64 {
        self.0 as f64 / (KIB * KIB * KIB)
    }

    pub fn saturating_sub(self, other: Bytes) -> Bytes {
        Bytes(self.0.saturating_sub(other.0))
    }

    /// `self - other` as a signed number of bytes.
    pub fn signed_diff(self, other: Bytes) -> i128 {
        i128::from(self.0) - i128::from(other.0)
    }

    /// `share` of `self`, rounded to whole bytes.
    pub fn scale(self, share: f64) -> Bytes {
        Bytes((self.0 as f64 * share).round().max(0.0) as u64)
    }

    /// Reads a size such as `376.1MiB`, `1.8GB`, `512k` or `1048576`.
    pub fn parse(text: &str) -> Result<Bytes, UnitError> {
        let trimmed = text.trim();
        let split = trimmed
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
            .unwrap_or(trimmed.len());
        let (number, suffix) = trimmed.split_at(split);
        let suffix = suffix.trim().to_ascii_lowercase();
        let value: f64 = number
            .parse()
            .map_err(|_| UnitError::Size(text.to_string()))?;
        if !value.is_finite() {
            return Err(UnitError::Size(text.to_string()));
        }
        if value < 0.0 {
            return Err(UnitError::Negative(text.to_string()));
        }
        let power = SIZE_SUFFIXES
            .iter()
            .find(|(name, _)| *name == suffix)
            .map(|(_, power)| *power)
            .ok_or_else(|| UnitError::Size(text.to_string()))?;
        Bytes::checked(value * KIB.powi(power as i32), text)
    }

    /// The exact spelling: the largest binary unit that divides the value, else bytes.
    /// `Bytes::parse(&b.exact())` gives `b` back.
    pub fn exact(self) -> String {
        for (name, power) in [("TiB", 4), ("GiB", 3), ("MiB", 2), ("KiB", 1)] {
            let unit = 1u64 << (10 * power);
            if self.0 != 0 && self.0.is_multiple_of(unit) {
                return format!("{}{}", self.0 / unit, name);
            }
        }
        self.0.to_string()
    }
}

impl fmt::Display for Bytes {
    /// For people: MiB below 10 GiB (one decimal when under 100 MiB), GiB above, never "MB".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mib = self.as_mib();
        if self.0 == 0 {
            write!(f, "0 MiB")
        } else if mib < 100.0 {
            write!(f, "{mib:.1} MiB")
        } else if mib < 10.0 * 1024.0 {
            write!(f, "{mib:.0} MiB")
        } else {
            write!(f, "{:.1} GiB", self.as_gib())
        }
    }
}

impl std::ops::Add for Bytes {
    type Output = Bytes;
    fn add(self, rhs: Bytes) -> Bytes {
        Bytes(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::AddAssign for Bytes {
    fn add_assign(&mut self, rhs: Bytes) {
        self.0 = self.0.saturating_add(rhs.0);
    }
}

impl std::iter::Sum for Bytes {
    fn sum<I: Iterator<Item = Bytes>>(iter: I) -> Bytes {
        iter.fold(Bytes::ZERO, |a, b| a + b)
    }
}

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BytesVisitor;
        impl Visitor<'_> for BytesVisitor {
            type Value = Bytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a size such as '512MiB', '1.8GB' or a number of bytes")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Bytes, E> {
                if v > Bytes::MAX_INPUT {
                    Err(E::custom(UnitError::TooLarge(v.to_string())))
                } else {
                    Ok(Bytes(v))
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Bytes, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(UnitError::Negative(v.to_string())))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Bytes, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(UnitError::TooLarge(v.to_string())))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Bytes, E> {
                if v < 0 {
                    Err(E::custom(UnitError::Negative(v.to_string())))
                } else {
                    self.visit_u128(v.unsigned_abs())
                }
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Bytes, E> {
                Bytes::checked(v, &super::spell_f64(v)).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Bytes, E> {
                Bytes::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(BytesVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MIB: u64 = 1024 * 1024;

    fn check_size(input: &str, expected: u64) {
        assert_eq!(Bytes::parse(input), Ok(Bytes(expected)), "input {input:?}");
    }

    #[test]
    fn sizes_are_binary_in_every_spelling() {
        check_size("0", 0);
        check_size("1048576", MIB);
        check_size("1K", 1024);
        check_size("1kb", 1024);
        check_size("1KiB", 1024);
        check_size("1Ki", 1024);
        check_size("1k", 1024);
        check_size("1M", MIB);
        check_size("1MB", MIB);
        check_size("1mb", MIB);
        check_size("1MiB", MIB);
        check_size("1Mi", MIB);
        check_size("1m", MIB);
        check_size("2G", 2 * 1024 * MIB);
        check_size("2GB", 2 * 1024 * MIB);
        check_size("1TiB", 1024 * 1024 * MIB);
        check_size("512 MiB", 512 * MIB);
        check_size("100B", 100);
    }

    #[test]
    fn sizes_take_decimals() {
        // 1.8 GiB = 1843.2 MiB
        check_size("1.8GB", (1.8_f64 * 1024.0 * 1024.0 * 1024.0).round() as u64);
        check_size("376.1MiB", (376.1_f64 * MIB as f64).round() as u64);
        check_size("0.5K", 512);
    }

    #[test]
    fn bad_sizes_say_what_was_expected() {
        for bad in ["", "MB", "12XB", "1.2.3MB", "abc", "1e400"] {
            assert!(
                matches!(Bytes::parse(bad), Err(UnitError::Size(_))),
                "{bad:?}"
            );
        }
        assert!(matches!(Bytes::parse("-1MB"), Err(UnitError::Negative(_))));
        for huge in ["99999999TB", "16777216TiB", "1048577TiB"] {
            assert!(
                matches!(Bytes::parse(huge), Err(UnitError::TooLarge(_))),
                "{huge:?}"
            );
        }
        // 1 EiB exactly is the largest size read
        check_size("1048576TiB", 1 << 60);
    }

    #[test]
    fn display_never_says_mb() {
        assert_eq!(Bytes(264 * MIB).to_string(), "264 MiB");
        assert_eq!(
            Bytes::parse("7.057MiB").map(|b| b.to_string()),
            Ok("7.1 MiB".into())
        );
        assert_eq!(Bytes(40 * 1024 * MIB).to_string(), "40.0 GiB");
        assert_eq!(Bytes(0).to_string(), "0 MiB");
    }

    proptest! {
        #[test]
        fn exact_spelling_round_trips(n in 0u64..(1u64 << 50)) {
            prop_assert_eq!(Bytes::parse(&Bytes(n).exact()), Ok(Bytes(n)));
        }

        #[test]
        fn exact_spelling_round_trips_whole_units(n in 0u64..100_000, power in 0u32..4) {
            let b = Bytes(n << (10 * power));
            prop_assert_eq!(Bytes::parse(&b.exact()), Ok(b));
        }

        #[test]
        fn display_round_trips_within_its_rounding(n in 1u64..(1u64 << 45)) {
            let b = Bytes(n);
            let shown = b.to_string().replace(' ', "");
            let back = Bytes::parse(&shown).map(|x| x.0 as f64).unwrap_or(f64::NAN);
            // one decimal of MiB, whole MiB, or one decimal of GiB
            let tolerance = if b.as_mib() < 100.0 { 0.05 * MIB as f64 }
                else if b.as_mib() < 10240.0 { 0.5 * MIB as f64 }
                else { 0.05 * 1024.0 * MIB as f64 };
            prop_assert!((back - n as f64).abs() <= tolerance + 1.0, "{} -> {} -> {}", n, shown, back);
        }

    }
}
