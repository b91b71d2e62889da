//! WARC
