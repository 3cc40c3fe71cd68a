//! Fuzz target: snapshot files as YAML, read, checked, placed, and written back by `scan`'s writers.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::files::snapshot(text);
    }
});
