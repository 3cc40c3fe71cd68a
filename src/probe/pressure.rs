//! Pressure stall information from the text of `/proc/pressure/{cpu,memory,io}`.
//! Pure parsing: the caller fetches the files and skips those the kernel does not offer.

use super::error::ProbeError;

/// The ten-second averages of one PSI file, in percent of time stalled.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Stall {
    pub(crate) some_avg10: Option<f64>,
    pub(crate) full_avg10: Option<f64>,
}

/// Lines such as `some avg10=0.33 avg60=0.75 avg300=1.11 total=7717676`.
pub fn parse_pressure(text: &str) -> Result<Stall, ProbeError> {
    let mut stall = Stall::default();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let kind = words.next();
        let avg10 = words
            .find_map(|w| w.strip_prefix("avg10="))
            .map(|v| {
                v.parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .ok_or_else(|| ProbeError::format("pressure", format!("'{line}'")))
            })
            .transpose()?;
        match kind {
            Some("some") => stall.some_avg10 = avg10,
            Some("full") => stall.full_avg10 = avg10,
            _ => {}
        }
    }
    if stall.some_avg10.is_none() {
        return Err(ProbeError::format("pressure", "no 'some avg10=' line"));
    }
    Ok(stall)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_some_and_full() {
        let text = "some avg10=0.33 avg60=0.75 avg300=1.11 total=7717676\n\
                    full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";
        assert_eq!(
            parse_pressure(text).ok(),
            Some(Stall {
                some_avg10: Some(0.33),
                full_avg10: Some(0.0)
            })
        );
    }

    #[test]
    fn bad_text_is_an_error() {
        assert!(parse_pressure("").is_err());
        assert!(parse_pressure("some avg10=x\n").is_err());
        assert!(parse_pressure("some avg10=NaN\n").is_err());
    }
}
