// The TTN Device Repository examples (exports/ttn/ucifi-codec.yaml) in Duktape 2.7: run-tests.sh concatenates
// exports/ttn/ucifi.js, `var EXAMPLES = [{call, description, input, output}]` and this file. Each output must equal
// the formatter's result (compared as JSON text: the key order is the formatter's in both).

(function () {
  var failed = 0, k, e, got;
  for (k = 0; k < EXAMPLES.length; k++) {
    e = EXAMPLES[k];
    got = JSON.stringify(this[e.call](e.input));
    if (got !== JSON.stringify(e.output)) {
      failed++;
      print('FAIL ' + e.description + '\n  expected ' + JSON.stringify(e.output) + '\n  got      ' + got);
    }
  }
  print('duk: ' + (EXAMPLES.length - failed) + ' of ' + EXAMPLES.length + ' TTN examples pass');
  if (failed || !EXAMPLES.length) throw new Error('duk: TTN examples failed');
}).call(this);
