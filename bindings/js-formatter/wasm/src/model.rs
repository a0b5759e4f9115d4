//! The object model the codec core sees: object ids, resource ids and data types, loaded once from JS.
//!
//! Names and units stay in the generated JS tables; the core needs only types (to read TLV values and check
//! encoder input), so the same compiled core serves any object set the generator chooses.
//!
//! Table layout (little-endian), objects and their resources in ascending id order:
//! `[u16 object id][u16 resource count]` then per resource `[u16 resource id][u8 data type code]`.

use core::mem::MaybeUninit;
use core::ptr::{addr_of, addr_of_mut};

use ucifi_codec::{DataType, Error, ErrorKind, Model, ObjectDef, Operations, ResourceDef};

use crate::buffers::{le, model_table, MODEL_CAP};

/// Objects the model can hold.
pub const MAX_OBJECTS: usize = 256;
/// Resources (over all objects) the model can hold.
pub const MAX_RESOURCES: usize = 2048;

static mut OBJECTS: MaybeUninit<[ObjectDef; MAX_OBJECTS]> = MaybeUninit::uninit();
static mut RESOURCES: MaybeUninit<[ResourceDef; MAX_RESOURCES]> = MaybeUninit::uninit();
/// Objects written so far; they never change once written.
static mut OBJECT_COUNT: usize = 0;
/// Set by the first successful [`load_model`]; the model is fixed from then on.
static mut LOADED: bool = false;

/// The loaded model.
#[derive(Debug, Clone, Copy, Default)]
pub struct Loaded;

impl Loaded {
    /// Every loaded object, in ascending id order.
    pub fn objects(&self) -> &'static [ObjectDef] {
        // SAFETY: the first OBJECT_COUNT entries were written by `load_model` and are never written again; wasm is
        // single-threaded.
        unsafe { core::slice::from_raw_parts(addr_of!(OBJECTS).cast::<ObjectDef>(), OBJECT_COUNT) }
    }
}

impl Model for Loaded {
    fn object(&self, id: u16) -> Option<&ObjectDef> {
        let objects = self.objects();
        objects
            .binary_search_by_key(&id, |o| o.id)
            .ok()
            .and_then(|i| objects.get(i))
    }
}

/// The data type with this code (`DataType as u8`).
pub(crate) fn data_type(code: u8) -> Option<DataType> {
    DataType::ALL.iter().copied().find(|t| *t as u8 == code)
}

/// Loads the model table JS wrote into `buf_model` (`len` bytes); returns the number of objects.
///
/// Only the first successful call loads; later calls change nothing and return the count loaded.
/// Errors: `INVALID_DDF` at the byte offset of a malformed, unsorted or over-capacity entry.
#[no_mangle]
pub extern "C" fn load_model(len: u32) -> i32 {
    // SAFETY: single-threaded; nothing borrows the statics while the model is being written (no record is decoded
    // before the model is loaded, and writes go only past what earlier objects use).
    unsafe {
        if LOADED {
            return i32::try_from(OBJECT_COUNT).unwrap_or(i32::MAX);
        }
        match parse(len as usize) {
            Ok(n) => {
                LOADED = true;
                i32::try_from(n).unwrap_or(i32::MAX)
            }
            Err(e) => {
                OBJECT_COUNT = 0;
                crate::fail(e, u32::MAX)
            }
        }
    }
}

/// Parses the table into OBJECTS and RESOURCES.
///
/// # Safety
/// Must not run while any `&'static` slice of the model is in use (only `load_model` calls it, before `LOADED`).
unsafe fn parse(len: usize) -> Result<usize, Error> {
    let table = model_table().get(..len.min(MODEL_CAP)).unwrap_or(&[]);
    let objects = addr_of_mut!(OBJECTS).cast::<ObjectDef>();
    let resources = addr_of_mut!(RESOURCES).cast::<ResourceDef>();
    let (mut at, mut count, mut used) = (0usize, 0usize, 0usize);
    let mut last_object: Option<u16> = None;
    while at < table.len() {
        let bad = Error::new(ErrorKind::InvalidDdf, at);
        let id = le::u16_at(table, at);
        let n = usize::from(le::u16_at(table, at + 2));
        if at + 4 + 3 * n > table.len()
            || count == MAX_OBJECTS
            || used + n > MAX_RESOURCES
            || last_object.is_some_and(|l| l >= id)
        {
            return Err(bad);
        }
        at += 4;
        let mut last_resource: Option<u16> = None;
        for k in 0..n {
            let rid = le::u16_at(table, at);
            let code = table.get(at + 2).copied().unwrap_or(0);
            let ty = data_type(code).ok_or(Error::new(ErrorKind::InvalidDdf, at + 2))?;
            if last_resource.is_some_and(|l| l >= rid) {
                return Err(Error::new(ErrorKind::InvalidDdf, at));
            }
            last_resource = Some(rid);
            resources.add(used + k).write(ResourceDef::new(
                rid,
                ty,
                Operations::NONE,
                false,
                false,
            ));
            at += 3;
        }
        objects.add(count).write(ObjectDef::new(
            id,
            true,
            false,
            core::slice::from_raw_parts(resources.add(used), n),
        ));
        used += n;
        count += 1;
        OBJECT_COUNT = count;
        last_object = Some(id);
    }
    Ok(count)
}
