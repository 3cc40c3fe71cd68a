//! Fuzz target: lengths of time of the command line (`--for 7d`, `--every 500ms`, `--interval 1s`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::units::span(text);
    }
});
