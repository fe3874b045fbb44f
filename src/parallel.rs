//! How the build's parallel loops share their work between threads.

/// The most assets or output files one thread takes at a time from a parallel loop over them.
/// Left to itself, rayon splits a loop on two threads into runs of thousands that a thread
/// cannot share once it has started one, so that at the end of a 10,000-asset build one
/// thread wrote pages alone for 30–40 ms while the other waited. A run of 32 costs one more
/// task per 32 items, which is nothing beside rendering one page.
pub const RUN: usize = 32;

/// Runs `work` on threads of its own beside the build's, when `apart`: for loops whose work
/// holds its thread while it waits for threads of its own (a spreadsheet writes each worksheet
/// on a new thread), so that the build's threads keep the cores busy meanwhile. On the build's
/// own threads when not `apart`, or when no thread can be started.
pub fn beside<T: Send>(apart: bool, work: impl FnOnce() -> T + Send) -> T {
    let pool = apart.then(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(rayon::current_num_threads())
            .build()
    });
    match pool {
        Some(Ok(pool)) => pool.install(work),
        _ => work(),
    }
}
