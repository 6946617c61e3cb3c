import { AddressQpvResolver } from "./address.resolver";
import { AssociationResolver, RnaRecordResolver } from "./association.resolver";
import { AuditResolver } from "./audit.resolver";
import { CharterSignatureResolver } from "./charter-signature.resolver";
import { ContratDeVilleResolver } from "./contrat-de-ville.resolver";
import {
  CooperationHubResolver, CooperationLinkResolver, CooperationNetworkNodeResolver, CooperationPathResolver, CooperationResolver,
  OrganizationCooperationResolver, PartnerSuggestionResolver, SuggestionReasonResolver,
} from "./cooperation.resolver";
import { DashboardResolver } from "./dashboard.resolver";
import { EventResolver } from "./event.resolver";
import { GeographyResolver } from "./geography.resolver";
import { GoodPracticeResolver } from "./good-practice.resolver";
import { MembershipResolver } from "./membership.resolver";
import {
  ActivityMutationsResolver, CharterSignaturePayload, EventPayload, GoodPracticePayload, MembershipPayload, ProjectPayload,
} from "./mutations/activity-mutations.resolver";
import { AssociationPayload, OrganizationMutationsResolver, PartnerPayload } from "./mutations/organization-mutations.resolver";
import { ProposalMutationsResolver, ProposalPayload } from "./mutations/proposal-mutations.resolver";
import { ArchivePayload, RecordMutationsResolver } from "./mutations/record-mutations.resolver";
import { NodeResolver } from "./node.resolver";
import { OrganizationResolver, QpvPresenceResolver } from "./organization.resolver";
import { PartnerCoverageResolver } from "./partner-coverage.resolver";
import { PartnerResolver } from "./partner.resolver";
import { FundingResolver, ProjectParticipantResolver, ProjectResolver } from "./project.resolver";
import { QpvResolver } from "./qpv.resolver";
import { SearchResolver } from "./search.resolver";
import { ProposalResolver, StakeResolver } from "./stake.resolver";
import { CommuneResolver, DepartmentResolver, EpciResolver, MunicipalDistrictResolver, RegionResolver } from "./territory.resolver";
import { ThemeResolver } from "./theme.resolver";
import { ViewerResolver } from "./viewer.resolver";

/** Every resolver of the graph. */
export const RESOLVERS = [
  NodeResolver, OrganizationResolver, QpvPresenceResolver, AssociationResolver, RnaRecordResolver, PartnerResolver, PartnerCoverageResolver,
  MembershipResolver, ProjectResolver, ProjectParticipantResolver, FundingResolver, EventResolver, CharterSignatureResolver,
  GoodPracticeResolver, StakeResolver, ProposalResolver, ThemeResolver, RegionResolver, DepartmentResolver, EpciResolver,
  CommuneResolver, MunicipalDistrictResolver, QpvResolver, ContratDeVilleResolver,
  SearchResolver, GeographyResolver, AddressQpvResolver, DashboardResolver,
  CooperationResolver, OrganizationCooperationResolver, CooperationLinkResolver, CooperationNetworkNodeResolver, CooperationPathResolver,
  CooperationHubResolver, PartnerSuggestionResolver, SuggestionReasonResolver,
  OrganizationMutationsResolver, AssociationPayload.Resolver, PartnerPayload.Resolver,
  RecordMutationsResolver, ArchivePayload.Resolver, AuditResolver,
  ActivityMutationsResolver, MembershipPayload.Resolver, ProjectPayload.Resolver, EventPayload.Resolver, CharterSignaturePayload.Resolver,
  GoodPracticePayload.Resolver, ProposalMutationsResolver, ProposalPayload.Resolver,
  ViewerResolver,
] as const;
