//! Fuzz target: cgroup v1/v2 stat, limit, usage and pressure files.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::probes::cgroup(text);
    }
});
