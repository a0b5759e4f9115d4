//! OMA LwM2M DDF XML object definitions: the parser shared by `ucifi-codegen` and the run-time loader (feature `ddf`).
//!
//! [`parse_ddf`] reads one `<LWM2M>` document (one or more `<Object>`) into owned [`DdfObject`]s. It keeps facts only:
//! ids, names, versions, types, operations, multiplicity, mandatory flags, units and numeric ranges; description texts
//! are never stored. Every failure is [`ErrorKind::InvalidDdf`] with the byte offset in the input of the node at fault
//! (the element or attribute whose value is wrong, the parent whose required child is missing, or the place where the
//! XML syntax breaks).
//!
//! [`DdfModel`] holds definitions loaded at run time. It is a [`Model`]: a loaded definition overrides the built-in
//! [`Registry`] one with the same ObjectID. Loaded definitions are leaked ([`DdfObject::leak`]) so that they can be
//! borrowed as `&'static` like the built-in tables: they live until the process ends, so load them once at start-up,
//! not per request.
//!
//! ```
//! use ucifi_codec::registry::DdfModel;
//! use ucifi_codec::{DataType, Model};
//! let xml = r#"<LWM2M><Object>
//!   <Name>Vendor gauge</Name><ObjectID>10999</ObjectID>
//!   <MultipleInstances>Single</MultipleInstances><Mandatory>Optional</Mandatory>
//!   <Resources><Item ID="0"><Name>Level</Name><Operations>R</Operations>
//!     <MultipleInstances>Single</MultipleInstances><Mandatory>Mandatory</Mandatory>
//!     <Type>Float</Type><RangeEnumeration>0..10</RangeEnumeration><Units>m</Units></Item></Resources>
//! </Object></LWM2M>"#;
//! let mut model = DdfModel::new();
//! assert_eq!(model.load_str(xml).unwrap(), 1);
//! let level = model.resource(10999, 0).unwrap();
//! assert_eq!((level.name, level.data_type, level.units), ("Level", DataType::Float, "m"));
//! assert!(model.object(3424).is_some()); // built-in definitions stay visible
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use roxmltree::{Document, Node};

use super::data_type::DataType;
use super::{Model, ObjectDef, Operations, Range, Registry, ResourceDef};
use crate::error::{Error, ErrorKind};

/// One resource of a parsed DDF object (owned).
#[derive(Debug, Clone, PartialEq)]
pub struct DdfResource {
    /// Resource id (`<Item ID="..">`).
    pub id: u16,
    /// Name, trimmed, inner whitespace runs collapsed to one space.
    pub name: String,
    /// Data type ([`DataType::None`] for an empty `<Type>`, as executable resources have).
    pub data_type: DataType,
    /// Allowed operations.
    pub operations: Operations,
    /// Multiple instances (a Multiple Resource).
    pub multiple: bool,
    /// Mandatory in every instance of the object.
    pub mandatory: bool,
    /// Units, trimmed; empty when the DDF gives none.
    pub units: String,
    /// Numeric range, when `<RangeEnumeration>` is `min..max`.
    pub range: Option<Range>,
    /// The `<RangeEnumeration>` text, trimmed, whitespace runs collapsed (empty when none): a numeric range, an
    /// enumeration (`"10,26"`) or a size (`"0..255 bytes"`), as the DDF gives it.
    pub range_enumeration: String,
}

/// One parsed DDF object (owned).
#[derive(Debug, Clone, PartialEq)]
pub struct DdfObject {
    /// ObjectID.
    pub id: u16,
    /// Name, trimmed, inner whitespace runs collapsed to one space.
    pub name: String,
    /// `<ObjectVersion>`, `"1.0"` when absent or empty.
    pub version: String,
    /// `<LWM2MVersion>`, `"1.0"` when absent or empty.
    pub lwm2m_version: String,
    /// Multiple instances allowed.
    pub multiple: bool,
    /// Mandatory object.
    pub mandatory: bool,
    /// Resources, sorted by id, ids unique.
    pub resources: Vec<DdfResource>,
}

impl DdfObject {
    /// Converts to the static [`ObjectDef`] form by leaking the strings and the resource slice.
    ///
    /// The memory is never freed: loaded definitions live for the whole process. Load once at start-up.
    pub fn leak(self) -> &'static ObjectDef {
        let resources: Vec<ResourceDef> = self
            .resources
            .into_iter()
            .map(|r| ResourceDef {
                id: r.id,
                name: leak_str(r.name),
                data_type: r.data_type,
                operations: r.operations,
                multiple: r.multiple,
                mandatory: r.mandatory,
                units: leak_str(r.units),
                range: r.range.map(|x| &*Box::leak(Box::new(x))),
            })
            .collect();
        Box::leak(Box::new(ObjectDef {
            id: self.id,
            name: leak_str(self.name),
            version: leak_str(self.version),
            lwm2m_version: leak_str(self.lwm2m_version),
            multiple: self.multiple,
            mandatory: self.mandatory,
            resources: Box::leak(resources.into_boxed_slice()),
        }))
    }
}

fn leak_str(s: String) -> &'static str {
    if s.is_empty() {
        ""
    } else {
        Box::leak(s.into_boxed_str())
    }
}

/// Parses one `<LWM2M>` DDF document holding one or more `<Object>` definitions.
///
/// Errors are [`ErrorKind::InvalidDdf`] at the byte offset of the node at fault: malformed XML, a root other than
/// `<LWM2M>` or one without `<Object>`, a missing or non-u16 `ObjectID` / `ID`, a missing `Name`, an unknown `Type`,
/// `Operations`, `MultipleInstances` or `Mandatory` value, or the same resource id (or ObjectID) twice.
/// `Type` is matched ignoring ASCII case; the other keywords exactly (after trimming).
pub fn parse_ddf(xml: &str) -> Result<Vec<DdfObject>, Error> {
    let doc = Document::parse(xml).map_err(|e| syntax_error(xml, &e))?;
    parse_lwm2m(doc.root_element())
}

/// Like [`parse_ddf`], but `Ok(None)` for well-formed XML whose root element is not `<LWM2M>` (used to skip other XML
/// files, such as the registry's `DDF.xml` index, when a whole directory is loaded).
fn parse_ddf_or_other(xml: &str) -> Result<Option<Vec<DdfObject>>, Error> {
    let doc = Document::parse(xml).map_err(|e| syntax_error(xml, &e))?;
    let root = doc.root_element();
    if root.tag_name().name() != "LWM2M" {
        return Ok(None);
    }
    parse_lwm2m(root).map(Some)
}

fn invalid(offset: usize) -> Error {
    Error::new(ErrorKind::InvalidDdf, offset)
}

fn at(node: Node<'_, '_>) -> Error {
    invalid(node.range().start)
}

/// The byte offset of roxmltree's 1-based row / column (columns count characters) in `xml`.
fn syntax_error(xml: &str, e: &roxmltree::Error) -> Error {
    match e {
        roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
            invalid(xml.len())
        }
        _ => {
            let pos = e.pos();
            let row = usize::try_from(pos.row).unwrap_or(usize::MAX);
            let col = usize::try_from(pos.col).unwrap_or(usize::MAX);
            invalid(byte_offset(xml, row, col))
        }
    }
}

fn byte_offset(xml: &str, row: usize, col: usize) -> usize {
    let mut line_start = 0;
    for _ in 1..row {
        match xml.get(line_start..).and_then(|rest| rest.find('\n')) {
            Some(nl) => line_start += nl + 1,
            None => return xml.len(),
        }
    }
    let line = xml.get(line_start..).unwrap_or("");
    let within = line
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    line_start + within
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = text.get(..end).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn parse_lwm2m(root: Node<'_, '_>) -> Result<Vec<DdfObject>, Error> {
    if root.tag_name().name() != "LWM2M" {
        return Err(at(root));
    }
    let mut objects: Vec<DdfObject> = Vec::new();
    for node in elements(root, "Object") {
        let object = parse_object(node)?;
        if objects.iter().any(|o| o.id == object.id) {
            return Err(at(node));
        }
        objects.push(object);
    }
    if objects.is_empty() {
        return Err(at(root));
    }
    Ok(objects)
}

fn parse_object(node: Node<'_, '_>) -> Result<DdfObject, Error> {
    let id_node = required(node, "ObjectID")?;
    let id = parse_id(&text(id_node)).ok_or_else(|| at(id_node))?;
    let mut resources: Vec<DdfResource> = Vec::new();
    if let Some(list) = child(node, "Resources") {
        for item in elements(list, "Item") {
            let resource = parse_resource(item)?;
            match resources.binary_search_by_key(&resource.id, |r| r.id) {
                Ok(_) => return Err(at(item)),
                Err(i) => resources.insert(i, resource),
            }
        }
    }
    Ok(DdfObject {
        id,
        name: name(node)?,
        version: version(node, "ObjectVersion"),
        lwm2m_version: version(node, "LWM2MVersion"),
        multiple: multiple(node)?,
        mandatory: mandatory(node)?,
        resources,
    })
}

fn parse_resource(item: Node<'_, '_>) -> Result<DdfResource, Error> {
    let id_attr = item.attribute_node("ID").ok_or_else(|| at(item))?;
    let id = parse_id(id_attr.value()).ok_or_else(|| invalid(id_attr.range_value().start))?;
    let operations = keyword(item, "Operations", Operations::parse)?;
    let data_type = keyword(item, "Type", parse_type)?;
    let range_enumeration = child(item, "RangeEnumeration")
        .map(|n| text(n).split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    Ok(DdfResource {
        id,
        name: name(item)?,
        data_type,
        operations,
        multiple: multiple(item)?,
        mandatory: mandatory(item)?,
        units: child(item, "Units")
            .map(|n| text(n).trim().to_owned())
            .unwrap_or_default(),
        range: Range::parse(&range_enumeration),
        range_enumeration,
    })
}

/// The data type for a DDF `<Type>` text (ASCII case ignored); empty is [`DataType::None`].
fn parse_type(s: &str) -> Option<DataType> {
    const TYPES: [(&str, DataType); 10] = [
        ("", DataType::None),
        ("String", DataType::String),
        ("Integer", DataType::Integer),
        ("Unsigned Integer", DataType::Unsigned),
        ("Float", DataType::Float),
        ("Boolean", DataType::Boolean),
        ("Opaque", DataType::Opaque),
        ("Time", DataType::Time),
        ("Objlnk", DataType::Objlnk),
        ("Corelnk", DataType::Corelnk),
    ];
    let s = s.trim();
    TYPES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(s))
        .map(|(_, t)| *t)
}

/// A decimal u16 made of digits only (no sign), surrounding whitespace allowed.
fn parse_id(s: &str) -> Option<u16> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn elements<'a, 'i: 'a>(
    parent: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    parent
        .children()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

fn child<'a, 'i: 'a>(parent: Node<'a, 'i>, name: &'a str) -> Option<Node<'a, 'i>> {
    elements(parent, name).next()
}

fn required<'a, 'i: 'a>(parent: Node<'a, 'i>, name: &'a str) -> Result<Node<'a, 'i>, Error> {
    child(parent, name).ok_or_else(|| at(parent))
}

/// All the text inside an element (text and CDATA, across comments).
fn text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

fn name(parent: Node<'_, '_>) -> Result<String, Error> {
    let node = required(parent, "Name")?;
    let name = text(node).split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(at(node));
    }
    Ok(name)
}

fn version(parent: Node<'_, '_>, element: &str) -> String {
    let v = child(parent, element)
        .map(|n| text(n).trim().to_owned())
        .unwrap_or_default();
    if v.is_empty() {
        "1.0".to_owned()
    } else {
        v
    }
}

fn keyword<T>(
    parent: Node<'_, '_>,
    element: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, Error> {
    let node = required(parent, element)?;
    parse(text(node).trim()).ok_or_else(|| at(node))
}

fn multiple(parent: Node<'_, '_>) -> Result<bool, Error> {
    keyword(parent, "MultipleInstances", |s| match s {
        "Multiple" => Some(true),
        "Single" => Some(false),
        _ => None,
    })
}

fn mandatory(parent: Node<'_, '_>) -> Result<bool, Error> {
    keyword(parent, "Mandatory", |s| match s {
        "Mandatory" => Some(true),
        "Optional" => Some(false),
        _ => None,
    })
}

/// Object definitions loaded at run time, over the built-in [`Registry`].
///
/// Lookup checks the loaded definitions first (sorted by id, binary search), then the built-in tables, so a loaded
/// definition overrides the built-in one with the same ObjectID, and a later load overrides an earlier one.
/// Loaded definitions are leaked and live for the whole process: load once at start-up.
#[derive(Debug, Default, Clone)]
pub struct DdfModel {
    loaded: Vec<&'static ObjectDef>,
}

impl DdfModel {
    /// An empty model: only the built-in definitions.
    pub const fn new() -> DdfModel {
        DdfModel { loaded: Vec::new() }
    }

    /// Adds one definition, replacing a loaded one with the same ObjectID.
    pub fn insert(&mut self, def: &'static ObjectDef) {
        match self.loaded.binary_search_by_key(&def.id, |o| o.id) {
            Ok(i) => {
                if let Some(slot) = self.loaded.get_mut(i) {
                    *slot = def;
                }
            }
            Err(i) => self.loaded.insert(i, def),
        }
    }

    /// Loads every object of one DDF document; returns how many. Nothing is loaded when the document is invalid.
    pub fn load_str(&mut self, xml: &str) -> Result<usize, Error> {
        let objects = parse_ddf(xml)?;
        Ok(self.insert_all(objects))
    }

    /// Loads a DDF file, or every `*.xml` file of a directory in sorted file-name order (later files win); returns
    /// how many objects were loaded. In a directory, well-formed XML files whose root is not `<LWM2M>` (such as the
    /// OMA registry's `DDF.xml` index) are skipped, and other extensions (`.xsd`) are ignored. Nothing is loaded when
    /// any file fails.
    pub fn load_path(&mut self, path: &Path) -> Result<usize, DdfLoadError> {
        let mut objects = Vec::new();
        if path.is_dir() {
            let io = |e: std::io::Error| DdfLoadError::from_io(path, &e);
            let mut files = Vec::new();
            for entry in std::fs::read_dir(path).map_err(io)? {
                let file = entry.map_err(io)?.path();
                let xml = file
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
                if xml && file.is_file() {
                    files.push(file);
                }
            }
            files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
            for file in files {
                let text = read(&file)?;
                let parsed = parse_ddf_or_other(&text)
                    .map_err(|e| DdfLoadError::from_parse(&file, &text, e))?;
                objects.extend(parsed.unwrap_or_default());
            }
        } else {
            let text = read(path)?;
            objects = parse_ddf(&text).map_err(|e| DdfLoadError::from_parse(path, &text, e))?;
        }
        Ok(self.insert_all(objects))
    }

    fn insert_all(&mut self, objects: Vec<DdfObject>) -> usize {
        let count = objects.len();
        for object in objects {
            self.insert(object.leak());
        }
        count
    }

    /// The loaded definitions only, sorted by id.
    pub fn loaded(&self) -> impl Iterator<Item = &'static ObjectDef> + '_ {
        self.loaded.iter().copied()
    }

    /// Every definition this model knows, built-in and loaded (loaded winning), sorted by id.
    pub fn objects(&self) -> impl Iterator<Item = &ObjectDef> {
        let loaded = |id: u16| self.loaded.binary_search_by_key(&id, |o| o.id).is_ok();
        let mut all: Vec<&'static ObjectDef> =
            Registry.objects().filter(|o| !loaded(o.id)).collect();
        all.extend(self.loaded.iter().copied());
        crate::sort::sort_by(&mut all, |a, b| a.id < b.id); // ids are distinct
        all.into_iter()
    }
}

impl Model for DdfModel {
    fn object(&self, id: u16) -> Option<&ObjectDef> {
        match self.loaded.binary_search_by_key(&id, |o| o.id) {
            Ok(i) => self.loaded.get(i).copied(),
            Err(_) => Registry.get(id),
        }
    }
}

fn read(path: &Path) -> Result<String, DdfLoadError> {
    std::fs::read_to_string(path).map_err(|e| DdfLoadError::from_io(path, &e))
}

/// A DDF file or directory that could not be loaded: which file, and why.
///
/// The kind is always [`ErrorKind::InvalidDdf`], also for a file that cannot be read (then the offset is 0 and
/// [`DdfLoadError::io`] holds the I/O error text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DdfLoadError {
    /// The file (or directory) at fault.
    pub path: PathBuf,
    /// The parse error, when the file was read but is not a valid DDF document.
    pub error: Option<Error>,
    /// The I/O error text, when the file or directory could not be read.
    pub io: Option<String>,
    /// The 1-based line and column (in characters) of the parse error's offset.
    pub line_column: Option<(usize, usize)>,
}

impl DdfLoadError {
    fn from_io(path: &Path, e: &std::io::Error) -> DdfLoadError {
        DdfLoadError {
            path: path.to_owned(),
            error: None,
            io: Some(e.to_string()),
            line_column: None,
        }
    }

    fn from_parse(path: &Path, text: &str, error: Error) -> DdfLoadError {
        let line_column = Some(line_column(text, error.offset()));
        DdfLoadError {
            path: path.to_owned(),
            error: Some(error),
            io: None,
            line_column,
        }
    }

    /// The error as kind and offset: the parse error, or `InvalidDdf` at offset 0 for an I/O failure.
    pub fn error(&self) -> Error {
        self.error.unwrap_or(invalid(0))
    }

    /// Always [`ErrorKind::InvalidDdf`].
    pub fn kind(&self) -> ErrorKind {
        self.error().kind()
    }

    /// The byte offset in the file (0 for an I/O failure).
    pub fn offset(&self) -> usize {
        self.error().offset()
    }
}

impl fmt::Display for DdfLoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match (&self.io, self.line_column) {
            (Some(io), _) => write!(f, "{path}: {}: cannot read: {io}", self.kind().name()),
            (None, Some((line, column))) => write!(f, "{path}:{line}:{column}: {}", self.error()),
            (None, None) => write!(f, "{path}: {}", self.error()),
        }
    }
}

impl std::error::Error for DdfLoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests;
