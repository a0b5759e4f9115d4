// The playground: decode a pasted frame with the WASM package (web build), show records, the TS013 result, sizes in
// other formats with the data rates that carry them, a conformance report, and browse the object model.
import init, {
  dataRates,
  decode,
  decodeUplink,
  encode,
  formats,
  objects,
  validate,
  version,
} from '../pkg/web/ucifi_wasm.js';

const $ = (id) => document.getElementById(id);
const REENCODE = ['tlv', 'senml-cbor', 'lwm2m-cbor'];

/** JSON text with BigInt as decimal numbers. */
const json = (v) => JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? x.toString() : x), 2);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

/** The pasted text as bytes: hex when it is only hex digits (spaces allowed) in pairs, else base64. */
function parseFrame(text) {
  const t = text.replace(/\s+/g, '');
  if (/^([0-9a-fA-F]{2})*$/.test(t)) {
    return Uint8Array.from(t.match(/../g) ?? [], (h) => parseInt(h, 16));
  }
  if (/^[A-Za-z0-9+/_-]*={0,2}$/.test(t) && t.replace(/=+$/, '').length % 4 !== 1) {
    const bin = atob(t.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  }
  throw new Error('not hex or base64');
}

/** The decode options from the form: {fPort} or {format, path?}. */
function target() {
  if ($('mode-fport').checked) return { fPort: Number($('fport').value) };
  const path = $('path').value.trim();
  return path ? { format: $('format').value, path } : { format: $('format').value };
}

/** The bytes as hex pairs; with `offset`, the byte there is marked (past the end: a marker after the last byte). */
function showBytes(bytes, offset) {
  const pre = $('bytes');
  pre.replaceChildren();
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
  if (offset === undefined) {
    pre.append(hex.join(' '));
    return;
  }
  pre.append(hex.slice(0, offset).join(' ') + (offset > 0 ? ' ' : ''));
  const at = offset < hex.length ? hex[offset] : '··';
  pre.append(el('span', { class: 'err', title: `offset ${offset}` }, at));
  if (offset + 1 < hex.length) pre.append(el('span', { class: 'after' }, ' ' + hex.slice(offset + 1).join(' ')));
}

function status(text, kind) {
  $('status').textContent = text;
  $('status').className = kind;
}

function showRecords(records) {
  const body = $('records').tBodies[0];
  body.replaceChildren(
    ...records.map((r) =>
      el(
        'tr',
        {},
        el('td', {}, r.path),
        el('td', {}, r.name ?? (r.unknown ? '(unknown resource)' : '')),
        el('td', { class: 'value' }, typeof r.value === 'string' ? r.value : json(r.value)),
        el('td', {}, r.unit ?? ''),
        el('td', {}, r.type),
      ),
    ),
  );
}

/** The object path all records share (`/O`), for TLV; undefined when they name several objects. */
function commonObject(records) {
  const objectsSeen = new Set(records.map((r) => r.path.split('/')[1]));
  return objectsSeen.size === 1 ? `/${[...objectsSeen][0]}` : undefined;
}

function showSizes(records) {
  const regions = dataRates(0, {}).map((r) => r.region);
  $('sizes').tHead.replaceChildren(el('tr', {}, el('th', {}, 'format'), el('th', {}, 'bytes'), ...regions.map((r) => el('th', {}, r))));
  const input = records.map(({ path, type, value, time }) => (time === undefined ? { path, type, value } : { path, type, value, time }));
  const rows = REENCODE.map((format) => {
    const options = format === 'tlv' ? { format, path: commonObject(records) } : { format };
    let size;
    try {
      if (options.path === undefined && format === 'tlv') throw new Error('records of several objects');
      size = encode(input, options).length;
    } catch (e) {
      return el('tr', { 'data-format': format }, el('td', {}, format), el('td', { colspan: regions.length + 1 }, e.code ?? e.message));
    }
    const rates = dataRates(size, {});
    return el(
      'tr',
      { 'data-format': format },
      el('td', {}, format),
      el('td', { class: 'size' }, size),
      ...rates.map((r) => el('td', {}, r.carrying.length ? `DR${r.carrying[0]}+` : '—')),
    );
  });
  $('sizes').tBodies[0].replaceChildren(...rows);
}

function run() {
  $('records').tBodies[0].replaceChildren();
  $('sizes').tBodies[0].replaceChildren();
  $('ts013').textContent = '';
  $('validate').textContent = '';
  let bytes;
  try {
    bytes = parseFrame($('frame').value);
  } catch (e) {
    showBytes([]);
    status(`Input: ${e.message}`, 'error');
    return;
  }
  const options = target();
  if (options.fPort !== undefined) {
    const r = decodeUplink({ bytes, fPort: options.fPort });
    $('ts013').textContent = json(r.errors.length ? { errors: r.errors, warnings: r.warnings } : r.data);
  } else {
    $('ts013').textContent = '(TS013 decodes by fPort: pick fPort to see it)';
  }
  try {
    $('validate').textContent = validate(bytes, { ...options, text: true });
  } catch (e) {
    $('validate').textContent = e.message;
  }
  let records;
  try {
    records = decode(bytes, options);
  } catch (e) {
    showBytes(bytes, typeof e.offset === 'number' ? e.offset : undefined);
    status(e.code ? `${e.code} at offset ${e.offset}: ${e.message.replace(/^\S+ at offset \d+: /, '')}` : e.message, 'error');
    return;
  }
  showBytes(bytes);
  status(`${bytes.length} bytes, ${records.length} record${records.length === 1 ? '' : 's'}`, 'ok');
  showRecords(records);
  showSizes(records);
}

function showObject(id) {
  const o = objects(id);
  for (const li of $('objects').children) li.classList.toggle('selected', Number(li.dataset.id) === id);
  if (!o) return;
  $('object').replaceChildren(
    el('h3', {}, `${o.id} ${o.name} (version ${o.version})`),
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, ...['id', 'name', 'type', 'op', 'M', 'unit', 'range'].map((h) => el('th', {}, h)))),
      el(
        'tbody',
        {},
        ...o.resources.map((r) =>
          el(
            'tr',
            {},
            el('td', {}, r.id),
            el('td', {}, r.name),
            el('td', {}, r.multiple ? `${r.type}[]` : r.type),
            el('td', {}, r.operations),
            el('td', {}, r.mandatory ? 'yes' : ''),
            el('td', {}, r.unit ?? ''),
            el('td', {}, r.range ? `${r.range[0]}..${r.range[1]}` : ''),
          ),
        ),
      ),
    ),
  );
}

function showObjectList() {
  const q = $('search').value.trim().toLowerCase();
  const list = objects().filter((o) => !q || String(o.id).startsWith(q) || o.name.toLowerCase().includes(q));
  $('objects').replaceChildren(
    ...list.map((o) => {
      const li = el('li', { 'data-id': o.id }, el('span', { class: 'id' }, o.id), o.name);
      li.addEventListener('click', () => showObject(o.id));
      return li;
    }),
  );
}

await init();
$('version').textContent = version();
$('format').replaceChildren(...formats().map((f) => el('option', { value: f }, f)));
$('decode').addEventListener('click', run);
$('frame').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run();
});
// Editing the fPort or picking a format selects that mode.
$('fport').addEventListener('change', () => $('mode-fport').click());
$('format').addEventListener('change', () => $('mode-format').click());
$('search').addEventListener('input', showObjectList);
showObjectList();
run();
document.body.dataset.ready = 'true';
