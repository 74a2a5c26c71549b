//! The emit and format stages of one file, run in parts on the available cores.
//!
//! `proc_macro2` token streams cannot move between threads, so each part is emitted and
//! formatted on one thread and only its text crosses. `prettyplease` prints top-level items
//! independently of each other, so the printed parts joined in file order are the same text as
//! one pass over the whole file prints, whatever the number of threads.

use std::ops::Range;

use crate::emit::{Options, PartNotes, Plan};
use crate::error::{Error, Warning};
use crate::format::{format_part, join_parts};
use crate::ir::Model;
use crate::threads::{map_in_parallel, thread_count};

/// Number of type parts per thread: enough that a thread that finishes early takes over work
/// from a slower one.
const PARTS_PER_THREAD: usize = 4;

/// Minimum weight (see [`Plan::type_item_weights`]) of a type part, so that small files are
/// not cut into parts that cost more to start than to print.
const MIN_PART_WEIGHT: usize = 200;

/// Weight of one operation, in the units of [`Plan::type_item_weights`]. An operation's unit
/// struct, descriptor and impls print about as many lines as ten fields (an estimate).
const OPERATION_WEIGHT: usize = 10;

/// Minimum weight of a file generated on more than one thread.
const MIN_PARALLEL_WEIGHT: usize = 100;

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
    let threads = threads_for(&plan);
    let mut jobs = vec![Job::Operations];
    jobs.extend(type_parts(&plan, threads).into_iter().map(Job::Types));

    let mut done = map_in_parallel(&jobs, threads, |job| run_job(&plan, job))
        .into_iter()
        .collect::<Result<Vec<Done>, Error>>()?;

    // The operations come after the types in the file. The `Box` impls and the helper
    // function that the types need come between the wrappers and the modules.
    done.rotate_left(1);
    let mut notes = PartNotes::default();
    let mut texts = Vec::with_capacity(done.len() + 2);
    for part in done {
        notes.append(part.notes);
        texts.extend(part.texts);
    }
    if let Some(message) = notes.unknown_types_error() {
        return Err(Error::Internal(message));
    }
    let mut shared = plan.emit_box_impls(&notes.boxed);
    if notes.empty_text {
        shared.extend(plan.emit_empty_text());
    }
    let boxes = format_part(shared).map_err(Error::Internal)?;
    texts.insert(texts.len().saturating_sub(1), boxes);

    Ok((join_parts(header, &texts), notes.warnings))
}

/// Returns the number of threads for the file of `plan`: one for a small file, because on a
/// busy machine it would wait longer for a helper thread to be scheduled than it takes to print.
fn threads_for(plan: &Plan<'_>) -> usize {
    let weight =
        plan.type_item_weights().iter().sum::<usize>() + plan.operation_count() * OPERATION_WEIGHT;

    if weight < MIN_PARALLEL_WEIGHT {
        1
    } else {
        thread_count()
    }
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
