// The object model of the chosen objects, from the generated tables (bindings/cli/src/formatter.rs):
//   T.w  the words of every name and unit, in pages (see words()); a name is coded as its words' codes.
//   T.o  the object strings, each after a "\n": "id|" + name, then each resource after a "|". A resource is [id] +
//        type letter ("a" + type - 1, or "k" + type - 1 for a multiple resource) + name [+ "~" + unit]; its id is
//        left out when it is the previous one plus 1. A name starting with "!" is keyed by its id in `data` (not
//        unique, all digits or reserved). A string may end in "}": the resources of T.x, which end several.
// A word code is one character from "#" (35) to "{" (123), which stands for its code less 35, with an index below
// 75, or a higher one followed by a second character: 75 + (first - 75) * 89 + second. "|", which starts a resource,
// and "~", which starts a unit, are never in a code.
// An object's string is found and split into its resources when the object is first used (one search, one
// regular-expression match), and a resource's text read when the resource is first used.

var OBJECTS = {}, LAST_ID = -1, LAST;

// The text of word codes: the words joined by spaces. T.w starts with where each page starts (two characters each:
// 92 * (first - 35) + second - 35, the offset in T.w), then the pages: page 0 the words of the one-character codes
// (0-74), page p the 89 words of the two-character codes whose first character is code 74 + p (the second picks the
// word). A page is a header, then its words without separators, shortest first: the number of lengths from the
// shortest word's to the longest's, the shortest length, then the count of words of each length (each number n as
// the character of code 35 + n). With `into`, the codes
// are a name: its text and its `data` key go to into.n and into.k ("!" first marks a name keyed by the id).
function words(codes, id, into) {
  var byId = codes[0] === '!', out = '', at = +byId, w = T.w, k, r, s, n, c;
  while (at < codes.length) {
    k = codes.charCodeAt(at++) - 35;
    r = 0;
    if (k >= 75) {
      r = 2 * (k - 74);
      k = codes.charCodeAt(at++) - 35;
    }
    // Past the words shorter than word k: r the index of the count of its length n in T.w, s where they start.
    r = (w.charCodeAt(r) - 35) * 92 + w.charCodeAt(r + 1) - 35;
    s = r + w.charCodeAt(r) - 33;
    n = w.charCodeAt(r + 1) - 35;
    r += 2;
    while (k >= (c = w.charCodeAt(r++) - 35)) {
      k -= c;
      s += c * n++;
    }
    out += ' ' + w.substr(s + k * n, n);
  }
  out = out.slice(1);
  if (into) {
    into.n = out;
    into.k = byId ? '' + id : out;
  }
  return out;
}

// An object string of T.o (each after a "\n") from LINE.lastIndex: [string, id, name codes, resources (each after a
// "|")].
var LINE = /\n([0-9]+)\|([^\n|]*)([^\n]*)/g;

// The definition of object `id`: {n name, k key, r {rid: resource}, ids (the resource ids in table order)}, or
// undefined. A resource is kept as its text until withNames first reads it, so the first decode of an object reads
// the resources it has, not all.
function objectDef(id) {
  // Keys here are numbers, or texts starting with "$" or "/": never a property of Object.prototype.
  if (id === LAST_ID) return LAST;
  LAST_ID = id;
  if ((LAST = OBJECTS[id])) return LAST;
  var rid = -1, o, p, i, line;
  // Its string starts at the length of the text before the first "\n" + id + "|" (T.o's length when there is none):
  // split finds a text by its first character, where QuickJS-NG's indexOf compares it at every offset.
  LINE.lastIndex = T.o.split('\n' + id + '|', 1)[0].length;
  if (!(line = LINE.exec(T.o))) return undefined;
  words(line[2], id, (o = { r: {}, ids: [] }));
  p = line[3].replace('}', T.x).split('|');
  // (p[0] is the empty text before the first "|"; a resource starts with a digit when its id is given.)
  for (i = 1; i < p.length; i++) {
    rid = p[i] < ':' ? parseInt(p[i], 10) : rid + 1;
    o.r[rid] = p[i];
    o.ids.push(rid);
  }
  return (LAST = OBJECTS[id] = o);
}

// The definition of resource rid of object definition o: {t type, m multiple, n name, k `data` key, u unit}, or
// undefined; read from its text when first asked for.
function withNames(o, rid) {
  var d = o && o.r[rid], s = d, at, t;
  if (typeof s === 'string') {
    at = s < ':' ? ('' + rid).length : 0;
    t = s.charCodeAt(at) - 96;
    s = s.slice(at + 1).split('~');
    d = o.r[rid] = { t: t > 10 ? t - 10 : t, m: t > 10 };
    words(s[0], rid, d);
    d.u = s.length > 1 ? words(s[1]) : '';
  }
  return d;
}

// The id of the first resource of object definition o with that name, or (o undefined) of the first object of that
// name in the tables; undefined when none. (A search, not a table of names: `encodeDownlink` looks up the few keys of
// one `data` object, and a table would decode every name.)
function idByName(o, name) {
  var i, m;
  if (o) {
    for (i = 0; i < o.ids.length; i++) if (withNames(o, o.ids[i]).n === name) return o.ids[i];
  } else for (LINE.lastIndex = 0; (m = LINE.exec(T.o)); ) if (words(m[2]) === name) return +m[1];
}

// The model's type of the resource a path names, or 0 when the model does not know it (or no resource is named).
function modelType(ids) {
  var d = ids.length > 2 && withNames(objectDef(ids[0]), ids[2]);
  return d ? d.t : 0;
}
