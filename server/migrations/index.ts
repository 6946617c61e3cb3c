import { InitialSchema1732600000000 } from "./1732600000000-initial-schema";
import { Extensions1732700000000 } from "./1732700000000-extensions";
import { CooperationLinks1732700000001 } from "./1732700000001-cooperation-links";
import { Search1732700000002 } from "./1732700000002-search";
import { Geography1732700000003 } from "./1732700000003-geography";
import { Dashboards1732700000004 } from "./1732700000004-dashboards";
import { WriteSide1732800000000 } from "./1732800000000-write-side";
import { RnaImport1732800000100 } from "./1732800000100-rna-import";
import { NationalScale1732900000000 } from "./1732900000000-national-scale";
import { MembershipConsent1733000000000 } from "./1733000000000-membership-consent";
import { Proposals1733000000100 } from "./1733000000100-proposals";
import { FullTextSearch1733100000000 } from "./1733100000000-full-text-search";
import { DashboardAggregates1733100000100 } from "./1733100000100-dashboard-aggregates";
import { SearchPartnerIndexes1733100000200 } from "./1733100000200-search-partner-indexes";
import { EventAggregates1733100000300 } from "./1733100000300-event-aggregates";
import { CheaperSortKey1733200000000 } from "./1733200000000-cheaper-sort-key";
import { SearchWordGin1733200000100 } from "./1733200000100-search-word-gin";
import { DropNameTrigramIndexes1733300000100 } from "./1733300000100-drop-name-trigram-indexes";

/** Every migration, oldest first; applied at start-up. */
export const MIGRATIONS = [
  InitialSchema1732600000000,
  Extensions1732700000000,
  CooperationLinks1732700000001,
  Search1732700000002,
  Geography1732700000003,
  Dashboards1732700000004,
  WriteSide1732800000000,
  RnaImport1732800000100,
  NationalScale1732900000000,
  MembershipConsent1733000000000,
  Proposals1733000000100,
  FullTextSearch1733100000000,
  DashboardAggregates1733100000100,
  SearchPartnerIndexes1733100000200,
  EventAggregates1733100000300,
  CheaperSortKey1733200000000,
  SearchWordGin1733200000100,
  DropNameTrigramIndexes1733300000100,
];
