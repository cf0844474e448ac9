/**
 * Everything `<descent-playground>` needs for typed-in surfaces beyond the expression module
 * itself: the expression field, the surface a configuration names, and how the race follows a new
 * expression. A lazy chunk (custom-loader.ts), fetched with the expression module when a typed-in
 * surface is first used, so a page of catalog surfaces never downloads it.
 */
import { enField } from '../../i18n/en-field';
import { addStrings } from '../../i18n/index';

addStrings('en', enField);

export { ExpressionField, type ExpressionChange } from './expression-field';
export { adoptFieldStyles } from './expression-field.styles';
export { configSurface, expressionProblem, followExpression, precompileAttributes } from './custom-surface';
export { customConfig, withCustomRace } from '../../state/custom-race';
