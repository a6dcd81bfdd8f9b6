import { describe, expect, it } from "vitest";
import { labelsJson, seriesKey } from "@/lib/domain/series-key";

describe("seriesKey", () => {
  it.each([
    ["up", {}, "up{}"],
    ["up", { job: "api", instance: "a:9100" }, 'up{instance="a:9100",job="api"}'],
    ["up", { b: "2", a: "1", c: "3" }, 'up{a="1",b="2",c="3"}'],
    ["x", { path: 'say "hi"\\now\nthen' }, 'x{path="say \\"hi\\"\\\\now\\nthen"}'],
    ["x", { B: "upper sorts first", a: "1" }, 'x{B="upper sorts first",a="1"}'],
  ])("%s %o is %s", (metric, labels, key) => {
    expect(seriesKey(metric, labels)).toBe(key);
  });

  it("does not depend on the order labels arrive in", () => {
    expect(seriesKey("m", { z: "1", a: "2", m: "3" })).toBe(seriesKey("m", { a: "2", m: "3", z: "1" }));
    expect(labelsJson({ z: "1", a: "2" })).toBe('{"a":"2","z":"1"}');
  });
});
