//! Fuzz target: /proc/<pid>/stat, status, smaps_rollup and cgroup.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::probes::pid(text);
    }
});
