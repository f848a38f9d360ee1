export const MAX_IDS_PER_REQUEST = 100;

export function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
	return chunks;
}

/**
 * Runs `task` over `values` with at most `limit` running at once, results in input order.
 * With a `deadline` (epoch ms), tasks not yet started by then are skipped (result `undefined`).
 */
export async function mapWithConcurrency<T, R>(
	values: T[],
	limit: number,
	task: (value: T, index: number) => Promise<R>,
	deadline?: number,
): Promise<Array<R | undefined>> {
	const results: Array<R | undefined> = new Array(values.length).fill(undefined);
	let next = 0;
	const worker = async () => {
		while (next < values.length) {
			if (deadline !== undefined && Date.now() >= deadline) return;
			const index = next++;
			results[index] = await task(values[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, values.length)) }, worker));
	return results;
}
