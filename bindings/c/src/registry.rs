//! Registry lookup: object and resource definitions from the built-in (generated) tables.

use core::ffi::c_char;

use ucifi_codec::{ObjectDef, Registry, ResourceDef};

use crate::generated;
use crate::result::{UCIFI_RESULT_NOT_FOUND, UCIFI_RESULT_NULL_POINTER, UCIFI_RESULT_OK};
use crate::types::{
    str_out, ucifi_object_def, ucifi_resource_def, ucifi_result, ucifi_str, ucifi_type,
};

/// `ucifi_resource_def.operations` bit: readable.
pub const UCIFI_OPERATION_READ: u8 = 1;
/// `ucifi_resource_def.operations` bit: writable.
pub const UCIFI_OPERATION_WRITE: u8 = 2;
/// `ucifi_resource_def.operations` bit: executable.
pub const UCIFI_OPERATION_EXECUTE: u8 = 4;

fn object_out(o: &'static ObjectDef) -> ucifi_object_def {
    ucifi_object_def {
        id: o.id,
        name: str_out(o.name()),
        version: str_out(o.version()),
        lwm2m_version: str_out(o.lwm2m_version()),
        multiple: o.multiple(),
        mandatory: o.mandatory(),
        is_ucifi: o.is_ucifi(),
        resource_count: o.resources.len(),
    }
}

fn resource_out(object: u16, r: &'static ResourceDef) -> ucifi_resource_def {
    let ops = r.operations();
    let bit = |on: bool, mask: u8| if on { mask } else { 0 };
    let operations = bit(ops.readable(), UCIFI_OPERATION_READ)
        | bit(ops.writable(), UCIFI_OPERATION_WRITE)
        | bit(ops.executable(), UCIFI_OPERATION_EXECUTE);
    ucifi_resource_def {
        object,
        id: r.id,
        name: str_out(r.name()),
        data_type: r.data_type() as u8,
        operations,
        multiple: r.multiple(),
        mandatory: r.mandatory(),
        units: str_out(r.units()),
        has_range: r.range().is_some(),
        range_min: r.range().map_or(0.0, |x| x.min),
        range_max: r.range().map_or(0.0, |x| x.max),
    }
}

/// Writes `value` to `out` (checked non-NULL) or reports NOT_FOUND.
///
/// # Safety
/// `out` must be NULL or writable.
unsafe fn found<T>(out: *mut T, value: Option<T>) -> ucifi_result {
    if out.is_null() {
        return UCIFI_RESULT_NULL_POINTER;
    }
    match value {
        Some(v) => {
            // SAFETY: non-NULL; writable by the caller's contract.
            unsafe { out.write(v) };
            UCIFI_RESULT_OK
        }
        None => UCIFI_RESULT_NOT_FOUND,
    }
}

/// The registry name of object `id` (`"Water meter"` for 3424): static, not NUL-terminated.
/// `UCIFI_RESULT_NOT_FOUND` for an object the registry does not hold.
///
/// # Safety
/// `name_out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_object_name(id: u16, name_out: *mut ucifi_str) -> ucifi_result {
    ffi_boundary!({
        let name = Registry.get(id).map(|o| str_out(o.name()));
        // SAFETY: forwarded contract.
        unsafe { found(name_out, name) }
    })
}

/// The definition of object `id`. `UCIFI_RESULT_NOT_FOUND` for an object the registry does not hold.
///
/// # Safety
/// `info_out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_object_info(
    id: u16,
    info_out: *mut ucifi_object_def,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: forwarded contract.
        unsafe { found(info_out, Registry.get(id).map(object_out)) }
    })
}

/// The `index`-th object of the registry (sorted by id), for enumeration: `UCIFI_RESULT_NOT_FOUND` past the end.
///
/// # Safety
/// `info_out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_object_at(
    index: usize,
    info_out: *mut ucifi_object_def,
) -> ucifi_result {
    ffi_boundary!({
        let object = Registry.objects().nth(index).map(object_out);
        // SAFETY: forwarded contract.
        unsafe { found(info_out, object) }
    })
}

/// The definition of resource `resource` of object `object` (e.g. 3424, 1: "Cumulated water volume", float, m3).
/// `UCIFI_RESULT_NOT_FOUND` when the registry does not know it.
///
/// # Safety
/// `info_out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_resource_info(
    object: u16,
    resource: u16,
    info_out: *mut ucifi_resource_def,
) -> ucifi_result {
    ffi_boundary!({
        let def = Registry
            .get(object)
            .and_then(|o| o.resource(resource))
            .map(|r| resource_out(object, r));
        // SAFETY: forwarded contract.
        unsafe { found(info_out, def) }
    })
}

/// The `index`-th resource of object `object` (sorted by id), for enumeration: `UCIFI_RESULT_NOT_FOUND` past the
/// end or for an unknown object.
///
/// # Safety
/// `info_out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_resource_at(
    object: u16,
    index: usize,
    info_out: *mut ucifi_resource_def,
) -> ucifi_result {
    ffi_boundary!({
        let def = Registry
            .get(object)
            .and_then(|o| o.resources.get(index))
            .map(|r| resource_out(object, r));
        // SAFETY: forwarded contract.
        unsafe { found(info_out, def) }
    })
}

/// The record-JSON name of a type code (`"float"`) as a static NUL-terminated string, or NULL for an unknown code.
#[no_mangle]
pub extern "C" fn ucifi_type_name(data_type: ucifi_type) -> *const c_char {
    ffi_boundary!(core::ptr::null(), {
        generated::type_name(data_type).map_or(core::ptr::null(), core::ffi::CStr::as_ptr)
    })
}
