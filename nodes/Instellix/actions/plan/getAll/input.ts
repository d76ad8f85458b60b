import type { ItemParams } from '../../../../core/params';

export interface Input {
	/** undefined: every plan. */
	limit: number | undefined;
}

export function input(params: ItemParams): Input {
	return { limit: params.limit() };
}
