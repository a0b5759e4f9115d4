// The object model of the chosen objects, from the generated tables (bindings/cli/src/formatter.rs):
//   T.w  the words of every name and unit, joined by T.j; a name is coded as its words' codes.
//   T.o  one string per object: "id|name|resource|...". A resource is "[id]" + type letter ("a" + type - 1, or
//        "k" + type - 1 for a multiple resource) + name [+ "~" + unit]; its id is left out when it is the previous
//        one plus 1. A name starting with "!" is
//        keyed by its id in `data` (not unique, all digits or reserved).
// A word code is one character of the code alphabet (printable ASCII without " \ ! | ~) with an index below 64,
// or a higher one followed by a second character: 64 + (first - 64) * 90 + second.
// An object's string is read when the object is first used, so decoding one object reads one string.

var WORDS, CODE = {}, LINES, OBJECTS = {}, OBJECT_IDS;

function codeTables() {
  if (WORDS) return;
  WORDS = T.w.split(T.j);
  for (var c = 32, n = 0; c < 127; c++) {
    var ch = String.fromCharCode(c);
    if ('"\\!|~'.indexOf(ch) < 0) CODE[ch] = n++;
  }
}

// The text of word codes s[at..end): the words joined by spaces.
function words(s, at, end) {
  var out = [], i;
  while (at < end) {
    i = CODE[s.charAt(at++)];
    if (i >= 64) i = 64 + (i - 64) * 90 + CODE[s.charAt(at++)];
    out.push(WORDS[i]);
  }
  return out.join(' ');
}

// A name and its `data` key from a coded field; "!" marks one keyed by the id.
function named(field, id, into) {
  var byId = field.charAt(0) === '!';
  into.n = words(field, byId ? 1 : 0, field.length);
  into.k = byId ? '' + id : into.n;
  return into;
}

function lines() {
  if (LINES) return;
  codeTables();
  var lines = {}, ids = {}, i, f;
  for (i = 0; i < T.o.length; i++) {
    f = T.o[i].split('|', 2);
    lines[+f[0]] = T.o[i];
    var o = named(f[1], +f[0], {});
    if (!has(ids, '$' + o.n)) ids['$' + o.n] = +f[0];
  }
  LINES = lines;
  OBJECT_IDS = ids;
}

// The definition of object `id`: {n name, k key, r {rid: {t type, m multiple, n, k, u unit}}, byName}, or
// undefined.
function objectDef(id) {
  if (has(OBJECTS, id)) return OBJECTS[id];
  lines();
  if (!has(LINES, id)) return undefined;
  var f = LINES[id].split('|'), o = named(f[1], id, { r: {}, byName: {} }), j, s, at, rid = -1, unit;
  for (j = 2; j < f.length; j++) {
    s = f[j];
    for (at = 0; s.charCodeAt(at) < 58; at++);
    rid = at ? +s.slice(0, at) : rid + 1;
    unit = s.indexOf('~', at);
    var t = s.charCodeAt(at) - 96, d = named(s.slice(at + 1, unit < 0 ? s.length : unit), rid, { t: t > 10 ? t - 10 : t, m: t > 10 });
    d.u = unit < 0 ? '' : words(s, unit + 1, s.length);
    if (!has(o.byName, '$' + d.n)) o.byName['$' + d.n] = rid;
    o.r[rid] = d;
  }
  OBJECTS[id] = o;
  return o;
}

function resourceDef(oid, rid) {
  var o = objectDef(oid);
  return o && has(o.r, rid) ? o.r[rid] : undefined;
}

// The model's type of the resource a path names, or 0 when the model does not know it (or no resource is named).
function modelType(ids) {
  var d = ids.length > 2 ? resourceDef(ids[0], ids[2]) : undefined;
  return d ? d.t : 0;
}

// The object id of an object name in the tables, or undefined.
function objectByName(name) {
  lines();
  return has(OBJECT_IDS, '$' + name) ? OBJECT_IDS['$' + name] : undefined;
}
