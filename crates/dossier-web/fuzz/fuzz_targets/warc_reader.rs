//! Any bytes as an archive: the reader never panics, ends, and yields whole records.
#![no_main]

use dossier_web::warc::WarcReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(reader) = WarcReader::new(std::io::Cursor::new(data.to_vec())) else { return };
    for record in reader.take(10_000) {
        if let Ok(r) = record {
            let _ = r.payload();
        }
    }
});
