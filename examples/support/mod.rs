//! Code shared by the examples: the service settings read from `CCM_*` variables, error
//! explanations and certificate summaries.

pub mod certificate;
pub mod service;
