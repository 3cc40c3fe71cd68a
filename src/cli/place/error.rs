//! What `hostfit place` alone can fail on, worded from the `place` area of the en/zh tables.

use crate::report::messages::Msg;

#[derive(Debug)]
pub enum PlaceError {
    /// `--hosts` matched no file.
    NoHosts {
        pattern: String,
    },
    Prometheus {
        url: String,
        error: String,
    },
    Kubernetes {
        path: String,
        error: String,
    },
    /// `--window` is not a Prometheus duration.
    BadWindow {
        value: String,
    },
    /// `--time` or `--timeout` is not a duration.
    BadTime {
        value: String,
    },
    UnknownLabelHost {
        host: String,
    },
    UnknownService {
        service: String,
    },
    DuplicateHost {
        host: String,
    },
}

impl PlaceError {
    pub fn sentence(&self, msg: &Msg) -> String {
        let s = |v: &String| v.clone();
        match self {
            PlaceError::NoHosts { pattern } => {
                msg.f("place.cli.no_hosts", &[("pattern", s(pattern))])
            }
            PlaceError::Prometheus { url, error } => msg.f(
                "place.cli.prometheus",
                &[("url", s(url)), ("error", s(error))],
            ),
            PlaceError::Kubernetes { path, error } => msg.f(
                "place.cli.kubernetes",
                &[("path", s(path)), ("error", s(error))],
            ),
            PlaceError::BadWindow { value } => {
                msg.f("place.cli.bad_window", &[("value", s(value))])
            }
            PlaceError::BadTime { value } => msg.f("place.cli.bad_time", &[("value", s(value))]),
            PlaceError::UnknownLabelHost { host } => {
                msg.f("place.cli.unknown_label_host", &[("host", s(host))])
            }
            PlaceError::UnknownService { service } => {
                msg.f("place.cli.unknown_service", &[("service", s(service))])
            }
            PlaceError::DuplicateHost { host } => {
                msg.f("place.cli.duplicate_host", &[("host", s(host))])
            }
        }
    }

    /// One of each, for the test that every error is worded in both languages.
    pub fn one_of_each() -> Vec<PlaceError> {
        let v = || "x".to_string();
        vec![
            PlaceError::NoHosts { pattern: v() },
            PlaceError::Prometheus {
                url: v(),
                error: v(),
            },
            PlaceError::Kubernetes {
                path: v(),
                error: v(),
            },
            PlaceError::BadWindow { value: v() },
            PlaceError::BadTime { value: v() },
            PlaceError::UnknownLabelHost { host: v() },
            PlaceError::UnknownService { service: v() },
            PlaceError::DuplicateHost { host: v() },
        ]
    }
}

/// A duration as `--time` and `--timeout` take it: `1s`, `500ms`, `2.5s`, `2m`, or bare seconds.
pub(super) fn parse_seconds(text: &str) -> Option<f64> {
    crate::cli::span::parse_span(text)
        .ok()
        .map(|d| d.as_secs_f64())
}

/// Whether `text` is a Prometheus duration (`7d`, `12h`, `1h30m`).
pub(super) fn is_prom_duration(text: &str) -> bool {
    let mut rest = text;
    let mut any = false;
    while !rest.is_empty() {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &rest[digits..];
        let unit = ["ms", "s", "m", "h", "d", "w", "y"]
            .into_iter()
            .find(|u| rest.starts_with(u));
        match unit {
            Some(u) => rest = &rest[u.len()..],
            None => return false,
        }
        any = true;
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_seconds("1s"), Some(1.0));
        assert_eq!(parse_seconds("500ms"), Some(0.5));
        assert_eq!(parse_seconds("2"), Some(2.0));
        assert_eq!(parse_seconds("1h"), Some(3600.0));
        assert_eq!(parse_seconds("fast"), None);
        assert!(is_prom_duration("7d") && is_prom_duration("1h30m"));
        assert!(!is_prom_duration("7") && !is_prom_duration("d") && !is_prom_duration("7 d"));
    }
}
