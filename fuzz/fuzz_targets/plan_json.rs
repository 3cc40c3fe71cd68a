//! Fuzz target: plan files as JSON (seeds in JSON; the same reader takes both).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::files::plan(text);
    }
});
