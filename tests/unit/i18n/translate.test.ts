import { describe, expect, it } from "vitest";
import { createTranslator, interpolate, placeholdersOf } from "~/i18n/translate";
import { localeFromMatches, localeFromRootData } from "~/i18n/use-translation";

describe("createTranslator", () => {
  it("gives the Thai text for Thai and the English text for English", () => {
    expect(createTranslator("th")("app.name")).toBe("โปร่งใส");
    expect(createTranslator("en")("app.name")).toBe("Prongsai");
  });

  it("reads nested keys by their dotted path", () => {
    expect(createTranslator("th")("home.channels.complaint.title")).toBe("ร้องเรียน");
    expect(createTranslator("en")("home.channels.complaint.title")).toBe("Complaint");
  });

  it("fills a placeholder with its parameter", () => {
    expect(createTranslator("th")("app.pageTitle", { page: "หน้าแรก" })).toBe("หน้าแรก | โปร่งใส");
    expect(createTranslator("en")("errors.statusCode", { status: 404 })).toBe("Error code 404");
  });

  it("leaves a placeholder without a parameter as written", () => {
    expect(createTranslator("en")("app.pageTitle")).toBe("{page} | Prongsai");
    expect(createTranslator("en")("app.pageTitle", { other: "x" })).toBe("{page} | Prongsai");
  });

  it("shows a key that is not in the dictionary, rather than nothing", () => {
    const translate = createTranslator("th") as (key: string) => string;
    expect(translate("home.noSuchMessage")).toBe("home.noSuchMessage");
  });
});

describe("interpolate", () => {
  it.each([
    ["no parameters", "Hello {name}", undefined, "Hello {name}"],
    ["one parameter", "Hello {name}", { name: "Somchai" }, "Hello Somchai"],
    ["a number", "{count} cases", { count: 3 }, "3 cases"],
    ["zero", "{count} cases", { count: 0 }, "0 cases"],
    ["an empty string", "[{value}]", { value: "" }, "[]"],
    ["the same placeholder twice", "{a} and {a}", { a: "x" }, "x and x"],
    ["several placeholders", "{day} {month} {year}", { day: 1, month: "ตุลาคม", year: 2569 }, "1 ตุลาคม 2569"],
    ["an unknown placeholder", "{known} {unknown}", { known: "k" }, "k {unknown}"],
    ["an unused parameter", "plain", { unused: "u" }, "plain"],
    ["replacement patterns kept literal", "{value}", { value: "$& $1 $$" }, "$& $1 $$"],
    ["a value that looks like a placeholder", "{a} {b}", { a: "{b}", b: "B" }, "{b} B"],
    ["inherited names not taken as parameters", "{toString}", {}, "{toString}"],
    ["braces that are not a placeholder", "{ not one } {1x}", { "1x": "no" }, "{ not one } {1x}"],
  ])("%s", (_case, message, params, expected) => {
    expect(interpolate(message, params)).toBe(expected);
  });
});

describe("placeholdersOf", () => {
  it("lists the placeholders in order", () => {
    expect(placeholdersOf("{date} เวลา {time} น.")).toEqual(["date", "time"]);
    expect(placeholdersOf("no placeholder")).toEqual([]);
  });
});

describe("the locale of a page", () => {
  it.each([
    ["English from the root data", { locale: "en" }, "en"],
    ["Thai from the root data", { locale: "th" }, "th"],
    ["Thai when the root data is missing", undefined, "th"],
    ["Thai when the root data is null", null, "th"],
    ["Thai for an unknown locale", { locale: "fr" }, "th"],
    ["Thai for a locale that is not a string", { locale: 1 }, "th"],
  ])("%s", (_case, data, expected) => {
    expect(localeFromRootData(data)).toBe(expected);
  });

  it("is read from the root route's match in meta functions", () => {
    expect(localeFromMatches([{ id: "root", data: { locale: "en" } }, { id: "routes/_index", data: undefined }])).toBe("en");
    expect(localeFromMatches([{ id: "routes/_index", data: { locale: "en" } }])).toBe("th");
  });
});
