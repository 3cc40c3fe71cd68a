//! `Cores`: an amount of CPU, read from cores, millicores or a percent of one core. Pure.

use super::UnitError;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

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
                Cores::checked(v, &super::spell_f64(v)).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cores, E> {
                Cores::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(CoresVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    proptest! {
        #[test]
        fn cores_round_trip_in_millicores(m in 0u32..1_000_000) {
            let c = Cores::parse(&format!("{m}m")).map(|c| c.0).unwrap_or(f64::NAN);
            prop_assert!((c - f64::from(m) / 1000.0).abs() < 1e-9);
        }
    }
}
