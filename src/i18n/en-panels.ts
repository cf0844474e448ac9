/**
 * English strings of two small lazy chunks: the rule panel's (descent-playground/rule-panel-view.ts)
 * and "Copy embed code"'s (descent-playground/embed-copy.ts). Each chunk adds its own with
 * addStrings('en', …); the Korean set (ko.ts) has them.
 */
export const enRule = {
  torchVsPaper: 'torch vs. the paper:',
};

export const enEmbed = {
  embedCode: 'Embed code',
};
