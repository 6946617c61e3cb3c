import fs from "node:fs";
import path from "node:path";
import { FRENCH_LABELS } from "../../schema/french-labels";
import { STAKES } from "../../server/reference/stakes";

/**
 * Every value of the enums people see has a French word (schema/french-labels.ts, the words of the
 * explorer's pages and of the spreadsheet exports alike): no code such as SMALL_EMPLOYER reaches a
 * page or a spreadsheet.
 */
const schema = fs.readFileSync(path.join(__dirname, "../../schema/schema.graphql"), "utf8");

function enumValues(name: string): string[] {
  const body = new RegExp(`^enum ${name} \\{([\\s\\S]*?)^\\}`, "m").exec(schema);
  if (!body) throw new Error(`no enum ${name} in the schema`);
  return body[1].replace(/"""[\s\S]*?"""/g, "").split("\n").map((line) => line.trim()).filter(Boolean).sort();
}

describe("French labels", () => {
  it.each(Object.keys(FRENCH_LABELS).filter((name) => name !== "Stake"))("name every value of %s", (name) => {
    expect(Object.keys(FRENCH_LABELS[name as keyof typeof FRENCH_LABELS]).sort()).toEqual(enumValues(name));
  });

  it("name the 4 stakes of the reference data", () => {
    expect(Object.keys(FRENCH_LABELS.Stake).map(Number)).toEqual(STAKES.map((s) => s.number));
  });
});
