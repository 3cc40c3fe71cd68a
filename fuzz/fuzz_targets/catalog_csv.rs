//! Fuzz target: a user's catalog as CSV, its problems placed at cells, a valid one written and read back.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::catalogs::csv(text);
    }
});
