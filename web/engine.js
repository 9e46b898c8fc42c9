// @ts-check
/**
 * The browser runtime of Last Train Home: plays a compiled story (see MODDING.md,
 * "The compiled story") with exactly the semantics of the Python engine
 * (game/engine/runner.py, expr.py, rng.py, savecheck.py). Same seed, same choices:
 * same text, same numbers, same ledger, same save file. No dependencies, no DOM.
 *
 * Python's rules that JavaScript does not share are written out here: modulo takes
 * the divisor's sign, rounding is half away from zero, whitespace is what Python's
 * str.isspace() calls whitespace, and random draws are SplitMix64 on 64-bit BigInts.
 * tests/web/test_conformance.py plays thousands of seeded games through both
 * runtimes and compares every step.
 */

export const COMPILED_FORMAT = 1;
export const COMPILED_KIND = "last-train-home compiled story";
export const SAVE_FORMAT = 1;
export const CONTINUE_ID = "next";

// -- randomness (game/engine/rng.py) ------------------------------------------------
const MASK = (1n << 64n) - 1n;

/** SplitMix64's finaliser on a 64-bit unsigned BigInt. @param {bigint} value */
export function mix64(value) {
  value = (value + 0x9e3779b97f4a7c15n) & MASK;
  value = ((value ^ (value >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  value = ((value ^ (value >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return value ^ (value >> 31n);
}

/** The random numbers of one moment of play: a seed, a step and a stream. */
export class StepRandom {
  /** @param {number} seed @param {number} step @param {number} stream */
  constructor(seed, step, stream) {
    this.seed = seed;
    this.step = step;
    this.stream = stream;
    /** @type {bigint} */
    this.base = -1n;
    this.count = 0n;
  }

  /** A float in [0, 1). */
  random() {
    if (this.base < 0n) {
      const seed = BigInt.asUintN(64, BigInt(this.seed));
      this.base = mix64(mix64(mix64(seed) ^ BigInt(this.step)) ^ BigInt(this.stream));
    }
    this.count += 1n;
    return Number(mix64(this.base ^ this.count) >> 11n) / 9007199254740992;
  }
}

export const STREAM_CHOICE_EFFECTS = 1;
export const STREAM_OUTCOME = 2;
export const STREAM_ENTER = 3;
export const STREAM_TEXT = 4;
export const STREAM_CONDITIONS = 16;

// -- numbers and text as Python makes them -------------------------------------------
/** round_half_away: halves away from zero; whole numbers unchanged. @param {number} value */
export function roundHalfAway(value) {
  if (Number.isInteger(value)) return value + 0;
  if (!Number.isFinite(value)) {
    const m = LIMITS ? LIMITS.magnitude : 1e12;
    return value !== value ? 0 : value > 0 ? m : -m;
  }
  const r = value >= 0 ? Math.floor(value + 0.5) : -Math.floor(-value + 0.5);
  return r + 0; // never -0
}

/** Python's a % b: the result takes the divisor's sign. @param {number} a @param {number} b */
function pyMod(a, b) {
  let r = a % b;
  if (r !== 0 && r < 0 !== b < 0) r += b;
  return r;
}

/** An integer with thousands separators, as Python's f"{n:,}". @param {number} n */
export function groupDigits(n) {
  const negative = n < 0;
  const digits = BigInt(Math.abs(n)).toString();
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

/** expr.format_value. @param {number|boolean} value @param {string} fmt */
export function formatValue(value, fmt) {
  if (typeof value === "boolean") return value ? "yes" : "no";
  const number = roundHalfAway(value);
  if (fmt === "yuan") return `${groupDigits(number)} yuan`;
  if (fmt === "signed") return (number >= 0 ? "+" : "") + groupDigits(number);
  if (fmt === "abs") return groupDigits(Math.abs(number));
  return groupDigits(number);
}

// Python's str.isspace() characters (and so its regex \s and str.split()).
const WS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PARAGRAPH_BREAK = new RegExp(`\\n[${WS}]*\\n`);
const WS_RUN = new RegExp(`[${WS}]+`);
const WS_ONLY = new RegExp(`^[${WS}]*$`);
// runner._CJK_LINE_BREAK: a line break between two Chinese characters disappears.
const CJK = "\\u2e80-\\u2fff\\u3001-\\u303f\\u3040-\\u30ff\\u3100-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff01-\\uffef";
const WS_NO_NEWLINE = WS.replace("\\n", "");
const CJK_LINE_BREAK = new RegExp(`(?<=[${CJK}])[${WS_NO_NEWLINE}]*\\n[${WS}]*(?=[${CJK}])`, "gu");

/** runner.split_paragraphs. @param {string} text @returns {string[]} */
export function splitParagraphs(text) {
  const out = [];
  for (const piece of text.split(PARAGRAPH_BREAK)) {
    if (WS_ONLY.test(piece)) continue;
    out.push(
      piece
        .replace(CJK_LINE_BREAK, "")
        .split(WS_RUN)
        .filter((word) => word !== "")
        .join(" "),
    );
  }
  return out;
}

// -- expressions (game/engine/expr.py: build) --------------------------------------
/**
 * @typedef {{vars: Record<string, number|boolean>, visited: Map<string, number>, rng: StepRandom}} Ctx
 * @typedef {(ctx: Ctx) => any} Fn
 */

/**
 * The game's number limits, when the engine has them (the compiled story's `limits`):
 * results beyond `magnitude` are kept at it, weights beyond `weight` too.
 * @type {{magnitude: number, weight: number} | null}
 */
let LIMITS = null;

/** Use the limits of a compiled story (null: none). @param {{magnitude: number, weight: number} | null} limits */
export function setLimits(limits) {
  LIMITS = limits;
}

/** expr.bound: a value kept within the game's range (NaN becomes 0). @param {number} value */
function bound(value) {
  const m = LIMITS ? LIMITS.magnitude : 1e12;
  if (value >= -m && value <= m) return value;
  if (value !== value) return 0;
  return value > 0 ? m : -m;
}

/** Python's all()/any() over closures, stopping at the first that decides. @param {Fn[]} items @param {boolean} every */
function chain(items, every) {
  return (/** @type {Ctx} */ ctx) => {
    for (const item of items) {
      const value = item(ctx);
      if (every ? !value : value) return every ? false : true;
    }
    return every;
  };
}

/**
 * The closure of an expression tree. Two forms are read: binary nodes ("add", "sub",
 * "mul", "div", "mod", two-operand "and"/"or") and the bounded n-ary nodes ("sum",
 * "prod", "fn", "and"/"or" over a list) of an engine with number limits.
 * @param {any[]} tree @returns {Fn}
 */
export function buildExpression(tree) {
  const kind = tree[0];
  if ((kind === "and" || kind === "or") && tree.length === 2) return chain(tree[1].map(buildExpression), kind === "and");
  switch (kind) {
    case "sum": {
      const terms = tree[1].map((/** @type {[number, any[]]} */ [sign, term]) => [sign, buildExpression(term)]);
      return (ctx) => {
        let total = 0;
        for (const [sign, term] of terms) total = sign > 0 ? total + term(ctx) : total - term(ctx);
        return bound(total);
      };
    }
    case "prod": {
      const first = buildExpression(tree[1]);
      const rest = tree[2].map((/** @type {[string, any[]]} */ [op, factor]) => [op, buildExpression(factor)]);
      return (ctx) => {
        let value = first(ctx);
        for (const [op, factor] of rest) {
          const other = factor(ctx);
          if (op === "*") value = value * other;
          else if (other === 0) value = 0;
          else if (op === "/") value = value / other;
          else value = pyMod(value, other);
          value = bound(value);
        }
        return value;
      };
    }
    case "fn":
      return buildExpression([tree[1], ...tree[2]]);
  }
  switch (kind) {
    case "num":
    case "bool": {
      const value = tree[1];
      return () => value;
    }
    case "var": {
      const name = tree[1];
      return (ctx) => ctx.vars[name];
    }
    case "or": {
      const a = buildExpression(tree[1]);
      const b = buildExpression(tree[2]);
      return (ctx) => a(ctx) || b(ctx);
    }
    case "and": {
      const a = buildExpression(tree[1]);
      const b = buildExpression(tree[2]);
      return (ctx) => a(ctx) && b(ctx);
    }
    case "not": {
      const a = buildExpression(tree[1]);
      return (ctx) => !a(ctx);
    }
    case "cmp": {
      const a = buildExpression(tree[2]);
      const b = buildExpression(tree[3]);
      switch (tree[1]) {
        case "==":
          return (ctx) => a(ctx) === b(ctx);
        case "!=":
          return (ctx) => a(ctx) !== b(ctx);
        case "<":
          return (ctx) => a(ctx) < b(ctx);
        case "<=":
          return (ctx) => a(ctx) <= b(ctx);
        case ">":
          return (ctx) => a(ctx) > b(ctx);
        case ">=":
          return (ctx) => a(ctx) >= b(ctx);
      }
      break;
    }
    case "add":
    case "sub":
    case "mul":
    case "div":
    case "mod": {
      const a = buildExpression(tree[1]);
      const b = buildExpression(tree[2]);
      if (kind === "add") return (ctx) => a(ctx) + b(ctx);
      if (kind === "sub") return (ctx) => a(ctx) - b(ctx);
      if (kind === "mul") return (ctx) => a(ctx) * b(ctx);
      // Python evaluates the divisor first, and a zero divisor gives 0.
      if (kind === "div")
        return (ctx) => {
          const d = b(ctx);
          return d === 0 ? 0 : a(ctx) / d;
        };
      return (ctx) => {
        const d = b(ctx);
        return d === 0 ? 0 : pyMod(a(ctx), d);
      };
    }
    case "neg": {
      const a = buildExpression(tree[1]);
      return (ctx) => -a(ctx);
    }
    case "visited": {
      const scene = tree[1];
      return (ctx) => ctx.visited.has(scene);
    }
    case "chance": {
      const p = buildExpression(tree[1]);
      return (ctx) => ctx.rng.random() < p(ctx);
    }
    case "abs": {
      const a = buildExpression(tree[1]);
      return (ctx) => Math.abs(a(ctx));
    }
    case "round": {
      const a = buildExpression(tree[1]);
      return (ctx) => roundHalfAway(a(ctx));
    }
    case "min":
    case "max": {
      const args = tree.slice(1).map(buildExpression);
      const less = kind === "min";
      return (ctx) => {
        // Python's min()/max(): every argument is evaluated, the first best one wins.
        const values = args.map((fn) => fn(ctx));
        let best = values[0];
        for (const v of values.slice(1)) if (less ? v < best : v > best) best = v;
        return best;
      };
    }
  }
  throw new CompiledError(`unknown expression node ${JSON.stringify(kind)}`);
}

// -- the compiled story ------------------------------------------------------------
export class CompiledError extends Error {}

/**
 * @typedef {{text: any[], if?: number, else?: any[]}} TextPart
 * @typedef {{target: string, op: string, value: number, label?: string, category?: string, if?: number, date?: string}} Effect
 * @typedef {{weight: number, if?: number, effects?: Effect[], note?: any[], goto: string}} Outcome
 * @typedef {{id: string, text: any[], if?: number, requires?: number, locked?: any[],
 *   effects?: Effect[], note?: any[], discuss?: string, goto?: string, outcomes?: Outcome[]}} Choice
 * @typedef {{id: string, chapter: number, text: TextPart[], speaker?: string, portrait?: string,
 *   background?: string, music?: string, date?: string, mood?: string, effects?: Effect[],
 *   discuss?: {text: string, if?: number}[], cards?: {title: string, fact: string, source: string, why: string}[],
 *   choices?: Choice[], next?: string, ending?: {id: string, title: string, epilogue: TextPart[]}}} Scene
 * @typedef {{id: string, type: string, initial: number|boolean, min?: number, max?: number,
 *   label: string, hud: boolean, format: string}} Variable
 */

/** A compiled story, checked and ready to play. */
export class Story {
  /** @param {any} data the parsed compiled JSON */
  constructor(data) {
    if (!data || typeof data !== "object" || data.kind !== COMPILED_KIND)
      throw new CompiledError("this is not a compiled story of Last Train Home");
    if (!Number.isInteger(data.format)) throw new CompiledError("the compiled story has no format version");
    if (data.format > COMPILED_FORMAT)
      throw new CompiledError(
        `the compiled story has format ${data.format}, newer than this page reads (${COMPILED_FORMAT})`,
      );
    this.data = data;
    /** @type {{magnitude: number, weight: number} | null} */
    this.limits = data.limits ?? null;
    setLimits(this.limits);
    const frame = data.story;
    this.id = String(frame.id);
    this.title = String(frame.title);
    this.version = String(frame.version);
    /** The version of the game that compiled the story (saves record it). */
    this.gameVersion = String(data.game_version ?? "");
    this.start = String(frame.start);
    /** @type {string[]} */
    this.about = frame.about;
    /** @type {string[]} */
    this.contentNotes = frame.content_notes;
    /** @type {Fn[]} */
    this.expressions = data.expressions.map((/** @type {any} */ e) => buildExpression(e.tree));
    /** @type {Map<string, Variable>} */
    this.variables = new Map(data.variables.map((/** @type {Variable} */ v) => [v.id, v]));
    /** @type {Map<string, {id: string, name: string, portrait?: string}>} */
    this.characters = new Map(data.characters.map((/** @type {any} */ c) => [c.id, c]));
    /** @type {Record<string, string>} */
    this.ledgerCategories = data.ledger;
    /** @type {Map<number, string>} */
    this.chapterTitles = new Map(data.chapters.map((/** @type {any} */ c) => [c.number, c.title]));
    /** @type {Map<string, Scene>} */
    this.scenes = new Map(data.scenes.map((/** @type {Scene} */ s) => [s.id, s]));
    /** @type {Record<string, string>} */
    this.renames = data.renames;
    /** The mods laid over the story when it was compiled, [id, version]: saves record them.
     * @type {[string, string][]} */
    this.mods = Array.isArray(frame.mods)
      ? frame.mods.map((/** @type {any} */ m) => /** @type {[string, string]} */ ([String(m.id), String(m.version)]))
      : [];
    /** @type {[string, string, string][]} */
    this.glossary = data.glossary;
    /** @type {any[]} */
    this.starts = data.starts;
    if (!this.scenes.has(this.start)) throw new CompiledError("the compiled story has no start scene");
  }

  /** @param {number} chapter */
  chapterTitle(chapter) {
    return this.chapterTitles.get(chapter) ?? "";
  }

  /** @param {number | undefined} index @param {Ctx} ctx */
  run(index, ctx) {
    return /** @type {Fn} */ (this.expressions[/** @type {number} */ (index)])(ctx);
  }

  /** expr.render_template. @param {any[]} parts @param {Ctx} ctx */
  render(parts, ctx) {
    if (parts.length === 1 && typeof parts[0] === "string") return parts[0];
    let out = "";
    for (const part of parts) {
      if (typeof part === "string") out += part;
      else out += formatValue(this.run(part[0], ctx), part[1]);
    }
    return out;
  }
}

// -- the runner (game/engine/runner.py) ------------------------------------------
export class SaveError extends Error {}

/**
 * @typedef {{step: number, date: string, chapter: number, variable: string, amount: number,
 *   label: string, category: string, balance: number}} LedgerEntry
 * @typedef {{step: number, scene_id: string, speaker_name: string|null, paragraphs: string[],
 *   choice_text: string|null, choice_id: string|null}} TranscriptEntry
 * @typedef {{scene: string, date: string, variables: Record<string, number|boolean>}} Snapshot
 * @typedef {{variable: string, label: string, before: number, after: number}} Change
 */

export class Runner {
  /**
   * A new game from the story's start, or from `scene` with `values` set.
   * @param {Story} story @param {number} seed
   * @param {{scene?: string, values?: Record<string, number|boolean>}} [options]
   */
  constructor(story, seed = 0, options = {}) {
    this.story = story;
    this.seed = seed;
    this.step = 0;
    const start = options.scene ?? story.start;
    if (!story.scenes.has(start)) throw new Error(`no scene '${start}' in the story`);
    this.sceneId = start;
    this.date = "";
    /** @type {Record<string, number|boolean>} */
    this.vars = {};
    for (const [name, v] of story.variables) this.vars[name] = v.initial;
    for (const [name, value] of Object.entries(options.values ?? {})) {
      if (!(name in this.vars)) throw new Error(`no variable '${name}' in the story`);
      this.vars[name] = value;
    }
    /** @type {Map<string, number>} */
    this.visited = new Map();
    /** @type {LedgerEntry[]} */
    this.ledger = [];
    /** @type {TranscriptEntry[]} */
    this.transcript = [];
    /** @type {Snapshot[]} */
    this.undoStack = [];
    this.shown = [...story.variables.values()].filter((v) => v.hud).map((v) => v.id);
    this.enter(start, []);
  }

  get scene() {
    return /** @type {Scene} */ (this.story.scenes.get(this.sceneId));
  }

  get canUndo() {
    return this.undoStack.length > 0;
  }

  get isEnding() {
    return this.scene.ending !== undefined;
  }

  /** @param {number} stream @returns {Ctx} */
  context(stream) {
    return { vars: this.vars, visited: this.visited, rng: new StepRandom(this.seed, this.step, stream) };
  }

  /** The visible choices of the current scene, each with whether it is enabled. */
  choiceStates() {
    /** @type {[Choice, boolean][]} */
    const states = [];
    (this.scene.choices ?? []).forEach((choice, index) => {
      const ctx = this.context(STREAM_CONDITIONS + index);
      if (choice.if !== undefined && !this.story.run(choice.if, ctx)) return;
      const enabled = choice.requires === undefined || Boolean(this.story.run(choice.requires, ctx));
      states.push([choice, enabled]);
    });
    return states;
  }

  availableChoiceIds() {
    const scene = this.scene;
    if (scene.ending !== undefined) return [];
    if (scene.next !== undefined) return [CONTINUE_ID];
    return this.choiceStates()
      .filter(([, enabled]) => enabled)
      .map(([choice]) => choice.id);
  }

  /** @param {TextPart[]} parts @returns {string[]} */
  render(parts) {
    const ctx = this.context(STREAM_TEXT);
    const pieces = [];
    for (const part of parts) {
      if (part.if === undefined || this.story.run(part.if, ctx)) pieces.push(this.story.render(part.text, ctx));
      else if (part.else !== undefined) pieces.push(this.story.render(part.else, ctx));
    }
    return splitParagraphs(pieces.join("\n\n"));
  }

  meters() {
    const meters = [];
    for (const v of this.story.variables.values()) {
      if (!v.hud) continue;
      let kind = "number";
      if (v.type === "money") kind = "money";
      else if (v.min !== undefined && v.max !== undefined && v.type === "int") kind = "meter";
      meters.push({
        id: v.id,
        label: v.label,
        value: Number(this.vars[v.id]),
        kind,
        minimum: v.min ?? null,
        maximum: v.max ?? null,
      });
    }
    return meters;
  }

  /** Everything a front end needs to draw the current scene (runner.view()). */
  view() {
    const story = this.story;
    const scene = this.scene;
    const ctx = this.context(STREAM_TEXT);
    /** @type {{id: string, text: string, enabled: boolean, locked_reason: string|null}[]} */
    const choices = [];
    let kind;
    if (scene.ending !== undefined) kind = "ending";
    else if (scene.next !== undefined) {
      kind = "continue";
      choices.push({ id: CONTINUE_ID, text: "Continue", enabled: true, locked_reason: null });
    } else {
      for (const [choice, enabled] of this.choiceStates()) {
        let reason = null;
        if (!enabled && choice.locked !== undefined) reason = story.render(choice.locked, ctx);
        choices.push({ id: choice.id, text: story.render(choice.text, ctx), enabled, locked_reason: reason });
      }
      kind = choices.some((c) => c.enabled) ? "choices" : "stuck";
    }
    const speaker = scene.speaker ? story.characters.get(scene.speaker) : undefined;
    let ending = null;
    if (scene.ending !== undefined)
      ending = { id: scene.ending.id, title: scene.ending.title, epilogue: this.render(scene.ending.epilogue) };
    const paragraphs = this.render(scene.text);
    const discuss = (scene.discuss ?? [])
      .filter((p) => p.if === undefined || story.run(p.if, ctx))
      .map((p) => p.text);
    return {
      scene_id: scene.id,
      kind,
      chapter: scene.chapter,
      chapter_title: story.chapterTitle(scene.chapter),
      date: this.date,
      speaker: scene.speaker ?? null,
      speaker_name: speaker ? speaker.name : null,
      portrait: scene.portrait || (speaker ? speaker.portrait ?? null : null),
      background: scene.background ?? null,
      music: scene.music ?? null,
      mood: scene.mood ?? null,
      paragraphs,
      choices,
      meters: this.meters(),
      discuss,
      cards: (scene.cards ?? []).map((c) => ({ title: c.title, fact: c.fact, source: c.source, why: c.why })),
      ending,
      can_undo: this.canUndo,
      step: this.step,
    };
  }

  /** Make the choice `choiceId` in the current scene and move on (runner.choose). @param {string} choiceId */
  choose(choiceId) {
    const scene = this.scene;
    /** @type {Choice | null} */
    let choice = null;
    if (scene.ending !== undefined) throw new Error("the story has ended: there is nothing to choose");
    if (scene.next !== undefined) {
      if (choiceId !== CONTINUE_ID) throw new Error(`this scene only continues: choose '${CONTINUE_ID}'`);
    } else {
      const found = this.choiceStates().find(([candidate]) => candidate.id === choiceId);
      if (!found) throw new Error(`no choice '${choiceId}' here`);
      if (!found[1]) throw new Error(`choice '${choiceId}' is locked`);
      choice = found[0];
    }
    const before = { ...this.vars };
    this.undoStack.push({ scene: this.sceneId, date: this.date, variables: before });
    let choiceText = "Continue";
    if (choice !== null) choiceText = this.story.render(choice.text, this.context(STREAM_TEXT));
    this.finishTranscript(choiceText, choiceId);
    this.step += 1;
    const ledgerStart = this.ledger.length;
    /** @type {string[]} */
    const notes = [];
    let target;
    if (choice === null) target = scene.next ?? "";
    else {
      const ctx = this.context(STREAM_CHOICE_EFFECTS);
      this.apply(choice.effects, ctx);
      if (choice.note !== undefined) notes.push(this.story.render(choice.note, ctx));
      target = this.target(choice, notes);
    }
    const chosen = { ...this.vars };
    const arrivalStart = this.ledger.length;
    this.enter(target, notes);
    return {
      changes: this.changes(before, this.vars),
      notes,
      discuss: choice !== null ? choice.discuss ?? null : null,
      ledger: this.ledger.slice(ledgerStart),
      by_choice: this.changes(before, chosen),
      on_arrival: this.changes(chosen, this.vars),
      arrival_ledger: this.ledger.slice(arrivalStart),
    };
  }

  /** @param {Record<string, any>} before @param {Record<string, any>} after @returns {Change[]} */
  changes(before, after) {
    return this.shown
      .filter((name) => before[name] !== after[name])
      .map((name) => ({
        variable: name,
        label: /** @type {Variable} */ (this.story.variables.get(name)).label,
        before: before[name],
        after: after[name],
      }));
  }

  /** @param {Choice} choice @param {string[]} notes @returns {string} */
  target(choice, notes) {
    if (choice.goto !== undefined) return choice.goto;
    const outcomes = choice.outcomes ?? [];
    const ctx = this.context(STREAM_OUTCOME);
    /** @type {[Outcome, number][]} */
    const weighted = [];
    for (const outcome of outcomes) {
      if (outcome.if !== undefined && !this.story.run(outcome.if, ctx)) continue;
      const raw = Number(this.story.run(outcome.weight, ctx));
      // Python's max(0.0, w), or with limits float(min(w, MAX_WEIGHT)) if w > 0 else 0.0
      const limits = this.story.limits;
      const weight = raw > 0 ? (limits ? Math.min(raw, limits.weight) : raw) : 0;
      weighted.push([outcome, weight]);
    }
    let total = 0;
    for (const [, weight] of weighted) total += weight;
    let picked;
    if (weighted.length === 0) picked = /** @type {Outcome} */ (outcomes[outcomes.length - 1]);
    else if (total <= 0) picked = weighted[weighted.length - 1][0];
    else {
      let roll = ctx.rng.random() * total;
      picked = weighted[weighted.length - 1][0];
      for (const [outcome, weight] of weighted) {
        if (roll < weight) {
          picked = outcome;
          break;
        }
        roll -= weight;
      }
    }
    this.apply(picked.effects, ctx);
    if (picked.note !== undefined) notes.push(this.story.render(picked.note, ctx));
    return picked.goto;
  }

  /** @param {string} sceneId @param {string[]} _notes */
  enter(sceneId, _notes) {
    this.sceneId = sceneId;
    const scene = this.scene;
    if (scene.date) this.date = scene.date;
    if (!this.visited.has(sceneId)) this.visited.set(sceneId, this.step);
    if (scene.effects && scene.effects.length) this.apply(scene.effects, this.context(STREAM_ENTER));
    const speaker = scene.speaker ? this.story.characters.get(scene.speaker) : undefined;
    let paragraphs = this.render(scene.text);
    if (scene.ending !== undefined)
      paragraphs = [...paragraphs, scene.ending.title, ...this.render(scene.ending.epilogue)];
    this.transcript.push({
      step: this.step,
      scene_id: sceneId,
      speaker_name: speaker ? speaker.name : null,
      paragraphs,
      choice_text: null,
      choice_id: null,
    });
  }

  /** @param {string} choiceText @param {string} choiceId */
  finishTranscript(choiceText, choiceId) {
    const last = this.transcript[this.transcript.length - 1];
    if (last) this.transcript[this.transcript.length - 1] = { ...last, choice_text: choiceText, choice_id: choiceId };
  }

  /** @param {Effect[] | undefined} effects @param {Ctx} ctx */
  apply(effects, ctx) {
    for (const effect of effects ?? []) {
      // An effect with `if` happens only when its condition holds, checked as it applies.
      if (effect.if !== undefined && !this.story.run(effect.if, ctx)) continue;
      const v = /** @type {Variable} */ (this.story.variables.get(effect.target));
      const value = this.story.run(effect.value, ctx);
      if (v.type === "bool") {
        this.vars[effect.target] = Boolean(value);
        continue;
      }
      const old = /** @type {number} */ (this.vars[effect.target]);
      const amount = roundHalfAway(value);
      let now = effect.op === "=" ? amount : effect.op === "+=" ? old + amount : old - amount;
      if (v.min !== undefined && now < v.min) now = v.min;
      if (v.max !== undefined && now > v.max) now = v.max;
      const limits = this.story.limits;
      if (limits && !(now >= -limits.magnitude && now <= limits.magnitude))
        now = now > 0 ? limits.magnitude : -limits.magnitude;
      this.vars[effect.target] = now;
      if (v.type === "money" && now !== old)
        this.ledger.push({
          step: this.step,
          date: effect.date || this.date,
          chapter: this.scene.chapter,
          variable: effect.target,
          amount: now - old,
          label: effect.label || v.label,
          category: effect.category || "other",
          balance: now,
        });
    }
  }

  /** Take back the last choice; false when there is nothing to undo. */
  undo() {
    const snapshot = this.undoStack.pop();
    if (!snapshot) return false;
    const step = this.step;
    for (const [key, when] of [...this.visited]) if (!(when < step)) this.visited.delete(key);
    while (this.ledger.length && this.ledger[this.ledger.length - 1].step >= step) this.ledger.pop();
    while (this.transcript.length && this.transcript[this.transcript.length - 1].step >= step) this.transcript.pop();
    const last = this.transcript[this.transcript.length - 1];
    if (last) this.transcript[this.transcript.length - 1] = { ...last, choice_text: null, choice_id: null };
    this.sceneId = snapshot.scene;
    this.date = snapshot.date;
    this.vars = { ...snapshot.variables };
    this.step = step - 1;
    return true;
  }

  /** The save's "runner" object, exactly as Runner.to_json() writes it. */
  toJSON() {
    return {
      format: SAVE_FORMAT,
      story_id: this.story.id,
      story_version: this.story.version,
      seed: this.seed,
      step: this.step,
      scene: this.sceneId,
      chapter: this.scene.chapter,
      date: this.date,
      variables: { ...this.vars },
      visited: Object.fromEntries(this.visited),
      ledger: this.ledger.map((e) => [e.step, e.date, e.chapter, e.variable, e.amount, e.label, e.category, e.balance]),
      transcript: this.transcript.map((t) => [
        t.step,
        t.scene_id,
        t.speaker_name,
        [...t.paragraphs],
        t.choice_text,
        t.choice_id,
      ]),
      undo: this.undoStack.map((s) => [s.scene, s.date, { ...s.variables }]),
      // Only with mods, so a save of the plain story is what it always was (runner.py).
      ...(this.story.mods.length ? { mods: this.story.mods.map(([id, version]) => ({ id, version })) } : {}),
    };
  }

  /**
   * Restore a runner from a save's runner object, checking everything in it
   * (savecheck.py). With `relocate`, a save whose scene is gone moves to the start
   * of its chapter (load_save); `message` then says so.
   * @param {Story} story @param {any} data @param {boolean} [relocate]
   * @returns {{runner: Runner, message: string|null}}
   */
  static fromJSON(story, data, relocate = true) {
    return restore(story, data, relocate);
  }
}

// -- restoring saves (game/engine/savecheck.py) ---------------------------------------
/** @param {any} v */
const isInt = (v) => typeof v === "number" && Number.isInteger(v);
/** @param {boolean} condition @param {string} message */
function need(condition, message) {
  if (!condition) throw new SaveError(message);
}
const isObject = (/** @type {any} */ v) => v !== null && typeof v === "object" && !Array.isArray(v);
/** Python's dict.get(key, default). @param {any} data @param {string} key @param {any} fallback */
const get = (data, key, fallback) => (Object.hasOwn(data, key) ? data[key] : fallback);

/**
 * The save's mods against the page's (savemods.py): a SaveError naming the mods the save
 * was made with that this page does not have; else a note for mods in other versions.
 * @param {Story} story @param {any} data @returns {string|null}
 */
function checkMods(story, data) {
  const raw = get(data, "mods", []);
  const damaged = "the save is damaged: its list of mods";
  need(Array.isArray(raw) && raw.length <= 64, damaged);
  const now = new Map(story.mods);
  /** @type {string[]} */
  const missing = [];
  /** @type {string[]} */
  const notes = [];
  for (const item of raw) {
    need(isObject(item) && typeof item.id === "string" && typeof item.version === "string", damaged);
    need(/^[a-z][a-z0-9_]*$/.test(item.id) && item.id.length <= 64, damaged);
    need(item.version.length <= 64 && !/[\u0000-\u001f\u007f-\u009f]/.test(item.version), damaged);
    const loaded = now.get(item.id);
    if (loaded === undefined) missing.push(`'${item.id}' ${item.version}`.trim());
    else if (loaded !== item.version)
      notes.push(
        `This save was made with version ${item.version || "?"} of the mod '${item.id}'; version` +
          ` ${loaded || "?"} is loaded now, and the game goes on with it.`,
      );
  }
  if (missing.length === 1)
    throw new SaveError(
      `this save was made with the mod ${missing[0]}, which this page does not have: open it in` +
        " the page made with that mod (export-web --mod)",
    );
  if (missing.length > 1)
    throw new SaveError(
      `this save was made with the mods ${missing.slice(0, -1).join(", ")} and ${missing[missing.length - 1]},` +
        " which this page does not have: open it in the page made with those mods (export-web --mod)",
    );
  return notes.length ? notes.join(" ") : null;
}

/** @param {Story} story @param {any} sceneId */
function resolveScene(story, sceneId) {
  if (typeof sceneId !== "string") throw new SaveError("the save is damaged: its scene is not a scene id");
  const seen = new Set();
  while (!story.scenes.has(sceneId) && Object.hasOwn(story.renames, sceneId) && !seen.has(sceneId)) {
    seen.add(sceneId);
    sceneId = story.renames[sceneId];
  }
  if (!story.scenes.has(sceneId))
    throw new SaveError(`the save is at scene '${sceneId}', which this version of the story no longer has`);
  return sceneId;
}

/** @param {Story} story @param {any} raw */
function savedVariables(story, raw) {
  need(isObject(raw), "the save is damaged: its variables are missing");
  /** @type {Record<string, number|boolean>} */
  const values = {};
  for (const [name, v] of story.variables) {
    const value = Object.hasOwn(raw, name) ? raw[name] : v.initial;
    if (v.type === "bool") need(typeof value === "boolean", `the save is damaged: '${name}' should be true/false`);
    else {
      need(isInt(value), `the save is damaged: '${name}' should be a whole number`);
      // A value outside the declared range is clamped, as the runner clamps every change.
      if (v.min !== undefined && value < v.min) values[name] = v.min;
      else if (v.max !== undefined && value > v.max) values[name] = v.max;
      else values[name] = value;
      continue;
    }
    values[name] = value;
  }
  return values;
}

/** Every scene `scene` can lead to (checks.successors). @param {Scene} scene */
function successors(scene) {
  const out = [];
  if (scene.next) out.push(scene.next);
  for (const choice of scene.choices ?? []) {
    if (choice.goto) out.push(choice.goto);
    for (const outcome of choice.outcomes ?? []) out.push(outcome.goto);
  }
  return out;
}

/** savecheck.chapter_start. @param {Story} story @param {number} chapter */
export function chapterStart(story, chapter) {
  const members = [...story.scenes.values()].filter((s) => s.chapter === chapter);
  if (!members.length) return null;
  const start = story.scenes.get(story.start);
  if (start && members.includes(start)) return story.start;
  const entries = new Set();
  for (const s of story.scenes.values()) if (s.chapter !== chapter) for (const t of successors(s)) entries.add(t);
  for (const s of members) if (entries.has(s.id)) return s.id;
  return members[0].id;
}

/** @param {Story} story @param {any} data */
function relocation(story, data) {
  const old = data.scene;
  let chapter = null;
  if (isInt(data.chapter)) chapter = data.chapter;
  else if (isObject(data.visited)) {
    /** @type {[number, string] | null} */
    let best = null;
    for (const [sceneId, when] of Object.entries(data.visited))
      if (story.scenes.has(sceneId) && isInt(when)) {
        const key = /** @type {[number, string]} */ ([when, sceneId]);
        if (best === null || key[0] > best[0] || (key[0] === best[0] && key[1] > best[1])) best = key;
      }
    if (best) chapter = /** @type {Scene} */ (story.scenes.get(best[1])).chapter;
  }
  const target = chapter !== null ? chapterStart(story, chapter) : null;
  if (target === null || chapter === null)
    return {
      scene: story.start,
      message:
        `This save was made at a scene this version of the story no longer has ('${old}').` +
        " It continues from the beginning of the story; everything you had is kept.",
    };
  const title = story.chapterTitle(chapter);
  const named = `chapter ${chapter}` + (title ? `, ${title}` : "");
  return {
    scene: target,
    message:
      `This save was made at a scene this version of the story no longer has ('${old}').` +
      ` It continues from the start of ${named}; everything you had is kept.`,
  };
}

/** @param {any} raw @param {number[]} widths @param {string} what @returns {any[][]} */
function rows(raw, widths, what) {
  need(Array.isArray(raw), `the save is damaged: its ${what}`);
  for (const row of raw) need(Array.isArray(row) && widths.includes(row.length), `the save is damaged: its ${what}`);
  return raw;
}

/** @param {Story} story @param {any} data @param {boolean} relocate */
function restore(story, data, relocate) {
  need(isObject(data), "the save is damaged: it is not a saved game");
  need(isInt(data.format) && data.format >= 1, "the save is damaged: it has no format version");
  need(data.format <= SAVE_FORMAT, `the save was made by a newer version of the game (save format ${data.format})`);
  need(
    data.story_id === story.id,
    `the save belongs to another story ('${data.story_id ?? "None"}', not '${story.id}')`,
  );
  const { seed, step } = data;
  need(isInt(seed) && isInt(step) && step >= 0, "the save is damaged: seed or step");
  const date = get(data, "date", "");
  need(typeof date === "string", "the save is damaged: its date");
  const modsNote = checkMods(story, data);
  const runner = Object.create(Runner.prototype);
  runner.story = story;
  runner.seed = seed;
  runner.shown = [...story.variables.values()].filter((v) => v.hud).map((v) => v.id);
  runner.step = step;
  let message = null;
  try {
    runner.sceneId = resolveScene(story, data.scene);
  } catch (error) {
    if (!relocate || typeof data.scene !== "string") throw error;
    const moved = relocation(story, data);
    runner.sceneId = moved.scene;
    message = moved.message;
  }
  runner.date = date;
  runner.vars = savedVariables(story, data.variables);
  const visited = get(data, "visited", {});
  need(isObject(visited), "the save is damaged: visited scenes");
  runner.visited = new Map();
  for (const [sceneId, when] of Object.entries(visited)) {
    need(isInt(when), "the save is damaged: visited scenes");
    if (story.scenes.has(sceneId)) runner.visited.set(sceneId, when);
    else if (Object.hasOwn(story.renames, sceneId)) runner.visited.set(story.renames[sceneId], when);
  }
  runner.ledger = [];
  for (const row of rows(get(data, "ledger", []), [8], "ledger")) {
    need(
      [0, 2, 4, 7].every((i) => isInt(row[i])) && [1, 3, 5, 6].every((i) => typeof row[i] === "string"),
      "the save is damaged: a ledger entry",
    );
    const [s, d, chapter, variable, amount, label, category, balance] = row;
    runner.ledger.push({ step: s, date: d, chapter, variable, amount, label, category, balance });
  }
  runner.transcript = [];
  for (const row of rows(get(data, "transcript", []), [5, 6], "history")) {
    const choiceId = row.length === 6 ? row[5] : null;
    need(
      isInt(row[0]) &&
        typeof row[1] === "string" &&
        (row[2] === null || typeof row[2] === "string") &&
        Array.isArray(row[3]) &&
        row[3].every((/** @type {any} */ p) => typeof p === "string") &&
        (row[4] === null || typeof row[4] === "string") &&
        (choiceId === null || typeof choiceId === "string"),
      "the save is damaged: the history",
    );
    runner.transcript.push({
      step: row[0],
      scene_id: row[1],
      speaker_name: row[2],
      paragraphs: [...row[3]],
      choice_text: row[4],
      choice_id: choiceId,
    });
  }
  runner.undoStack = [];
  for (const row of rows(get(data, "undo", []), [3], "undo")) {
    need(typeof row[1] === "string", "the save is damaged: undo");
    let scene;
    try {
      scene = resolveScene(story, row[0]);
    } catch {
      runner.undoStack = [];
      continue;
    }
    runner.undoStack.push({ scene, date: row[1], variables: savedVariables(story, row[2]) });
  }
  if (message !== null) {
    runner.undoStack = [];
    runner.date = runner.scene.date || runner.date;
    if (!runner.visited.has(runner.sceneId)) runner.visited.set(runner.sceneId, runner.step);
  }
  const said = [message, modsNote].filter(Boolean).join(" ");
  return { runner: /** @type {Runner} */ (runner), message: said || null };
}
