'use strict';
// The AST helper the build and check tools share (acorn ESTree nodes).

// Calls visit(node, parent) on every node below and including `node`, parents first.
function walk(node, visit, parent) {
  if (!node || typeof node.type !== 'string') return;
  visit(node, parent);
  for (const k of Object.keys(node)) {
    const v = node[k];
    if (Array.isArray(v)) v.forEach((x) => walk(x, visit, node));
    else if (v && typeof v.type === 'string') walk(v, visit, node);
  }
}

module.exports = { walk };
