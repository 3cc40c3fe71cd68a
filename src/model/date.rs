//! The two date spellings hostfit reads: RFC 3339 timestamps (a snapshot's `taken_at`) and
//! calendar dates `YYYY-MM-DD` (a catalog's `as_of`, `--as-of`): checks, and the spelling of a
//! time given as seconds since the epoch (a forecast's date). Pure.

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

/// Seconds since the epoch as the calendar date `YYYY-MM-DD` (UTC).
pub fn ymd_of_unix(secs: i64) -> String {
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339_of_unix(secs: i64) -> String {
    let rest = secs.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        ymd_of_unix(secs),
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Whether `text` is a calendar date `YYYY-MM-DD` that exists (2024-02-29 does, 2025-02-29 not).
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) =
        (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]))
    else {
        return false;
    };
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// Whether `text` is an RFC 3339 timestamp: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`,
/// with `t`, `z` or a space accepted where RFC 3339 allows them.
pub fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 20 || !is_date(&text[..10]) || !matches!(b[10], b'T' | b't' | b' ') {
        return false;
    }
    let time = &b[11..];
    if time.len() < 9 || time[2] != b':' || time[5] != b':' {
        return false;
    }
    let (Some(h), Some(m), Some(s)) = (
        digits(&time[0..2]),
        digits(&time[3..5]),
        digits(&time[6..8]),
    ) else {
        return false;
    };
    if h > 23 || m > 59 || s > 60 {
        return false;
    }
    let mut rest = &time[8..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let n = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            matches!((digits(&[*h1, *h2]), digits(&[*m1, *m2])), (Some(h), Some(m)) if h <= 23 && m <= 59)
        }
        _ => false,
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_times_spelled() {
        assert_eq!(ymd_of_unix(0), "1970-01-01");
        assert_eq!(ymd_of_unix(951_782_400), "2000-02-29");
        assert_eq!(rfc3339_of_unix(1_764_348_607), "2025-11-28T16:50:07Z");
        assert_eq!(ymd_of_unix(-1), "1969-12-31");
    }

    #[test]
    fn calendar_dates() {
        for good in ["2025-10-07", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2025-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-1-07",
            "yesterday",
            "2025-10-07T00:00:00Z",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn timestamps() {
        for good in [
            "2025-10-07T12:00:00+08:00",
            "2025-10-07T12:00:00Z",
            "2025-10-07t12:00:00.123456z",
            "2025-10-07 12:00:00-05:30",
            "2016-12-31T23:59:60Z",
        ] {
            assert!(is_rfc3339(good), "{good}");
        }
        for bad in [
            "2025-10-07",
            "2025-10-07T12:00:00",
            "2025-10-07T24:00:00Z",
            "2025-10-07T12:00:00+8:00",
            "2025-02-30T12:00:00Z",
            "2025-10-07T12:00:00.Z",
            "now",
            "t",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }
}
