import type { ItemParams } from '../../../../core/params';
import { type OfferingInput, readOfferingId } from '../inputs';

export interface Input extends OfferingInput {
	/** undefined: all plans. */
	limit: number | undefined;
}

export function input(params: ItemParams): Input {
	return { offeringId: readOfferingId(params), limit: params.limit() };
}
