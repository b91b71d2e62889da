//! Any bytes as a feed: parsing never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dossier_web::feed::parse_feed(data);
});
