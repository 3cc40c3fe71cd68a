//! Fuzz target: catalog files as YAML, read, checked, placed, and a valid one written and read back.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::files::catalog(text);
    }
});
