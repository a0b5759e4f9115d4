//! The project's facts-only snapshot of the OMA LwM2M registry (`core/codegen/registry.json`).
//!
//! The generator's only input. It holds, per object: id, name, version, LwM2M version, multiplicity, mandatory; per
//! resource: id, name, type, operations, multiplicity, mandatory, units and the RangeEnumeration text. No description
//! texts and no XML. `ucifi-codegen --from-ddf DIR` rewrites it from a checkout of the registry (its `<ObjectID>.xml`
//! files and a `SNAPSHOT` file naming the registry commit); every other run reads it as committed.
//!
//! Layout, so that a registry update reads as a small diff: a header, then one line per object (without its
//! resources) followed by one line per resource.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ucifi_codec::registry::{DdfObject, DdfResource};
use ucifi_codec::{DataType, Operations, Range};

/// Where the facts come from, written at the top of the file.
const SOURCE: &str = "OMA LwM2M registry, https://github.com/OpenMobileAlliance/lwm2m-registry";

/// The whole file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// The registry the facts were taken from.
    pub source: String,
    /// The registry commit (40 hex digits).
    pub commit: String,
    /// Every object of the registry, by ascending id.
    pub objects: Vec<ObjectFacts>,
}

/// One object, as stored.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectFacts {
    id: u16,
    name: String,
    version: String,
    lwm2m_version: String,
    multiple: bool,
    mandatory: bool,
    #[serde(default, skip_serializing)]
    resources: Vec<ResourceFacts>,
}

/// One resource, as stored. `type` is the record-JSON type name (`"unsigned"`, `"none"` for executables).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourceFacts {
    id: u16,
    name: String,
    #[serde(rename = "type")]
    data_type: String,
    operations: String,
    multiple: bool,
    mandatory: bool,
    units: String,
    range: String,
}

impl Snapshot {
    /// The snapshot of parsed registry objects taken at `commit`.
    pub fn from_objects(objects: &BTreeMap<u16, DdfObject>, commit: &str) -> Snapshot {
        Snapshot {
            source: SOURCE.to_owned(),
            commit: commit.to_owned(),
            objects: objects.values().map(ObjectFacts::from_ddf).collect(),
        }
    }

    /// Parses the file text and checks it: ids ascending and unique, every field readable.
    pub fn parse(text: &str) -> Result<Snapshot, String> {
        let snapshot: Snapshot = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if snapshot.commit.len() != 40 || !snapshot.commit.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("commit {:?} is not 40 hex digits", snapshot.commit));
        }
        if !snapshot.objects.windows(2).all(|w| w[0].id < w[1].id) {
            return Err("object ids are not strictly ascending".to_owned());
        }
        for o in &snapshot.objects {
            if !o.resources.windows(2).all(|w| w[0].id < w[1].id) {
                return Err(format!(
                    "object {}: resource ids are not strictly ascending",
                    o.id
                ));
            }
        }
        Ok(snapshot)
    }

    /// The objects in the form the renderer takes.
    pub fn to_objects(&self) -> Result<BTreeMap<u16, DdfObject>, String> {
        self.objects
            .iter()
            .map(|o| Ok((o.id, o.to_ddf()?)))
            .collect()
    }

    /// The file text: deterministic, one line per object and per resource.
    pub fn render(&self) -> String {
        let mut out = String::from("{\n");
        out += &format!("  \"source\": {},\n", line(&self.source));
        out += &format!("  \"commit\": {},\n", line(&self.commit));
        out += "  \"objects\": [\n";
        for (i, o) in self.objects.iter().enumerate() {
            let head = line(o);
            // The object's own fields, then its resources as the last field.
            out += &format!("    {},\"resources\":[", head.trim_end_matches('}'));
            for (j, r) in o.resources.iter().enumerate() {
                out += if j == 0 { "\n" } else { ",\n" };
                out += &format!("      {}", line(r));
            }
            out += if o.resources.is_empty() {
                "]}"
            } else {
                "\n    ]}"
            };
            out += if i + 1 < self.objects.len() {
                ",\n"
            } else {
                "\n"
            };
        }
        out += "  ]\n}\n";
        out
    }
}

/// One value as compact JSON on one line (serializing these plain structs and strings cannot fail).
fn line<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

impl ObjectFacts {
    fn from_ddf(o: &DdfObject) -> ObjectFacts {
        ObjectFacts {
            id: o.id,
            name: o.name.clone(),
            version: o.version.clone(),
            lwm2m_version: o.lwm2m_version.clone(),
            multiple: o.multiple,
            mandatory: o.mandatory,
            resources: o.resources.iter().map(ResourceFacts::from_ddf).collect(),
        }
    }

    fn to_ddf(&self) -> Result<DdfObject, String> {
        Ok(DdfObject {
            id: self.id,
            name: self.name.clone(),
            version: self.version.clone(),
            lwm2m_version: self.lwm2m_version.clone(),
            multiple: self.multiple,
            mandatory: self.mandatory,
            resources: self
                .resources
                .iter()
                .map(|r| r.to_ddf().map_err(|e| format!("object {}: {e}", self.id)))
                .collect::<Result<_, _>>()?,
        })
    }
}

impl ResourceFacts {
    fn from_ddf(r: &DdfResource) -> ResourceFacts {
        ResourceFacts {
            id: r.id,
            name: r.name.clone(),
            data_type: r.data_type.name().to_owned(),
            operations: r.operations.as_str().to_owned(),
            multiple: r.multiple,
            mandatory: r.mandatory,
            units: r.units.clone(),
            range: r.range_enumeration.clone(),
        }
    }

    fn to_ddf(&self) -> Result<DdfResource, String> {
        let data_type = DataType::from_name(&self.data_type)
            .ok_or_else(|| format!("resource {}: unknown type {:?}", self.id, self.data_type))?;
        let operations = Operations::parse(&self.operations).ok_or_else(|| {
            format!(
                "resource {}: unknown operations {:?}",
                self.id, self.operations
            )
        })?;
        Ok(DdfResource {
            id: self.id,
            name: self.name.clone(),
            data_type,
            operations,
            multiple: self.multiple,
            mandatory: self.mandatory,
            units: self.units.clone(),
            range: Range::parse(&self.range),
            range_enumeration: self.range.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_file_text() {
        let xml = r#"<LWM2M><Object><Name>Test  object</Name><ObjectID>33000</ObjectID><ObjectVersion>1.1</ObjectVersion>
            <MultipleInstances>Multiple</MultipleInstances><Mandatory>Optional</Mandatory><Resources>
            <Item ID="1"><Name>Level</Name><Operations>RW</Operations><MultipleInstances>Single</MultipleInstances>
            <Mandatory>Mandatory</Mandatory><Type>Unsigned Integer</Type><RangeEnumeration> 0..100 </RangeEnumeration>
            <Units>%</Units></Item>
            <Item ID="2"><Name>Mode</Name><Operations>R</Operations><MultipleInstances>Multiple</MultipleInstances>
            <Mandatory>Optional</Mandatory><Type>Integer</Type><RangeEnumeration>10,26</RangeEnumeration>
            <Units></Units></Item>
            <Item ID="3"><Name>Go</Name><Operations>E</Operations><MultipleInstances>Single</MultipleInstances>
            <Mandatory>Optional</Mandatory><Type></Type></Item></Resources></Object></LWM2M>"#;
        let parsed = ucifi_codec::registry::parse_ddf(xml).expect("test DDF parses");
        let objects: BTreeMap<u16, DdfObject> = parsed.into_iter().map(|o| (o.id, o)).collect();
        let text = Snapshot::from_objects(&objects, &"ab".repeat(20)).render();
        assert!(text.contains("\n      {\"id\":2,\"name\":\"Mode\",\"type\":\"integer\",\"operations\":\"R\",\"multiple\":true,\"mandatory\":false,\"units\":\"\",\"range\":\"10,26\"}"), "{text}");
        let back = Snapshot::parse(&text)
            .and_then(|s| s.to_objects())
            .expect("reads back");
        assert_eq!(back, objects);
        assert_eq!(
            back[&33000].resources[0].range,
            Some(Range {
                min: 0.0,
                max: 100.0
            })
        );
        assert_eq!(Snapshot::parse(&text).map(|s| s.render()), Ok(text));
    }

    #[test]
    fn refuses_what_it_cannot_use() {
        let bad_type = r#"{"source":"s","commit":"0000000000000000000000000000000000000000","objects":[
            {"id":1,"name":"n","version":"1.0","lwm2m_version":"1.0","multiple":false,"mandatory":false,"resources":[
            {"id":0,"name":"r","type":"number","operations":"R","multiple":false,"mandatory":false,"units":"","range":""}]}]}"#;
        assert!(Snapshot::parse(bad_type)
            .and_then(|s| s.to_objects())
            .is_err());
        let unsorted = r#"{"source":"s","commit":"0000000000000000000000000000000000000000","objects":[
            {"id":2,"name":"n","version":"1.0","lwm2m_version":"1.0","multiple":false,"mandatory":false,"resources":[]},
            {"id":1,"name":"n","version":"1.0","lwm2m_version":"1.0","multiple":false,"mandatory":false,"resources":[]}]}"#;
        assert!(Snapshot::parse(unsorted).is_err());
        let description = r#"{"source":"s","commit":"0000000000000000000000000000000000000000","objects":[
            {"id":1,"name":"n","description":"d","version":"1.0","lwm2m_version":"1.0","multiple":false,"mandatory":false,"resources":[]}]}"#;
        assert!(Snapshot::parse(description).is_err());
    }
}
