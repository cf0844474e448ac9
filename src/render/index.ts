/** descent-lab/render: d3 (contours, ticks, symbols) as math. Geometry and colours as plain data; no DOM, no lit. */
export { sampleGrid } from './grid';
export type { SurfaceGrid } from './grid';
export { contourLevels } from './levels';
export type { ContourLevels, ContourLevelOptions } from './levels';
export { contourRings, ringsPath } from './contours';
export type { ContourBand } from './contours';
export { panelScales, panelHeight, scaleLinear, scaleLog, niceLinear, niceLog } from './scales';
export type { PanelScales, LinearScale, LogScale, Scale } from './scales';
export { assignColors, colorRamp, contourColor, lightContourStops, presetColors } from './colors';
export { trajectoryGeometry } from './paths';
export type { TrajectoryGeometry, TrajectoryGeometryOptions } from './paths';
export { axisTicks, logTicks, formatNumber } from './ticks';
export type { Tick } from './ticks';
export { lossScale, lossPath, LOG_FLOOR } from './loss';
export type { LossScale } from './loss';
export { criticalSymbol, criticalLabels, criticalKinds } from './markers';
