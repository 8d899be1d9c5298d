import type * as echarts from 'echarts';
import type { ContainersNow } from './answers';
import { code, t } from './i18n';
import { CORRIDOR_LINES, location, placeName } from './places';
import { boundsOf, labelSide, registerWorld, WORLD_GEO } from './world-map';

const CORRIDOR_COLOURS: Readonly<Record<string, string>> = {
  CHINA_EUROPE_RAIL: '#0b5cab',
  LAND_SEA_CORRIDOR: '#2f855a',
  YANGTZE_RIVER_SEA: '#b7791f',
};

/**
 * The containers now on a map of the world (world-map.ts): each corridor's line from origin to destination with the
 * number on the way in the legend, and at each place a circle sized by the containers there. data-counts on the
 * element holds the counts per place.
 */
export function showCorridorMap(chart: echarts.ECharts, counts: ContainersNow, element: HTMLElement): void {
  registerWorld();
  // The chart may have been made before its element was in the page: take the element's size first, or the map
  // is laid out for a box of none.
  chart.resize();
  const at = new Map(counts.atPlaces.map((p) => [p.locode, p.containers]));
  element.dataset.counts = JSON.stringify(Object.fromEntries(at));
  const onTheWay = new Map(counts.onTheWay.map((c) => [c.corridor, c.containers]));
  const corridors = Object.entries(CORRIDOR_LINES);
  const places = [...new Set(corridors.flatMap(([, line]) => line))];
  const lonLat = (locode: string) => location(locode)!.lonLat;
  const points = places.map(lonLat);
  const legend = (corridor: string) => `${code('corridor', corridor)}: ${onTheWay.get(corridor) ?? 0} ${t('onTheWay')}`;
  chart.setOption({
    animation: false,
    legend: { bottom: 0, data: corridors.map(([corridor]) => legend(corridor)) },
    tooltip: { trigger: 'item' },
    geo: { ...WORLD_GEO, boundingCoords: boundsOf(points) },
    series: [
      ...corridors.map(([corridor, line]) => ({
        name: legend(corridor),
        type: 'lines',
        coordinateSystem: 'geo',
        polyline: true,
        silent: true,
        lineStyle: { color: CORRIDOR_COLOURS[corridor], width: 3 },
        data: [{ coords: line.map(lonLat) }],
      })),
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        itemStyle: { color: '#17202a' },
        symbolSize: (value: number[]) => 8 + Math.sqrt(value[2]) * 3,
        label: { show: true, position: 'right', formatter: '{b}', fontSize: 11 },
        labelLayout: { hideOverlap: true },
        tooltip: { formatter: (p: { name: string; value: number[] }) => `${p.name}: ${p.value[2]} ${t('containers')}` },
        data: places.map((locode) => ({
          name: `${placeName(locode)} ${at.get(locode) ?? 0}`,
          value: [...lonLat(locode), at.get(locode) ?? 0],
          label: labelSide(lonLat(locode)[0], points),
        })),
      },
    ],
  });
}
