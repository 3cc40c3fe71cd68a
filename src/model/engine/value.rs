//! `Setting`: the value of one engine setting, a plain number (bytes, a count, a ratio, or `-1`
//! for "the engine works it out"). Written as an integer when whole; read from a number or a
//! size such as `64MiB`, so that a hand-written snapshot reads as people write sizes. Pure.

use crate::model::units::Bytes;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Setting(pub f64);

impl Serialize for Setting {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            serializer.serialize_i64(v as i64)
        } else {
            serializer.serialize_f64(v)
        }
    }
}

impl<'de> Deserialize<'de> for Setting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SettingVisitor;
        impl Visitor<'_> for SettingVisitor {
            type Value = Setting;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, or a size such as '64MiB'")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Setting, E> {
                Ok(Setting(v as f64))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Setting, E> {
                Ok(Setting(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Setting, E> {
                if v.is_finite() {
                    Ok(Setting(v))
                } else {
                    Err(E::custom(format!("'{v}' is not a number")))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Setting, E> {
                if let Ok(n) = v.trim().parse::<f64>()
                    && n.is_finite()
                {
                    return Ok(Setting(n));
                }
                Bytes::parse(v)
                    .map(|b| Setting(b.0 as f64))
                    .map_err(E::custom)
            }
        }
        deserializer.deserialize_any(SettingVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_values_are_integers() {
        let json = |v: f64| serde_json::to_string(&Setting(v)).unwrap_or_default();
        assert_eq!(json(67108864.0), "67108864");
        assert_eq!(json(-1.0), "-1");
        assert_eq!(json(1.25), "1.25");
        let read = |t: &str| serde_json::from_str::<Setting>(t).ok();
        assert_eq!(read("\"1GiB\""), Some(Setting(1073741824.0)));
        assert_eq!(read("\"2.5\""), Some(Setting(2.5)));
        assert_eq!(read("-1"), Some(Setting(-1.0)));
        assert_eq!(read("\"lots\""), None);
    }
}
