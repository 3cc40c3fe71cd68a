//! Fuzz target: /proc/net/{tcp,udp} tables.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::probes::net(text);
    }
});
