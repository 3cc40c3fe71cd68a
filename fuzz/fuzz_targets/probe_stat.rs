//! Fuzz target: /proc/stat and CPU lists.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::probes::stat(text);
    }
});
