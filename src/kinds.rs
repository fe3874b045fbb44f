//! The data of an asset's kind: the table named after the kind in its front matter (such as
//! `[calculator]`). A kind with a schema reads that table into typed fields, each with its place
//! in the file, and reports what is wrong at the line of the bad value; a kind without one keeps
//! the table as free-form data for templates. Schemas are chosen in [`read`].

use serde::{Serialize, Serializer};

use crate::content::Node;

/// What an asset's kind table holds, as its schema read it.
#[derive(Debug, Clone, Default)]
pub enum KindData {
    /// The asset has no table for its kind.
    #[default]
    None,
    /// The table of a kind without a schema, as written.
    Free(Node),
}

/// Reads the kind table of an asset, if it has one.
pub fn read(table: Option<Node>) -> KindData {
    table.map_or(KindData::None, KindData::Free)
}

/// Templates see `asset.data` as the plain values of the table.
impl Serialize for KindData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            KindData::None => serializer.serialize_unit(),
            KindData::Free(node) => node.serialize(serializer),
        }
    }
}
