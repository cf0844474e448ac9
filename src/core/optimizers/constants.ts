/**
 * Numbers the rules' definitions use by name. The build-time generator (scripts/gen-rule-source.ts)
 * writes them into the compiled loops' source as literals, so a rule may use these and no other
 * names from outside its own two functions.
 */

/**
 * Running products β^t (β in [0, 1)) at or below this are stored as 0. In double arithmetic
 * 1 − x is exactly 1 for every x ≤ 2⁻⁵⁴ (1 − 2⁻⁵⁴ lies halfway between 1 − 2⁻⁵³ and 1 and
 * rounds to the even one, 1), and once a product is that small it only shrinks, so every bias
 * correction 1 − β^t, √(1 − β^t), 1 − Π is the same bit for bit whether the product is kept or
 * flushed. Kept, it would sink into subnormal numbers (below 2⁻¹⁰²², after ~6,700 steps at
 * β = 0.9), where each multiply takes a slow microcode path and a step costs 1.3–1.8× more.
 */
export const POWER_FLUSH = 2 ** -54;

/**
 * RAdam's β₂ᵗ also enters ρₜ = ρ∞ − 2tβ₂ᵗ / (1 − β₂ᵗ), so it is flushed only once 2tβ₂ᵗ is below
 * ρ∞·2⁻⁵⁸ as well: ρ∞ − δ rounds to ρ∞ for any δ under ρ∞·2⁻⁵⁴ (half the spacing of doubles
 * just below ρ∞), and past t = 1/(1 − β₂) the exact 2tβ₂ᵗ only shrinks; the rounded product can
 * creep up by at most a factor 1 + 2⁻⁵³ a step, which the margin of 8 absorbs for ~2⁵⁴ steps.
 * So the flushed run computes the same ρₜ, bias corrections and iterates, bit for bit.
 */
export const RHO_FLUSH = 2 ** -58;
