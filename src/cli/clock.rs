//! Calendar arithmetic for the timestamps the command line writes (a scan's `taken_at`, an
//! imported catalog's `as_of`). The clock is read here, in `cli`, and nowhere below it.

use std::time::{SystemTime, UNIX_EPOCH};

pub use crate::model::date::civil_from_days;

/// Seconds since the epoch as `2026-11-28T16:50:07Z`.
pub fn rfc3339(secs: u64) -> String {
    let (year, month, day) = civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0));
    let rest = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Now, as `rfc3339` spells it.
pub fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_999), (2024, 10, 3));
        assert_eq!(civil_from_days(20_368), (2025, 10, 7));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_764_348_607), "2025-11-28T16:50:07Z");
    }
}
