import type { Locale } from "./locales";
import { en } from "./messages/en";
import { th, type Messages } from "./messages/th";

type LeafPath<Tree> = {
  [Key in keyof Tree & string]: Tree[Key] extends string ? Key : `${Key}.${LeafPath<Tree[Key]>}`;
}[keyof Tree & string];

/** Every message, as the dotted path of its place in the dictionary, e.g. `"home.heading"`. */
export type MessageKey = LeafPath<Messages>;

export type MessageParams = Readonly<Record<string, string | number>>;

export type Translate = (key: MessageKey, params?: MessageParams) => string;

const dictionaries: Record<Locale, Messages> = { th, en };

type MessageTree = { readonly [key: string]: string | MessageTree };

function flatten(tree: MessageTree, prefix = "", into = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "string") into.set(path, value);
    else flatten(value, path, into);
  }
  return into;
}

// A lookup per call would walk the tree; a flat table per locale is built once and shared.
const flatDictionaries = new Map<Locale, Map<string, string>>();

function flatDictionary(locale: Locale): Map<string, string> {
  let dictionary = flatDictionaries.get(locale);
  if (!dictionary) {
    dictionary = flatten(dictionaries[locale]);
    flatDictionaries.set(locale, dictionary);
  }
  return dictionary;
}

/** All message keys with their text in one language, for tests and tooling. */
export function listMessages(locale: Locale): ReadonlyMap<string, string> {
  return flatDictionary(locale);
}

const placeholderPattern = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The `{name}` placeholders of a message, in order of appearance. */
export function placeholdersOf(message: string): string[] {
  return Array.from(message.matchAll(placeholderPattern), (match) => match[1] ?? "");
}

/**
 * Replaces each `{name}` with its parameter. A placeholder without a parameter stays as written,
 * so a forgotten parameter shows up on the page instead of silently becoming empty.
 */
export function interpolate(message: string, params?: MessageParams): string {
  if (!params) return message;
  // A replacer function, not a replacement string: a value containing "$&" must stay literal.
  return message.replace(placeholderPattern, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}

export function createTranslator(locale: Locale): Translate {
  const dictionary = flatDictionary(locale);
  // Keys are checked at compile time; a key built at run time that is wrong shows itself.
  return (key, params) => interpolate(dictionary.get(key) ?? key, params);
}
