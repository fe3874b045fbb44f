//! stepwise: a static site generator for buyer enablement content.
//!
//! Markdown assets are tagged by the buying step they serve, joined with the journey declared in
//! `stepwise.toml` into a site model, and rendered through Tera templates into a per-step resource
//! site. The stages, in the order the data flows through them:
//!
//! [`config`] → [`content`] (with [`markdown`]) → [`site`] → [`theme`] and [`render`] → [`write`];
//! [`build`] runs them, [`serve`] serves the result locally, and every stage reports problems
//! as [`diagnostics`].

#![warn(missing_docs)]

pub mod build;
pub mod calculator;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod init;
pub mod markdown;
pub mod render;
pub mod serve;
pub mod site;
pub mod theme;
pub mod write;

pub use build::{Failure, Options, Report, build, check, load_site};
pub use diagnostics::Diagnostic;
pub use init::init;
