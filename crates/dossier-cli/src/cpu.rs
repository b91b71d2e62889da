//! CPU time of the calling thread, to say what a stage costs whatever else the machine runs
//! (a shared virtual machine loses whole slices of wall-clock time to its neighbours).

use std::time::Duration;

/// CPU time (user and system) the calling thread has used so far. Where the platform has no
/// per-thread clock, the wall-clock time since the first call.
pub fn thread_time() -> Duration {
    #[cfg(unix)]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
        Duration::new(u64::try_from(t.tv_sec).unwrap_or(0), u32::try_from(t.tv_nsec).unwrap_or(0))
    }
    #[cfg(not(unix))]
    {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed()
    }
}

/// CPU time the calling thread has used since `start` (a [`thread_time`] reading taken on
/// the same thread); never negative.
pub fn since(start: Duration) -> Duration {
    thread_time().saturating_sub(start)
}

#[cfg(test)]
mod tests {
    use super::{since, thread_time};

    #[test]
    #[cfg(unix)]
    fn thread_time_advances_with_work_and_not_with_sleep() {
        let t0 = thread_time();
        let mut x = 0u64;
        for i in 0..20_000_000u64 {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(i));
        }
        let busy = since(t0);
        assert!(busy > std::time::Duration::ZERO, "{x}");
        let t1 = thread_time();
        std::thread::sleep(std::time::Duration::from_millis(200));
        let asleep = since(t1);
        // Sleeping costs (almost) no CPU: far less than the 200 ms slept.
        assert!(asleep < std::time::Duration::from_millis(100), "{asleep:?}");
    }
}
