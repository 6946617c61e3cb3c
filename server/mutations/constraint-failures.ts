import { MutationFailure } from "./mutation-failure";

/**
 * Database constraints that mean an expected business failure. Uniqueness is left to the database
 * (a check before the insert would race with a concurrent one): its violation becomes a typed error.
 */
const UNIQUE: Record<string, () => MutationFailure> = {
  organization_rna_key: () => MutationFailure.of("DUPLICATE_RNA", "An association with this RNA number is already recorded.", ["input", "rna"]),
  organization_siret_key: () => MutationFailure.of("DUPLICATE_SIRET", "An organisation with this SIRET number is already recorded.", ["input", "siret"]),
  membership_network_member_key: () =>
    MutationFailure.of("DUPLICATE_MEMBERSHIP", "This organisation is already a member of this network (restore or update that membership).", ["input", "memberId"]),
  charter_signature_organization_key: () =>
    MutationFailure.of("ALREADY_SIGNED", "This organisation has already signed the charter (restore or update its signature).", ["input", "organizationId"]),
  proposal_number_key: () =>
    MutationFailure.of("DUPLICATE_PROPOSAL", "A proposal with this number is already loaded (update that proposal).", ["input", "number"]),
};

interface DriverError {
  code?: string;
  constraint?: string;
}

/** The typed failure a database error stands for, or null for an unexpected one (which stays a 500, logged). */
export function failureOfDatabaseError(error: unknown): MutationFailure | null {
  const driver = ((error as { driverError?: DriverError }).driverError ?? error) as DriverError;
  if (driver?.code === "23505" && driver.constraint && UNIQUE[driver.constraint]) return UNIQUE[driver.constraint]();
  // Validation runs first and mirrors every constraint and type; reaching one of these means a rule is
  // missing: the client still gets a typed answer (nothing was written), not a 500.
  if (driver?.code === "23505") return MutationFailure.of("INVALID_INPUT", `The record would repeat one already recorded (${driver.constraint ?? "unique"}).`, ["input"]);
  if (driver?.code === "23514") return MutationFailure.of("INVALID_INPUT", `The record breaks the rule "${driver.constraint ?? "check"}".`, ["input"]);
  if (driver?.code?.startsWith("22")) return MutationFailure.of("INVALID_INPUT", "A value is out of range or malformed for its field.", ["input"]);
  return null;
}
