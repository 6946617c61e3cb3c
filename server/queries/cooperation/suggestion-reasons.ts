import { PartnerSuggestion, SuggestionReason, SuggestionReasonKind } from "../../../schema/types/cooperation.type";
import { SuggestionRow } from "./suggestions";

/** Turns suggestion rows into GraphQL values: one reason per shared QPV, nearby QPV, shared and complementary theme. */
export function toSuggestions(rows: SuggestionRow[]): PartnerSuggestion[] {
  const reason = (kind: SuggestionReasonKind, fields: Partial<SuggestionReason>) => Object.assign(new SuggestionReason(), { kind, ...fields });
  return rows.map((row) =>
    Object.assign(new PartnerSuggestion(), {
      organizationId: row.organizationId,
      score: row.score,
      reasons: [
        ...row.sameQpvs.map((qpvCode) => reason(SuggestionReasonKind.SAME_QPV, { qpvCode })),
        ...row.nearbyQpvs.map(({ qpvCode, distanceMeters }) => reason(SuggestionReasonKind.NEARBY_QPV, { qpvCode, distanceMeters })),
        ...row.sharedThemes.map((themeCode) => reason(SuggestionReasonKind.SHARED_THEME, { themeCode })),
        ...row.complementaryThemes.map((themeCode) => reason(SuggestionReasonKind.COMPLEMENTARY_THEME, { themeCode })),
      ],
    }),
  );
}
