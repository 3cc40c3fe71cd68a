//! The unit parsers (`Bytes`, `Cores`, `Ratio`, `SizeRange`) on any text: what they accept is in
//! range, the exact spelling of a size reads back as the same size, the spellings people read
//! (`Display`) read back within their rounding, and every error reads back from its message.

use hostfit::model::{Bytes, Cores, Ratio, SizeRange, UnitError};

const MIB: f64 = 1024.0 * 1024.0;

/// Every parser on `text`, with the checks above.
pub fn check(text: &str) {
    error_round_trip(Bytes::parse(text).map(bytes));
    error_round_trip(Cores::parse(text).map(cores));
    error_round_trip(Ratio::parse(text).map(ratio));
    error_round_trip(SizeRange::parse(text).map(size_range));
}

fn error_round_trip(result: Result<(), UnitError>) {
    if let Err(error) = result {
        assert_eq!(
            UnitError::parse_message(&error.to_string()),
            Some(error.clone()),
            "the message of {error:?} does not read back"
        );
    }
}

fn bytes(b: Bytes) {
    assert!(
        b.0 <= Bytes::MAX_INPUT,
        "{b:?} is above the largest size read"
    );
    assert_eq!(
        Bytes::parse(&b.exact()),
        Ok(b),
        "exact spelling {}",
        b.exact()
    );
    let shown = b.to_string();
    let back = Bytes::parse(&shown);
    let back = back.unwrap_or_else(|e| panic!("{b:?} shown as {shown:?} does not read: {e}"));
    // one decimal of MiB, whole MiB, or one decimal of GiB; and the float's own precision
    let tolerance = if b.as_mib() < 100.0 {
        0.05 * MIB
    } else if b.as_mib() < 10240.0 {
        0.5 * MIB
    } else {
        0.05 * 1024.0 * MIB
    };
    let off = (back.0 as f64 - b.0 as f64).abs();
    assert!(
        off <= tolerance + 1.0 + b.0 as f64 * f64::EPSILON * 4.0,
        "{b:?} shown as {shown:?} reads back as {back:?}"
    );
}

fn cores(c: Cores) {
    assert!(
        c.0.is_finite() && c.0 >= 0.0 && c.0 <= Cores::MAX,
        "{c:?} is out of range"
    );
    let shown = c.to_string();
    let back = Cores::parse(&shown);
    let back = back.unwrap_or_else(|e| panic!("{c:?} shown as {shown:?} does not read: {e}"));
    // two decimals, or three below 0.1
    let tolerance = if c.0 != 0.0 && c.0 < 0.1 {
        0.0005
    } else {
        0.005
    };
    assert!(
        (back.0 - c.0).abs() <= tolerance * (1.0 + 1e-9) + c.0 * f64::EPSILON * 4.0,
        "{c:?} shown as {shown:?} reads back as {back:?}"
    );
}

fn ratio(r: Ratio) {
    assert!((0.0..=1.0).contains(&r.get()), "{r:?} is out of range");
    let shown = r.to_string();
    let back = Ratio::parse(&shown);
    let back = back.unwrap_or_else(|e| panic!("{r:?} shown as {shown:?} does not read: {e}"));
    // a percent with at most one decimal
    assert!(
        (back.get() - r.get()).abs() <= 0.0005 + 1e-12,
        "{r:?} shown as {shown:?} reads back as {back:?}"
    );
}

fn size_range(r: SizeRange) {
    assert!(r.min <= r.max, "{r:?} is upside down");
    bytes(r.min);
    bytes(r.max);
    let exact = format!("{}..{}", r.min.exact(), r.max.exact());
    assert_eq!(SizeRange::parse(&exact), Ok(r), "exact spelling {exact}");
}

/// The lengths of time of the command line (`cli::span`) on any text: each parser keeps to its
/// bounds (ten years, ten minutes, not zero, at least 100 ms), they agree with one another, a
/// length read back from its seconds is the same to the microsecond, and every refusal has a
/// message and an entry in the tables.
pub fn span(text: &str) {
    use hostfit::cli::span::{
        parse_every, parse_interval, parse_positive_span, parse_span, show_span,
    };
    use std::time::Duration;
    const TEN_YEARS: Duration = Duration::from_secs(10 * 365 * 86_400);
    let span = parse_span(text);
    assert_eq!(parse_span(text), span, "not deterministic");
    for result in [
        span,
        parse_positive_span(text),
        parse_every(text),
        parse_interval(text),
    ] {
        if let Err(error) = result {
            assert!(!error.to_string().is_empty() && !error.key().is_empty());
        }
    }
    let Ok(d) = span else {
        assert!(parse_positive_span(text).is_err() && parse_every(text).is_err());
        return;
    };
    assert!(d <= TEN_YEARS, "{text:?} read as {d:?}");
    let _ = show_span(d);
    assert_eq!(parse_positive_span(text).ok(), (!d.is_zero()).then_some(d));
    assert_eq!(
        parse_every(text).ok(),
        (d >= Duration::from_millis(100)).then_some(d)
    );
    // ten minutes is compared in seconds before they are a `Duration`, which may round
    let interval = parse_interval(text).ok();
    match d.cmp(&Duration::from_secs(600)) {
        std::cmp::Ordering::Less => assert_eq!(interval, Some(d), "{text:?}"),
        std::cmp::Ordering::Greater => assert_eq!(interval, None, "{text:?}"),
        std::cmp::Ordering::Equal => assert!(interval.is_none_or(|i| i == d), "{text:?}"),
    }
    let seconds = format!("{}s", d.as_secs_f64());
    let back = parse_span(&seconds);
    let back = back.unwrap_or_else(|e| panic!("{d:?} as {seconds:?}: {e:?}"));
    assert!(
        back.abs_diff(d) <= Duration::from_micros(1),
        "{d:?} as {seconds:?}: {back:?}"
    );
}
