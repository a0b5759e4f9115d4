//! Tests of the DDF parser and loader, on small XML written for them (not taken from the registry).

use super::*;

const FLAGS: &str = "<MultipleInstances>Single</MultipleInstances>\
    <Mandatory>Optional</Mandatory>";

/// An item with name `R<id>`, operations R (E when the type is empty), `extra` appended.
fn item(id: &str, ty: &str, extra: &str) -> String {
    let ops = if ty.is_empty() { "E" } else { "R" };
    let head = format!("<Item ID=\"{id}\"><Name>R{id}</Name><Operations>{ops}</Operations>");
    format!("{head}{FLAGS}<Type>{ty}</Type>{extra}</Item>")
}

fn object(id: &str, name: &str, items: &str) -> String {
    format!(
        "<Object ObjectType=\"MODefinition\"><Name>{name}</Name>\
         <Description1>not kept</Description1>\n<ObjectID>{id}</ObjectID>\
         <MultipleInstances>Multiple</MultipleInstances>\n\
         <Mandatory>Optional</Mandatory><Resources>{items}</Resources></Object>\n"
    )
}

fn doc(objects: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LWM2M>\n{objects}</LWM2M>\n")
}

type Row<'a> = (u16, DataType, &'static str, &'a str, Option<Range>);

/// (id, type, operations, units, range) of a resource.
fn row(r: &DdfResource) -> Row<'_> {
    let ops = r.operations.as_str();
    (r.id, r.data_type, ops, r.units.as_str(), r.range)
}

#[test]
fn parses_every_type_and_field() {
    // One item per type, in DataType::ALL order, added in reverse to check sorting.
    let texts = "String,Integer,Unsigned Integer,Float,Boolean,Opaque,Time,Objlnk,Corelnk,";
    let texts: Vec<&str> = texts.split(',').collect();
    let (units, range, enumeration) = (
        "<Units> m3\n</Units><RangeEnumeration/>",
        "<RangeEnumeration> -5.5..1e3 </RangeEnumeration>",
        "<RangeEnumeration>0: off</RangeEnumeration>",
    );
    let mut items = String::new();
    for (i, ty) in texts.iter().enumerate().rev() {
        items += &item(&i.to_string(), ty, units);
    }
    items += &(item("10", "float", range) + &item("11", "Integer", enumeration));
    let xml = doc(&object(" 65535 ", "  Test \n\t object ", &items));
    let objects = parse_ddf(&xml).unwrap();
    let o = &objects[0];
    let head = (
        objects.len(),
        o.id,
        o.name.as_str(),
        o.multiple,
        o.mandatory,
    );
    assert_eq!(head, (1, 65535, "Test object", true, false));
    let versions = (o.version.as_str(), o.lwm2m_version.as_str());
    assert_eq!(versions, ("1.0", "1.0"));
    let mut want: Vec<Row> = Vec::new();
    for (i, t) in (0..).zip(DataType::ALL) {
        let ops = if t == DataType::None { "E" } else { "R" };
        want.push((i, t, ops, "m3", None));
    }
    let range = Range {
        min: -5.5,
        max: 1e3,
    };
    want.push((10, DataType::Float, "R", "", Some(range)));
    want.push((11, DataType::Integer, "R", "", None));
    assert_eq!(o.resources.iter().map(row).collect::<Vec<_>>(), want);
    assert!(o.resources.iter().all(|r| r.name == format!("R{}", r.id)));
    assert!(o.resources.iter().all(|r| !r.multiple && !r.mandatory));
    let def = o.clone().leak();
    let r3 = def.resource(3).map(|r| (r.name, r.data_type, r.units));
    assert_eq!((def.id, def.name), (65535, "Test object"));
    assert_eq!(r3, Some(("R3", DataType::Float, "m3")));
}

#[test]
fn several_objects_versions_and_operations() {
    let versions = "<ObjectVersion>1.2</ObjectVersion><LWM2MVersion> 1.1 </LWM2MVersion>";
    let first = object("10", "A", "").replace("Optional", "Mandatory");
    let first = first.replace("<Mandatory>", &format!("{versions}<Mandatory>"));
    let mut items = String::new();
    for (i, op) in ["R", "W", "RW", "E", ""].iter().enumerate() {
        items += &item(&i.to_string(), "", "").replace(">E<", &format!(">{op}<"));
    }
    let xml = doc(&(first + &object("11", "B", &items)));
    let objects = parse_ddf(&xml).unwrap();
    let [a, b] = &objects[..] else {
        panic!("{objects:?}")
    };
    let a_head = (a.id, a.version.as_str(), a.lwm2m_version.as_str());
    assert_eq!(
        (a_head, a.mandatory, a.resources.len()),
        ((10, "1.2", "1.1"), true, 0)
    );
    assert_eq!((b.id, b.version.as_str(), b.mandatory), (11, "1.0", false));
    let ops: Vec<_> = b.resources.iter().map(|r| r.operations.as_str()).collect();
    assert_eq!(ops, ["R", "W", "RW", "E", ""]);
}

#[test]
fn malformed_input_is_invalid_ddf_at_the_node() {
    let items = item("1", "Float", "") + &item("2", "", "");
    let good = doc(&object("1", "A", &items));
    assert!(parse_ddf(&good).is_ok());
    let (mandatory, no) = (
        "<Mandatory>Optional</Mandatory><Type>",
        "<Mandatory>no</Mandatory><Type>",
    );
    let other = "<Object><ObjectID>1</ObjectID></Object></LWM2M>";
    // (text replaced in `good`, its replacement, text the error offset points at; "" = the end)
    let cases = [
        ("</Object>", "", "</LWM2M>"),
        ("<Name>A</Name>", "é<Name>A</Nome>", "</Nome>"),
        ("</LWM2M>\n", "", ""),
        ("LWM2M>", "DDFList>", "<DDFList>"),
        ("<ObjectID>1</ObjectID>", "", "<Object "),
        ("<ObjectID>1<", "<ObjectID>65536<", "<ObjectID>"),
        ("<ObjectID>1<", "<ObjectID>+1<", "<ObjectID>"),
        ("<ObjectID>1<", "<ObjectID><", "<ObjectID>"),
        ("<Name>A<", "<Name> <", "<Name>"),
        ("<Name>A</Name>", "", "<Object "),
        ("<Item ID=\"1\">", "<Item>", "<Item>"),
        ("ID=\"2\"", "ID=\" x2\"", " x2\""),
        ("<Type>Float<", "<Type>Decimal<", "<Type>Decimal"),
        ("<Operations>R<", "<Operations>RWE<", "<Operations>RWE"),
        (">Single<", ">Many<", "<MultipleInstances>Many"),
        (mandatory, no, "<Mandatory>no"),
        (">Multiple<", ">multiple<", "<MultipleInstances>mul"),
        ("<Type></Type>", "", "<Item ID=\"2\""),
        ("ID=\"2\"", "ID=\"1\"", "<Item ID=\"1\"><Name>R2"),
        ("</LWM2M>", other, other),
    ];
    for (from, to, at) in cases {
        let xml = good.replace(from, to);
        assert_ne!(xml, good, "{from}");
        let want = match at {
            "" => xml.len(),
            _ => xml.find(at).unwrap(),
        };
        let got = parse_ddf(&xml).unwrap_err();
        assert_eq!(
            (got.kind(), got.offset()),
            (ErrorKind::InvalidDdf, want),
            "{xml}"
        );
    }
    let empty = doc("");
    let at = empty.find("<LWM2M>").unwrap();
    assert_eq!(parse_ddf(&empty).map_err(|e| e.offset()), Err(at));
    let text = "ab\ncé\nd";
    assert_eq!(
        (line_column(text, 6), line_column(text, 7)),
        ((2, 3), (3, 1))
    );
}

#[test]
fn loaded_definitions_override_builtin_ones() {
    let name = |m: &DdfModel| m.object(3424).map(|o| o.name);
    let builtin = Registry.object(3424).map(|o| o.name);
    assert!(builtin.is_some());
    let mut model = DdfModel::new();
    let litres = item("1", "Integer", "<Units>l</Units>");
    assert_eq!(
        model.load_str(&doc(&object("3424", "Vendor", &litres))),
        Ok(1)
    );
    assert_eq!(name(&model), Some("Vendor"));
    let r1 = model
        .resource(3424, 1)
        .map(|r| (r.name, r.data_type, r.units));
    assert_eq!(r1, Some(("R1", DataType::Integer, "l")));
    assert_eq!(Registry.object(3424).map(|o| o.name), builtin);
    assert_eq!(model.load_str(&doc(&object("3424", "Newer", ""))), Ok(1));
    let bad = model.load_str("<LWM2M>").map_err(|e| e.kind());
    assert_eq!(
        (bad, name(&model)),
        (Err(ErrorKind::InvalidDdf), Some("Newer"))
    );
    let all: Vec<&ObjectDef> = model.objects().collect();
    assert!(all.windows(2).all(|w| w[0].id < w[1].id));
    assert_eq!(all.len(), Registry.objects().count());
    assert!(all.iter().any(|o| o.id == 3424 && o.name == "Newer"));
    assert_eq!(model.loaded().count(), 1);
}

#[test]
fn load_path_reads_files_and_directories() {
    let dir = std::env::temp_dir().join(format!("ucifi-ddf-test-{}", std::process::id()));
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    let name = |m: &DdfModel| m.object(20001).map(|o| o.name);
    std::fs::create_dir_all(&dir).unwrap();
    write("b.xml", &doc(&object("20001", "Later", "")));
    let two = object("20001", "Earlier", "") + &object("20002", "Other", "");
    write("a.xml", &doc(&two));
    write("index.xml", "<DDFList><Item/></DDFList>");
    write("schema.xsd", "not xml");
    let mut model = DdfModel::new();
    assert_eq!(
        (model.load_path(&dir), name(&model)),
        (Ok(3), Some("Later"))
    );
    assert_eq!(model.load_path(&dir.join("a.xml")), Ok(2));
    assert_eq!(name(&model), Some("Earlier"));

    let bad = doc(&object("20003", "Bad", &item("1", "Real", "")));
    write("c.xml", &bad);
    let e = model.load_path(&dir).unwrap_err();
    let at = bad.find("<Type>").unwrap();
    let line_start = bad.find("<Mandatory>Optional</Mandatory><Res").unwrap();
    assert_eq!(
        (&e.path, e.kind(), e.offset()),
        (&dir.join("c.xml"), ErrorKind::InvalidDdf, at)
    );
    assert_eq!(e.line_column, Some((5, at - line_start + 1)));
    let message = e.to_string();
    assert!(
        message.contains("c.xml:5:") && message.contains("INVALID_DDF"),
        "{e}"
    );
    assert_eq!(model.object(20003), None);

    let missing = model.load_path(&dir.join("missing.xml")).unwrap_err();
    let kind = (missing.error(), missing.io.is_some());
    assert_eq!(kind, (Error::new(ErrorKind::InvalidDdf, 0), true));
    assert!(missing.to_string().contains("missing.xml"), "{missing}");
    std::fs::remove_dir_all(&dir).unwrap();
}
