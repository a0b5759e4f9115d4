//! Module-wide state: the object model (built-in registry plus DDF loaded with `loadDdf`), the DDF cache behind the
//! per-call `ddf` option, and the user's fPort entries.
//!
//! A WebAssembly instance runs on one thread, so the state lives in thread-locals. Loaded definitions are leaked by
//! the core ([`DdfModel`]'s contract: they live as long as the module), so the per-call `ddf` option parses each
//! distinct document once and reuses its definitions: passing the same XML with every call costs no memory after
//! the first.

use std::cell::RefCell;

use ucifi_codec::lorawan::port::{PortEntry, PortTable};
use ucifi_codec::registry::{parse_ddf, DdfModel};
use ucifi_codec::{Error, ObjectDef};
use wasm_bindgen::{JsCast, JsValue};

use crate::errors::{codec_error, type_error};

thread_local! {
    static MODEL: RefCell<DdfModel> = const { RefCell::new(DdfModel::new()) };
    /// Each DDF document of a `ddf` option seen so far, with its definitions (a list: a program passes a few).
    static DDF_CACHE: RefCell<Vec<(String, Vec<&'static ObjectDef>)>> = const { RefCell::new(Vec::new()) };
    static PORTS: RefCell<(Vec<PortEntry>, bool)> = const { RefCell::new((Vec::new(), true)) };
    static GENERATION: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A number that changes whenever the module's model changes (`loadDdf`, `resetDdf`): caches of what the model
/// says (TS013 keys) are valid while it stays the same.
pub(crate) fn generation() -> u64 {
    GENERATION.with(|g| g.get())
}

fn changed() {
    GENERATION.with(|g| g.set(g.get() + 1));
}

/// The definitions of one DDF document, parsed (and leaked) on first use.
fn ddf_objects(xml: &str) -> Result<Vec<&'static ObjectDef>, Error> {
    let cached = |c: &RefCell<Vec<(String, Vec<&'static ObjectDef>)>>| {
        c.borrow()
            .iter()
            .find(|(doc, _)| doc == xml)
            .map(|(_, defs)| defs.clone())
    };
    if let Some(defs) = DDF_CACHE.with(cached) {
        return Ok(defs);
    }
    let defs: Vec<&'static ObjectDef> = parse_ddf(xml)?.into_iter().map(|o| o.leak()).collect();
    DDF_CACHE.with(|c| c.borrow_mut().push((xml.to_string(), defs.clone())));
    Ok(defs)
}

/// The DDF documents of a `ddf` option: a string, an array of strings, or absent.
pub(crate) fn ddf_documents(value: &JsValue) -> Result<Vec<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if let Some(s) = value.as_string() {
        return Ok(vec![s]);
    }
    if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        return array
            .iter()
            .map(|d| {
                d.as_string()
                    .ok_or_else(|| type_error("ddf: expected a DDF XML string or an array of them"))
            })
            .collect();
    }
    Err(type_error(
        "ddf: expected a DDF XML string or an array of them",
    ))
}

/// Runs `f` with the module's model, or with a copy that also holds the definitions of `ddf` (later documents win,
/// and all of them win over `loadDdf` ones).
pub(crate) fn with_model<T>(
    ddf: &[String],
    f: impl FnOnce(&DdfModel) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    if ddf.is_empty() {
        return MODEL.with(|m| f(&m.borrow()));
    }
    let mut model = MODEL.with(|m| m.borrow().clone());
    for xml in ddf {
        for def in ddf_objects(xml).map_err(codec_error)? {
            model.insert(def);
        }
    }
    f(&model)
}

/// Loads the definitions of one document into the module's model; returns how many objects it held.
pub(crate) fn load(xml: &str) -> Result<usize, Error> {
    let defs = ddf_objects(xml)?;
    MODEL.with(|m| {
        let mut m = m.borrow_mut();
        for def in &defs {
            m.insert(def);
        }
    });
    changed();
    Ok(defs.len())
}

/// Drops every loaded definition from the module's model (the built-in registry stays).
pub(crate) fn reset() {
    MODEL.with(|m| *m.borrow_mut() = DdfModel::new());
    changed();
}

/// Replaces the user's fPort entries; `defaults` keeps the default convention under them.
pub(crate) fn set_ports(entries: Vec<PortEntry>, defaults: bool) {
    PORTS.with(|p| *p.borrow_mut() = (entries, defaults));
    crate::args::ports_changed();
}

/// Runs `f` with the fPort table in force.
pub(crate) fn with_ports<T>(f: impl FnOnce(&PortTable<'_>) -> T) -> T {
    PORTS.with(|p| {
        let p = p.borrow();
        let table = if p.1 {
            PortTable::with_entries(&p.0)
        } else {
            PortTable::only(&p.0)
        };
        f(&table)
    })
}
