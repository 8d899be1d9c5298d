import * as echarts from 'echarts';
import type { Journey } from './answers';
import { h } from './dom';
import { onTheWay, position } from './journey-facts';
import { t } from './i18n';
import { location, placeName } from './places';
import { boundsOf, labelSide, registerWorld, WORLD_GEO } from './world-map';

/**
 * The journey's route on a map of the world's countries (world-map.ts): the legs travelled drawn solid, those to
 * come dashed, the container's position marked.
 */
const coordinates = (locode: string | null | undefined) => location(locode)?.lonLat;

/**
 * The chart's element (data-route and data-position say what it draws), a function that draws it once the element
 * is in the page (ECharts sizes the chart from the element), and one that frees it.
 */
export function routeMap(j: Journey): { element: HTMLElement; draw: () => void; dispose: () => void } {
  registerWorld();
  const legs = j.legs.filter((l) => coordinates(l.from?.locode) && coordinates(l.to?.locode));
  const stops = legs.length
    ? [legs[0].from!.locode, ...legs.map((l) => l.to!.locode)]
    : [j.origin?.locode, j.destination?.locode].filter((l): l is string => Boolean(coordinates(l)));
  const where = position(j);
  const described = where.onLeg ? onTheWay(where.onLeg) : `${t('whereNow')}: ${placeName(where.at)}`;
  const element = h('div', {
    class: 'chart route',
    role: 'img',
    'aria-label': `${t('routeMap')}: ${stops.map((s) => placeName(s)).join(' → ')}. ${described}.`,
    'data-route': stops.join(' '),
    'data-position': where.onLeg ? `${where.onLeg.from?.locode}-${where.onLeg.to?.locode}` : (where.at ?? ''),
  });
  const points = stops.map((s) => coordinates(s)!);
  const marker = where.onLeg
    ? midpoint(coordinates(where.onLeg.from?.locode)!, coordinates(where.onLeg.to?.locode)!)
    : coordinates(where.at);
  const segments = legs.length
    ? legs.map((l) => ({ from: l.from!.locode, to: l.to!.locode, travelled: Boolean(l.actualArrival) }))
    : stops.length === 2
      ? [{ from: stops[0], to: stops[1], travelled: false }]
      : [];
  const line = (travelled: boolean) => ({
    type: 'lines',
    coordinateSystem: 'geo',
    silent: true,
    lineStyle: travelled ? { color: '#0b5cab', width: 3 } : { color: '#4a5663', width: 2, type: 'dashed' },
    data: segments
      .filter((segment) => segment.travelled === travelled)
      .map((segment) => ({ coords: [coordinates(segment.from), coordinates(segment.to)] })),
  });
  const option = {
    animation: false,
    geo: { ...WORLD_GEO, boundingCoords: boundsOf(points.length ? points : [[60, 45]]) },
    series: [
      line(true),
      line(false),
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        silent: true,
        symbolSize: 8,
        itemStyle: { color: '#17202a' },
        label: { show: true, position: 'right', formatter: '{b}', color: '#17202a', fontSize: 12 },
        labelLayout: { hideOverlap: true },
        data: stops.map((s) => ({
          name: placeName(s),
          value: coordinates(s),
          label: labelSide(coordinates(s)![0], points),
        })),
      },
      ...(marker
        ? [
            {
              type: 'scatter',
              coordinateSystem: 'geo',
              silent: true,
              symbol: 'pin',
              symbolSize: 30,
              itemStyle: { color: '#9b2c2c' },
              data: [{ name: described, value: marker }],
            },
          ]
        : []),
    ],
  };
  let chart: echarts.ECharts | undefined;
  const resize = () => chart?.resize();
  return {
    element,
    draw: () => {
      chart = echarts.init(element);
      chart.setOption(option);
      window.addEventListener('resize', resize);
    },
    dispose: () => {
      window.removeEventListener('resize', resize);
      chart?.dispose();
    },
  };
}

const midpoint = (a: readonly number[], b: readonly number[]): [number, number] => [
  (a[0] + b[0]) / 2,
  (a[1] + b[1]) / 2,
];
