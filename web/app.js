// @ts-check
/**
 * The browser front end of Last Train Home: draws the runtime's views as a plain,
 * accessible HTML document. Story text is only ever inserted as text (textContent
 * and text nodes), never as HTML. Saves live in localStorage in the desktop game's
 * save-file format (game/saves.py); decision records download in the format
 * `main.py report` reads (game/records.py).
 *
 * Every word of the interface goes through t(): the English, looked up in the
 * `strings` table export-web embeds for its --lang (game/tools/web_strings.py; `translate
 * extract` finds the t("...") calls), with {placeholders} filled by name. Numbers and
 * dates follow the language through Intl; in English (and the pseudo-language qps) they
 * are written exactly as the Python engine writes them.
 */
import { CONTINUE_ID, Runner, SaveError, Story, formatValue, groupDigits } from "./engine.js";

const SAVE_FORMAT_VERSION = 1;
const SLOTS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "auto"];
const RECORD_KIND = "last-train-home decisions";
const SPEEDS = { instant: 0, fast: 90, normal: 260, slow: 600 };

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const json = (id) => JSON.parse(/** @type {string} */ ($(id).textContent));

/**
 * An element with attributes and children; strings become text nodes.
 * @param {string} tag @param {Record<string, string|boolean|number>} [attrs] @param {...(Node|string|null|undefined)} children
 */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false) continue;
    if (key === "class") el.className = String(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) el.append(child);
  return el;
}

/** @type {{classroom: boolean, lang?: string, strings?: Record<string, string>}} */
const config = json("config-data");
/** The interface's words in the page's language: English -> translation (game/tools/web_strings.py). */
const strings = config.strings ?? {};
/** The language as a BCP 47 tag ('zh-CN'); English when the page does not say. */
const lang = (config.lang ?? "en").replace("_", "-");
/** English and the pseudo-language write numbers and dates as the Python engine does. */
const englishForms = lang === "en" || lang.startsWith("en-") || lang === "qps";

/**
 * An interface string in the page's language, its {placeholders} filled by name.
 * @param {string} message the English @param {Record<string, string|number>} [params]
 */
export function t(message, params = {}) {
  const text = Object.hasOwn(strings, message) ? strings[message] : message;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** A whole number with the language's grouping ('1,480'). @param {number} value */
export function formatNumber(value) {
  if (englishForms) return groupDigits(value);
  try {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(value);
  } catch {
    return groupDigits(value);
  }
}

/** The months' names, translated when they are used. */
const monthNames = () => [
  t("January"), t("February"), t("March"), t("April"), t("May"), t("June"),
  t("July"), t("August"), t("September"), t("October"), t("November"), t("December"),
];

/** '2006-11-20' as '20 November 2006' ('2006年11月20日'); anything else unchanged (game.i18n.format_date). @param {string} iso */
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return iso;
  if (!englishForms) {
    try {
      const when = new Date(Date.UTC(Number(m[1]), month - 1, day));
      return new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(when);
    } catch {
      // A language Intl does not know: the English layout, with the months translated.
    }
  }
  return `${day} ${monthNames()[month - 1]} ${m[1]}`;
}

/** game.i18n.format_money: a typographic minus for losses. @param {number} amount @param {boolean} [signed] */
export function formatYuan(amount, signed = false) {
  const text = t("{amount} yuan", { amount: formatNumber(Math.abs(amount)) });
  if (signed) return (amount >= 0 ? "+" : "\u2212") + text;
  return (amount < 0 ? "\u2212" : "") + text;
}

/** @param {number} delta */
const signedNumber = (delta) => (delta > 0 ? `+${formatNumber(delta)}` : delta < 0 ? `\u2212${formatNumber(Math.abs(delta))}` : formatNumber(0));

/** A meter's value out of its most: '3 of 10'. @param {number} value @param {number} most */
const outOf = (value, most) => t("{value} of {most}", { value: formatNumber(value), most: formatNumber(most) });

/** A message with an error's words in it. @param {unknown} error */
const reason = (error) => (error instanceof Error ? error.message : String(error));

/** The story in the page; if it cannot be read, the page says why instead of staying blank. */
function readStory() {
  try {
    return new Story(json("story-data"));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    $("main").replaceChildren(
      h("h1", {}, t("This page cannot start the game")),
      h("p", {}, t("The story inside it is damaged or too new: {reason}. Export the page again with '{command}'.", { reason: message, command: "python main.py export-web" })),
    );
    throw error;
  }
}

const story = readStory();
/** @type {Record<string, Record<string, string>>} */
const art = json("art-data");
const classroom = Boolean(config.classroom);
const keyPrefix = `lth:${story.id}:`;

/** @type {Runner | null} */
let runner = null;
/** @type {any} */
let lastResult = null;
/** @type {Record<string, number>} */
let startValues = {};
let playStarted = Date.now();
let playedBefore = 0;
let recordDownloaded = false;

/**
 * The page's own words (web/index.html), put into the language by export-web already;
 * here only the document's language is set, for screen readers and line breaking.
 */
function translatePage() {
  document.documentElement.lang = lang;
}

// -- settings -----------------------------------------------------------------------
const settings = Object.assign(
  {
    textSize: "normal",
    textSpeed: "normal",
    contrast: false,
    reducedMotion: window.matchMedia("(prefers-reduced-motion: reduce)").matches,
  },
  readJSON("lth:settings") ?? {},
);

/** @param {string} key */
function readJSON(key) {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}

/** @param {string} key @param {any} value @returns {boolean} */
function writeJSON(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

function applySettings() {
  const root = document.documentElement;
  root.classList.toggle("contrast", Boolean(settings.contrast));
  root.classList.toggle("still", Boolean(settings.reducedMotion));
  for (const size of ["small", "large", "xlarge"]) root.classList.toggle(`size-${size}`, settings.textSize === size);
  const form = /** @type {HTMLFormElement} */ ($("settings-form"));
  /** @type {HTMLSelectElement} */ (form.elements.namedItem("textSize")).value = settings.textSize;
  /** @type {HTMLSelectElement} */ (form.elements.namedItem("textSpeed")).value = settings.textSpeed;
  /** @type {HTMLInputElement} */ (form.elements.namedItem("contrast")).checked = Boolean(settings.contrast);
  /** @type {HTMLInputElement} */ (form.elements.namedItem("reducedMotion")).checked = Boolean(settings.reducedMotion);
}

$("settings-form").addEventListener("change", () => {
  const form = /** @type {HTMLFormElement} */ ($("settings-form"));
  settings.textSize = /** @type {HTMLSelectElement} */ (form.elements.namedItem("textSize")).value;
  settings.textSpeed = /** @type {HTMLSelectElement} */ (form.elements.namedItem("textSpeed")).value;
  settings.contrast = /** @type {HTMLInputElement} */ (form.elements.namedItem("contrast")).checked;
  settings.reducedMotion = /** @type {HTMLInputElement} */ (form.elements.namedItem("reducedMotion")).checked;
  writeJSON("lth:settings", settings);
  applySettings();
});

// -- screens ------------------------------------------------------------------------
/** @param {"title"|"play"|"ending"} name */
function showScreen(name) {
  $("title-screen").hidden = name !== "title";
  $("play").hidden = name !== "play";
  $("ending").hidden = name !== "ending";
  $("bar").hidden = name === "title";
}

function showTitle() {
  runner = null;
  showScreen("title");
  setBackground(null);
  $("game-title").textContent = story.title;
  $("play-title").textContent = story.title;
  const titleArt = /** @type {HTMLImageElement} */ ($("title-art"));
  titleArt.hidden = !art.title?.title;
  if (art.title?.title) titleArt.src = art.title.title;
  $("title-mode").textContent = classroom ? t("Classroom edition: discussion prompts on, undo off.") : "";
  $("continue-btn").hidden = readJSON(slotKey("auto")) === null;
  $("chapters-btn").hidden = !story.starts.some((s) => !s.until);
  document.title = story.title;
  /** @type {HTMLElement} */ ($("title-buttons").querySelector("button")).focus();
}

/** @param {string|null} name */
function setBackground(name) {
  const img = /** @type {HTMLImageElement} */ ($("bg"));
  const src = name ? art.backgrounds?.[name] : undefined;
  if (src) img.src = src;
  else img.removeAttribute("src");
}

/** @param {number} seed @param {{scene?: string, values?: Record<string, any>}} [start] */
function newGame(seed, start) {
  runner = new Runner(story, seed, start ?? {});
  startValues = Object.fromEntries(new Runner(story, seed).meters().map((m) => [m.id, m.value]));
  lastResult = null;
  playStarted = Date.now();
  playedBefore = 0;
  recordDownloaded = false;
  autosave();
  render(true);
}

function randomSeed() {
  const hash = new URLSearchParams(location.hash.slice(1)).get("seed");
  if (hash !== null && /^-?\d+$/.test(hash)) return Number(hash);
  return crypto.getRandomValues(new Uint32Array(1))[0] >>> 1;
}

// -- drawing a scene ----------------------------------------------------------------
/** @param {boolean} moved whether the player moved to a new scene (announce it, move focus) */
function render(moved) {
  if (!runner) return;
  const view = runner.view();
  if (view.kind === "ending") return renderEnding(view, moved);
  showScreen("play");
  setBackground(view.background);
  $("chapter").textContent = chapterHeading(view);
  $("date").textContent = view.date ? `· ${formatDate(view.date)}` : "";
  const portraitSrc = view.portrait ? art.portraits?.[view.portrait] : undefined;
  $("portrait-fig").hidden = !portraitSrc;
  if (portraitSrc) /** @type {HTMLImageElement} */ ($("portrait")).src = portraitSrc;
  $("speaker").textContent = view.speaker_name ?? "";
  $("scene-heading").textContent = view.speaker_name ? t("Scene: {speaker}", { speaker: view.speaker_name }) : t("Scene");
  const delay = settings.reducedMotion ? 0 : SPEEDS[/** @type {keyof SPEEDS} */ (settings.textSpeed)] ?? 260;
  $("scene-text").replaceChildren(
    ...view.paragraphs.map((text, i) => {
      const p = h("p", {}, text);
      if (moved && delay > 0) {
        p.className = "reveal";
        p.style.animationDelay = `${i * delay}ms`;
      }
      return p;
    }),
  );
  renderAftermath();
  // Context cards: a button in the bar; classroom mode shows them in the scene too.
  $("cards-btn").hidden = view.cards.length === 0;
  const inline = $("inline-cards");
  inline.hidden = !(classroom && view.cards.length);
  inline.replaceChildren(...(classroom ? view.cards.map(cardElement) : []));
  const discuss = $("discuss");
  discuss.hidden = !(classroom && view.discuss.length);
  discuss.replaceChildren(...view.discuss.map((prompt) => h("p", {}, h("span", { class: "label" }, t("Discuss: ")), prompt)));
  const undo = /** @type {HTMLButtonElement} */ ($("undo-btn"));
  undo.hidden = classroom;
  undo.disabled = !view.can_undo;
  renderChoices(view);
  renderMeters(view);
  if (moved) {
    window.scrollTo(0, 0);
    announce(view);
    focusFirstChoice();
  }
  document.documentElement.dataset.sceneMs ??= String(Math.round(performance.now()));
}

/** @param {any} view */
function renderChoices(view) {
  const list = $("choices");
  list.replaceChildren();
  if (view.kind === "stuck") {
    list.append(h("li", {}, h("p", {}, t("No way on is open from here. Undo a choice, or go back to the title."))));
  }
  view.choices.forEach((/** @type {any} */ choice, /** @type {number} */ index) => {
    const reasonId = `reason-${index}`;
    const button = h(
      "button",
      { type: "button", "data-choice": choice.id, "aria-keyshortcuts": String(index + 1) },
      h("span", { class: "num", "aria-hidden": "true" }, String(index + 1)),
      h("span", {}, choice.id === CONTINUE_ID ? t("Continue") : choice.text),
    );
    const item = h("li", {}, button);
    if (!choice.enabled) {
      button.setAttribute("aria-disabled", "true");
      button.setAttribute("aria-describedby", reasonId);
      item.append(h("p", { class: "reason", id: reasonId }, lockedText(choice)));
    }
    button.addEventListener("click", () => choose(index));
    list.append(item);
  });
}

/** 'Locked: Not enough money: 600 yuan needed'. @param {{locked_reason: string|null}} choice */
const lockedText = (choice) => t("Locked: {reason}", { reason: choice.locked_reason ?? t("not possible now") });

/** 'Chapter 1: Winter 2006-07', or nothing without a title. @param {{chapter: number, chapter_title: string|null}} view */
const chapterHeading = (view) => (view.chapter_title ? t("Chapter {number}: {title}", { number: view.chapter, title: view.chapter_title }) : "");

/** @param {{title: string, fact: string, source: string, why: string}} card */
function cardElement(card) {
  return h(
    "section",
    { class: "card" },
    h("h3", {}, card.title),
    h("p", {}, card.fact),
    h("p", {}, h("span", { class: "label" }, t("Why it matters: ")), card.why),
    h("p", { class: "dim" }, t("Source: {source}", { source: card.source })),
  );
}

function renderAftermath() {
  const box = $("aftermath");
  box.replaceChildren();
  const result = lastResult;
  if (!result) {
    box.hidden = true;
    return;
  }
  for (const note of result.notes) box.append(h("p", {}, note));
  if (result.by_choice.length)
    box.append(h("p", {}, changesText(result.by_choice)));
  for (const entry of result.arrival_ledger) {
    const label = story.variables.get(entry.variable)?.label ?? entry.variable;
    box.append(h("p", { class: entry.amount >= 0 ? "gain" : "loss" }, t("{label}: {change} ({account})", { label: entry.label, change: formatYuan(entry.amount, true), account: label })));
  }
  const arrivalMeters = result.on_arrival.filter((/** @type {any} */ c) => story.variables.get(c.variable)?.type !== "money");
  if (arrivalMeters.length) box.append(h("p", {}, changesText(arrivalMeters)));
  if (classroom && result.discuss) box.append(h("p", {}, h("span", { class: "label" }, t("Discuss: ")), result.discuss));
  box.hidden = box.childElementCount === 0;
}

/** @param {{variable: string, label: string, before: number, after: number}} change */
function changeText(change) {
  const delta = change.after - change.before;
  const v = story.variables.get(change.variable);
  return t("{meter} {change}", { meter: change.label, change: v?.type === "money" ? formatYuan(delta, true) : signedNumber(delta) });
}

/** '(Cash −190 yuan, Qin +1)'. @param {any[]} changes */
const changesText = (changes) => t("({changes})", { changes: changes.map(changeText).join(t(", ")) });

/** @param {any} view */
function renderMeters(view) {
  const changed = new Set((lastResult?.changes ?? []).map((/** @type {any} */ c) => c.variable));
  const list = $("meters");
  list.replaceChildren();
  for (const meter of view.meters) {
    let value;
    if (meter.kind === "money") value = formatYuan(meter.value);
    else if (meter.kind === "meter") value = outOf(meter.value, meter.maximum);
    else value = formatNumber(meter.value);
    const item = h(
      "li",
      {},
      h("span", { class: "name" }, meter.label),
      h("span", { class: changed.has(meter.id) ? "value changed" : "value" }, value),
    );
    if (meter.kind === "meter")
      item.append(h("meter", { min: meter.minimum, max: meter.maximum, value: meter.value, "aria-hidden": "true" }));
    list.append(item);
  }
}

/** Say the new scene to screen readers: the notes, who speaks, the text. @param {any} view */
function announce(view) {
  const parts = [];
  if (lastResult) parts.push(...lastResult.notes);
  if (view.speaker_name) parts.push(t("{speaker}:", { speaker: view.speaker_name }));
  parts.push(...view.paragraphs);
  if (view.ending) parts.push(t("The end: {title}", { title: view.ending.title }), ...view.ending.epilogue);
  $("announce").textContent = parts.join(" ");
}

function focusFirstChoice() {
  const first = /** @type {HTMLElement|null} */ (
    $("choices").querySelector('button:not([aria-disabled="true"])') ?? $("choices").querySelector("button")
  );
  if (first) first.focus({ preventScroll: true });
  else $("scene-heading").focus();
}

/** @param {string} text */
function toast(text) {
  $("toast").textContent = text;
  setTimeout(() => {
    if ($("toast").textContent === text) $("toast").textContent = "";
  }, 4000);
}

// -- playing ------------------------------------------------------------------------
/** @param {number} index the choice's place in the list (0-based) */
function choose(index) {
  if (!runner || runner.isEnding) return;
  const view = runner.view();
  const choice = view.choices[index];
  if (!choice) return;
  if (!choice.enabled) {
    toast(lockedText(choice));
    return;
  }
  lastResult = runner.choose(choice.id);
  autosave();
  render(true);
}

function undo() {
  if (!runner || classroom || !runner.canUndo) return;
  runner.undo();
  lastResult = null;
  autosave();
  render(true);
  toast(t("The last choice is undone."));
}

// -- the ending ---------------------------------------------------------------------
/** @param {any} view @param {boolean} moved */
function renderEnding(view, moved) {
  showScreen("ending");
  setBackground(view.background);
  $("chapter").textContent = chapterHeading(view);
  $("date").textContent = view.date ? `· ${formatDate(view.date)}` : "";
  $("undo-btn").hidden = classroom;
  /** @type {HTMLButtonElement} */ ($("undo-btn")).disabled = !view.can_undo;
  $("cards-btn").hidden = true;
  $("ending-title").textContent = view.ending.title;
  $("epilogue").replaceChildren(...[...view.paragraphs, ...view.ending.epilogue].map((p) => h("p", {}, p)));
  const standing = /** @type {HTMLElement} */ ($("standing").querySelector("tbody"));
  standing.replaceChildren(
    ...view.meters.map((/** @type {any} */ m) => {
      const start = startValues[m.id] ?? m.value;
      const show = (/** @type {number} */ v) =>
        m.kind === "money" ? formatYuan(v) : m.kind === "meter" ? outOf(v, m.maximum) : formatNumber(v);
      return h("tr", {}, h("th", { scope: "row" }, m.label), h("td", { class: "num" }, show(start)), h("td", { class: "num" }, show(m.value)));
    }),
  );
  const totals = /** @type {HTMLElement} */ ($("totals").querySelector("tbody"));
  /** @type {Map<string, number>} */
  const byCategory = new Map();
  for (const e of /** @type {Runner} */ (runner).ledger) byCategory.set(e.category, (byCategory.get(e.category) ?? 0) + e.amount);
  totals.replaceChildren(
    ...[...byCategory].map(([category, total]) =>
      h("tr", {}, h("th", { scope: "row" }, story.ledgerCategories[category] ?? category), h("td", { class: "num" }, formatYuan(total, true))),
    ),
  );
  $("ending-undo").hidden = classroom || !view.can_undo;
  $("record-btn").textContent = classroom ? t("Download my decisions for the teacher") : t("Download my decisions");
  if (moved) {
    announce(view);
    window.scrollTo(0, 0);
    $("ending-title").focus();
    if (classroom && !recordDownloaded) $("record-status").textContent = t("Your decisions are ready: press the button to download them for your teacher.");
  }
}

/** The decision record (game/records.py build_record). */
export function buildRecord() {
  const r = /** @type {Runner} */ (runner);
  const view = r.view();
  /** @type {Record<string, Record<string, number>>} */
  const money = {};
  for (const line of r.ledger) {
    const byVariable = (money[line.category] ??= {});
    byVariable[line.variable] = (byVariable[line.variable] ?? 0) + line.amount;
  }
  const decisions = [];
  let date = "";
  for (const entry of r.transcript) {
    const scene = story.scenes.get(entry.scene_id);
    if (scene && scene.date) date = scene.date;
    if (entry.choice_text === null || entry.choice_id === CONTINUE_ID) continue;
    if (!scene || (scene.choices ?? []).length < 2) continue;
    decisions.push({ step: entry.step, date, chapter: scene.chapter, scene: entry.scene_id, choice: entry.choice_id, text: entry.choice_text });
  }
  return {
    kind: RECORD_KIND,
    format: 1,
    story_id: story.id,
    story_version: story.version,
    seed: r.seed,
    classroom,
    finished_at: isoNow(),
    ending: view.ending ? { id: view.ending.id, title: view.ending.title } : null,
    meters: view.meters.map((m) => ({ id: m.id, label: m.label, kind: m.kind, start: startValues[m.id] ?? m.value, end: m.value })),
    money,
    decisions,
  };
}

/** The time now as Python's datetime.now(UTC).isoformat(timespec="seconds"). */
function isoNow() {
  return new Date().toISOString().slice(0, 19) + "+00:00";
}

/** @param {string} name @param {any} data */
function download(name, data) {
  const blob = new Blob([JSON.stringify(data)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function downloadRecord() {
  if (!runner) return;
  const record = buildRecord();
  const stamp = record.finished_at.slice(0, 19).replaceAll("-", "").replaceAll(":", "").replace("T", "-");
  download(`decisions-${stamp}-seed${record.seed}.json`, record);
  recordDownloaded = true;
  $("record-status").textContent = t("Your decisions were downloaded. Hand the file to your teacher.");
}

// -- saves ----------------------------------------------------------------------------
/** @param {string} slot */
const slotKey = (slot) => `${keyPrefix}save:${slot}`;
/** @param {string} slot */
const slotTitle = (slot) => (slot === "auto" ? t("Autosave") : t("Slot {slot}", { slot }));

/** The save file's JSON (saves.build_save). */
function buildSave() {
  const r = /** @type {Runner} */ (runner);
  const view = r.view();
  const money = view.meters.find((m) => m.id === "money") ?? view.meters.find((m) => m.kind === "money");
  return {
    format_version: SAVE_FORMAT_VERSION,
    story_id: story.id,
    story_version: story.version,
    game_version: story.gameVersion,
    saved_at: isoNow(),
    play_seconds: Math.round((playedBefore + (Date.now() - playStarted) / 1000) * 10) / 10,
    chapter: view.chapter,
    chapter_title: view.chapter_title,
    date: view.date,
    money: money ? money.value : 0,
    runner: r.toJSON(),
  };
}

/**
 * Check a save file's JSON (saves.parse_save) and restore its game; throws SaveError.
 * @param {any} data @returns {{runner: Runner, message: string|null, playSeconds: number}}
 */
export function parseSave(data) {
  const field = (/** @type {string} */ name, /** @type {string} */ kind) => {
    if (!Object.hasOwn(data, name)) throw new SaveError(t("the save has no '{field}'", { field: name }));
    const value = data[name];
    const ok =
      kind === "int" ? Number.isInteger(value) : kind === "object" ? value !== null && typeof value === "object" && !Array.isArray(value) : typeof value === kind;
    if (!ok) throw new SaveError(t("'{field}' has the wrong type", { field: name }));
    return value;
  };
  // saves._text: a string of at most `limit` characters, without control characters.
  const text = (/** @type {string} */ name, /** @type {number} */ limit, /** @type {string|null} */ fallback = null) => {
    if (fallback !== null && !Object.hasOwn(data, name)) return fallback;
    const value = field(name, "string");
    if ([...value].length > limit) throw new SaveError(t("'{field}' is too long ({count} characters)", { field: name, count: formatNumber([...value].length) }));
    if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) throw new SaveError(t("'{field}' holds control characters", { field: name }));
    return value;
  };
  // saves._number: a whole number (play_seconds: any finite number) within a range.
  const number = (/** @type {string} */ name, /** @type {number} */ low, /** @type {number} */ high) => {
    const value = field(name, name === "play_seconds" ? "number" : "int");
    if (!Number.isFinite(value)) throw new SaveError(t("'{field}' is not a number", { field: name }));
    if (!(low <= value && value <= high)) throw new SaveError(t("'{field}' is out of range ({value})", { field: name, value }));
    return value;
  };
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new SaveError(t("the save is not a JSON object"));
  const version = field("format_version", "int");
  if (version > SAVE_FORMAT_VERSION) throw new SaveError(t("made by a newer version of the game (save format {version})", { version }));
  if (version < 1) throw new SaveError(t("unknown save format {version}", { version }));
  const savedStory = text("story_id", 200);
  if (savedStory !== story.id) throw new SaveError(t("belongs to another story ('{story}')", { story: savedStory }));
  const runnerData = field("runner", "object");
  number("chapter", 0, 10_000);
  text("chapter_title", 200, "");
  text("date", 64);
  number("money", -(10 ** 12), 10 ** 12);
  const seconds = number("play_seconds", 0, 100 * 365 * 24 * 3600);
  const savedAt = text("saved_at", 64);
  const when = /^(\d{4})-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$/.exec(savedAt);
  if (!when || Number.isNaN(Date.parse(savedAt.replace(" ", "T")))) throw new SaveError(t("'saved_at' is not a date and time"));
  const year = Number(when[1]);
  if (year < 1970 || year > 2999) throw new SaveError(t("'saved_at' is in the year {year}", { year }));
  text("story_version", 64);
  const restored = Runner.fromJSON(story, runnerData, true);
  return { ...restored, playSeconds: seconds };
}

let autosaveWarned = false;

function autosave() {
  if (!runner || writeJSON(slotKey("auto"), buildSave()) || autosaveWarned) return;
  autosaveWarned = true;
  toast(t("This browser is not keeping an autosave (its storage is full or blocked). Export the game from the menu to keep it."));
}

/** @param {{runner: Runner, message: string|null, playSeconds: number}} loaded */
function startLoaded(loaded) {
  runner = loaded.runner;
  startValues = Object.fromEntries(new Runner(story, runner.seed).meters().map((m) => [m.id, m.value]));
  lastResult = null;
  playedBefore = loaded.playSeconds;
  playStarted = Date.now();
  recordDownloaded = false;
  closeDialogs();
  render(true);
  if (loaded.message) toast(loaded.message);
}

/** @param {string} slot */
function loadSlot(slot) {
  const raw = localStorage.getItem(slotKey(slot));
  if (raw === null) return;
  try {
    startLoaded(parseSave(JSON.parse(raw)));
  } catch (error) {
    $("saves-status").textContent = t("{slot} cannot be loaded: {reason}.", { slot: slotTitle(slot), reason: reason(error) });
  }
}

function renderSlots() {
  const list = $("slots");
  list.replaceChildren();
  for (const slot of SLOTS) {
    const raw = localStorage.getItem(slotKey(slot));
    let what = t("Empty");
    let usable = false;
    if (raw !== null) {
      try {
        const data = JSON.parse(raw);
        parseSave(data);
        usable = true;
        const chapter = data.chapter_title
          ? t("Chapter {number}, {title}", { number: data.chapter, title: data.chapter_title })
          : t("Chapter {number}", { number: data.chapter });
        what = [
          chapter,
          formatDate(data.date),
          t("cash {money}", { money: formatYuan(data.money) }),
          t("saved {time}", { time: `${formatDate(data.saved_at.slice(0, 10))} ${data.saved_at.slice(11, 16)}` }),
        ].join(" · ");
      } catch (error) {
        what = t("Damaged: {reason}", { reason: reason(error) });
      }
    }
    const buttons = [];
    if (slot !== "auto" && runner) {
      const save = h("button", { type: "button" }, t("Save here"));
      save.addEventListener("click", () => {
        const ok = writeJSON(slotKey(slot), buildSave());
        $("saves-status").textContent = ok ? "" : t("The browser refused to store the save (storage full or private mode).");
        if (ok) toast(t("Saved in {slot}.", { slot: slotTitle(slot) }));
        renderSlots();
      });
      buttons.push(save);
    }
    if (usable) {
      const load = h("button", { type: "button" }, t("Load"));
      load.addEventListener("click", () => loadSlot(slot));
      buttons.push(load);
    }
    if (raw !== null) {
      const del = h("button", { type: "button" }, t("Delete"));
      del.addEventListener("click", () => {
        localStorage.removeItem(slotKey(slot));
        renderSlots();
      });
      buttons.push(del);
    }
    list.append(h("li", {}, h("span", { class: "what" }, h("strong", {}, t("{slot}: ", { slot: slotTitle(slot) })), what), ...buttons));
  }
}

$("import-file").addEventListener("change", async (event) => {
  const input = /** @type {HTMLInputElement} */ (event.target);
  const file = input.files?.[0];
  input.value = "";
  if (!file) return;
  const status = $("saves-status");
  try {
    if (file.size > 4 * 1024 * 1024) throw new SaveError(t("the file is too large ({count} bytes)", { count: formatNumber(file.size) }));
    let data;
    try {
      data = JSON.parse(await file.text());
    } catch {
      throw new SaveError(t("the file is not valid JSON"));
    }
    const loaded = parseSave(data);
    status.textContent = "";
    startLoaded(loaded);
    toast(t("Loaded {file}.", { file: file.name }));
  } catch (error) {
    status.textContent = t("{file} was not loaded: {reason}. Your other saves are untouched.", { file: file.name, reason: reason(error) });
  }
});

// -- dialogs ------------------------------------------------------------------------
/** @param {string} name */
function openDialog(name) {
  const dialog = /** @type {HTMLDialogElement} */ ($(`dlg-${name}`));
  if (name === "history") fillHistory();
  if (name === "ledger") fillLedger();
  if (name === "glossary") fillGlossary();
  if (name === "cards") fillCards();
  if (name === "about") fillAbout();
  if (name === "saves") {
    $("saves-status").textContent = "";
    renderSlots();
  }
  if (name === "chapters") fillChapters();
  for (const open of document.querySelectorAll("dialog[open]")) if (open !== dialog) /** @type {HTMLDialogElement} */ (open).close();
  if (!dialog.open) dialog.showModal();
}

function closeDialogs() {
  for (const open of document.querySelectorAll("dialog[open]")) /** @type {HTMLDialogElement} */ (open).close();
}

function fillHistory() {
  const body = $("history-body");
  body.replaceChildren();
  if (!runner) return;
  for (const entry of runner.transcript) {
    const box = h("section", { class: "history-entry" });
    if (entry.speaker_name) box.append(h("p", { class: "label" }, t("{speaker}:", { speaker: entry.speaker_name })));
    for (const p of entry.paragraphs) box.append(h("p", {}, p));
    if (entry.choice_text !== null) box.append(h("p", { class: "dim" }, t("You chose: {choice}", { choice: entry.choice_id === CONTINUE_ID ? t("Continue") : entry.choice_text })));
    body.append(box);
  }
}

function fillLedger() {
  const body = $("ledger-body");
  body.replaceChildren();
  if (!runner) return;
  const entries = runner.ledger;
  if (!entries.length) body.append(h("p", {}, t("No money has changed hands yet.")));
  // One table per money variable: cash and the savings book apart.
  for (const v of story.variables.values()) {
    if (v.type !== "money") continue;
    const rows = entries.filter((e) => e.variable === v.id);
    if (!rows.length) continue;
    body.append(
      h("h3", {}, v.label),
      h(
        "table",
        { class: "ledger" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("Date")), h("th", { scope: "col" }, t("What")), h("th", { scope: "col", class: "num" }, t("Change")), h("th", { scope: "col", class: "num" }, t("Balance")))),
        h(
          "tbody",
          {},
          ...rows.map((e) =>
            h(
              "tr",
              {},
              h("td", { class: "date" }, formatDate(e.date)),
              h("td", { class: "what" }, e.label, h("span", { class: "dim" }, " " + t("({category})", { category: story.ledgerCategories[e.category] ?? e.category }))),
              h("td", { class: `num ${e.amount >= 0 ? "gain" : "loss"}` }, formatYuan(e.amount, true)),
              h("td", { class: "num balance" }, h("span", { class: "cell-label" }, t("Balance") + " "), formatYuan(e.balance)),
            ),
          ),
        ),
      ),
    );
  }
}

function fillGlossary() {
  const body = $("glossary-body");
  body.replaceChildren();
  for (const [, term, definition] of story.glossary) body.append(h("dt", { class: "label" }, term), h("dd", {}, definition));
  if (!story.glossary.length) body.append(h("dd", {}, t("This story has no glossary.")));
}

function fillCards() {
  const cards = runner ? runner.view().cards : [];
  $("cards-body").replaceChildren(...(cards.length ? cards.map(cardElement) : [h("p", {}, t("This scene has no context card."))]));
}

function fillAbout() {
  const body = $("about-body");
  body.replaceChildren(h("h3", {}, story.title), ...story.about.map((p) => h("p", {}, p)));
  if (story.contentNotes.length) body.append(h("h3", {}, t("Content notes")), h("ul", {}, ...story.contentNotes.map((n) => h("li", {}, n))));
  body.append(
    h("h3", {}, t("Keys")),
    h("p", {}, t("1-9 choose · Enter or Space continue · H history · L ledger · G glossary · C context · U undo · Esc menu")),
    h("p", { class: "dim" }, t("Story version {version}. Art and fonts are under their own licences ({file} in the game's source).", { version: story.version, file: "assets/LICENSE.md" })),
  );
}

function fillChapters() {
  const body = $("chapters-body");
  body.replaceChildren();
  for (const start of story.starts) {
    if (start.until) continue;
    const button = h("button", { type: "button" }, t("Chapter {number}: {title}", { number: start.chapter, title: start.title }));
    button.addEventListener("click", () => {
      closeDialogs();
      newGame(randomSeed(), { scene: start.scene, values: start.values });
      if (start.summary) toast(start.summary);
    });
    body.append(button, h("p", { class: "dim" }, start.summary));
  }
}

// -- input ----------------------------------------------------------------------------
/** @param {string} act */
function act(act) {
  switch (act) {
    case "new":
      return newGame(randomSeed());
    case "continue":
      return loadSlot("auto");
    case "undo":
      return undo();
    case "title":
      closeDialogs();
      return showTitle();
    case "record":
      return downloadRecord();
    case "export":
      if (!runner) {
        $("saves-status").textContent = t("Start or load a game first: there is nothing to export.");
        return;
      }
      return download(`last-train-home-${story.id}-save.json`, buildSave());
    default:
      return openDialog(act);
  }
}

document.addEventListener("click", (event) => {
  const target = /** @type {HTMLElement} */ (event.target);
  const button = target.closest("[data-act]");
  if (button) act(/** @type {string} */ (button.getAttribute("data-act")));
});

/** @type {Record<string, string>} */
const LETTERS = { h: "history", l: "ledger", g: "glossary", c: "cards" };

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = /** @type {HTMLElement} */ (event.target);
  if (target.closest("select, input, textarea")) return;
  const open = /** @type {HTMLDialogElement|null} */ (document.querySelector("dialog[open]"));
  const key = event.key.toLowerCase();
  if (open) {
    // The key that opened a dialog closes it again (Esc is the browser's own).
    if (LETTERS[key] && open.id === `dlg-${LETTERS[key]}`) {
      event.preventDefault();
      open.close();
    }
    return;
  }
  if (!runner) return;
  if (key === "escape") {
    event.preventDefault();
    return openDialog("menu");
  }
  if (LETTERS[key]) {
    event.preventDefault();
    return openDialog(LETTERS[key]);
  }
  if (key === "u") {
    event.preventDefault();
    return undo();
  }
  if (runner.isEnding) return;
  if (/^[1-9]$/.test(event.key)) {
    event.preventDefault();
    return choose(Number(event.key) - 1);
  }
  if (key === "enter" || key === " ") {
    // On a button, Enter and Space press it; elsewhere they continue.
    if (target.closest("button, a, label")) return;
    const view = runner.view();
    if (view.kind === "continue") {
      event.preventDefault();
      choose(0);
    }
  }
});

translatePage();
applySettings();
showTitle();
// Milliseconds from opening the page to a usable title screen (read by the browser test).
document.documentElement.dataset.readyMs = String(Math.round(performance.now()));
document.documentElement.dataset.ready = "1";
