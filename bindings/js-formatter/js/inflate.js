// The bootstrap of a compressed formatter (ES5): basE91 text -> DEFLATE (RFC 1951) -> the formatter's source text,
// which is ASCII (the generator escapes everything else); `size` is its length. Written after puff.c (zlib contrib)
// with a 9-bit lookup table per code; build.sh minifies it.
function __ucifiInflate(text, size) {
  var src = new Uint8Array(text.length), out = new Uint8Array(size), n = 0, o = 0, pos = 0, buf = 0, cnt = 0;
  var acc = 0, nbits = 0, v = -1, i, c;
  // basE91 over the alphabet "!" and "#".."}" without "\\": 13 or 14 bits per two characters.
  for (i = 0; i < text.length; i++) {
    c = text.charCodeAt(i);
    c = c < 35 ? 0 : c < 92 ? c - 34 : c - 35;
    if (v < 0) v = c;
    else {
      v += c * 91;
      acc |= v << nbits;
      nbits += (v & 8191) > 88 ? 13 : 14;
      do {
        src[n++] = acc;
        acc >>= 8;
        nbits -= 8;
      } while (nbits > 7);
      v = -1;
    }
  }
  if (v > -1) src[n++] = acc | (v << nbits);
  function bits(k) {
    while (cnt < k) {
      buf |= (pos < n ? src[pos] : 0) << cnt;
      pos++;
      cnt += 8;
    }
    var x = buf & ((1 << k) - 1);
    buf >>>= k;
    cnt -= k;
    return x;
  }
  // A canonical Huffman code: [symbol counts per length, symbols in code order, a 9-bit lookup table whose entries
  // are symbol * 16 + length (0: a longer code)].
  function code(lengths, count0) {
    var count = [], offs = [0, 0], sym = [], fast = new Int32Array(512), next = [], k, len, x, r, j;
    for (k = 0; k < 16; k++) count[k] = 0;
    for (k = 0; k < count0; k++) count[lengths[k]]++;
    count[0] = 0;
    for (k = 1; k < 16; k++) offs[k + 1] = offs[k] + count[k];
    for (k = 0; k < count0; k++) if (lengths[k]) sym[offs[lengths[k]]++] = k;
    for (x = 0, len = 1; len < 16; len++) next[len] = x = (x + count[len - 1]) << 1;
    for (k = 0; k < count0; k++) {
      len = lengths[k];
      if (!len) continue;
      x = next[len]++;
      if (len > 9) continue;
      for (r = 0, j = 0; j < len; j++) r = (r << 1) | ((x >> j) & 1);
      for (j = r; j < 512; j += 1 << len) fast[j] = (k << 4) | len;
    }
    return [count, sym, fast];
  }
  function decode(h) {
    while (cnt < 9) {
      buf |= (pos < n ? src[pos] : 0) << cnt;
      pos++;
      cnt += 8;
    }
    var e = h[2][buf & 511], x = 0, first = 0, index = 0, len, k;
    if (e) {
      buf >>>= e & 15;
      cnt -= e & 15;
      return e >> 4;
    }
    for (len = 1; len < 16; len++) {
      x |= bits(1);
      k = h[0][len];
      if (x - k < first) return h[1][index + x - first];
      index += k;
      first = (first + k) << 1;
      x <<= 1;
    }
    throw new Error('corrupt formatter payload');
  }
  var base = [], extra = [], dbase = [], dextra = [], lens, lit, dist, last, type, s, l, d, b = 3, db = 1;
  for (i = 0; i < 29; i++) {
    extra[i] = i < 8 || i === 28 ? 0 : (i - 4) >> 2;
    base[i] = i === 28 ? 258 : b;
    b += 1 << extra[i];
  }
  for (i = 0; i < 30; i++) {
    dextra[i] = i < 4 ? 0 : (i - 2) >> 1;
    dbase[i] = db;
    db += 1 << dextra[i];
  }
  do {
    last = bits(1);
    type = bits(2);
    if (type === 0) {
      // Stored: drop the partial byte, give back whole bytes read ahead.
      pos -= cnt >> 3;
      buf = cnt = 0;
      l = src[pos] | (src[pos + 1] << 8);
      pos += 4;
      while (l--) out[o++] = src[pos++];
      continue;
    }
    lens = [];
    if (type === 1) {
      for (i = 0; i < 288; i++) lens[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
      lit = code(lens, 288);
      for (i = 0; i < 30; i++) lens[i] = 5;
      dist = code(lens, 30);
    } else {
      var nlen = bits(5) + 257, ndist = bits(5) + 1, ncode = bits(4) + 4;
      var order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
      for (i = 0; i < 19; i++) lens[i] = 0;
      for (i = 0; i < ncode; i++) lens[order[i]] = bits(3);
      var lencode = code(lens, 19);
      lens = [];
      for (i = 0; i < nlen + ndist; ) {
        s = decode(lencode);
        if (s < 16) lens[i++] = s;
        else {
          var x = s === 16 ? lens[i - 1] : 0, rep = s === 16 ? 3 + bits(2) : s === 17 ? 3 + bits(3) : 11 + bits(7);
          while (rep--) lens[i++] = x;
        }
      }
      lit = code(lens, nlen);
      dist = code(lens.slice(nlen), ndist);
    }
    for (;;) {
      s = decode(lit);
      if (s < 256) out[o++] = s;
      else if (s === 256) break;
      else {
        s -= 257;
        l = base[s] + bits(extra[s]);
        d = decode(dist);
        d = o - dbase[d] - bits(dextra[d]);
        while (l--) out[o++] = out[d++];
      }
    }
  } while (!last);
  var result = '';
  for (i = 0; i < o; i += 8192) result += String.fromCharCode.apply(null, out.subarray(i, Math.min(o, i + 8192)));
  return result;
}
