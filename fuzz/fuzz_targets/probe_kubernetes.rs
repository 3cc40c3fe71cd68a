//! Fuzz target: `kubectl get nodes,pods -A -o json` output, read as a fleet.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::fleets::kubernetes(text);
    }
});
