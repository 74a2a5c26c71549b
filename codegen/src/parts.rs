//! The emit and format stages of one file, run in parts on the available cores.
//!
//! `proc_macro2` token streams cannot move between threads, so each part is emitted and
//! formatted on one thread and only its text crosses. `prettyplease` prints top-level items
//! independently of each other, so the printed parts joined in file order are the same text as
//! one pass over the whole file prints, whatever the number of threads.

use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::emit::{Options, PartNotes, Plan};
use crate::error::{Error, Warning};
use crate::format::{format_part, join_parts};
use crate::ir::Model;

/// Maximum number of threads one file is generated on.
const MAX_THREADS: usize = 8;

/// Number of type parts per thread: enough that a thread that finishes early takes over work
/// from a slower one.
const PARTS_PER_THREAD: usize = 4;

/// Minimum weight (see [`Plan::type_item_weights`]) of a type part, so that small files are
/// not cut into parts that cost more to start than to print.
const MIN_PART_WEIGHT: usize = 200;

/// One unit of work.
enum Job {
    /// The schema type and message element items in this range.
    Types(Range<usize>),
    /// The RPC wrapper structs, and the binding and service modules.
    Operations,
}

/// The printed text of one job.
struct Done {
    /// The text, in file order: one text for [`Job::Types`], two for [`Job::Operations`] (the
    /// wrappers, then the modules).
    texts: Vec<String>,
    notes: PartNotes,
}

/// Emits and formats the file for `model` below `header`, returning the code and the
/// constructs left out.
///
/// # Errors
///
/// [`Error::Config`] for an invalid namespace prefix, and [`Error::Internal`] when the emit
/// stage built invalid Rust.
pub fn generate_code(
    model: &Model,
    options: &Options,
    header: &str,
) -> Result<(String, Vec<Warning>), Error> {
    let plan = Plan::new(model, options).map_err(Error::Config)?;
    let threads = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(MAX_THREADS);
    let mut jobs = vec![Job::Operations];
    jobs.extend(type_parts(&plan, threads).into_iter().map(Job::Types));

    let mut done = run_jobs(&plan, &jobs, threads)?;

    // The operations come after the types in the file, and the `Box` impls that the types
    // need between the wrappers and the modules.
    done.rotate_left(1);
    let mut notes = PartNotes::default();
    let mut texts = Vec::with_capacity(done.len() + 2);
    for part in done {
        notes.append(part.notes);
        texts.extend(part.texts);
    }
    let boxes = format_part(plan.emit_box_impls(&notes.boxed)).map_err(Error::Internal)?;
    texts.insert(texts.len().saturating_sub(1), boxes);

    Ok((join_parts(header, &texts), notes.warnings))
}

/// Cuts the type items into ranges of similar weight, about [`PARTS_PER_THREAD`] per thread.
fn type_parts(plan: &Plan<'_>, threads: usize) -> Vec<Range<usize>> {
    let weights = plan.type_item_weights();
    let total: usize = weights.iter().sum();
    let target = (total / (threads * PARTS_PER_THREAD)).max(MIN_PART_WEIGHT);

    let mut parts = Vec::new();
    let mut start = 0;
    let mut weight = 0;
    for (index, item_weight) in weights.iter().enumerate() {
        weight += item_weight;
        if weight >= target {
            parts.push(start..index + 1);
            start = index + 1;
            weight = 0;
        }
    }
    if start < weights.len() {
        parts.push(start..weights.len());
    }

    parts
}

/// Runs every job on up to `threads` threads (this one included), each thread taking the next
/// job not yet taken, and returns the results in job order.
fn run_jobs(plan: &Plan<'_>, jobs: &[Job], threads: usize) -> Result<Vec<Done>, Error> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(index) else {
                return done;
            };
            done.push((index, run_job(plan, job)));
        }
    };

    let mut results = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(jobs.len()))
            .map(|_| scope.spawn(work))
            .collect();
        let mut results = work();
        for helper in helpers {
            match helper.join() {
                Ok(done) => results.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        results
    });

    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, done)| done).collect()
}

fn run_job(plan: &Plan<'_>, job: &Job) -> Result<Done, Error> {
    match job {
        Job::Types(range) => {
            let (tokens, notes) = plan.emit_types(range.clone());
            let text = format_part(tokens).map_err(Error::Internal)?;
            Ok(Done {
                texts: vec![text],
                notes,
            })
        }
        Job::Operations => {
            let (wrappers, modules, notes) = plan.emit_operations();
            let wrappers = format_part(wrappers).map_err(Error::Internal)?;
            let modules = format_part(modules).map_err(Error::Internal)?;
            Ok(Done {
                texts: vec![wrappers, modules],
                notes,
            })
        }
    }
}
