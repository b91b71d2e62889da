//! Any bytes as a page: extraction never panics and the offset map stays valid.
#![no_main]

use dossier_web::{PageOptions, extract_page};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = extract_page(data, &PageOptions::default());
    if let Err(e) = page.check_map() {
        panic!("offset map: {e}");
    }
});
