//! Fuzz target: the planner on a structured snapshot, plan and catalog, with its invariants.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: hostfit_fuzz::analyze::Input| {
    hostfit_fuzz::analyze::check(&input);
});
