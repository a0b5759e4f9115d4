// @generated placeholder until ucifi-codegen runs
use super::ObjectDef;
pub(crate) static OBJECTS: &[ObjectDef] = &[];
