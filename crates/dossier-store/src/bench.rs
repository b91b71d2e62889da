//! Synthetic corpus generator for store benchmarks.
