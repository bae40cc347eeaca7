/**
 * Timed assertions in tests catch freezes and accidental quadratic work; they do not hold the
 * performance budgets. The budgets live in the benchmarks under bench/ (README, Performance),
 * measured with the machine otherwise idle. A test run shares its cores with its own parallel
 * workers and whatever else the machine does, so a test allows this multiple of the budget.
 */
export const FREEZE_FACTOR = 5;

/** The bound a test asserts for work whose benchmark budget is `budgetMs`. */
export function freezeBound(budgetMs: number): number {
  return budgetMs * FREEZE_FACTOR;
}
