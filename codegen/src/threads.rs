//! Running independent work on the available cores, with results in a fixed order.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Maximum number of threads one call uses.
const MAX_THREADS: usize = 8;

/// Returns the number of threads to use: the available parallelism, at most [`MAX_THREADS`].
pub fn thread_count() -> usize {
    std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_THREADS)
}

/// Applies `work` to every item on up to `threads` threads (this one included), each thread
/// taking the next item not yet taken, and returns the results in item order.
///
/// A panic in `work` is resumed on this thread after the other threads finish.
pub fn map_in_parallel<T, R, F>(items: &[T], threads: usize, work: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let next = AtomicUsize::new(0);
    let take_items = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else {
                return done;
            };
            done.push((index, work(item)));
        }
    };

    let mut results = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(items.len()))
            .map(|_| scope.spawn(take_items))
            .collect();
        let mut results = take_items();
        for helper in helpers {
            match helper.join() {
                Ok(done) => results.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        results
    });

    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_item_order() {
        let items: Vec<u64> = (0..100).collect();

        let squares = map_in_parallel(&items, 4, |item| item * item);

        let expected: Vec<u64> = items.iter().map(|item| item * item).collect();
        assert_eq!(squares, expected);
    }

    #[test]
    fn one_thread_runs_everything_here() {
        let items = [1, 2, 3];
        let caller = std::thread::current().id();

        let threads = map_in_parallel(&items, 1, |_| std::thread::current().id());

        assert!(threads.iter().all(|thread| *thread == caller));
    }

    #[test]
    fn no_items_no_results() {
        let results = map_in_parallel(&[] as &[u8], 4, |item| *item);

        assert!(results.is_empty());
    }
}
