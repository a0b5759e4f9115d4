// Type definitions for the npm package `ucifi-codec` (hand-written; the wasm-bindgen glue is built with
// --no-typescript). Node entry point: `require('ucifi-codec')`. Browsers / ESM: `ucifi-codec/web` (see web.d.ts).

/** The record JSON `type` names. */
export type DataType =
  | 'string'
  | 'integer'
  | 'unsigned'
  | 'float'
  | 'boolean'
  | 'opaque'
  | 'time'
  | 'objlnk'
  | 'corelnk'
  | 'none';

/**
 * A decoded value, as in the record JSON:
 * - `integer`, `unsigned`, `time`: a `number` while |x| ≤ 2^53 − 1 (`Number.MAX_SAFE_INTEGER`), a `bigint` beyond;
 * - `float`: a `number`, or the strings `"NaN"`, `"Infinity"`, `"-Infinity"`;
 * - `opaque`: lowercase hex; `objlnk`: `"oid:iid"`; `string`, `corelnk`: text; `boolean`; `none`: `null`.
 */
export type RecordValue = number | bigint | string | boolean | null;

/** One decoded data point (the project's record JSON). */
export interface DecodedRecord {
  /** `/O/I/R` or `/O/I/R/RI`. */
  path: string;
  /** The resource name, when the model knows the resource. */
  name?: string;
  /** The unit, when the model gives one. */
  unit?: string;
  type: DataType;
  value: RecordValue;
  /** Present (true) when the model does not know the resource: for TLV the value is then its raw bytes, as opaque. */
  unknown?: true;
  /** The record's time in seconds, where the format carries one (SenML). */
  time?: number;
}

/**
 * A record to encode. `type` may be left out when the model knows the resource; `name`, `unit` and `unknown` are
 * ignored, so decoded records can be passed back as they are. Integers beyond 2^53 − 1 must be `bigint`.
 */
export interface RecordInput {
  path: string;
  type?: DataType;
  value?: number | bigint | string | boolean | null;
  time?: number;
  name?: string;
  unit?: string;
  unknown?: boolean;
}

/**
 * Bytes in: a `Uint8Array` (or Node `Buffer`), an `ArrayBuffer`, a `DataView` or other typed-array view (its bytes),
 * an array of byte values, or hex text (`INVALID_HEX` on bad text).
 */
export type BytesInput = Uint8Array | ArrayBuffer | ArrayBufferView | ArrayLike<number> | string;

/** DDF XML object definitions for one call: one document or several (later ones win). */
export type DdfInput = string | string[];

/** Where a frame's format and request path come from: a format name (with a path), or an fPort of the table. */
export type FrameTarget =
  | { format: string; path?: string; fPort?: undefined }
  | { fPort: number; format?: undefined; path?: undefined };

export type DecodeOptions = FrameTarget & {
  /** DDF documents for this call only; each distinct document is parsed once and kept. */
  ddf?: DdfInput;
};

export type EncodeOptions = FrameTarget & {
  /** Fail with `BUFFER_TOO_SMALL` (offset = the bytes needed) when the frame would be longer. */
  maxBytes?: number;
  ddf?: DdfInput;
};

/** The error kinds (the core's `ErrorKind` names; also the C, Python and CLI names). */
export type ErrorCode =
  | 'UNEXPECTED_END'
  | 'LENGTH_EXCEEDS_PARENT'
  | 'INVALID_NESTING'
  | 'DUPLICATE_ID'
  | 'PATH_MISMATCH'
  | 'INVALID_VALUE_LENGTH'
  | 'INVALID_BOOLEAN'
  | 'INVALID_UTF8'
  | 'EXECUTABLE_VALUE'
  | 'INVALID_PATH'
  | 'MISSING_PATH'
  | 'TYPE_MISMATCH'
  | 'BUFFER_TOO_SMALL'
  | 'INVALID_DDF'
  | 'INVALID_HEX'
  | 'INVALID_RECORD'
  | 'UNKNOWN_FORMAT'
  | 'INVALID_CBOR'
  | 'INVALID_JSON'
  | 'TRAILING_DATA'
  | 'INDEFINITE_LENGTH'
  | 'UNSUPPORTED_VERSION'
  | 'UNKNOWN_MANDATORY_LABEL'
  | 'MISSING_VALUE'
  | 'MULTIPLE_VALUES'
  | 'INVALID_NAME'
  | 'INVALID_BASE64'
  | 'INVALID_TEXT';

/**
 * What `decode`, `encode`, `fit`, `loadDdf` and `setPorts` throw for bad data. `message` reads
 * `"UNEXPECTED_END at offset 23: input ends inside an element header or value"`. Arguments of the wrong JS type
 * throw a plain `TypeError` (or `RangeError`) without `code`.
 */
export interface CodecError extends Error {
  code: ErrorCode;
  /** Decoders: the byte offset in the frame. Encoders: the index of the record at fault (`BUFFER_TOO_SMALL`: the
   * bytes needed). `INVALID_PATH`: the index in the path text. `INVALID_DDF`: the byte offset in the DDF text. */
  offset: number;
}

/** Decodes one frame into records. Throws a {@link CodecError}. */
export function decode(bytes: BytesInput, options: DecodeOptions): DecodedRecord[];

/** Encodes records into one frame. Throws a {@link CodecError}. */
export function encode(records: readonly RecordInput[], options: EncodeOptions): Uint8Array;

/** LoRaWAN regions (case is ignored; `AS923` means `AS923-1`). */
export type Region =
  | 'EU868'
  | 'US915'
  | 'AU915'
  | 'AS923'
  | 'AS923-1'
  | 'AS923-2'
  | 'AS923-3'
  | 'AS923-4'
  | 'IN865'
  | 'KR920'
  | 'CN470';

export type FitBudget =
  | { budget: number; region?: undefined }
  | {
      region: Region | string;
      dataRate: number;
      /** Default `"uplink"`. */
      direction?: 'uplink' | 'downlink';
      /** Dwell time on (AS923-x, AU915). */
      dwell?: boolean;
      /** Cap at 222 bytes for repeater compatibility. */
      repeater?: boolean;
      budget?: undefined;
    };

export type FitOptions = FitBudget & {
  /** A format name, or `"auto"` (default): the smallest encoding per frame. */
  format?: string;
  /** Request path for formats that need one; without it TLV uses `/ObjectID` of each frame's records. */
  path?: string;
  ddf?: DdfInput;
};

export interface FitFrame {
  bytes: Uint8Array;
  format: string;
  /** The request path the frame was encoded at (TLV). */
  path?: string;
  /** The fPort whose table entry decodes the frame, if any. */
  fPort?: number;
  /** Indexes into the input records, in the order they were encoded. */
  records: number[];
}

export interface FitResult {
  frames: FitFrame[];
  /** Indexes (ascending) of the records too large for any frame on their own. */
  leftOut: number[];
}

/** Puts records into the fewest frames that fit the budget. Throws a {@link CodecError} (offset = record index). */
export function fit(records: readonly RecordInput[], options: FitOptions): FitResult;

export interface ResourceInfo {
  id: number;
  name: string;
  type: DataType;
  /** `"R"`, `"W"`, `"RW"`, `"E"` or `""`. */
  operations: string;
  multiple: boolean;
  mandatory: boolean;
  unit?: string;
  /** `[min, max]` when the registry gives a numeric range. */
  range?: [number, number];
}

export interface ObjectSummary {
  id: number;
  name: string;
  version: string;
  lwm2m_version: string;
  multiple: boolean;
  mandatory: boolean;
  /** One of the 47 uCIFI objects. */
  ucifi: boolean;
  resource_count: number;
}

export interface ObjectInfo extends Omit<ObjectSummary, 'resource_count'> {
  resources: ResourceInfo[];
}

/** Every object of the model (built-in plus `loadDdf`), with resource counts. */
export function objects(): ObjectSummary[];
/** One object with its resources, or `undefined` when the model does not know it. */
export function objects(id: number): ObjectInfo | undefined;

/** The format names this build reads and writes. */
export function formats(): string[];

/**
 * Loads DDF XML object definitions for every later call (they override built-in objects with the same ObjectID).
 * Returns the number of objects loaded. Throws `INVALID_DDF` (offset in the document).
 */
export function loadDdf(xml: DdfInput): number;

/** Forgets every definition loaded with `loadDdf`. */
export function resetDdf(): void;

export interface PortEntry {
  /** 1–223. */
  fPort: number;
  format: string;
  /** The request path; absent for self-describing formats. */
  path?: string;
}

/** The fPort table in force: user entries first, then the default convention. */
export function ports(): PortEntry[];

/**
 * Sets user fPort entries (they override the default entry of their port). `defaults: false` drops the default
 * convention (uCIFI object ObjectID − 3400 → TLV at `/ObjectID`, plus the self-describing ports).
 */
export function setPorts(entries: readonly PortEntry[], options?: { defaults?: boolean }): void;

/** The package version. */
export function version(): string;

// ---- Conformance (`validate`) and data rates ----

/** One frame of a device for `validate`: bytes (or hex / base64 / SenML-JSON text) and how to read it. */
export interface ValidateFrame {
  bytes?: BytesInput;
  hex?: string;
  base64?: string;
  text?: string;
  /** Read by the fPort convention; else `format` (+ `path`); else the options' ones. */
  fPort?: number;
  format?: string;
  path?: string;
}

export interface ValidateOptions {
  fPort?: number;
  format?: string;
  path?: string;
  /** A name for the report. */
  device?: string;
  ddf?: DdfInput;
  /** `true`: the report as text for people (a string). */
  text?: boolean;
}

/** One finding group of a report (schema: bindings/cli/README.md, "validate"). */
export interface ValidateFinding {
  severity: 'error' | 'warning' | 'info';
  check: string;
  path?: string;
  name?: string;
  frame: number;
  count: number;
  message: string;
  kind?: string;
  offset?: number;
  value?: number | string;
  min?: number;
  max?: number;
  length?: boolean;
}

export interface ValidateReport {
  device?: string;
  conformant: boolean;
  frames: number;
  failed_frames: number;
  summary: { errors: number; warnings: number; infos: number };
  instances: {
    path: string;
    name?: string;
    version?: string;
    frames: number;
    records: number;
    resources: { id: number; name: string; type: string; unit?: string; mandatory: boolean }[];
    missing_mandatory: number[];
  }[];
  findings: ValidateFinding[];
}

/**
 * The conformance report of one device's frames (the JSON `ucifi validate` prints per device). Frames that do not
 * decode are `DECODE_ERROR` findings; unreadable input (bad hex, format, path) throws.
 */
export function validate(frames: BytesInput | readonly ValidateFrame[], options?: ValidateOptions & { text?: false }): ValidateReport;
export function validate(frames: BytesInput | readonly ValidateFrame[], options: ValidateOptions & { text: true }): string;

/** The uplink data rates of each region (RP002-1.0.4) with their largest payload, and those that carry `size` bytes. */
export function dataRates(
  size: number,
  options?: { dwell?: boolean; repeater?: boolean },
): { region: string; dataRates: { dataRate: number; maxPayload: number }[]; carrying: number[] }[];

// ---- LoRa Alliance TS013 payload codec API (these never throw) ----

/**
 * TS013 `data`: object name → instance id → resource name → value. A multiple resource is an object keyed by
 * resource-instance id; a resource that occurs more than once in a frame (a SenML series) is an array in frame
 * order. Where the model does not know an object or resource, or its name is not unique, the key is its id.
 * Reserved top-level keys, present only when they have entries: `units`, `types`, `time` (see README.md).
 */
export interface UplinkData {
  [objectName: string]: ObjectData | UnitsMap | TypesMap | TimeMap | undefined;
  /** Object → resource → unit. */
  units?: UnitsMap;
  /** Object → resource → type name, for resources the model does not know. */
  types?: TypesMap;
  /** The value tree's shape, holding each record's time in seconds (absolute, with `recvTime` for relative ones). */
  time?: TimeMap;
}
/**
 * A value in `data`. `decodeUplink` / `decodeDownlink` give integers beyond 2^53 − 1 as decimal strings (never
 * `bigint`, so results serialize with `JSON.stringify`); `encodeDownlink` takes such strings or `bigint`.
 */
export type LeafValue = RecordValue | RecordValue[];
export interface ObjectData {
  [instanceId: string]: { [resourceName: string]: LeafValue | { [resourceInstanceId: string]: LeafValue } };
}
export interface UnitsMap {
  [objectName: string]: { [resourceName: string]: string };
}
export interface TypesMap {
  [objectName: string]: { [resourceName: string]: DataType };
}
export interface TimeMap {
  [objectName: string]: {
    [instanceId: string]: { [resourceName: string]: number | number[] | { [resourceInstanceId: string]: number | number[] } };
  };
}

export interface UplinkInput {
  /** The FRMPayload: an array of byte values, a `Uint8Array` / `Buffer`, or any form `decode` takes. */
  bytes: BytesInput;
  fPort: number;
  /** When the network received the frame; turns relative SenML times (< 2^28 s) into absolute ones. */
  recvTime?: Date | number;
}

export interface DecodeResult {
  /** Absent when `errors` is not empty. */
  data?: UplinkData;
  /** Resources the model does not know, one line each. */
  warnings: string[];
  /** Empty on success; else one line like `"UNEXPECTED_END at offset 23: …"`. */
  errors: string[];
}

export interface DownlinkInput {
  data: UplinkData;
  /** Without it, the first fPort-table entry that carries every record is used. */
  fPort?: number;
}

export interface EncodeResult {
  /** Absent when `errors` is not empty. */
  bytes?: number[];
  fPort?: number;
  warnings: string[];
  errors: string[];
}

export function decodeUplink(input: UplinkInput): DecodeResult;
export function encodeDownlink(input: DownlinkInput): EncodeResult;
export function decodeDownlink(input: { bytes: ArrayLike<number> | Uint8Array; fPort: number }): DecodeResult;
