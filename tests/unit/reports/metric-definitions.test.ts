import { describe, expect, it } from "vitest";
import { listMessages } from "~/i18n/translate";
import { breakdownDimensions, defaultItaItemCodes, itaItemCodesFor, itaItemLabel, itaReferences, metricDefinitions, metricIds } from "~/reports/metric-definitions";

const thai = listMessages("th");
const english = listMessages("en");

describe("the metric definitions", () => {
  it.each(metricIds)("%s has a name and a definition in Thai and English", (id) => {
    const definition = metricDefinitions.find((candidate) => candidate.id === id)!;
    for (const key of [definition.nameKey, definition.definitionKey]) {
      expect(thai.get(key), key).toBeTruthy();
      expect(english.get(key), key).toBeTruthy();
    }
  });

  it("has one dictionary entry per metric and no entry without a metric", () => {
    const dictionaryMetrics = new Set([...thai.keys()].filter((key) => key.startsWith("reports.metrics.")).map((key) => key.split(".")[2]));
    expect([...dictionaryMetrics].sort()).toEqual([...metricIds].sort());
  });

  it("gives a breakdown a dimension whose every key has a label", () => {
    for (const definition of metricDefinitions) {
      expect(definition.dimension !== null, definition.id).toBe(definition.shape === "breakdown");
      if (definition.dimension === null || definition.dimension === "category") continue;
      const { keys, labelPrefix } = breakdownDimensions[definition.dimension];
      for (const key of keys) expect(thai.get(`${labelPrefix}.${key}`), `${definition.id}: ${labelPrefix}.${key}`).toBeTruthy();
    }
  });

  it("names the ITA items of indicators 5 and 7 and O8, O27, O29, e8, e10 among what the figures feed", () => {
    const fed = new Set(metricDefinitions.flatMap((definition) => definition.ita));
    expect([...fed].sort()).toEqual([...itaReferences].sort());
    const codes = (id: string) => metricDefinitions.find((definition) => definition.id === id)!.ita.map((reference) => defaultItaItemCodes[reference]);
    expect(codes("corruptionReceived")).toContain("O29");
    expect(codes("questionsAnsweredOnTime")).toEqual(["O8", "7"]);
    expect(codes("receivedByChannel")).toEqual(["e8"]);
    expect(codes("corruptionReceivedByChannel")).toEqual(["e10"]);
  });
});

describe("ITA item codes", () => {
  it("are FY 2566's by default", () => {
    expect(itaItemCodesFor(2569)).toEqual(defaultItaItemCodes);
  });

  it("follow a renumbering from its year on, and a deployment's own codes over everything", () => {
    const byYear = { 2568: { corruptionStatistics: "O30" }, 2570: { corruptionStatistics: "O31", questionAndAnswer: "O9" } };
    expect(itaItemCodesFor(2567, {}, byYear).corruptionStatistics).toBe("O29");
    expect(itaItemCodesFor(2569, {}, byYear)).toMatchObject({ corruptionStatistics: "O30", questionAndAnswer: "O8" });
    expect(itaItemCodesFor(2571, {}, byYear)).toMatchObject({ corruptionStatistics: "O31", questionAndAnswer: "O9" });
    expect(itaItemCodesFor(2571, { corruptionStatistics: "O40" }, byYear).corruptionStatistics).toBe("O40");
  });

  it("fill the item's label", () => {
    expect(itaItemLabel("corruptionStatistics", defaultItaItemCodes)).toEqual({ key: "reports.ita.corruptionStatistics", params: { code: "O29" } });
  });
});
