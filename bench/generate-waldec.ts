import fs from "node:fs";
import { cityOfDistrict } from "../server/reference/load-reference-data";
import { Random } from "../server/demo/random";
import { readReferenceFiles } from "../server/reference/reference-files";
import { siretWithLuhn, sirenWithLuhn } from "../server/validation/identifiers";

/**
 * A synthetic rna_waldec file for the import benchmark: deterministic (seeded), in the published layout
 * (every field quoted, CRLF), on real INSEE codes of the reference data (Paris, Lyon and Marseille
 * districts included, half of the rows in communes that have QPVs, where associations concentrate),
 * French names with accents, purposes with `;`, quotes and line breaks, real theme codes and sub-codes,
 * 12% dissolved, some SIRET numbers, and a few bad rows (malformed RNA numbers, unknown INSEE codes).
 */

const HEADER = "id;id_ex;siret;rup_mi;gestion;date_creat;date_decla;date_publi;date_disso;nature;groupement;titre;titre_court;objet;objet_social1;objet_social2;adrs_complement;adrs_numvoie;adrs_repetition;adrs_typevoie;adrs_libvoie;adrs_distrib;adrs_codeinsee;adrs_codepostal;adrs_libcommune;adrg_declarant;adrg_complemid;adrg_complemgeo;adrg_libvoie;adrg_distrib;adrg_codepostal;adrg_achemine;adrg_pays;dir_civilite;siteweb;publiweb;observation;position;maj_time";

const KINDS = ["Association", "Amicale", "Club", "Comité", "Collectif", "Union", "Cercle", "Foyer", "Société", "Fédération"];
const PURPOSES = ["des habitants", "sportive", "culturelle", "des parents d'élèves", "des locataires", "d'entraide", "de défense de l'environnement",
  "des œuvres laïques", "de théâtre", "de musique et de danse", "des anciens élèves", "de solidarité internationale", "des jardins partagés"];
const OBJECTS = [
  "favoriser les échanges entre les habitants du quartier",
  "organiser des activités sportives; culturelles et de loisirs",
  "soutenir la scolarité des enfants et l'accompagnement des familles",
  "promouvoir la pratique du \"vivre ensemble\" par des fêtes de quartier",
  "défendre les intérêts des locataires auprès des bailleurs sociaux",
  "proposer des ateliers d'apprentissage du français, d'informatique et de couture",
];
const STREETS = ["de la République", "Jean Jaurès", "Victor Hugo", "des Écoles", "du Général de Gaulle", "Pasteur", "de la Gare", "des Tilleuls", "Émile Zola"];
const ROAD_TYPES = ["RUE", "AV", "BD", "PL", "CHE", "ALL", "IMP", "RTE"];

/** A field as the published files write it: quoted, quotes doubled. */
const q = (value: string) => `"${value.replace(/"/g, '""')}"`;

function date(rng: Random, fromYear: number, toYear: number): string {
  const year = rng.int(fromYear, toYear);
  return `${year}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
}

/**
 * Writes `rows` data rows to `file` (with a header); returns the file's size in bytes. `changedEvery`: a
 * later edition of the same file, where one association in that many changed (a later maj_time, another
 * name and purpose), the other rows as they were.
 */
export function generateWaldec(file: string, rows: number, seed = 20241101, changedEvery = 0): number {
  const rng = new Random(seed);
  const reference = readReferenceFiles();
  const communes = reference.communes.map((c) => ({ insee: c.insee, name: c.name, dept: c.dept }));
  const byInsee = new Map(communes.map((c) => [c.insee, c]));
  const withQpv = [...new Set(reference.qpvs.flatMap((q) => q.insee))].map((insee) => byInsee.get(insee)).filter((c) => c !== undefined);
  const plm = communes.filter((c) => cityOfDistrict(c.insee));
  const postal = new Map(reference.postalCodes.map((p) => [p.insee, p.cp]));
  const themes = reference.themes.map((t) => t.code);

  const fd = fs.openSync(file, "w");
  let size = 0;
  let buffer: string[] = [];
  const write = (line: string) => {
    buffer.push(line);
    if (buffer.length >= 5000) flush();
  };
  const flush = () => {
    const text = buffer.join("\r\n") + "\r\n";
    size += fs.writeSync(fd, text);
    buffer = [];
  };
  write(HEADER.split(";").map(q).join(";"));
  for (let i = 0; i < rows; i++) {
    const draw = rng.next();
    const commune = draw < 0.05 ? rng.pick(plm) : draw < 0.5 ? rng.pick(withQpv) : rng.pick(communes);
    const dept = commune.dept.length === 2 ? commune.dept : commune.dept.slice(1);
    const rna = rng.chance(0.001) ? `W${dept}${i}` : `W${dept.padEnd(2, "0")}${i % 10}${String(i).padStart(6, "0").slice(-6)}`;
    const insee = rng.chance(0.002) ? `${dept.padEnd(2, "0")}999` : commune.insee;
    const created = date(rng, 1950, 2024);
    const position = rng.next();
    const status = position < 0.85 ? "A" : position < 0.97 ? "D" : position < 0.99 ? "S" : "R";
    const dissolved = status === "D" && rng.chance(0.8) ? `${rng.int(Number(created.slice(0, 4)), 2024)}-12-31` : "0001-01-01";
    const name = `${rng.pick(KINDS)} ${rng.pick(PURPOSES)} de ${commune.name}${rng.chance(0.1) ? `; section ${rng.int(1, 9)}` : ""}`;
    const object = rng.pick(OBJECTS) + (rng.chance(0.03) ? `\r\n${rng.pick(OBJECTS)}` : "");
    const theme1 = rng.chance(0.1) ? "000000" : rng.chance(0.5) ? rng.pick(themes) : `${rng.pick(themes).slice(0, 3)}0${rng.int(10, 99)}`;
    const theme2 = rng.chance(0.6) ? "000000" : rng.pick(themes);
    const siret = rng.chance(0.2) ? siretWithLuhn(sirenWithLuhn(`${rng.int(3, 9)}${String(i).padStart(7, "0")}`), String(rng.int(1, 9999)).padStart(4, "0")) : "";
    const maj = `${2009 + (i % 15)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")} ${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00`;
    const changed = changedEvery > 0 && i % changedEvery === 0;
    const fields = [
      rna, "", siret, "N", `${dept}${rng.int(1, 5)}P`, created, created, created, dissolved, "D", rng.chance(0.95) ? "S" : rng.pick(["U", "F"]),
      changed ? `${name} (nouveau bureau)` : name, rng.chance(0.2) ? name.split(" ").map((w) => w[0]).join("").toUpperCase().slice(0, 10) : "", changed ? `${object}; accompagner les nouveaux habitants` : object, theme1, theme2,
      rng.chance(0.1) ? `Bâtiment ${rng.int(1, 20)}` : "", String(rng.int(1, 250)), rng.chance(0.05) ? "B" : "", rng.pick(ROAD_TYPES), rng.pick(STREETS), "",
      insee, postal.get(commune.insee) ?? "", commune.name.toUpperCase(), "", "", "", "", "", "", "", "FRANCE", "PRESIDENT", "", "0", "", status, changed ? `2025-${maj.slice(5)}` : maj,
    ];
    write(fields.map(q).join(";"));
  }
  flush();
  fs.closeSync(fd);
  return size;
}
