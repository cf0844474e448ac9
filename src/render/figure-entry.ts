/**
 * descent-lab/figure: figures and tables without a browser. A race's figure as a standalone SVG
 * (`figure` lays it out as plain data, `figureSvg` writes it), and its numbers as CSV or JSON
 * (`runsCsv`, `runsJson`) with what is needed to compute them again with descent-lab/core. The
 * elements' `exportFigure()` writes the same ones in the page (and PNG, GIF and video there).
 */
export { figure, figureSvg, lightFigurePalette, hexRamp, circlePath, FIGURE_FONT } from './figure';
export type { Figure, FigureItem, FigurePalette, FigureRun, FigureSpec } from './figure';
export { runsCsv, runsJson } from './table';
export type { TableMeta, TableRun, TableRunOptions } from './table';
export { simplifierReady } from './paths';
/** The path simplifier: give it to figure() as `simplify` for simplified contours (a smaller SVG). */
export { simplify } from './simplify';
/** Each preset's colour, as the elements draw it in the light theme. */
export { presetColors } from './colors';
