//! The schema: the AST of operations, the fluent builder, reversal and generated names.

mod ast;
pub mod builder;
pub mod naming;
pub mod reverse;
pub mod validate;

pub use ast::*;
pub use builder::Schema;
pub use validate::validate;
