import { describe, expect, it } from "vitest";
import { locales } from "~/i18n/locales";
import { listMessages, placeholdersOf } from "~/i18n/translate";

const thai = listMessages("th");
const english = listMessages("en");

// The language switch names Thai in Thai whatever the current language; nothing else in English may.
const englishKeysAllowedThaiScript = new Set(["language.otherLanguageName"]);
const thaiScript = /[\u0E00-\u0E7F]/;

describe("the dictionaries", () => {
  it("have exactly the same keys in Thai and English", () => {
    expect([...english.keys()].sort()).toEqual([...thai.keys()].sort());
  });

  it.each(locales)("%s has no empty message", (locale) => {
    const empty = [...listMessages(locale)].filter(([, message]) => message.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(locales)("%s has no stray spaces at either end of a message", (locale) => {
    const untrimmed = [...listMessages(locale)].filter(([, message]) => message !== message.trim()).map(([key]) => key);
    expect(untrimmed).toEqual([]);
  });

  it.each([...thai.keys()])("%s has the same placeholders in both languages", (key) => {
    const thaiPlaceholders = placeholdersOf(thai.get(key) ?? "").sort();
    const englishPlaceholders = placeholdersOf(english.get(key) ?? "").sort();
    expect(englishPlaceholders).toEqual(thaiPlaceholders);
  });

  it("leaves no Thai text untranslated in English", () => {
    const untranslated = [...english]
      .filter(([key, message]) => !englishKeysAllowedThaiScript.has(key) && thaiScript.test(message))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });

  it("writes no braces except as placeholders", () => {
    for (const locale of locales) {
      for (const [key, message] of listMessages(locale)) {
        const withoutPlaceholders = message.replace(/\{[A-Za-z][A-Za-z0-9]*\}/g, "");
        expect(withoutPlaceholders, `${locale} ${key}`).not.toMatch(/[{}]/);
      }
    }
  });
});
