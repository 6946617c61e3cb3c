/**
 * SQL condition: the partner coverage row `pc` includes the commune row `cc`, whose département row
 * is `cd` (directly, or through its EPCI, département or région).
 */
export const COVERAGE_INCLUDES_COMMUNE = `(pc.commune_insee_code = cc.insee_code OR pc.epci_siren = cc.epci_siren
  OR pc.department_code = cc.department_code OR pc.region_code = cd.region_code)`;
