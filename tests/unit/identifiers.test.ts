import {
  isValidInseeCode,
  isValidPostalCode,
  isValidQpvCode,
  isValidRna,
  isValidSiren,
  isValidSiret,
  luhnChecksumValid,
  sirenWithLuhn,
  siretWithLuhn,
} from "../../server/validation/identifiers";

describe("luhnChecksumValid", () => {
  it("accepts numbers whose Luhn sum is a multiple of 10", () => {
    expect(luhnChecksumValid("732829320")).toBe(true);
    expect(luhnChecksumValid("79927398713")).toBe(true); // the textbook Luhn example
    expect(luhnChecksumValid("0")).toBe(true);
  });

  it("rejects a wrong check digit, swapped digits, empty strings and non-digits", () => {
    expect(luhnChecksumValid("732829321")).toBe(false);
    expect(luhnChecksumValid("79927398710")).toBe(false);
    expect(luhnChecksumValid("")).toBe(false);
    expect(luhnChecksumValid("7328293 0")).toBe(false);
    expect(luhnChecksumValid("73282932A")).toBe(false);
  });
});

describe("isValidRna", () => {
  it("accepts current RNA numbers", () => {
    expect(isValidRna("W595012345")).toBe(true); // Nord, greffe of Lille
    expect(isValidRna("W751234567")).toBe(true);
    expect(isValidRna("W2A1000123")).toBe(true); // Corse-du-Sud
    expect(isValidRna("W9R2004321")).toBe(true); // letters allowed in the second position
  });

  it("rejects wrong prefixes, lengths, cases and characters", () => {
    expect(isValidRna("595012345")).toBe(false);
    expect(isValidRna("X595012345")).toBe(false);
    expect(isValidRna("w595012345")).toBe(false);
    expect(isValidRna("W59501234")).toBe(false);
    expect(isValidRna("W5950123456")).toBe(false);
    expect(isValidRna("WA95012345")).toBe(false); // first character after W must be a digit
    expect(isValidRna("W59501234A")).toBe(false);
    expect(isValidRna(" W595012345")).toBe(false);
    expect(isValidRna("")).toBe(false);
  });
});

describe("isValidSiren", () => {
  it("accepts real SIREN numbers", () => {
    expect(isValidSiren("732829320")).toBe(true);
    expect(isValidSiren("552100554")).toBe(true);
    expect(isValidSiren("552081317")).toBe(true);
  });

  it("accepts La Poste's SIREN", () => {
    expect(isValidSiren("356000000")).toBe(true);
  });

  it("rejects invalid checksums", () => {
    expect(isValidSiren("732829321")).toBe(false);
    expect(isValidSiren("552100555")).toBe(false);
    expect(isValidSiren("123456789")).toBe(false);
    expect(isValidSiren("356000001")).toBe(false);
  });

  it("rejects wrong lengths and letters", () => {
    expect(isValidSiren("73282932")).toBe(false);
    expect(isValidSiren("7328293200")).toBe(false);
    expect(isValidSiren("73282932O")).toBe(false);
    expect(isValidSiren("732 829 320")).toBe(false);
    expect(isValidSiren("")).toBe(false);
  });
});

describe("isValidSiret", () => {
  it("accepts real SIRET numbers", () => {
    expect(isValidSiret("73282932000074")).toBe(true);
    expect(isValidSiret("35600000000048")).toBe(true); // La Poste, head office
  });

  it("accepts La Poste establishments whose digit sum is a multiple of 5 even when the Luhn check fails", () => {
    expect(luhnChecksumValid("35600000000001")).toBe(false);
    expect(isValidSiret("35600000000001")).toBe(true); // digit sum 15
    expect(isValidSiret("35600000049837")).toBe(true); // digit sum 45
  });

  it("rejects La Poste numbers whose digit sum is not a multiple of 5 and that fail the Luhn check", () => {
    expect(isValidSiret("35600000000002")).toBe(false); // digit sum 16
    expect(isValidSiret("35600000049838")).toBe(false);
  });

  it("applies the La Poste rule to La Poste's SIREN only", () => {
    expect(isValidSiret("35700000000000")).toBe(false); // digit sum 15, Luhn invalid, not La Poste
  });

  it("rejects invalid checksums", () => {
    expect(isValidSiret("73282932000075")).toBe(false);
    expect(isValidSiret("73282932000047")).toBe(false);
  });

  it("rejects wrong lengths and letters", () => {
    expect(isValidSiret("7328293200007")).toBe(false);
    expect(isValidSiret("732829320000740")).toBe(false);
    expect(isValidSiret("732829320")).toBe(false);
    expect(isValidSiret("7328293200007A")).toBe(false);
    expect(isValidSiret("")).toBe(false);
  });
});

describe("isValidInseeCode", () => {
  it("accepts mainland codes, including Paris, Lyon and Marseille and their districts", () => {
    expect(isValidInseeCode("59512")).toBe(true);
    expect(isValidInseeCode("75056")).toBe(true);
    expect(isValidInseeCode("13215")).toBe(true);
    expect(isValidInseeCode("01001")).toBe(true);
  });

  it("accepts Corsican codes", () => {
    expect(isValidInseeCode("2A004")).toBe(true);
    expect(isValidInseeCode("2B033")).toBe(true);
  });

  it("accepts overseas codes", () => {
    expect(isValidInseeCode("97411")).toBe(true);
    expect(isValidInseeCode("97611")).toBe(true);
    expect(isValidInseeCode("98714")).toBe(true);
  });

  it("rejects other letters, lowercase, and wrong lengths", () => {
    expect(isValidInseeCode("2C004")).toBe(false);
    expect(isValidInseeCode("2a004")).toBe(false);
    expect(isValidInseeCode("3A004")).toBe(false);
    expect(isValidInseeCode("5951")).toBe(false);
    expect(isValidInseeCode("595120")).toBe(false);
    expect(isValidInseeCode("5951A")).toBe(false);
    expect(isValidInseeCode("")).toBe(false);
  });
});

describe("isValidPostalCode", () => {
  it("accepts 5 digits", () => {
    expect(isValidPostalCode("59100")).toBe(true);
    expect(isValidPostalCode("01000")).toBe(true);
    expect(isValidPostalCode("97400")).toBe(true);
  });

  it("rejects wrong lengths, letters and spaces", () => {
    expect(isValidPostalCode("5910")).toBe(false);
    expect(isValidPostalCode("591000")).toBe(false);
    expect(isValidPostalCode("2A000")).toBe(false);
    expect(isValidPostalCode("59 100")).toBe(false);
    expect(isValidPostalCode("")).toBe(false);
  });
});

describe("isValidQpvCode", () => {
  it("accepts 2024 codes", () => {
    expect(isValidQpvCode("QN05981M")).toBe(true);
    expect(isValidQpvCode("QN02A01M")).toBe(true);
    expect(isValidQpvCode("QN02B02I")).toBe(true);
    expect(isValidQpvCode("QN97651C")).toBe(true);
  });

  it("accepts 2015 codes", () => {
    expect(isValidQpvCode("QP075001")).toBe(true);
    expect(isValidQpvCode("QP059005")).toBe(true);
  });

  it("rejects malformed codes", () => {
    expect(isValidQpvCode("QN05981")).toBe(false); // missing letter
    expect(isValidQpvCode("QN059811")).toBe(false);
    expect(isValidQpvCode("QN02C01M")).toBe(false);
    expect(isValidQpvCode("qn05981m")).toBe(false);
    expect(isValidQpvCode("QP07500")).toBe(false);
    expect(isValidQpvCode("QP0750011")).toBe(false);
    expect(isValidQpvCode("QP07500A")).toBe(false);
    expect(isValidQpvCode("QX05981M")).toBe(false);
    expect(isValidQpvCode("")).toBe(false);
  });
});

describe("sirenWithLuhn and siretWithLuhn", () => {
  it("compute the check digit of real numbers", () => {
    expect(sirenWithLuhn("73282932")).toBe("732829320");
    expect(sirenWithLuhn("55210055")).toBe("552100554");
    expect(siretWithLuhn("732829320", "0007")).toBe("73282932000074");
  });

  it("always produce valid numbers whose SIRET starts with the SIREN", () => {
    for (let n = 10000000; n < 10000000 + 2000 * 4999; n += 4999) {
      const siren = sirenWithLuhn(String(n));
      expect(isValidSiren(siren)).toBe(true);
      const siret = siretWithLuhn(siren, String(n % 10000).padStart(4, "0"));
      expect(siret.startsWith(siren)).toBe(true);
      expect(isValidSiret(siret)).toBe(true);
    }
  });

  it("reject malformed input", () => {
    expect(() => sirenWithLuhn("7328293")).toThrow();
    expect(() => sirenWithLuhn("7328293A")).toThrow();
    expect(() => siretWithLuhn("73282932", "0007")).toThrow();
    expect(() => siretWithLuhn("732829320", "007")).toThrow();
  });
});
