//! Lengths of time on the command line (`--for 10m`, `--every 5s`, `--since 7d`, `--retain
//! 30d`): a number and one unit of ms, s, m, h or d. Parsing only.

use std::time::Duration;

/// `500ms`, `5s`, `10m`, `2h`, `7d`; a bare number is seconds. At most ten years.
pub fn parse_span(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let units: [(&str, f64); 5] = [
        ("ms", 0.001),
        ("s", 1.0),
        ("m", 60.0),
        ("h", 3600.0),
        ("d", 86_400.0),
    ];
    let (number, scale) = units
        .iter()
        .find_map(|(u, f)| t.strip_suffix(u).map(|n| (n, *f)))
        .unwrap_or((t, 1.0));
    let bad = || {
        format!(
            "'{text}' is not a length of time: expected e.g. '500ms', '5s', '10m', '2h' or '7d'"
        )
    };
    let value: f64 = number.trim().parse().map_err(|_| bad())?;
    if !value.is_finite() || value < 0.0 || number.trim().is_empty() {
        return Err(bad());
    }
    let seconds = value * scale;
    if seconds > 10.0 * 365.0 * 86_400.0 {
        return Err(format!("'{text}' is too long: at most ten years"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// A span that is not zero.
pub fn parse_positive_span(text: &str) -> Result<Duration, String> {
    let d = parse_span(text)?;
    if d.is_zero() {
        return Err(format!(
            "'{text}' is no time at all: give a length above zero"
        ));
    }
    Ok(d)
}

/// The interval of a sampler: at least 100 milliseconds.
pub fn parse_every(text: &str) -> Result<Duration, String> {
    let d = parse_span(text)?;
    if d < Duration::from_millis(100) {
        return Err(format!("'{text}' is too short: sample at most every 100ms"));
    }
    Ok(d)
}

/// A length of time as people read it: `1d 2h`, `10m`, `4.5s`.
pub fn show_span(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 60.0 {
        let text = format!("{s:.1}");
        return format!("{}s", text.trim_end_matches('0').trim_end_matches('.'));
    }
    let total = d.as_secs();
    let (days, hours, minutes, seconds) = (
        total / 86_400,
        total / 3600 % 24,
        total / 60 % 60,
        total % 60,
    );
    let parts: Vec<String> = [(days, "d"), (hours, "h"), (minutes, "m"), (seconds, "s")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, u)| format!("{n}{u}"))
        .collect();
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans() {
        assert_eq!(parse_span("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_span("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_span("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_span("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_span("7d"), Ok(Duration::from_secs(604_800)));
        assert_eq!(parse_span("30"), Ok(Duration::from_secs(30)));
        for bad in ["", "d", "fast", "-1s", "1y", "NaNs", "99999d"] {
            assert!(parse_span(bad).is_err(), "{bad}");
        }
        assert!(parse_positive_span("0s").is_err());
        assert!(parse_every("50ms").is_err());
        assert_eq!(parse_every("1s"), Ok(Duration::from_secs(1)));
    }

    #[test]
    fn spans_shown() {
        assert_eq!(show_span(Duration::from_millis(4500)), "4.5s");
        assert_eq!(show_span(Duration::from_secs(5)), "5s");
        assert_eq!(show_span(Duration::from_secs(600)), "10m");
        assert_eq!(show_span(Duration::from_secs(93_784)), "1d 2h 3m 4s");
    }
}
