/**
 * Validators of French public identifiers (RNA, SIREN, SIRET, INSEE commune code, postal code,
 * QPV code): pure functions without dependencies, shared by the API, the imports and the demo data.
 */

const RNA = /^W[0-9][0-9A-Z][0-9]{7}$/;
const DIGITS_9 = /^[0-9]{9}$/;
const DIGITS_14 = /^[0-9]{14}$/;
const DIGITS_4 = /^[0-9]{4}$/;
const DIGITS_8 = /^[0-9]{8}$/;
const INSEE_METROPOLITAN = /^([0-9]{2}|2[AB])[0-9]{3}$/;
const INSEE_OVERSEAS = /^9[78][0-9]{3}$/;
const POSTAL_CODE = /^[0-9]{5}$/;
// Zeros pass the Luhn check but are no one's number.
const ALL_ZEROS = /^0+$/;
const DEPARTMENT = /^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|9[78][0-9])$/;
const QPV_2024 = /^QN[0-9]{2}[0-9AB][0-9]{2}[A-Z]$/;
const QPV_2015 = /^QP[0-9]{6}$/;

/** SIREN of La Poste, whose establishments' SIRET numbers follow their own check rule. */
export const LA_POSTE_SIREN = "356000000";

/** Whether a string of digits passes the Luhn check (every second digit from the right doubled). */
export function luhnChecksumValid(digits: string): boolean {
  if (typeof digits !== "string" || !/^[0-9]+$/.test(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/** Sum of the Luhn algorithm, doubling the rightmost digit when `doubleFirst` (used to compute a check digit). */
function luhnSum(digits: string, doubleFirst: boolean): number {
  let sum = 0;
  for (let i = digits.length - 1, double = doubleFirst; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/** The Luhn check digit to append to a string of digits so that the whole passes the check. */
function luhnCheckDigit(digits: string): string {
  return String((10 - (luhnSum(digits, true) % 10)) % 10);
}

/** Whether a value is an RNA number of the current format (`W`, 3-character prefix of the registry, 6 digits). */
export function isValidRna(value: string): boolean {
  return typeof value === "string" && RNA.test(value);
}

/** Whether a value is a SIREN number: 9 digits passing the Luhn check, or La Poste's 356000000. */
export function isValidSiren(value: string): boolean {
  if (typeof value !== "string" || !DIGITS_9.test(value) || ALL_ZEROS.test(value)) return false;
  return value === LA_POSTE_SIREN || luhnChecksumValid(value);
}

/** Whether a value is a SIRET number: 14 digits passing the Luhn check, or a La Poste one whose digit sum is a multiple of 5. */
export function isValidSiret(value: string): boolean {
  if (typeof value !== "string" || !DIGITS_14.test(value) || ALL_ZEROS.test(value)) return false;
  if (luhnChecksumValid(value)) return true;
  return value.startsWith(LA_POSTE_SIREN) && digitSum(value) % 5 === 0;
}

/** Sum of the digits of a string of digits. */
function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

/** Whether a value has the format of an INSEE commune code (mainland, Corsica 2A/2B, or overseas 97x/98x); not checked against the reference list. */
export function isValidInseeCode(value: string): boolean {
  return typeof value === "string" && (INSEE_METROPOLITAN.test(value) || INSEE_OVERSEAS.test(value));
}

/** Whether a value has the format of a département code: 01 to 95 (no 20), 2A, 2B, or 97x and 98x overseas; not checked against the reference list. */
export function isValidDepartmentCode(value: string): boolean {
  return typeof value === "string" && DEPARTMENT.test(value);
}

/** Whether a value has the format of a French postal code (5 digits). */
export function isValidPostalCode(value: string): boolean {
  return typeof value === "string" && POSTAL_CODE.test(value);
}

/** Whether a value is a QPV code: 2024 (`QN` + département + order + letter, e.g. QN05981M) or 2015 (`QP` + 6 digits). */
export function isValidQpvCode(value: string): boolean {
  return typeof value === "string" && (QPV_2024.test(value) || QPV_2015.test(value));
}

/** A Luhn-valid SIREN built from its first 8 digits by appending the check digit. */
export function sirenWithLuhn(first8Digits: string): string {
  if (!DIGITS_8.test(first8Digits)) throw new Error(`sirenWithLuhn expects 8 digits, got "${first8Digits}"`);
  return first8Digits + luhnCheckDigit(first8Digits);
}

/** A Luhn-valid SIRET built from a SIREN and the first 4 digits of the establishment number (NIC), appending the check digit. */
export function siretWithLuhn(siren: string, nic4Digits: string): string {
  if (!DIGITS_9.test(siren)) throw new Error(`siretWithLuhn expects a 9-digit SIREN, got "${siren}"`);
  if (!DIGITS_4.test(nic4Digits)) throw new Error(`siretWithLuhn expects 4 NIC digits, got "${nic4Digits}"`);
  const first13 = siren + nic4Digits;
  return first13 + luhnCheckDigit(first13);
}
