'use strict';
// Builds the engine that `ucifi formatter` embeds: the ES5.1 sources of src/ in order, inside
// `var __ucifiEngine = function (T) { ... };` (T: the generated tables), minified by terser (pinned in
// package.json; ES5 output, ASCII only). The result is committed as engine.min.js; run-tests.sh rebuilds it and
// fails when the committed file differs.
//
// The parts between `// test-only {` and `// } test-only` (the named-format decoder and the record encoder that the
// tests use to run every vector through the engine) are left out of the shipped engine; the test engine keeps them
// and adds the global functions `__ucifiDecode` and `__ucifiEncode` over them.
//
// Usage: node tools/mkengine.cjs [--test] [--plain] OUT.js   (from bindings/js-formatter, after `npm ci`)
//   --test   the test engine (not committed; `ucifi formatter --engine FILE` uses it)
//   --plain  without minifying (for reading and debugging)
const fs = require('node:fs');
const path = require('node:path');
const { walk } = require('./ast.cjs');

const SOURCES = ['base.js', 'model.js', 'tlv.js', 'cbor.js', 'senml.js', 'lwm2m.js', 'ts013.js'];

// Every `for (init; test; update) body` whose body has no `continue` becomes `init; while (test) { body update }`:
// QuickJS-NG scans the head of a `for` twice (it looks for `for-in`), which makes a `for` cost about 5 k instructions
// more to compile than the same `while` (BENCH.md, "Instructions"). Innermost loops first, until none is left.
function forToWhile(src) {
  const acorn = require('acorn');
  for (;;) {
    const ast = acorn.parse(src, { ecmaVersion: 5, allowReturnOutsideFunction: true });
    const found = [];
    walk(ast, (n) => {
      if (n.type !== 'ForStatement') return;
      let inner = false;
      walk(n.body, (m) => {
        if (m.type === 'ForStatement' || m.type === 'ContinueStatement') inner = true;
      });
      if (!inner) found.push(n);
    });
    if (!found.length) return src;
    found.sort((a, b) => b.start - a.start);
    for (const n of found) {
      const t = (x) => (x ? src.slice(x.start, x.end) : '');
      const init = n.init ? t(n.init) + ';' : '';
      const text = `{${init}while (${n.test ? t(n.test) : 'true'}) {${t(n.body)}\n${n.update ? t(n.update) + ';' : ''}}}`;
      src = src.slice(0, n.start) + text + src.slice(n.end);
    }
  }
}

// Every `var` of a function becomes a parameter of it (`function f(a) { var b = 1, c; ... }` is
// `function f(a, b, c) { b = 1; ... }`): Duktape compiles a declared variable for about 9 k instructions and a
// parameter for about 3 k, QuickJS-NG both for about the same (BENCH.md, "Instructions"). The added parameters are
// undefined on entry, as the variables were, as long as no call passes more arguments than the function declares:
// every direct call is checked here (by name, over the whole engine), and a function used as a value is converted
// only when its name is in CALLED_AS_DECLARED, whose callers pass at most the declared parameters (the decoders and
// encoders of DECODE and ENCODE: (bytes or records, path); the entry points: (input), the hidden decoder's call of
// decodeTs013 (input, downlink, spec); the name lookup of keyId:
// (object definition, name)). The engine's wrapper is called with the tables alone. A function using `arguments` keeps its
// variables. The functions a decode calls once per value or record are converted too: QuickJS-NG spends up to about
// 100 instructions more on a call that passes fewer arguments than the function declares (it copies them into a frame
// of the declared size), which makes a further decode about 3 % slower (well within its budget), against about 6 k
// instructions per variable when Duktape compiles them on every fresh uplink (BENCH.md).
const CALLED_AS_DECLARED = new Set(['tlvDecode', 'tlvEncode', 'senmlDecode', 'senmlEncode', 'lwm2mDecode', 'lwm2mEncode',
  'decodeTs013', 'encodeDownlink', 'encodeRecords', 'idByName']);

function varsToParams(src) {
  const acorn = require('acorn');
  const ast = acorn.parse(src, { ecmaVersion: 5, allowReturnOutsideFunction: true });
  const fns = [];
  const calls = new Map(); // name -> the most arguments a call by that name passes
  const values = new Set(); // names used other than as the callee of a call
  const assigned = new Set(); // names assigned after their declaration
  (function visit(node, parent, key, fn) {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') {
      fn = { node, vars: [], args: false };
      fns.push(fn);
    }
    if (node.type === 'VariableDeclaration' && fn) fn.vars.push({ node, parent, key });
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier') assigned.add(node.left.name);
    if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier') assigned.add(node.argument.name);
    if (node.type === 'Identifier' && node.name === 'arguments' && fn) fn.args = true;
    if ((node.type === 'CallExpression' || node.type === 'NewExpression') && node.callee.type === 'Identifier') {
      calls.set(node.callee.name, Math.max(calls.get(node.callee.name) || 0, node.arguments.length));
    }
    if (node.type === 'Identifier' && !(parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression') && key === 'callee') &&
      !(parent && (parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression') && key === 'id') &&
      !(parent && parent.type === 'MemberExpression' && key === 'property' && !parent.computed) &&
      !(parent && parent.type === 'Property' && key === 'key')) {
      values.add(node.name);
    }
    for (const k of Object.keys(node)) {
      const v = node[k];
      if (Array.isArray(v)) v.forEach((x) => visit(x, node, k, fn));
      else if (v && typeof v.type === 'string') visit(v, node, k, fn);
    }
  })(ast, null, null, null);
  const edits = []; // [start, end, text]
  for (const fn of fns) {
    const f = fn.node, name = f.id && f.id.name;
    if (!fn.vars.length || fn.args) continue;
    const wrapper = f === fns[0].node && !name;
    if (!wrapper) {
      if (!name) continue;
      if (values.has(name) && !CALLED_AS_DECLARED.has(name)) continue;
      if ((calls.get(name) || 0) > f.params.length) continue;
    }
    const params = f.params.map((p) => p.name), added = [];
    for (const { node, parent, key } of fn.vars) {
      // A constant (a literal never assigned again) stays a variable, which the minifier writes as the literal.
      if (node.declarations.every((d) => d.init && d.init.type === 'Literal' && !assigned.has(d.id.name))) continue;
      const sets = [];
      for (const d of node.declarations) {
        if (!params.includes(d.id.name) && !added.includes(d.id.name)) added.push(d.id.name);
        if (d.init) sets.push(`${d.id.name} = ${src.slice(d.init.start, d.init.end)}`);
      }
      let text;
      if (parent.type === 'ForInStatement' && key === 'left') text = node.declarations[0].id.name;
      else if (parent.type === 'ForStatement' && key === 'init') text = sets.join(', ');
      else text = sets.length ? sets.join(', ') + ';' : ';';
      edits.push([node.start, node.end, text]);
    }
    if (!added.length) continue;
    const at = f.params.length ? f.params[f.params.length - 1].end : src.indexOf('(', f.id ? f.id.end : f.start) + 1;
    edits.push([at, at, (f.params.length ? ', ' : '') + added.join(', ')]);
  }
  edits.sort((a, b) => b[0] - a[0] || b[1] - a[1]);
  for (const [start, end, text] of edits) src = src.slice(0, start) + text + src.slice(end);
  return src;
}

// The minified code without expressions that open with "(" where QuickJS-NG reads an assignment expression (a
// statement, a value, an argument, a ternary's branch, a condition): there it reads the whole parenthesised part
// once more to see whether an arrow function follows (js_parse_skip_parens_token), about 190 instructions a token
// (BENCH.md, "Instructions"). Each rewrite keeps the order and the values of everything evaluated:
// - `(x)<1` (a comparison, or a commutative operator, with a literal on the right) becomes `1>(x)`;
// - `(x)?a:b` becomes `!(x)?b:a`;
// - a statement whose value is not used (an expression statement, or each expression of one made of a sequence)
//   becomes statements: `(x)&&a` -> `if(x)a;`, `(x)||a` -> `if(!(x))a;`, `t?(a,b):c` ->
//   `if(t)a,b;else c;`, `(a,b);` -> `a,b;` (in braces where the statement is the body of an if, else or loop and
//   they could change what the body is, or which `if` an `else` belongs to);
// - `return x,t?(a,b):c` becomes `if(x,t)return a,b;return c;`, and `return(a,b)` `return a,b`.
// - in a statement's, a condition's or a return's expression (or one of its sequence), `(v=x).m<y` becomes
//   `v=x,v.m<y` and `a=(v=x).m` `v=x,a=v.m` (v and a plain names: `v=x` was evaluated first).
// - an element of a sequence whose value is not used (in a statement, or before the last), `(x)&&a` or `(x)||a`,
//   becomes `x?a:0` or `x?0:a` (as many tokens; x not an assignment, a conditional or a sequence).
// Until no rewrite applies (a rewritten part can open with "(" itself).
function noLeadingParens(code) {
  const acorn = require('acorn');
  const MIRROR = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=', '===': '===', '!==': '!==',
    '&': '&', '|': '|', '^': '^', '*': '*' };
  // Binding strength of binary operators (higher binds tighter).
  const PREC = { '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '===': 6, '!==': 6, '<': 7, '>': 7,
    '<=': 7, '>=': 7, instanceof: 7, in: 7, '<<': 8, '>>': 8, '>>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10 };
  for (let pass = 0; pass < 40; pass++) {
    const ast = acorn.parse(code, { ecmaVersion: 5, preserveParens: true });
    const edits = [];
    const t = (n) => code.slice(n.start, n.end);
    const isParen = (n) => n.type === 'ParenthesizedExpression';
    const inner = (n) => (isParen(n) ? t(n.expression) : t(n));
    const literal = (n) => n.type === 'Literal' || (n.type === 'UnaryExpression' && n.argument.type === 'Literal');
    const opensWithParen = (n) => code[n.start] === '(';
    // Whether ternary n has a parenthesised branch, itself or in a ternary branch.
    const parenBranch = (n) => n.type === 'ConditionalExpression' &&
      [n.consequent, n.alternate].some((b) => isParen(b) || parenBranch(b));
    // Whether text may start a statement as it is (not a block or a function declaration).
    const statement = (x) => !/^(\{|function\b)/.test(x);
    // A statement-level expression as statements, or undefined when it needs no change.
    const asStatement = (e) => {
      if (isParen(e)) return statement(t(e.expression)) ? `${t(e.expression)};` : undefined;
      if (e.type === 'LogicalExpression' && opensWithParen(e.left)) {
        return e.operator === '&&' ? `if(${inner(e.left)})${t(e.right)};` : `if(!${isParen(e.left) ? t(e.left) : `(${t(e.left)})`})${t(e.right)};`;
      }
      if (parenBranch(e) && statement(inner(e.consequent)) && statement(inner(e.alternate))) {
        return `if(${inner(e.test)})${inner(e.consequent)};else ${inner(e.alternate)};`;
      }
      return undefined;
    };
    // The parenthesised assignment `(v=x)` an expression opens with (itself, or after `a=`), when the expression is
    // one of a statement's, a condition's or a return's sequence: undefined when there is none.
    const leadingSet = (e) => {
      let n = e.type === 'AssignmentExpression' && e.left.type === 'Identifier' ? e.right : e;
      for (;;) {
        if (isParen(n)) {
          return n !== e && n.expression.type === 'AssignmentExpression' && n.expression.left.type === 'Identifier' ? n : undefined;
        }
        if (n.type === 'MemberExpression') n = n.object;
        else if (n.type === 'CallExpression') n = n.callee;
        else if (n.type === 'BinaryExpression' || n.type === 'LogicalExpression') n = n.left;
        else if (n.type === 'ConditionalExpression') n = n.test;
        else return undefined;
      }
    };
    walk(ast, (n) => {
      const slot = n.type === 'ExpressionStatement' ? n.expression : n.type === 'IfStatement' || n.type === 'WhileStatement' ||
        n.type === 'DoWhileStatement' ? n.test : n.type === 'ReturnStatement' ? n.argument : undefined;
      if (!slot) return;
      for (const e of slot.type === 'SequenceExpression' ? slot.expressions : [slot]) {
        const p = leadingSet(e);
        if (p) edits.push([e.start, e.end, `${t(p.expression)},${code.slice(e.start, p.start)}${p.expression.left.name}${code.slice(p.end, e.end)}`]);
      }
    });
    // A sequence's element whose value is not used, `(x)&&a` or `(x)||a`: `x?a:0` or `x?0:a`.
    const parents = new Map();
    walk(ast, (n, parent) => parents.set(n, parent));
    const unused = (n) => {
      const p = parents.get(n);
      if (!p) return false;
      if (p.type === 'ExpressionStatement') return true;
      if (p.type === 'ParenthesizedExpression') return unused(p);
      if (p.type === 'SequenceExpression') return n !== p.expressions[p.expressions.length - 1] || unused(p);
      if (p.type === 'LogicalExpression') return n === p.right && unused(p);
      if (p.type === 'ConditionalExpression') return n !== p.test && unused(p);
      return false;
    };
    walk(ast, (n) => {
      if (n.type !== 'SequenceExpression') return;
      for (const e of n.expressions) {
        if (e.type === 'LogicalExpression' && isParen(e.left) && unused(e) &&
          !['ConditionalExpression', 'AssignmentExpression', 'SequenceExpression'].includes(e.left.expression.type)) {
          const x = t(e.left.expression), a = t(e.right);
          edits.push([e.start, e.end, e.operator === '&&' ? `${x}?${a}:0` : `${x}?0:${a}`]);
        }
      }
    });
    walk(ast, (n, parent) => {
      if (n.type === 'BinaryExpression' && MIRROR[n.operator] && literal(n.right) && opensWithParen(n.left) &&
        (isParen(n.left) || (n.left.type === 'BinaryExpression' && PREC[n.left.operator] > PREC[n.operator]))) {
        edits.push([n.start, n.end, `${t(n.right)}${MIRROR[n.operator]}${t(n.left)}`]);
      } else if (n.type === 'ConditionalExpression' && isParen(n.test)) {
        edits.push([n.start, n.end, `!${t(n.test)}?${t(n.alternate)}:${t(n.consequent)}`]);
      } else if (n.type === 'ReturnStatement' && n.argument) {
        const a = n.argument, list = a.type === 'SequenceExpression' ? a.expressions : [a], last = list[list.length - 1];
        const block = parent.type === 'BlockStatement' || parent.type === 'Program';
        if (isParen(a)) edits.push([a.start, a.end, t(a.expression)]);
        else if (parenBranch(last)) {
          const pre = code.slice(a.start, last.start);
          const body = `if(${pre}${inner(last.test)})return ${inner(last.consequent)};return ${inner(last.alternate)};`;
          edits.push([n.start, n.end, block ? body : `{${body}}`]);
        }
      } else if (n.type === 'ExpressionStatement') {
        const list = n.expression.type === 'SequenceExpression' ? n.expression.expressions : [n.expression];
        const parts = list.map(asStatement);
        if (parts.every((x) => x === undefined)) return;
        const body = list.map((e, i) => parts[i] || `${t(e)};`).join('');
        const block = parent.type === 'BlockStatement' || parent.type === 'Program' || (list.length === 1 &&
          !(parent.type === 'IfStatement' && parent.consequent === n && parent.alternate && body.startsWith('if(')));
        edits.push([n.start, n.end, block ? body : `{${body}}`]);
      }
    });
    if (!edits.length) return code;
    // Outermost first; an edit inside another waits for the next pass.
    edits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const kept = [];
    for (const e of edits) if (!kept.length || e[0] >= kept[kept.length - 1][1]) kept.push(e);
    const word = /[A-Za-z0-9_$]/;
    for (const [start, end, text] of kept.reverse()) {
      const before = word.test(code[start - 1] || '') && word.test(text[0]) ? ' ' : '';
      const after = word.test(text[text.length - 1]) && word.test(code[end] || '') ? ' ' : '';
      code = code.slice(0, start) + before + text + after + code.slice(end);
    }
  }
  throw new Error('noLeadingParens: no fixed point after 40 passes');
}

async function main() {
  const args = process.argv.slice(2);
  const plain = args.includes('--plain');
  const test = args.includes('--test');
  const out = args.filter((a) => !a.startsWith('--'))[0];
  if (!out) throw new Error('usage: node tools/mkengine.cjs [--test] [--plain] OUT.js');
  let src = SOURCES.map((f) => fs.readFileSync(path.join(__dirname, '..', 'src', f), 'utf8')).join('\n');
  if (!test) src = src.replace(/^[ \t]*\/\/ test-only \{\n[\s\S]*?^[ \t]*\/\/ \} test-only\n/gm, '');
  let code = varsToParams(`var __ucifiEngine = function (T) {\n${forToWhile(src)}\n};\n`);
  if (test) {
    code += 'function __ucifiDecode(bytes, spec, recvTime) { return __ucifiCore().decode(bytes, spec, recvTime); }\n' +
      'function __ucifiEncode(records, spec, maxBytes) { return __ucifiCore().encode(records, spec, maxBytes); }\n';
  }
  let text = code;
  if (!plain) {
    const terser = require('terser');
    const r = await terser.minify(code, {
      ecma: 5,
      // reduce_vars puts a function used once where it is used: never inside an object or array literal, which
      // QuickJS-NG scans twice (ts013.js sets DECODE, ENCODE and the entry points one by one for that).
      compress: { passes: 2, loops: false },
      mangle: true,
      format: { ascii_only: true, ecma: 5 },
    });
    const version = require('terser/package.json').version;
    text = `// @generated by bindings/js-formatter/tools/mkengine.cjs${test ? ' --test' : ''} from src/*.js (terser ${version}). Do not edit.\n${noLeadingParens(r.code)}\n`;
  }
  fs.writeFileSync(out, text);
  console.error(`mkengine: ${out}: ${Buffer.byteLength(text)} bytes`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
