//! What the test suites of ucifi-codec share, as a dev-only crate: the walker over the `vectors/` case files, the
//! cases of `vectors/validate/*.ndjson` and their comparison rule, the failure report, a child-process runner, the
//! fixed pseudo-random stream of the randomized tests and a vendor DDF document.
//!
//! Test code: a failed read of a case file fails the test, so the readers panic instead of returning errors.
#![forbid(unsafe_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

mod process;
mod stream;
mod vectors;

pub use process::run_with_stdin;
pub use stream::Stream;
pub use vectors::{assert_none_failed, repo_root, validate_cases, validate_matches, vector_files};

/// A vendor object definition (ObjectID 32770, outside the registry) for the DDF-loading tests.
pub const VENDOR_DDF: &str = include_str!("../vendor-32770.xml");
