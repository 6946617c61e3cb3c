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
};

interface DriverError {
  code?: string;
  constraint?: string;
}

/** The typed failure a database error stands for, or null for an unexpected one (which stays a 500, logged). */
export function failureOfDatabaseError(error: unknown): MutationFailure | null {
  const driver = ((error as { driverError?: DriverError }).driverError ?? error) as DriverError;
  if (driver?.code === "23505" && driver.constraint && UNIQUE[driver.constraint]) return UNIQUE[driver.constraint]();
  if (driver?.code === "23514") {
    // Validation runs first and mirrors every CHECK; reaching one means a rule is missing: say so plainly.
    return MutationFailure.of("INVALID_INPUT", `The record breaks the rule "${driver.constraint ?? "check"}".`, ["input"]);
  }
  return null;
}
