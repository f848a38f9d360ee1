/**
 * Money is kept as integer units of 0.00001 USD so that charges, refunds and the balance never drift
 * the way binary floating point would; panels show five decimals ("0.27819").
 */

export const UNITS_PER_DOLLAR = 100_000;

export function dollarsToUnits(dollars: number): number {
	return Math.round(dollars * UNITS_PER_DOLLAR);
}

/** Charge for `quantity` items of a service priced per 1000. */
export function chargePerThousand(rate: string, quantity: number): number {
	return Math.round((Number(rate) * quantity * UNITS_PER_DOLLAR) / 1000);
}

/** "123.45000"-style string, as most panels send money. */
export function formatUnits(units: number): string {
	const sign = units < 0 ? '-' : '';
	const abs = Math.abs(units);
	const whole = Math.floor(abs / UNITS_PER_DOLLAR);
	const fraction = String(abs % UNITS_PER_DOLLAR).padStart(5, '0');
	return `${sign}${whole}.${fraction}`;
}

/** Plain JSON number (seed 002 sends `"balance": 10000`). */
export function unitsToNumber(units: number): number {
	return Number(formatUnits(units));
}
