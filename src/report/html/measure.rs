//! How wide a label is drawn, estimated without a font: each character counts one unit, a Latin
//! capital one and a quarter (M and W, m and w one and a half), a CJK or full-width character
//! two. Charts size their boxes from this so that no label overflows; the browser test holds
//! the estimate against real fonts.

/// One unit in ems: about the advance of a Latin letter or digit in a wide sans-serif.
const UNIT_EM: f64 = 0.62;

/// Units of one character.
fn units(c: char) -> f64 {
    if matches!(u32::from(c), 0x200B..=0x200D | 0xFE00..=0xFE0F) {
        0.0
    } else if is_wide(c) {
        2.0
    } else if matches!(c, 'm' | 'w' | 'M' | 'W' | '@' | '%' | '—' | '…') {
        1.5
    } else if c.is_ascii_uppercase() && c != 'I' && c != 'J' {
        1.25
    } else {
        1.0
    }
}

/// East Asian wide and full-width characters: CJK ideographs, kana, hangul, CJK punctuation,
/// the full-width forms, and the symbols and emoji drawn as wide pictures (the verdicts' marks).
pub fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2600..=0x27BF
        | 0x1F300..=0x1FAFF
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// The estimated width in pixels of `text` at `size` pixels; bold text is 15% wider.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let units: f64 = text.chars().map(units).sum();
    let width = units * UNIT_EM * size;
    if bold { width * 1.15 } else { width }
}

/// `text` cut to fit `width` pixels at `size`, with an ellipsis when cut; `None` when not even
/// the ellipsis fits.
pub fn fit(text: &str, size: f64, bold: bool, width: f64) -> Option<String> {
    if text_width(text, size, bold) <= width {
        return Some(text.to_string());
    }
    let mut out = String::new();
    for c in text.chars() {
        let candidate = format!("{out}{c}…");
        if text_width(&candidate, size, bold) > width {
            break;
        }
        out.push(c);
    }
    let cut = format!("{out}…");
    (text_width(&cut, size, bold) <= width && !out.is_empty()).then_some(cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_twice_a_latin_letter() {
        let latin = text_width("ab", 12.0, false);
        let cjk = text_width("内存", 12.0, false);
        assert!((cjk - 2.0 * latin).abs() < 1e-9, "{latin} {cjk}");
        assert!(is_wide('，') && is_wide('存') && !is_wide('a') && !is_wide('é'));
        assert!(text_width("ab", 12.0, true) > latin);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_only_when_needed() {
        assert_eq!(fit("memory", 12.0, false, 100.0).as_deref(), Some("memory"));
        let cut = fit("ecs.u1-c1m1.2xlarge", 12.0, false, 60.0).unwrap_or_default();
        assert!(
            cut.ends_with('…') && text_width(&cut, 12.0, false) <= 60.0,
            "{cut}"
        );
        assert_eq!(fit("内存需求", 12.0, false, 5.0), None);
    }
}
