import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/** Folder of the reference data shipped with the project (see its README for sources and licences). */
export const REFERENCE_DIR = path.resolve(__dirname, "../reference-data");

const FILES = ["regions.json", "departements.json", "epci.json", "communes.csv", "insee-postal-codes.csv", "qpv-2024.json.gz", "themes.json"];

function read(name: string): Buffer {
  return fs.readFileSync(path.join(REFERENCE_DIR, name));
}

/** Checksum of every reference file and of the loader's version: changes when data or mapping change. */
export function referenceChecksum(loaderVersion: number): string {
  const hash = crypto.createHash("sha256").update(`loader:${loaderVersion}`);
  for (const file of FILES) hash.update(file).update(read(file));
  return hash.digest("hex");
}

function csv(name: string): Record<string, string>[] {
  const [header, ...lines] = read(name).toString("utf8").trim().split(/\r?\n/);
  const columns = header.split(",");
  // These files hold no quoted fields (names with commas are absent): a plain split is exact.
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
}

export interface RawRegion { code: string; nom: string; chefLieu: string; zone: string }
export interface RawDepartment extends RawRegion { region: string }
export interface RawEpci { siren: string; name: string; type: string; population: number; communes: string[] }
export interface RawQpv { code: string; label: string; insee: string[]; g: number[][][][] }

/** Parsed contents of the reference files. */
export function readReferenceFiles() {
  return {
    regions: JSON.parse(read("regions.json").toString("utf8")) as RawRegion[],
    departments: JSON.parse(read("departements.json").toString("utf8")) as RawDepartment[],
    epcis: JSON.parse(read("epci.json").toString("utf8")) as RawEpci[],
    communes: csv("communes.csv") as { insee: string; dept: string; lon: string; lat: string; name: string }[],
    postalCodes: csv("insee-postal-codes.csv") as { insee: string; cp: string; cps_alt: string }[],
    qpvs: (JSON.parse(zlib.gunzipSync(read("qpv-2024.json.gz")).toString("utf8")) as { qpvs: RawQpv[] }).qpvs,
    themes: (JSON.parse(read("themes.json").toString("utf8")) as { themes: { code: string; label: string }[] }).themes,
  };
}
