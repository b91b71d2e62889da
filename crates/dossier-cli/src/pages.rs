//! Memory-page policy for the store's corpus rebuild.
//!
//! mimalloc asks the kernel for transparent huge pages, which pays off in the analysis (model
//! weights and per-document layers are read over and over, and 2 MiB pages save TLB misses:
//! te3-silver analysis takes about 10 % longer without them). The corpus rebuild is the
//! opposite case: it builds many short-lived maps once, and every first touch of a huge
//! page makes the kernel zero 2 MiB. On the 2,452 TempEval-3 silver documents the rebuild
//! spent a third of its samples in `clear_page_erms` (`perf record -g dossier actors` on a
//! dirty store) and took 0.56-0.58 s of CPU against 0.43-0.45 s with huge pages off.
//! So the rebuild, which runs after the analysis is over, runs with them off.

/// Runs `f` with transparent huge pages disabled for the process (Linux; elsewhere `f` just
/// runs), restoring the previous setting afterwards.
pub fn without_huge_pages<T>(f: impl FnOnce() -> T) -> T {
    #[cfg(target_os = "linux")]
    {
        use rustix::thread::{disable_transparent_huge_pages, transparent_huge_pages_are_disabled};
        // Only where we can read and change the setting; failure just leaves it as it was.
        let was_disabled = transparent_huge_pages_are_disabled().unwrap_or(true);
        if !was_disabled {
            let _ = disable_transparent_huge_pages(true);
        }
        let out = f();
        if !was_disabled {
            let _ = disable_transparent_huge_pages(false);
        }
        out
    }
    #[cfg(not(target_os = "linux"))]
    {
        f()
    }
}

#[cfg(test)]
mod tests {
    use super::without_huge_pages;

    #[test]
    fn runs_the_work_and_restores_the_setting() {
        #[cfg(target_os = "linux")]
        let before = rustix::thread::transparent_huge_pages_are_disabled().ok();
        assert_eq!(without_huge_pages(|| 6 * 7), 42);
        #[cfg(target_os = "linux")]
        assert_eq!(rustix::thread::transparent_huge_pages_are_disabled().ok(), before);
    }
}
