// Test cases in Duktape 2.7 (`duk`), ES5.1: run-tests.sh concatenates a generated formatter, `var CASES = [...]`
// (made by tools/cases.cjs), `var TAG = "..."` (or null) and this file, and runs the result with `duk`.
// Calls follow The Things Stack's convention: decodeUplink({bytes, fPort, recvTime}), decodeDownlink({bytes,
// fPort}), encodeDownlink({data, fPort}). Results are compared with the WASM package's (deep equality; -0 equals 0,
// as in qjs-runner). Prints every failure and "duk: N passed, M failed"; throws (exit status 1) on any failure.

var RECV_TIME_MS = 1767225600000;

function same(e, g) {
  if (e === null || typeof e !== 'object') return e === g;
  if (g === null || typeof g !== 'object') return false;
  var ea = Object.prototype.toString.call(e) === '[object Array]', ga = Object.prototype.toString.call(g) === '[object Array]', k, n = 0;
  if (ea !== ga) return false;
  if (ea) {
    if (e.length !== g.length) return false;
    for (k = 0; k < e.length; k++) if (!same(e[k], g[k])) return false;
    return true;
  }
  for (k in g) if (Object.prototype.hasOwnProperty.call(g, k) && g[k] !== undefined) n++;
  for (k in e) {
    if (!Object.prototype.hasOwnProperty.call(e, k)) continue;
    n--;
    if (!Object.prototype.hasOwnProperty.call(g, k) || !same(e[k], g[k])) return false;
  }
  return n === 0;
}

function call(c) {
  var i = c.input;
  switch (c.call) {
    case 'decodeUplink':
      return decodeUplink({ bytes: i.bytes.slice(), fPort: i.fPort, recvTime: new Date(RECV_TIME_MS) });
    case 'decodeDownlink':
      return decodeDownlink({ bytes: i.bytes.slice(), fPort: i.fPort });
    case 'encodeDownlink':
      return encodeDownlink(i);
    case 'decodeUplink:raw':
      return decodeUplink(i);
    case 'decodeDownlink:raw':
      return decodeDownlink(i);
    case 'encodeDownlink:raw':
      return encodeDownlink(i);
    case 'decode':
      return __ucifiDecode(i.bytes, i.spec, new Date(RECV_TIME_MS));
    case 'encode':
      return __ucifiEncode(i.records, i.spec, i.maxBytes);
  }
  throw new Error('unknown call ' + c.call);
}

(function () {
  var passed = 0, failed = 0, k, j, c, got, tagged;
  for (k = 0; k < CASES.length; k++) {
    c = CASES[k];
    tagged = !TAG;
    for (j = 0; !tagged && j < c.tags.length; j++) tagged = c.tags[j] === TAG;
    if (!tagged) continue;
    try {
      // Through JSON, as a network server hands the result on.
      got = JSON.parse(JSON.stringify(call(c)));
    } catch (e) {
      got = 'threw ' + e;
    }
    if (same(c.expect, got)) passed++;
    else {
      failed++;
      print('FAIL ' + c.id + '\n  expected ' + JSON.stringify(c.expect) + '\n  got      ' + JSON.stringify(got));
    }
  }
  print('duk: ' + passed + ' passed, ' + failed + ' failed');
  if (failed || !passed) throw new Error('duk: ' + failed + ' cases failed');
})();
