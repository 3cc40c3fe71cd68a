//! Fuzz target: Prometheus instant-vector replies, one per query (NUL between them), assembled
//! into a fleet.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::fleets::prometheus(text);
    }
});
