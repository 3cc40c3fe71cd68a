//! Fuzz target: docker-compose files (seeds in YAML), read into plan services, their problems placed.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::files::compose(text);
    }
});
