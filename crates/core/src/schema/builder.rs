//! The fluent builder.
