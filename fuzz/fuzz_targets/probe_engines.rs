//! Fuzz target: database engine configuration files (`my.cnf`, `postgresql.conf`, `redis.conf`,
//! `jvm.options`, `neo4j.conf`: the first byte picks which), line by line, and their sizes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    hostfit_fuzz::engines::check(data);
});
