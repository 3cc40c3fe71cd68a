//! `Ratio`: a share of a whole, from 0 to 1, written `10%` or `0.1`. Pure.

use super::UnitError;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

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
}
