// Plays seeded random games of a compiled story through the browser runtime (web/engine.js)
// and prints, per game, a SHA-256 of every step's canonical JSON, or with --dump the
// step records themselves. tests/web/test_conformance.py does the same through the
// Python engine and compares. Usage: node conformance.mjs STORY.json PLAN.json [--dump]
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Runner, StepRandom, Story } from "../../web/engine.js";

/** Canonical JSON: sorted keys, no spaces, whole numbers as integers. @param {any} value @returns {string} */
export function canonical(value) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (Number.isSafeInteger(value)) return String(value);
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
  const keys = Object.keys(value).sort();
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
}

/** @param {Runner} runner @param {string} action @param {any} result */
function record(runner, action, result) {
  return {
    action,
    view: runner.view(),
    result,
    state: {
      scene: runner.sceneId,
      step: runner.step,
      date: runner.date,
      variables: runner.vars,
      visited: Object.fromEntries(runner.visited),
      ledger: runner.ledger,
      transcript_len: runner.transcript.length,
      transcript_last: runner.transcript[runner.transcript.length - 1],
      undo: runner.undoStack.length,
      choices: runner.availableChoiceIds(),
    },
  };
}

/** @param {Story} story @param {any} game @param {number} maxSteps */
function* play(story, game, maxSteps) {
  let runner = new Runner(story, game.seed, game.start ?? {});
  yield record(runner, "start", null);
  for (let k = 0; k < maxSteps; k++) {
    const r = new StepRandom(game.policy, k, 7).random();
    let action;
    let result = null;
    if (runner.canUndo && r < 0.08) {
      action = "undo";
      runner.undo();
    } else if (r > 0.99) {
      action = "reload";
      runner = Runner.fromJSON(story, JSON.parse(JSON.stringify(runner.toJSON())), false).runner;
    } else {
      const ids = runner.availableChoiceIds();
      if (!ids.length) break;
      action = ids[Math.floor(new StepRandom(game.policy, k, 8).random() * ids.length)];
      result = runner.choose(action);
    }
    yield record(runner, action, result);
  }
  yield { final: runner.toJSON() };
}

const [storyPath, planPath, flag] = process.argv.slice(2);
const story = new Story(JSON.parse(readFileSync(storyPath, "utf8")));
const plan = JSON.parse(readFileSync(planPath, "utf8"));
const out = [];
for (const game of plan.games) {
  const hash = createHash("sha256");
  let steps = 0;
  const dump = [];
  for (const item of play(story, game, plan.max_steps)) {
    const line = canonical(item);
    hash.update(line + "\n");
    steps += 1;
    if (flag === "--dump") dump.push(line);
  }
  out.push(flag === "--dump" ? dump.join("\n") : JSON.stringify({ steps, digest: hash.digest("hex") }));
}
process.stdout.write(out.join("\n") + "\n");
