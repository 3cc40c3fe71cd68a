//! Fuzz target: `df` output, and its round trip through the `--output` format.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::probes::df(text);
    }
});
