//! Every generated file as a module, so one build checks that all of them compile without
//! warnings.

#![deny(warnings)]

include!(concat!(env!("OUT_DIR"), "/modules.rs"));
