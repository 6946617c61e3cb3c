/** Formats of contact details typed by users: pure functions, one rule each. */

// One @, no spaces, a dot in the domain: what the database CHECK accepts too. Full RFC 5322 is not the goal.
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
// French or international numbers: digits, spaces, dots, dashes, parentheses, an optional leading +.
const PHONE = /^\+?[0-9][0-9 .()-]{5,28}[0-9]$/;

/** Whether a value looks like an email address (at most 254 characters, RFC 5321's limit). */
export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** Whether a value is an absolute http(s) URL with a host (at most 2,000 characters). */
export function isValidWebUrl(value: string): boolean {
  if (value.length > 2000) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".") && value.startsWith(`${url.protocol}//`);
  } catch {
    return false;
  }
}

/** Whether a value looks like a phone number (8 to 30 characters of digits and separators). */
export function isValidPhone(value: string): boolean {
  return PHONE.test(value);
}
