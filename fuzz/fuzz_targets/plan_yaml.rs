//! Fuzz target: plan files as YAML (seeds in YAML), read, checked and their problems placed.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::files::plan(text);
    }
});
