//! stepwise: a static site generator for buyer enablement content.
//!
//! Markdown assets are tagged by the buying step they serve, joined with the journey declared in
//! `stepwise.toml` into a site model, and rendered through Tera templates into a per-step resource
//! site. The stages, in the order the data flows through them:
//!
//! [`config`] → [`content`] (with [`markdown`], and [`kinds`] for each kind's data) → [`site`]
//! (which resolves [`links`] between assets) → [`outputs`] (every file's path, from [`routes`],
//! with the files [`host`]s read) → [`render`] (through [`theme`] with the site's [`brand`], its static files [`finish`]ed
//! — fingerprinted — with [`views`], and the
//! [`related`] resources each asset page ends with) → [`write`], and [`publish`] commits the
//! written output to a branch; [`site`] → [`coverage`], which measures where the journey has
//! holes (on every build, and for `stepwise coverage`); `stepwise check` then follows every link
//! of the rendered pages with [`link_check`]. [`build`] runs them, [`serve`] serves the
//! result locally, [`scaffold`] starts a new site and adds to it, and every stage reports problems
//! as [`diagnostics`]. [`number`] is the one definition of how a figure is shown, [`slug`] the one
//! rule for the parts of addresses, [`text_file`] the one way text files are read, [`escape`] the
//! one way text is written where it could be read as code.

#![warn(missing_docs)]

pub mod address;
pub mod brand;
pub mod build;
pub mod calculator;
pub mod config;
pub mod content;
pub mod coverage;
pub mod diagnostics;
pub mod escape;
pub mod feed;
pub mod finder;
pub mod finish;
pub mod host;
pub mod kinds;
pub mod link_check;
pub mod links;
pub mod markdown;
pub mod number;
pub mod outputs;
pub mod paginate;
pub mod parallel;
pub mod publish;
pub mod related;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod serve;
pub mod share;
pub mod site;
pub mod slug;
pub mod text_file;
pub mod theme;
pub mod views;
pub mod write;

pub use build::{Failure, Loaded, Options, Report, build, load, load_site, verify, write_coverage};
pub use diagnostics::Diagnostic;
