//! Fuzz target: the Alibaba Cloud price-list importer on any text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = hostfit_fuzz::text(data) {
        hostfit_fuzz::catalogs::aliyun(text);
    }
});
