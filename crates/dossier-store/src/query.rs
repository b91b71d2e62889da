//! Read queries over the corpus record.
