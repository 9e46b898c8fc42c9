// Evaluates expression trees with web/engine.js for tests/web/test_expressions.py.
// Input (argv[2], JSON): {limits, trees: [...], cases: [{vars, visited, seed}]}.
// Output: for each case, for each tree, [value, formatted as number, yuan, signed, abs].
import { readFileSync } from "node:fs";
import { StepRandom, buildExpression, formatValue, setLimits } from "../../web/engine.js";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
setLimits(input.limits);
const fns = input.trees.map(buildExpression);
const out = input.cases.map((c) =>
  fns.map((fn) => {
    const ctx = { vars: c.vars, visited: new Map(c.visited.map((id) => [id, 0])), rng: new StepRandom(c.seed, 0, 0) };
    const value = fn(ctx);
    return [value, ...["number", "yuan", "signed", "abs"].map((fmt) => formatValue(value, fmt))];
  }),
);
process.stdout.write(JSON.stringify(out));
