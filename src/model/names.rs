//! Names close to one that is known: the one "did you mean" of the project, for keys, values,
//! columns and catalog names alike. Pure.

/// The known name closest to `unknown` when it is close enough to be a slip (Jaro-Winkler
/// similarity of 0.7 or more): the one "did you mean" of hostfit, for keys, values and columns.
pub fn closest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), *k))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, _)| *score >= 0.7)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slip_finds_its_name_and_a_stranger_none() {
        assert_eq!(closest("nmae", &["name", "taken_at"]), Some("name"));
        assert_eq!(closest("alyun", &["aliyun", "aws"]), Some("aliyun"));
        assert_eq!(closest("zzz", &["aliyun", "aws"]), None);
        assert_eq!(closest("x", &[]), None);
    }
}
