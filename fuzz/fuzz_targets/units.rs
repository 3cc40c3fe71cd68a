//! Fuzz target: the size, CPU, share and size-range parsers, with their round trips.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::units::check(text);
    }
});
