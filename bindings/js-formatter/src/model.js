// The object model of the chosen objects, from the generated tables (bindings/cli/src/formatter.rs):
//   T.w  the words of every name and unit, in pages (see words()); a name is coded as its words' codes.
//   T.o  the object strings, each after a "\n": "id|" + name + resources. A resource is [id] + type letter ("a" +
//        type - 1, or "k" + type - 1 for a multiple resource) + name [+ "~" + unit]; its id is left out when it is
//        the previous one plus 1. A name starting with "!" is keyed by its id in `data` (not unique, all digits or
//        reserved).
// A word code is one character of the code alphabet (printable ASCII without digits, "a" to "t" and " \ ! | ~) with
// an index below 40, or a higher one followed by a second character: 40 + (first - 40) * 60 + second. Digits, type
// letters and "~" are never in a code, so they mark where a resource (or a unit) starts.
// An object's string is found and read when the object is first used (one search, and one regular-expression match
// per resource), so decoding one object reads one string.

var WORDS, OBJECTS = {}, OBJECT_IDS, LAST_ID = -1, LAST;

// The code alphabet, in code order.
var ALPHABET = " #$%&'()*+,-./:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`uvwxyz{}";

// The text of word codes: the words joined by spaces. T.w holds the words in pages joined by T.j, split when a name
// is first read: page 0 the words of the one-character codes (0-39), page p the 60 words of the two-character codes
// whose first character is code 39 + p (the second picks the word). A page is a header, then its words without
// separators, shortest first: the number of runs of words of one length, then each run's length and count (each
// number n as the character of code 35 + n). With `into`, the codes are a name: its text and its `data` key go to
// into.n and into.k ("!" first marks a name keyed by the id).
function words(codes, id, into) {
  var byId = codes[0] === '!', out = [], at = +byId, k, pg, r, w, n;
  if (!WORDS) WORDS = T.w.split(T.j);
  while (at < codes.length) {
    k = ALPHABET.indexOf(codes[at++]);
    pg = WORDS[k < 40 ? 0 : k - 39];
    if (k >= 40) k = ALPHABET.indexOf(codes[at++]);
    // Past the runs before the one of word k: r the index of its length in the header, w where its words start.
    r = 1;
    w = 2 * pg.charCodeAt(0) - 69;
    while (k >= (n = pg.charCodeAt(r + 1) - 35)) {
      k -= n;
      w += n * (pg.charCodeAt(r) - 35);
      r += 2;
    }
    n = pg.charCodeAt(r) - 35;
    out.push(pg.substr(w + k * n, n));
  }
  out = out.join(' ');
  if (into) {
    into.n = out;
    into.k = byId ? '' + id : out;
  }
  return out;
}

// An object string of T.o (each after a "\n") from LINE.lastIndex: [string, id, name codes]. An object's name codes
// run from its "|" to its first resource (a digit or a type letter).
var LINE = /\n([0-9]+)\|([^\n0-9a-t]*)[^\n]*/g;

// The definition of object `id`: {n name, k key, r {rid: {t type, m multiple, c name codes, uc unit codes}}, ids
// (the resource ids in table order)}, or undefined. A resource is [id digits] + type letter + name codes [+ "~" +
// unit codes]; its name and unit are decoded when first asked for (withNames), so the first decode of an object
// decodes the names of the resources it has, not all.
function objectDef(id) {
  // Keys here are numbers, or texts starting with "$" or "/": never a property of Object.prototype.
  if (id === LAST_ID) return LAST;
  LAST_ID = id;
  if ((LAST = OBJECTS[id])) return LAST;
  var re = /([0-9]*)([a-t])([^0-9a-t~]*)(?:~([^0-9a-t~]*))?/g, rid = -1, o, m, t, line;
  // Its string starts at the length of the text before the first "\n" + id + "|" (T.o's length when there is none):
  // split finds a text by its first character, where QuickJS-NG's indexOf compares it at every offset.
  LINE.lastIndex = T.o.split('\n' + id + '|', 1)[0].length;
  if (!(line = LINE.exec(T.o))) return undefined;
  words(line[2], id, (o = { r: {}, ids: [] }));
  re.lastIndex = line[0].indexOf('|') + 1 + line[2].length;
  while ((m = re.exec(line[0]))) {
    rid = m[1] ? +m[1] : rid + 1;
    t = m[2].charCodeAt(0) - 96;
    o.r[rid] = { t: t > 10 ? t - 10 : t, m: t > 10, c: m[3], uc: m[4] };
    o.ids.push(rid);
  }
  return (LAST = OBJECTS[id] = o);
}

// The definition of resource rid of object definition o with its name n, `data` key k and unit u, or undefined.
function withNames(o, rid) {
  var d = o && o.r[rid];
  if (d && d.n === undefined) {
    words(d.c, rid, d);
    d.u = d.uc ? words(d.uc) : '';
  }
  return d;
}

// The id of the first resource of object definition o with that name, or (o undefined) of the first object of that
// name in the tables; undefined when none.
function idByName(o, name) {
  var by = o ? o.byName : OBJECT_IDS, all = [], i, m;
  if (!by) {
    by = {};
    // [id, name] of each resource, or of each object.
    if (o) for (i = 0; i < o.ids.length; i++) all.push(o.ids[i], withNames(o, o.ids[i]).n);
    else for (LINE.lastIndex = 0; (m = LINE.exec(T.o)); ) all.push(+m[1], words(m[2], +m[1], {}));
    for (i = 0; i < all.length; i += 2) if (by['$' + all[i + 1]] === undefined) by['$' + all[i + 1]] = all[i];
    if (o) o.byName = by;
    else OBJECT_IDS = by;
  }
  return by['$' + name];
}

// The model's type of the resource a path names, or 0 when the model does not know it (or no resource is named).
function modelType(ids) {
  var d = ids.length > 2 && objectDef(ids[0]);
  d = d && d.r[ids[2]];
  return d ? d.t : 0;
}

