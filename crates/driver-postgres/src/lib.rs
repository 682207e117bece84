//! The PostgreSQL driver of dbm.
