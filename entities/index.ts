import { OrganizationContact } from "./organization-contact.entity";
import { RnaRecord } from "./rna-record.entity";

/**
 * TypeORM entities that are no concept's: an organisation's contact people (read through their
 * organisation) and the RNA's records. The data source registers these and every concept's entities
 * (server/concepts), so an entity with a descriptor is not listed here.
 */
export const ENTITIES = [OrganizationContact, RnaRecord];
