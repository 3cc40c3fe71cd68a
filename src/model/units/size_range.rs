//! `SizeRange`: a span of sizes such as `50MB..100MB`, as the parts of a service are estimated. Pure.

use super::{Bytes, UnitError};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

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

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1024 * 1024;

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
}
