//! Lengths of time on the command line (`--for 10m`, `--every 5s`, `--since 7d`, `--retain
//! 30d`, `scan --interval 1s`, `place --time 1s`): a number and one unit of ms, s, m, h or d.
//! Parsing only; a refusal is a `SpanError`, worded from the tables.

use std::time::Duration;

/// Why a length of time on the command line was refused; worded from the `cli.span` entries
/// of the tables when clap reports it (`clap_error`), in English otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanError {
    /// Not a number with one unit of ms, s, m, h or d.
    NotATime,
    /// Above the most the flag takes.
    TooLong(Limit),
    /// Zero where a length is needed.
    Zero,
    /// A sampler's interval below 100 milliseconds.
    TooShort,
}

/// The most a flag takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    TenYears,
    TenMinutes,
}

impl SpanError {
    /// Its entry in the tables.
    pub fn key(self) -> &'static str {
        match self {
            SpanError::NotATime => "cli.span.not_a_time",
            SpanError::TooLong(Limit::TenYears) => "cli.span.too_long_years",
            SpanError::TooLong(Limit::TenMinutes) => "cli.span.too_long_minutes",
            SpanError::Zero => "cli.span.zero",
            SpanError::TooShort => "cli.span.too_short",
        }
    }
}

impl std::fmt::Display for SpanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            crate::report::messages::Msg::new(crate::report::Lang::En)
                .t(self.key())
                .as_str(),
        )
    }
}

impl std::error::Error for SpanError {}

/// `500ms`, `5s`, `10m`, `2h`, `7d`; a bare number is seconds. At most `limit`.
fn parse_within(text: &str, limit: Limit) -> Result<Duration, SpanError> {
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
    let value: f64 = number.trim().parse().map_err(|_| SpanError::NotATime)?;
    if !value.is_finite() || value < 0.0 || number.trim().is_empty() {
        return Err(SpanError::NotATime);
    }
    let seconds = value * scale;
    let most = match limit {
        Limit::TenYears => 10.0 * 365.0 * 86_400.0,
        Limit::TenMinutes => 600.0,
    };
    if seconds > most {
        return Err(SpanError::TooLong(limit));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// `500ms`, `5s`, `10m`, `2h`, `7d`; a bare number is seconds. At most ten years.
pub fn parse_span(text: &str) -> Result<Duration, SpanError> {
    parse_within(text, Limit::TenYears)
}

/// A span that is not zero.
pub fn parse_positive_span(text: &str) -> Result<Duration, SpanError> {
    let d = parse_span(text)?;
    if d.is_zero() {
        return Err(SpanError::Zero);
    }
    Ok(d)
}

/// The interval of a sampler: at least 100 milliseconds.
pub fn parse_every(text: &str) -> Result<Duration, SpanError> {
    let d = parse_span(text)?;
    if d < Duration::from_millis(100) {
        return Err(SpanError::TooShort);
    }
    Ok(d)
}

/// The interval one scan measures CPU over: zero (no CPU figures) up to ten minutes (a longer
/// look is `scan --for`).
pub fn parse_interval(text: &str) -> Result<Duration, SpanError> {
    parse_within(text, Limit::TenMinutes)
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
        assert_eq!(parse_span("1y"), Err(SpanError::NotATime));
        assert_eq!(
            parse_span("99999d"),
            Err(SpanError::TooLong(Limit::TenYears))
        );
        assert_eq!(parse_positive_span("0s"), Err(SpanError::Zero));
        assert_eq!(parse_every("50ms"), Err(SpanError::TooShort));
        assert_eq!(parse_every("1s"), Ok(Duration::from_secs(1)));
    }

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("0"), Ok(Duration::ZERO));
        assert_eq!(parse_interval("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_interval("2.5s"), Ok(Duration::from_millis(2500)));
        assert_eq!(parse_interval("2"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_interval("10m"), Ok(Duration::from_secs(600)));
        for bad in ["", "fast", "-1s", "NaNs", "inf", "2 weeks"] {
            assert_eq!(parse_interval(bad), Err(SpanError::NotATime), "{bad}");
        }
        assert_eq!(
            parse_interval("61m"),
            Err(SpanError::TooLong(Limit::TenMinutes))
        );
    }

    #[test]
    fn spans_shown() {
        assert_eq!(show_span(Duration::from_millis(4500)), "4.5s");
        assert_eq!(show_span(Duration::from_secs(5)), "5s");
        assert_eq!(show_span(Duration::from_secs(600)), "10m");
        assert_eq!(show_span(Duration::from_secs(93_784)), "1d 2h 3m 4s");
    }
}
