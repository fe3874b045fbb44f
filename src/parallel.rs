//! How the build's parallel loops share their work between threads.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

/// The most assets or output files one thread takes at a time from a parallel loop over them.
/// Left to itself, rayon splits a loop on two threads into runs of thousands that a thread
/// cannot share once it has started one, so that at the end of a 10,000-asset build one
/// thread wrote pages alone for 30–40 ms while the other waited. A run of 32 costs one more
/// task per 32 items, which is nothing beside rendering one page.
pub const RUN: usize = 32;

/// Runs `first` on the build's threads while `items` are made, each with `make` and a buffer
/// kept per thread, on threads of their own beside them (see [`beside`]) — for items whose
/// making holds its thread while it waits for threads of its own, as a spreadsheet does while
/// each of its worksheets is written on a new thread, so that the build's threads fill those
/// waits. Once `first` is done, the build's threads make what is left of `items` too, so that
/// they do not end on the threads beside alone. What `first` gave, and what each item made,
/// in the items' order.
pub fn beside_then_shared<I: Sync, R: Send, F: Send>(
    items: &[I],
    make: impl Fn(&I, &mut Vec<u8>) -> R + Sync,
    first: impl FnOnce() -> F + Send,
) -> (F, Vec<R>) {
    let next = AtomicUsize::new(0);
    // Every thread that takes part claims the next item not yet claimed, one at a time.
    let claim_the_rest = || -> Vec<(usize, R)> {
        (0..items.len())
            .into_par_iter()
            .with_max_len(1)
            .map_init(Vec::new, |buffer, _| {
                let claimed = next.fetch_add(1, Ordering::Relaxed);
                (items.get(claimed)).map(|item| (claimed, make(item, buffer)))
            })
            .flatten()
            .collect()
    };
    let (made_beside, (done, made_after)) = rayon::join(
        || beside(!items.is_empty(), claim_the_rest),
        || (first(), claim_the_rest()),
    );
    let mut made: Vec<(usize, R)> = made_beside.into_iter().chain(made_after).collect();
    made.sort_unstable_by_key(|&(index, _)| index);
    (done, made.into_iter().map(|(_, result)| result).collect())
}

/// Runs `work` on threads of its own beside the build's, when `apart`: for loops whose work
/// holds its thread while it waits for threads of its own, so that the build's threads keep
/// the cores busy meanwhile. On the build's own threads when not `apart`, or when no thread
/// can be started.
fn beside<T: Send>(apart: bool, work: impl FnOnce() -> T + Send) -> T {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_made_once_and_given_in_order_beside_the_first_work() {
        for count in [0, 1, 2, 31, 1_000] {
            let items: Vec<usize> = (0..count).collect();
            let made = AtomicUsize::new(0);
            let make = |item: &usize, buffer: &mut Vec<u8>| {
                made.fetch_add(1, Ordering::Relaxed);
                buffer.push(0);
                item * 2
            };
            let (first, results) = beside_then_shared(&items, make, || "first");
            assert_eq!(first, "first", "{count} items");
            let doubled: Vec<usize> = items.iter().map(|item| item * 2).collect();
            assert_eq!(results, doubled, "{count} items");
            assert_eq!(made.load(Ordering::Relaxed), count, "{count} items");
        }
    }
}
