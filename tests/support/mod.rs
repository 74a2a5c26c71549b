//! Helpers shared by the root package's integration tests: `mod support;` in a test file.

// Each test binary compiles this module and uses only some of its helpers.
#![allow(dead_code)]

pub mod python;
