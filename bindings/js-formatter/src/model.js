// The object model of the chosen objects, from the generated tables (bindings/cli/src/formatter.rs):
//   T.w  the words of every name and unit, joined by T.j; a name is coded as its words' codes.
//   T.o  one string per object: "id|" + name + resources. A resource is [id] + type letter ("a" + type - 1, or
//        "k" + type - 1 for a multiple resource) + name [+ "~" + unit]; its id is left out when it is the previous
//        one plus 1. A name starting with "!" is keyed by its id in `data` (not unique, all digits or reserved).
// A word code is one character of the code alphabet (printable ASCII without digits, "a" to "t" and " \ ! | ~) with
// an index below 40, or a higher one followed by a second character: 40 + (first - 40) * 60 + second. Digits, type
// letters and "~" are never in a code, so they mark where a resource (or a unit) starts.
// An object's string is read when the object is first used, so decoding one object reads one string.

var WORDS, CODE = {}, LINES, OBJECTS = {}, OBJECT_IDS, LAST_ID = -1, LAST;

function codeTables() {
  if (WORDS) return;
  WORDS = T.w.split(T.j);
  for (var c = 32, n = 0; c < 127; c++) if (!boundary(c) && c !== 33 && c !== 34 && c !== 92 && c !== 124) CODE[String.fromCharCode(c)] = n++;
}

// A digit, a type letter or "~": where a name's codes end.
function boundary(c) {
  return (c > 47 && c < 58) || (c > 96 && c < 117) || c === 126;
}

// The end of the codes from `at`.
function codesEnd(s, at) {
  while (at < s.length && !boundary(s.charCodeAt(at))) at++;
  return at;
}

// The text of word codes s[at..end): the words joined by spaces.
function words(s, at, end) {
  var out = [], i;
  while (at < end) {
    i = CODE[s.charAt(at++)];
    if (i >= 40) i = 40 + (i - 40) * 60 + CODE[s.charAt(at++)];
    out.push(WORDS[i]);
  }
  return out.join(' ');
}

// A name and its `data` key from coded text; "!" marks one keyed by the id.
function named(s, at, end, id, into) {
  var byId = s.charAt(at) === '!';
  into.n = words(s, byId ? at + 1 : at, end);
  into.k = byId ? '' + id : into.n;
  return into;
}

// The object strings by id (their names are read only for an encode by object name).
function lines() {
  if (LINES) return;
  codeTables();
  var lines = {}, i;
  for (i = 0; i < T.o.length; i++) lines[+T.o[i].slice(0, T.o[i].indexOf('|'))] = T.o[i];
  LINES = lines;
}

// The definition of object `id`: {n name, k key, r {rid: {t type, m multiple, n, k, u unit}}, byName}, or
// undefined.
function objectDef(id) {
  // Keys here are numbers, or texts starting with "$" or "/": never a property of Object.prototype.
  if (id === LAST_ID) return LAST;
  LAST_ID = id;
  if ((LAST = OBJECTS[id])) return LAST;
  lines();
  if (!LINES[id]) return undefined;
  var s = LINES[id], at = s.indexOf('|') + 1, end = codesEnd(s, at), o = named(s, at, end, id, { r: {}, byName: {} });
  var rid = -1, start, t, d;
  for (at = end; at < s.length;) {
    for (start = at; s.charCodeAt(at) < 58; at++);
    rid = at > start ? +s.slice(start, at) : rid + 1;
    t = s.charCodeAt(at++) - 96;
    end = codesEnd(s, at);
    d = named(s, at, end, rid, { t: t > 10 ? t - 10 : t, m: t > 10, u: '' });
    at = end;
    if (s.charAt(at) === '~') {
      end = codesEnd(s, ++at);
      d.u = words(s, at, end);
      at = end;
    }
    if (o.byName['$' + d.n] === undefined) o.byName['$' + d.n] = rid;
    o.r[rid] = d;
  }
  return (LAST = OBJECTS[id] = o);
}

function resourceDef(oid, rid) {
  var o = objectDef(oid);
  return o && o.r[rid];
}

// The model's type of the resource a path names, or 0 when the model does not know it (or no resource is named).
function modelType(ids) {
  var d = ids.length > 2 ? resourceDef(ids[0], ids[2]) : undefined;
  return d ? d.t : 0;
}

// The object id of an object name in the tables (the first object of that name), or undefined.
function objectByName(name) {
  lines();
  if (!OBJECT_IDS) {
    OBJECT_IDS = {};
    for (var i = 0; i < T.o.length; i++) {
      var s = T.o[i], bar = s.indexOf('|'), id = +s.slice(0, bar), o = named(s, bar + 1, codesEnd(s, bar + 1), id, {});
      if (OBJECT_IDS['$' + o.n] === undefined) OBJECT_IDS['$' + o.n] = id;
    }
  }
  return OBJECT_IDS['$' + name];
}
