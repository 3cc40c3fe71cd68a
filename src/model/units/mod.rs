//! Units as types, one file each: `Bytes`, `SizeRange`, `Cores` and `Ratio`, with the one parser
//! and the one formatter of each. Pure: no I/O. Sizes are binary everywhere (1 MB = 1 MiB), as
//! Docker, `free` and `df -h` print them.

mod bytes;
mod cores;
mod ratio;
mod size_range;

pub use bytes::Bytes;
pub use cores::Cores;
pub use ratio::Ratio;
pub use size_range::SizeRange;

const KIB: f64 = 1024.0;

/// A number read as a float, spelled short for a message: `1e308`, not 309 digits.
fn spell_f64(v: f64) -> String {
    if v.is_finite() && v.abs() < 1e15 {
        v.to_string()
    } else {
        format!("{v:e}")
    }
}

/// Why a quantity could not be read. The text names what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnitError {
    #[error(
        "'{0}' is not a size: expected a number with an optional unit (B, KiB/KB/K, MiB/MB/M, GiB/GB/G, TiB/TB/T), e.g. '512MiB' or '1.8GB'"
    )]
    Size(String),
    #[error("'{0}' is not a size range: expected 'MIN..MAX' such as '50MB..100MB', or one size")]
    Range(String),
    #[error(
        "'{0}' is not a CPU amount: expected cores ('0.5'), millicores ('500m') or a percent of one core ('20%')"
    )]
    Cpu(String),
    #[error("'{0}' is not a share: expected a percent such as '10%' or a fraction from 0 to 1")]
    Ratio(String),
    #[error("'{0}' is negative: expected zero or more")]
    Negative(String),
    #[error("'{0}' is too large: expected at most 1 EiB (1048576TiB)")]
    TooLarge(String),
    #[error("'{0}' is too large: expected at most 1000000 cores")]
    TooManyCores(String),
}
