/**
 * A PostgreSQL WAL position (an LSN, written "16/B374D848": two hexadecimal halves of a 64-bit
 * offset), the consistency token of read-your-writes: a mutation answers the primary's position after
 * its commit, and a replica that has replayed up to it sees that commit.
 */
export type WalPosition = bigint;

const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/** The position of an LSN's text, or undefined when the text is not one (a client's malformed token). */
export function parseWalPosition(text: string): WalPosition | undefined {
  const match = LSN.exec(text.trim());
  return match ? (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`) : undefined;
}

/** The LSN text of a position, as PostgreSQL writes it. */
export function formatWalPosition(position: WalPosition): string {
  return `${(position >> 32n).toString(16).toUpperCase()}/${(position & 0xffffffffn).toString(16).toUpperCase()}`;
}
