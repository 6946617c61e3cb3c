import { formatWalPosition, parseWalPosition } from "../../server/database/wal-position";

describe("consistency tokens (WAL positions)", () => {
  it("read PostgreSQL's LSN text both ways and compare as positions, not as text", () => {
    for (const lsn of ["0/0", "0/16B3748", "16/B374D848", "FFFFFFFF/FFFFFFFF"]) expect(formatWalPosition(parseWalPosition(lsn)!)).toBe(lsn);
    expect(parseWalPosition("0/16b3748")).toBe(parseWalPosition("0/16B3748"));
    // "0/FFFFFFFF" sorts after "1/0" as text; as positions it comes before.
    expect(parseWalPosition("0/FFFFFFFF")! < parseWalPosition("1/0")!).toBe(true);
    expect(parseWalPosition("9/10")! > parseWalPosition("9/F")!).toBe(true);
  });

  it("refuse what is no LSN", () => {
    for (const text of ["", "pas-un-jeton", "0/XYZ", "1/2/3", "123456789/0", "0/", "/0", "-1/0", "0x1/0"]) expect(parseWalPosition(text)).toBeUndefined();
  });
});
