/** Distinct operation names kept as metric labels; later ones share one label. */
const MAX_OPERATION_LABELS = 200;
const seen = new Set<string>();

/**
 * The metric label for the name of a valid operation. Clients choose these names, so the set is
 * bounded: an unbounded label would let any client grow the metrics (and Prometheus) without limit.
 */
export function operationLabel(name: string | undefined): string {
  if (!name) return "(anonymous)";
  const label = name.slice(0, 80);
  if (seen.has(label)) return label;
  if (seen.size >= MAX_OPERATION_LABELS) return "(other)";
  seen.add(label);
  return label;
}
