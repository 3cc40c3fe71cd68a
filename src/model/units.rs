//! Units as types: `Bytes`, `Cores`, `Ratio` and `SizeRange`, with the one parser and the one formatter.
//! Pure: no I/O. Sizes are binary everywhere (1 MB = 1 MiB), as Docker, `free` and `df -h` print them.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

const KIB: f64 = 1024.0;

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
    #[error("'{0}' is more CPU than a host has: expected at most 1000000 cores")]
    TooManyCores(String),
}

/// An amount of memory or disk in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Bytes(pub u64);

impl Bytes {
    pub const ZERO: Bytes = Bytes(0);

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
        let bytes = value * KIB.powi(power as i32);
        if bytes > u64::MAX as f64 {
            return Err(UnitError::Size(text.to_string()));
        }
        Ok(Bytes(bytes.round() as u64))
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
                Ok(Bytes(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Bytes, E> {
                u64::try_from(v)
                    .map(Bytes)
                    .map_err(|_| E::custom(UnitError::Negative(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Bytes, E> {
                if v.is_finite() && v >= 0.0 {
                    Ok(Bytes(v.round() as u64))
                } else {
                    Err(E::custom(UnitError::Size(v.to_string())))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Bytes, E> {
                Bytes::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(BytesVisitor)
    }
}

/// A span of sizes, `50MB..100MB`; one size is a range of width zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SizeRange {
    #[serde(rename = "min_bytes")]
    pub min: Bytes,
    #[serde(rename = "max_bytes")]
    pub max: Bytes,
}

impl SizeRange {
    pub fn exactly(size: Bytes) -> SizeRange {
        SizeRange {
            min: size,
            max: size,
        }
    }

    pub fn parse(text: &str) -> Result<SizeRange, UnitError> {
        match text.split_once("..") {
            None => Bytes::parse(text).map(SizeRange::exactly),
            Some((low, high)) => {
                let min = Bytes::parse(low).map_err(|_| UnitError::Range(text.to_string()))?;
                let max = Bytes::parse(high).map_err(|_| UnitError::Range(text.to_string()))?;
                if min > max {
                    return Err(UnitError::Range(text.to_string()));
                }
                Ok(SizeRange { min, max })
            }
        }
    }
}

impl std::ops::Add for SizeRange {
    type Output = SizeRange;
    fn add(self, rhs: SizeRange) -> SizeRange {
        SizeRange {
            min: self.min + rhs.min,
            max: self.max + rhs.max,
        }
    }
}

impl fmt::Display for SizeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.min == self.max {
            write!(f, "{}", self.min)
        } else {
            write!(f, "{}..{}", self.min, self.max)
        }
    }
}

impl<'de> Deserialize<'de> for SizeRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RangeVisitor;
        impl Visitor<'_> for RangeVisitor {
            type Value = SizeRange;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a size such as '20MB' or a range such as '50MB..100MB'")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SizeRange, E> {
                Ok(SizeRange::exactly(Bytes(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SizeRange, E> {
                u64::try_from(v)
                    .map(|v| SizeRange::exactly(Bytes(v)))
                    .map_err(|_| E::custom(UnitError::Negative(v.to_string())))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SizeRange, E> {
                SizeRange::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(RangeVisitor)
    }
}

/// An amount of CPU in cores (1.0 = one core busy all the time).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Cores(pub f64);

impl Cores {
    pub const ZERO: Cores = Cores(0.0);
    /// More than any host has; larger figures are typing mistakes, and would overflow sums.
    pub const MAX: f64 = 1_000_000.0;

    /// `value` cores, when it is a sane amount; `text` is what the user wrote.
    fn checked(value: f64, text: &str) -> Result<Cores, UnitError> {
        if !value.is_finite() {
            Err(UnitError::Cpu(text.to_string()))
        } else if value < 0.0 {
            Err(UnitError::Negative(text.to_string()))
        } else if value > Cores::MAX {
            Err(UnitError::TooManyCores(text.to_string()))
        } else {
            Ok(Cores(value))
        }
    }

    pub fn as_f64(self) -> f64 {
        self.0
    }

    /// Reads `0.5` (cores), `500m` (millicores) or `20%` (a percent of ONE core, as `docker stats`).
    pub fn parse(text: &str) -> Result<Cores, UnitError> {
        let trimmed = text.trim();
        let (number, scale) = if let Some(n) = trimmed.strip_suffix('%') {
            (n, 0.01)
        } else if let Some(n) = trimmed.strip_suffix('m') {
            (n, 0.001)
        } else {
            (trimmed, 1.0)
        };
        let value: f64 = number
            .trim()
            .parse()
            .map_err(|_| UnitError::Cpu(text.to_string()))?;
        if value < 0.0 {
            return Err(UnitError::Negative(text.to_string()));
        }
        Cores::checked(value * scale, text)
    }
}

impl fmt::Display for Cores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 != 0.0 && self.0.abs() < 0.1 {
            write!(f, "{:.3}", self.0)
        } else {
            write!(f, "{:.2}", self.0)
        }
    }
}

impl std::ops::Add for Cores {
    type Output = Cores;
    fn add(self, rhs: Cores) -> Cores {
        Cores(self.0 + rhs.0)
    }
}

impl std::ops::AddAssign for Cores {
    fn add_assign(&mut self, rhs: Cores) {
        self.0 += rhs.0;
    }
}

impl std::iter::Sum for Cores {
    fn sum<I: Iterator<Item = Cores>>(iter: I) -> Cores {
        iter.fold(Cores::ZERO, |a, b| a + b)
    }
}

impl Serialize for Cores {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Six decimals keep JSON stable across float noise from summing.
        serializer.serialize_f64((self.0 * 1e6).round() / 1e6)
    }
}

impl<'de> Deserialize<'de> for Cores {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CoresVisitor;
        impl Visitor<'_> for CoresVisitor {
            type Value = Cores;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a CPU amount such as '0.5', '500m' or '20%'")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cores, E> {
                Cores::checked(v as f64, &v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cores, E> {
                Cores::checked(v as f64, &v.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cores, E> {
                Cores::checked(v, &v.to_string()).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cores, E> {
                Cores::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(CoresVisitor)
    }
}

/// A share of a whole, from 0 to 1, written as `10%` or `0.1`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Ratio(f64);

impl Ratio {
    pub fn new(share: f64) -> Result<Ratio, UnitError> {
        if share.is_finite() && (0.0..=1.0).contains(&share) {
            Ok(Ratio(share))
        } else {
            Err(UnitError::Ratio(share.to_string()))
        }
    }

    pub fn get(self) -> f64 {
        self.0
    }

    pub fn parse(text: &str) -> Result<Ratio, UnitError> {
        let trimmed = text.trim();
        let share = match trimmed.strip_suffix('%') {
            Some(n) => n.trim().parse::<f64>().map(|v| v / 100.0),
            None => trimmed.parse::<f64>(),
        }
        .map_err(|_| UnitError::Ratio(text.to_string()))?;
        Ratio::new(share).map_err(|_| UnitError::Ratio(text.to_string()))
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let percent = self.0 * 100.0;
        if (percent - percent.round()).abs() < 1e-9 {
            write!(f, "{percent:.0}%")
        } else {
            write!(f, "{percent:.1}%")
        }
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.0)
    }
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RatioVisitor;
        impl Visitor<'_> for RatioVisitor {
            type Value = Ratio;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a share such as '10%' or '0.1'")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Ratio, E> {
                Ratio::new(v as f64).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Ratio, E> {
                Ratio::new(v as f64).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Ratio, E> {
                Ratio::new(v).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ratio, E> {
                Ratio::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(RatioVisitor)
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
    }

    #[test]
    fn ranges() {
        assert_eq!(
            SizeRange::parse("50MB..100MB"),
            Ok(SizeRange {
                min: Bytes(50 * MIB),
                max: Bytes(100 * MIB)
            })
        );
        assert_eq!(
            SizeRange::parse("20MB"),
            Ok(SizeRange::exactly(Bytes(20 * MIB)))
        );
        assert!(SizeRange::parse("100MB..50MB").is_err());
        assert!(SizeRange::parse("50MB..").is_err());
    }

    #[test]
    fn cpu_in_cores_millicores_and_percent_of_one_core() {
        assert_eq!(Cores::parse("0.5"), Ok(Cores(0.5)));
        assert_eq!(Cores::parse("500m"), Ok(Cores(0.5)));
        assert_eq!(Cores::parse("2"), Ok(Cores(2.0)));
        let p = Cores::parse("0.20%").map(|c| c.0).unwrap_or(f64::NAN);
        assert!((p - 0.002).abs() < 1e-12);
        let p = Cores::parse("150%").map(|c| c.0).unwrap_or(f64::NAN);
        assert!((p - 1.5).abs() < 1e-12);
        assert!(Cores::parse("half").is_err());
        assert!(matches!(Cores::parse("-1"), Err(UnitError::Negative(_))));
        assert!(matches!(
            Cores::parse("1e308"),
            Err(UnitError::TooManyCores(_))
        ));
    }

    #[test]
    fn ratios() {
        assert_eq!(Ratio::parse("10%").map(Ratio::get), Ok(0.1));
        assert_eq!(Ratio::parse("0.7").map(Ratio::get), Ok(0.7));
        assert!(Ratio::parse("120%").is_err());
        assert!(Ratio::parse("ten").is_err());
        assert_eq!(
            Ratio::parse("70%").map(|r| r.to_string()),
            Ok("70%".to_string())
        );
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

        #[test]
        fn cores_round_trip_in_millicores(m in 0u32..1_000_000) {
            let c = Cores::parse(&format!("{m}m")).map(|c| c.0).unwrap_or(f64::NAN);
            prop_assert!((c - f64::from(m) / 1000.0).abs() < 1e-9);
        }
    }
}
