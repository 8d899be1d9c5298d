import * as echarts from 'echarts';
import type { Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';

/**
 * A map of the world's countries for ECharts' geo component. The map data (Natural Earth 1:110m, from the world-atlas
 * package) is bundled with the app, so maps draw without any tile server the user's browser may not reach.
 */
const ANTARCTICA = '010';
let registered = false;
export function registerWorld(): void {
  if (!registered) {
    const topology = world as unknown as Topology;
    const countries = feature(topology, topology.objects.countries) as unknown as { features: { id?: string }[] };
    // Without Antarctica (ISO 3166 numeric 010), whose outline runs along the map's whole bottom edge.
    const shown = { ...countries, features: countries.features.filter((country) => country.id !== ANTARCTICA) };
    echarts.registerMap('world', shown as unknown as Parameters<typeof echarts.registerMap>[1]);
    registered = true;
  }
}

/** The geo component's settings every map shares: the countries, still, in quiet colours. */
export const WORLD_GEO = {
  map: 'world',
  silent: true,
  roam: false,
  itemStyle: { areaColor: '#eef2f5', borderColor: '#aab4be' },
  emphasis: { disabled: true },
};

/** The box around the points with a margin: [[west, north], [east, south]]. */
export function boundsOf(points: readonly (readonly number[])[]): [[number, number], [number, number]] {
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const margin = Math.max(4, (Math.max(...lons) - Math.min(...lons)) * 0.1);
  return [
    [Math.min(...lons) - margin, Math.max(...lats) + margin],
    [Math.max(...lons) + margin, Math.min(...lats) - margin],
  ];
}

/** A place's label on the side away from the map's edge it is nearest (east or west), so that no label is cut. */
export function labelSide(lon: number, points: readonly (readonly number[])[]): { position: 'left' | 'right' } {
  const lons = points.map((p) => p[0]);
  return { position: lon > (Math.min(...lons) + Math.max(...lons)) / 2 ? 'left' : 'right' };
}
