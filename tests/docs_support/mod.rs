//! What the test of the reference (`tests/docs.rs`) reads: the pages and their marked code
//! blocks ([`blocks`]), the starter site examples are built in ([`starter`]), the lines of a
//! message that matter ([`messages`]), the links between pages ([`links`]) and the CLI's own
//! list of commands and flags ([`cli`]).

pub mod blocks;
pub mod cli;
pub mod links;
pub mod messages;
pub mod starter;
