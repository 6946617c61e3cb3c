/** A GeoJSON MultiPolygon's coordinates: polygons -> rings -> [lon, lat] positions. */
export type MultiPolygonCoordinates = number[][][][];

/** Bounding box of a multipolygon. */
export function boundingBox(polygons: MultiPolygonCoordinates) {
  let minLongitude = Infinity, minLatitude = Infinity, maxLongitude = -Infinity, maxLatitude = -Infinity;
  for (const ring of polygons.flat()) {
    for (const [lon, lat] of ring) {
      minLongitude = Math.min(minLongitude, lon);
      maxLongitude = Math.max(maxLongitude, lon);
      minLatitude = Math.min(minLatitude, lat);
      maxLatitude = Math.max(maxLatitude, lat);
    }
  }
  return { minLongitude, minLatitude, maxLongitude, maxLatitude };
}

/**
 * Area-weighted centroid of a multipolygon (holes subtract), in planar lon/lat: exact enough at
 * the scale of a neighbourhood. Falls back to the bounding-box centre for degenerate shapes.
 */
export function centroid(polygons: MultiPolygonCoordinates): { longitude: number; latitude: number } {
  let area = 0, cx = 0, cy = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, index) => {
      let ringArea = 0, rx = 0, ry = 0;
      for (let i = 0; i < ring.length - 1; i++) {
        const [x0, y0] = ring[i];
        const [x1, y1] = ring[i + 1];
        const cross = x0 * y1 - x1 * y0;
        ringArea += cross;
        rx += (x0 + x1) * cross;
        ry += (y0 + y1) * cross;
      }
      // Outer rings add, holes subtract, whatever their winding order.
      const sign = (index === 0 ? 1 : -1) * Math.sign(ringArea);
      area += sign * ringArea;
      cx += sign * rx;
      cy += sign * ry;
    });
  }
  if (Math.abs(area) < 1e-12) {
    const box = boundingBox(polygons);
    return { longitude: (box.minLongitude + box.maxLongitude) / 2, latitude: (box.minLatitude + box.maxLatitude) / 2 };
  }
  return { longitude: cx / (3 * area), latitude: cy / (3 * area) };
}
