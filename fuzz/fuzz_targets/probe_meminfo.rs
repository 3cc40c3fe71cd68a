//! Fuzz target: /proc/meminfo, and /proc/zoneinfo after a NUL.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::probes::meminfo(text);
    }
});
